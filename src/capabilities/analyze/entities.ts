/**
 * Entities with exact offsets: PERSON, ORGANIZATION and LOCATION from compromise (see
 * `named-entities.ts`), plus wink-nlp's pattern NER (DATE, TIME, DURATION, MONEY, PERCENT,
 * ORDINAL, NUMBER, EMAIL, URL, HASHTAG, MENTION, EMOJI, EMOTICON) plus PHONE, with repairs for what
 * its token patterns get wrong: emoji sequences (flags, skin tones, ZWJ families) split into parts,
 * "€30" seen as a bare number, trailing punctuation inside URLs, ":/" inside "ftp://".
 * Where a name and a pattern entity overlap ("May" as a person and a date), the pattern entity is
 * kept and the name dropped; two names with the same extent and different types are both dropped
 * (precision over recall). Every entity's `text` is `input.slice(start, end)`, by construction.
 */
import type { ParsedText, ParsedToken } from '../../nlp/parsed-text.js';
import { extractNamedEntities, type NamedSpan } from './named-entities.js';

export interface Entity {
  text: string;
  type: string;
  /** UTF-16 offsets into the input, `end` exclusive. */
  start: number;
  end: number;
}

interface Span {
  type: string;
  start: number;
  end: number;
}

/** wink calls plain numbers CARDINAL; the API says NUMBER. */
const RENAMED: Readonly<Record<string, string>> = { CARDINAL: 'NUMBER' };

const CURRENCY_CODES = new Set(
  'USD EUR GBP JPY CHF CAD AUD NZD CNY INR BRL MXN SEK NOK DKK PLN CZK HUF RUB TRY ZAR KRW SGD HKD'.split(
    ' ',
  ),
);

/** Created per call: a global (`g`) RegExp keeps state between `matchAll` iterations otherwise. */
const rgiEmoji = (): RegExp => new RegExp('\\p{RGI_Emoji}', 'gv');
/**
 * Runs of characters emoji sequences are made of. Matching `\p{RGI_Emoji}` over a whole text costs
 * ~40 ms per 20 KB, so it only runs inside these.
 */
const EMOJI_RUN =
  /(?:[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u{E0020}-\u{E007F}]|\u200d|\ufe0f|[#*0-9]\ufe0f?\u20e3)+/gu;

/**
 * International or grouped numbers: "+44 20 7946 0958", "(555) 123-4567", "555 123 4567".
 * A lone "1990-2000" or "555-1234" is not enough evidence.
 */
const PHONE =
  /(?<![\p{L}\p{N}+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\p{L}\p{N}])/gu;

const TRAILING_URL_PUNCTUATION = /[.,;:!?'"”’»\]}>]+$/u;
/** wink misses URLs without a scheme ("www.example.org"), and cuts some with one. */
const URL_PATTERN = /(?<![\p{L}\p{N}@.])(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]+/giu;

export function extractEntities(parsed: ParsedText): Entity[] {
  const { text } = parsed;
  const spans: Span[] = [];
  for (const entity of parsed.entities) {
    const start = parsed.tokens[entity.firstToken]?.start ?? -1;
    const end = parsed.tokens[entity.lastToken]?.end ?? -1;
    if (start < 0 || end <= start) continue;
    const previous = parsed.tokens[entity.firstToken - 1];
    const span = repair(text, { type: RENAMED[entity.type] ?? entity.type, start, end }, previous);
    if (span !== undefined) spans.push(span);
  }
  spans.push(...emojiSpans(text), ...phoneSpans(text), ...urlSpans(text));
  const patterns = joinHyphenated(text, resolveOverlaps(spans));
  const names = resolveNames(extractNamedEntities(text)).filter(
    (name) => !patterns.some((span) => span.start < name.end && name.start < span.end),
  );
  return [...patterns, ...names]
    .sort((left, right) => left.start - right.start)
    .map((span) => ({ text: text.slice(span.start, span.end), ...span }));
}

/**
 * Names overlapping each other: the longer wins ("Paris Hilton" over "Paris"); the same extent with
 * two types is a disagreement, and neither is kept.
 */
function resolveNames(names: NamedSpan[]): NamedSpan[] {
  const sorted = [...names].sort(
    (left, right) => right.end - right.start - (left.end - left.start) || left.start - right.start,
  );
  const kept: NamedSpan[] = [];
  const contested: NamedSpan[] = [];
  for (const name of sorted) {
    const same = kept.find((other) => other.start === name.start && other.end === name.end);
    if (same !== undefined) {
      if (same.type !== name.type) contested.push(same);
      continue;
    }
    if (!kept.some((other) => other.start < name.end && name.start < other.end)) kept.push(name);
  }
  return kept.filter((name) => !contested.includes(name));
}

function repair(text: string, span: Span, previous: ParsedToken | undefined): Span | undefined {
  switch (span.type) {
    case 'URL': {
      let end = span.start + text.slice(span.start, span.end).replace(TRAILING_URL_PUNCTUATION, '').length;
      const url = text.slice(span.start, end);
      if (url.endsWith(')') && !url.includes('(')) end -= 1;
      return end > span.start ? { ...span, end } : undefined;
    }
    case 'EMOTICON': {
      // An emoticon stands alone; ":/" in "ftp://host" or ":p" in "map:point" is not one.
      const before = text[span.start - 1];
      const after = text[span.end];
      const alone =
        (before === undefined || /\s/u.test(before)) && (after === undefined || /[\s.,!?;]/u.test(after));
      return alone ? span : undefined;
    }
    case 'DATE':
    case 'TIME': {
      // wink includes the preposition in "by 2026", "on Monday", "at 3pm".
      const lead = /^(?:by|on|at|in|since|until|till|from|before|after|during) /iu.exec(
        text.slice(span.start, span.end),
      );
      return lead !== null && span.start + lead[0].length < span.end
        ? { ...span, start: span.start + lead[0].length }
        : span;
    }
    case 'EMOJI':
      return span; // replaced by whole sequences in emojiSpans when they overlap
    case 'NUMBER':
      return asMoney(text, span, previous) ?? span;
    default:
      return span;
  }
}

/** "€30", "£5" (a currency symbol glued before) and "20 EUR" (an ISO code after) are MONEY. */
function asMoney(text: string, span: Span, previous: ParsedToken | undefined): Span | undefined {
  if (previous?.type === 'currency' && previous.end === span.start && previous.start >= 0) {
    return { type: 'MONEY', start: previous.start, end: span.end };
  }
  const code = /^ ([A-Z]{3})\b/u.exec(text.slice(span.end, span.end + 5));
  if (code?.[1] !== undefined && CURRENCY_CODES.has(code[1])) {
    return { type: 'MONEY', start: span.start, end: span.end + 4 };
  }
  return undefined;
}

function emojiSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const run of text.matchAll(EMOJI_RUN)) {
    for (const match of run[0].matchAll(rgiEmoji())) {
      const start = run.index + match.index;
      spans.push({ type: 'EMOJI', start, end: start + match[0].length });
    }
  }
  return spans;
}

function urlSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const span = repair(
      text,
      { type: 'URL', start: match.index, end: match.index + match[0].length },
      undefined,
    );
    if (span !== undefined && /[\p{L}\p{N}]\.[\p{L}\p{N}]/u.test(text.slice(span.start, span.end)))
      spans.push(span);
  }
  return spans;
}

function phoneSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(PHONE)) {
    const candidate = match[0];
    const digits = candidate.replace(/\D/gu, '').length;
    const groups = candidate.split(/[\s.-]+/u).length;
    const marked = candidate.startsWith('+') || candidate.includes('(');
    if (digits >= 7 && digits <= 15 && (marked || groups >= 3)) {
      spans.push({ type: 'PHONE', start: match.index, end: match.index + candidate.length });
    }
  }
  return spans;
}

/**
 * Keep the best of overlapping spans: wink's typed entities and emoji first, then phone numbers,
 * then plain numbers (which wink uses for the pieces of a phone number or a keycap emoji); the
 * longer span wins within a tier. Work is done per cluster of mutually overlapping spans.
 */
function resolveOverlaps(spans: Span[]): Span[] {
  const tier = (span: Span): number => (span.type === 'NUMBER' ? 0 : span.type === 'PHONE' ? 1 : 2);
  const better = (left: Span, right: Span): number =>
    tier(right) - tier(left) || right.end - right.start - (left.end - left.start) || left.start - right.start;
  const kept: Span[] = [];
  const sorted = [...spans].sort((left, right) => left.start - right.start);
  let cluster: Span[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    const chosen: Span[] = [];
    for (const span of cluster.sort(better)) {
      if (!chosen.some((other) => other.start < span.end && span.start < other.end)) chosen.push(span);
    }
    kept.push(...chosen.sort((left, right) => left.start - right.start));
  };
  for (const span of sorted) {
    if (span.start >= clusterEnd) {
      flush();
      cluster = [];
    }
    cluster.push(span);
    clusterEnd = Math.max(clusterEnd, span.end);
  }
  flush();
  return kept;
}

/** wink reads "two-year" as NUMBER "two" and DURATION "year"; it is one duration. */
function joinHyphenated(text: string, spans: Span[]): Span[] {
  const joined: Span[] = [];
  for (const span of spans) {
    const previous = joined[joined.length - 1];
    if (
      previous?.type === 'NUMBER' &&
      span.type === 'DURATION' &&
      text.slice(previous.end, span.start) === '-'
    ) {
      joined[joined.length - 1] = { type: 'DURATION', start: previous.start, end: span.end };
    } else {
      joined.push(span);
    }
  }
  return joined;
}
