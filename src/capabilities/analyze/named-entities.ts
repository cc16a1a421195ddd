/**
 * PERSON, ORGANIZATION and LOCATION from compromise's tagger (its lexicon of first names, honorifics,
 * organisation suffixes, countries, regions and cities, plus its capitalisation and context rules),
 * with exact UTF-16 offsets taken from compromise's per-term offsets and checked against the input:
 * a span whose text does not match the input at its offsets is dropped, never guessed.
 *
 * Trimmed from what compromise returns: honorifics ("Dr." in "Dr. Jane Smith"), a possessive "'s",
 * punctuation after the last word; places listed with commas ("Redmond, Washington") are split into
 * one LOCATION each. Lower-case matches ("apple", "turkey") are not names and are dropped.
 */
import nlp from 'compromise';

export type NamedEntityType = 'PERSON' | 'ORGANIZATION' | 'LOCATION';

export interface NamedSpan {
  type: NamedEntityType;
  start: number;
  end: number;
}

interface TermJson {
  text: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

interface MatchJson {
  terms: TermJson[];
}

/**
 * Well-known companies whose names are also common words or that compromise's lexicon lacks. Added
 * as organisations for capitalised use only; a common word ("Apple", "Amazon", "Shell") opening a
 * sentence stays unnamed unless the next word is capitalised too ("Apple Music").
 */
const COMPANIES = [
  'Apple',
  'Amazon',
  'Tesla',
  'Oracle',
  'Shell',
  'Target',
  'Meta',
  'Uber',
  'Airbnb',
  'Spotify',
  'Nvidia',
  'Intel',
  'Samsung',
  'Sony',
  'Toyota',
  'Volkswagen',
  'Siemens',
  'Nokia',
  'Adobe',
  'Salesforce',
  'OpenAI',
  'Anthropic',
  'PayPal',
  'eBay',
  'Twitter',
  'Facebook',
  'YouTube',
  'LinkedIn',
  'Alibaba',
  'Tencent',
  'Huawei',
  'Boeing',
  'Airbus',
  'Pfizer',
  'Walmart',
  'Starbucks',
  'McDonald',
];
const COMMON_WORD_COMPANIES = new Set(['apple', 'amazon', 'oracle', 'shell', 'target', 'meta']);

let extended = false;
function tagger(): typeof nlp {
  if (!extended) {
    nlp.plugin({
      words: Object.fromEntries(COMPANIES.map((name) => [name.toLowerCase(), 'Organization'])),
    });
    extended = true;
  }
  return nlp;
}

const HONORIFIC = /^(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|rev|st|gen|col|capt|sen|rep|gov|pres)\.?$/iu;
const TRAILING = /(?:['’]s|['’])$/u;

/** Named spans in input order; may overlap each other (resolved by the caller). */
export function extractNamedEntities(text: string): NamedSpan[] {
  if (!/\p{Lu}/u.test(text)) return []; // names are capitalised: nothing to find
  if (text.length <= CHUNK_CHARACTERS) return namesIn(text);
  // compromise builds a document of every term at once: long texts go through in pieces cut after
  // a sentence end, so memory stays bounded and offsets are shifted back.
  const spans: NamedSpan[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + CHUNK_CHARACTERS);
    if (to < text.length) {
      const window = text.slice(from + CHUNK_CHARACTERS / 2, to);
      const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf('. '));
      if (cut >= 0) to = from + CHUNK_CHARACTERS / 2 + cut + 1;
    }
    for (const span of namesIn(text.slice(from, to))) {
      spans.push({ ...span, start: span.start + from, end: span.end + from });
    }
    from = to;
  }
  return spans;
}

const CHUNK_CHARACTERS = 20_000;

function namesIn(text: string): NamedSpan[] {
  const doc = tagger()(text);
  const spans: NamedSpan[] = [];
  const collect = (type: NamedEntityType, matches: MatchJson[]): void => {
    for (const match of matches) {
      for (const part of splitAtCommas(type, match.terms)) {
        const span = toSpan(text, type, part);
        if (span !== undefined) spans.push(span);
      }
    }
  };
  const options = { offset: true, terms: { offset: true } };
  collect('PERSON', doc.people().json(options) as MatchJson[]);
  collect('ORGANIZATION', doc.organizations().json(options) as MatchJson[]);
  collect('LOCATION', doc.places().json(options) as MatchJson[]);
  return spans.sort((left, right) => left.start - right.start || right.end - left.end);
}

/** "Redmond, Washington" is two places; "Smith, Jones" two people. Organisations stay whole. */
function splitAtCommas(type: NamedEntityType, terms: TermJson[]): TermJson[][] {
  if (type === 'ORGANIZATION') return [terms];
  const parts: TermJson[][] = [[]];
  for (const term of terms) {
    parts[parts.length - 1]!.push(term);
    if (/[,;]/u.test(term.post)) parts.push([]);
  }
  return parts.filter((part) => part.length > 0);
}

function toSpan(text: string, type: NamedEntityType, terms: TermJson[]): NamedSpan | undefined {
  let kept = terms;
  if (type === 'PERSON') {
    while (kept.length > 1 && HONORIFIC.test(kept[0]!.text)) kept = kept.slice(1);
  }
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const start = first.offset.start;
  let end = last.offset.start + last.offset.length;
  if (text.slice(start, start + first.text.length) !== first.text) return undefined;
  if (text.slice(last.offset.start, end) !== last.text) return undefined;
  // compromise's term text keeps a possessive and, for abbreviations, the full stop: "Obama's", "Corp."
  const possessive = TRAILING.exec(text.slice(last.offset.start, end));
  if (possessive !== null && end - possessive[0].length > start) end -= possessive[0].length;
  while (
    end > start &&
    /[.,;:!?"”)\]]/u.test(text[end - 1]!) &&
    !/\b(?:Inc|Corp|Ltd|Co|Jr|Sr)\.$/u.test(text.slice(start, end))
  ) {
    end -= 1;
  }
  if (end <= start) return undefined;
  const surface = text.slice(start, end);
  if (!/^\p{Lu}/u.test(surface) && !/^\p{Ll}+\p{Lu}/u.test(surface)) return undefined; // "apple", not "eBay"
  if (kept.length === 1 && COMMON_WORD_COMPANIES.has(surface.toLowerCase()) && sentenceInitial(text, start)) {
    const next = /^\s+(\p{Lu})/u.exec(text.slice(end));
    if (next === null) return undefined;
  }
  return { type, start, end };
}

function sentenceInitial(text: string, start: number): boolean {
  return /(?:^|[.!?]["”’)]?\s+|\n\s*)$/u.test(text.slice(Math.max(0, start - 4), start)) || start === 0;
}
