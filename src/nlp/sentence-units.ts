/**
 * Sentences as a reader sees them: wink-nlp's sentences, further cut at line breaks that start a
 * list item or follow a heading (wink only breaks lines at blank lines or end punctuation), with list
 * markers and surrounding line breaks trimmed. Each carries the terms used to compare sentences.
 */
import { FUNCTION_WORDS } from './function-words.js';
import type { ParsedText, ParsedToken } from './parsed-text.js';

export interface SentenceUnit {
  /** The sentence as written, whitespace runs collapsed to one space. */
  text: string;
  /** Token index range, inclusive. */
  firstToken: number;
  lastToken: number;
  /** Whitespace-separated words of `text`. */
  words: number;
  /** Comparison terms: stems of content words (English) or lower-cased words (other languages). */
  terms: string[];
}

const LIST_MARKER = /^(?:[-*•–·▪‣]|\d{1,3}[.)]|[a-z][.)])$/u;
const TERMINAL = /^[.!?:;…]+$/u;
const HEADING_MAX_WORDS = 8;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CJK_SENTENCE = /[^。！？]+[。！？]*/gu;

const isBreak = (token: ParsedToken | undefined): boolean => token !== undefined && token.type === 'tabCRLF';
const isLineBreak = (token: ParsedToken | undefined): boolean =>
  isBreak(token) && token?.value.includes('\n') === true;

export function sentenceUnits(parsed: ParsedText, language: string): SentenceUnit[] {
  const units: SentenceUnit[] = [];
  for (const sentence of parsed.sentences) {
    let from = sentence.firstToken;
    for (let index = sentence.firstToken; index <= sentence.lastToken; index += 1) {
      if (isLineBreak(parsed.tokens[index]) && startsNewUnit(parsed, from, index)) {
        pushUnit(parsed, from, index - 1, language, units);
        from = index + 1;
      }
    }
    pushUnit(parsed, from, sentence.lastToken, language, units);
  }
  return units;
}

/** Whether the line break at `breakIndex` ends a unit that began at `from`. */
function startsNewUnit(parsed: ParsedText, from: number, breakIndex: number): boolean {
  const { tokens } = parsed;
  const next = tokens[breakIndex + 1];
  if (next === undefined) return false;
  if (
    LIST_MARKER.test(next.value) ||
    (/^\d{1,3}$/u.test(next.value) && /^[.)]$/u.test(tokens[breakIndex + 2]?.value ?? ''))
  ) {
    return true;
  }
  const previous = tokens[breakIndex - 1];
  if (previous !== undefined && TERMINAL.test(previous.value)) return true;
  let lineWords = 0;
  for (let index = breakIndex - 1; index >= from && !isLineBreak(tokens[index]); index -= 1) {
    if (tokens[index]?.type === 'word') lineWords += 1;
  }
  const capitalised = /^\p{Lu}/u.test(next.value);
  return lineWords > 0 && lineWords <= HEADING_MAX_WORDS && capitalised;
}

function pushUnit(
  parsed: ParsedText,
  first: number,
  last: number,
  language: string,
  units: SentenceUnit[],
): void {
  const { tokens } = parsed;
  let start = first;
  let end = last;
  while (start <= end && (isBreak(tokens[start]) || tokens[start]?.start === -1)) start += 1;
  // A marker may even be a unit of its own: wink ends a sentence at the "." of "1.".
  if (start <= end && LIST_MARKER.test(tokens[start]?.value ?? '')) start += 1;
  else if (
    start + 1 <= end &&
    /^\d{1,3}$/u.test(tokens[start]?.value ?? '') &&
    /^[.)]$/u.test(tokens[start + 1]?.value ?? '')
  ) {
    start += 2;
  }
  while (end >= start && (isBreak(tokens[end]) || tokens[end]?.end === -1)) end -= 1;
  const head = tokens[start];
  const tail = tokens[end];
  if (head === undefined || tail === undefined || end < start) return;
  const whole = parsed.text.slice(head.start, tail.end).replace(/\s+/gu, ' ').trim();
  // wink reads a run of Chinese or Japanese as one token, so "。" never ends its sentences.
  const parts = CJK.test(whole) ? (whole.match(CJK_SENTENCE) ?? [whole]) : [whole];
  for (const part of parts) {
    const text = part.trim();
    if (text.length === 0) continue;
    units.push({
      text,
      firstToken: start,
      lastToken: end,
      words: text.split(' ').length,
      terms: CJK.test(text) ? characterBigrams(text) : termsOf(tokens.slice(start, end + 1), language),
    });
  }
}

/** Chinese and Japanese are written without spaces; overlapping character pairs stand in for words. */
function characterBigrams(text: string): string[] {
  const characters = [...text.replace(/[^\p{L}\p{N}]+/gu, '')];
  return characters.length < 2
    ? characters
    : characters.slice(1).map((character, index) => `${characters[index]}${character}`);
}

function termsOf(tokens: ParsedToken[], language: string): string[] {
  if (language === 'en' || language === 'und') {
    return tokens
      .filter(
        (token) =>
          token.type === 'word' && !token.stopWord && token.normal.length > 1 && /\p{L}/u.test(token.normal),
      )
      .map((token) => token.stem);
  }
  const functionWords = FUNCTION_WORDS[language];
  return tokens
    .filter(
      (token) =>
        token.type === 'word' && [...token.normal].length >= 3 && functionWords?.has(token.normal) !== true,
    )
    .map((token) => token.normal);
}
