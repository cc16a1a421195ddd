/**
 * One wink-nlp pass over a text, flattened into plain arrays with exact UTF-16 offsets, so that the
 * summarizer and the analyzer never touch wink's item API and every span maps back to the input
 * (`text.slice(token.start, token.end) === token.value`).
 */
import type { ItsFunction, PartOfSpeech } from 'wink-nlp';
import { getNlp, stemWord } from './wink.js';

export interface ParsedToken {
  value: string;
  /** Lower-cased, normalised form (wink's `normal`). */
  normal: string;
  /** Porter stem of a word's `normal`; other tokens (numbers, URLs, …) keep `normal`. */
  stem: string;
  /** Dictionary form ("reserved" → "reserve"). */
  lemma: string;
  /** wink token type: word, number, punctuation, emoji, url, email, tabCRLF, … */
  type: string;
  pos: PartOfSpeech;
  stopWord: boolean;
  /** Inside the scope of a negation ("not", "never", "n't", …). */
  negated: boolean;
  /** UTF-16 offsets into the input; -1 when the token could not be located. */
  start: number;
  end: number;
}

export interface ParsedSentence {
  /** Token index range, inclusive. */
  firstToken: number;
  lastToken: number;
  /** wink's sentence sentiment, about [-1, 1]. */
  sentiment: number;
}

export interface ParsedEntity {
  type: string;
  firstToken: number;
  lastToken: number;
}

export interface ParsedText {
  text: string;
  tokens: ParsedToken[];
  sentences: ParsedSentence[];
  entities: ParsedEntity[];
}

/**
 * wink's tokenizer (and BPE tokenizers) take time quadratic in the length of a run of non-space
 * characters: 5,000 characters cost ~0.2 s, 200,000 cost ~40 s. Such runs are never prose, so every
 * `MAX_RUN`-th character of a longer run is replaced by a space before parsing. The length is kept,
 * hence every offset stays valid against the original text.
 */
export const MAX_RUN = 256;

export function breakLongRuns(text: string): string {
  if (text.length <= MAX_RUN) return text;
  return text.replace(new RegExp(`\\S{${MAX_RUN + 1},}`, 'gu'), (run) => {
    const chars = run.split('');
    for (let index = MAX_RUN; index < chars.length; index += MAX_RUN) {
      // Replace a whole character: both halves of a surrogate pair become spaces.
      const at = isLowSurrogate(chars[index]) ? index + 1 : index;
      if (at >= chars.length) continue;
      chars[at] = ' ';
      if (isLowSurrogate(chars[at + 1])) chars[at + 1] = ' ';
    }
    return chars.join('');
  });
}

function isLowSurrogate(unit: string | undefined): boolean {
  const code = unit?.charCodeAt(0) ?? 0;
  return code >= 0xdc00 && code <= 0xdfff;
}

const asStrings = (values: readonly unknown[]): string[] => values.map((value) => String(value));
const asBooleans = (values: readonly unknown[]): boolean[] => values.map((value) => value === true);
const asNumbers = (values: readonly unknown[]): number[] =>
  values.map((value) => (typeof value === 'number' && Number.isFinite(value) ? value : 0));
const asSpans = (values: readonly unknown[]): [number, number][] =>
  values.map((value) => (Array.isArray(value) ? [Number(value[0] ?? 0), Number(value[1] ?? 0)] : [0, -1]));

function isDetail(value: unknown): value is { type: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

export function parseText(text: string): ParsedText {
  const nlp = getNlp();
  const its = nlp.its;
  const doc = nlp.readDoc(breakLongRuns(text));
  const tokenItems = doc.tokens();
  const values = asStrings(tokenItems.out(its.value));
  const spaces = asStrings(tokenItems.out(its.precedingSpaces));
  const normals = asStrings(tokenItems.out(its.normal));
  // wink's typings give `its.lemma` the (index, rdd, addons) signature it has inside wink, which does
  // not match the public `ItsFunction`; `out` calls it correctly at run time.
  const lemmas = asStrings(tokenItems.out(its.lemma as unknown as ItsFunction<string>));
  const types = asStrings(tokenItems.out(its.type));
  const tags = asStrings(tokenItems.out(its.pos)) as PartOfSpeech[];
  const stopWords = asBooleans(tokenItems.out(its.stopWordFlag));
  const negations = asBooleans(tokenItems.out(its.negationFlag));

  const tokens: ParsedToken[] = [];
  let cursor = 0;
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index] ?? '';
    let start = cursor + (spaces[index] ?? '').length;
    // Guard against any mismatch between wink's reconstruction and the input.
    if (!text.startsWith(value, start)) start = text.indexOf(value, cursor);
    const located = start >= 0 && value.length > 0;
    if (located) cursor = start + value.length;
    tokens.push({
      value,
      normal: normals[index] ?? value.toLowerCase(),
      stem:
        types[index] === 'word' ? stemWord(normals[index] ?? value) : (normals[index] ?? value.toLowerCase()),
      lemma: lemmas[index] ?? value.toLowerCase(),
      type: types[index] ?? 'word',
      pos: tags[index] ?? 'X',
      stopWord: stopWords[index] ?? false,
      negated: negations[index] ?? false,
      start: located ? start : -1,
      end: located ? start + value.length : -1,
    });
  }

  const sentimentScores = asNumbers(doc.sentences().out(its.sentiment));
  const sentences: ParsedSentence[] = asSpans(doc.sentences().out(its.span))
    .map(([firstToken, lastToken], index) => ({
      firstToken,
      lastToken,
      sentiment: sentimentScores[index] ?? 0,
    }))
    .filter((sentence) => sentence.lastToken >= sentence.firstToken && tokens.length > 0);

  const entitySpans = asSpans(doc.entities().out(its.span));
  const details = doc.entities().out(its.detail);
  const entities: ParsedEntity[] = entitySpans.map(([firstToken, lastToken], index) => {
    const detail: unknown = details[index];
    return { type: isDetail(detail) ? detail.type : 'UNKNOWN', firstToken, lastToken };
  });

  return { text, tokens, sentences, entities };
}
