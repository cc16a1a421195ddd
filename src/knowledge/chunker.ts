/**
 * Splits a document into retrieval chunks along sentence boundaries (wink-nlp), packing sentences up
 * to a token budget and repeating the last sentence(s) of a chunk at the start of the next one, so
 * that an answer straddling a boundary is still whole in some chunk. A sentence longer than the budget
 * is cut on word boundaries. Offsets always point into the original text.
 */
import { countTextTokens as countTokens } from '../nlp/token-count.js';
import type { ItemSentence } from 'wink-nlp';
import { getRetrievalNlp } from './terms.js';

export interface ChunkOptions {
  /** Token budget per chunk (GPT tokenizer), default 200. */
  maxTokens?: number;
  /** Sentences repeated from the end of one chunk at the start of the next, default 1. */
  overlapSentences?: number;
}

export interface TextChunk {
  text: string;
  /** `text === original.slice(start, end)`. */
  start: number;
  end: number;
}

interface Unit {
  start: number;
  end: number;
  tokens: number;
}

const DEFAULT_MAX_TOKENS = 200;
const DEFAULT_OVERLAP_SENTENCES = 1;

export function chunkText(text: string, options: ChunkOptions = {}): TextChunk[] {
  if (typeof text !== 'string' || text.trim().length === 0) return [];
  const maxTokens = Math.max(1, Math.floor(options.maxTokens ?? DEFAULT_MAX_TOKENS));
  const overlap = Math.max(0, Math.floor(options.overlapSentences ?? DEFAULT_OVERLAP_SENTENCES));
  const units = sentenceSpans(text).flatMap((span) => {
    const tokens = countTokens(text.slice(span.start, span.end));
    return tokens <= maxTokens ? [{ ...span, tokens }] : splitOnWords(text, span, maxTokens);
  });

  const chunks: TextChunk[] = [];
  let first = 0;
  while (first < units.length) {
    let last = first;
    let tokens = units[first]!.tokens;
    while (last + 1 < units.length && tokens + units[last + 1]!.tokens <= maxTokens) {
      last += 1;
      tokens += units[last]!.tokens;
    }
    const start = units[first]!.start;
    const end = units[last]!.end;
    chunks.push({ text: text.slice(start, end), start, end });
    if (last + 1 >= units.length) break;

    // Step back over up to `overlap` sentences, as long as the next chunk still gains a new one.
    let next = last + 1;
    let carried = 0;
    while (next - 1 > first && last + 1 - next < overlap) {
      const candidate = units[next - 1]!.tokens;
      if (carried + candidate + units[last + 1]!.tokens > maxTokens) break;
      carried += candidate;
      next -= 1;
    }
    first = next;
  }
  return chunks;
}

/**
 * Sentence spans with exact offsets, rebuilt from the tokens' values and preceding whitespace (wink
 * keeps both verbatim), trimmed of leading and trailing whitespace tokens.
 */
function sentenceSpans(text: string): Array<{ start: number; end: number }> {
  const nlp = getRetrievalNlp();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value);
  const spaces = doc.tokens().out(its.precedingSpaces);
  const starts: number[] = [];
  let cursor = 0;
  for (let index = 0; index < values.length; index += 1) {
    const value = String(values[index]);
    cursor += String(spaces[index] ?? '').length;
    if (!text.startsWith(value, cursor)) {
      const found = text.indexOf(value, cursor);
      if (found < 0) return [{ start: 0, end: text.length }];
      cursor = found;
    }
    starts.push(cursor);
    cursor += value.length;
  }

  const spans: Array<{ start: number; end: number }> = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const tokens = sentence.tokens();
    let firstToken = tokens.itemAt(0).index();
    let lastToken = tokens.itemAt(tokens.length() - 1).index();
    while (firstToken <= lastToken && String(values[firstToken]).trim() === '') firstToken += 1;
    while (lastToken >= firstToken && String(values[lastToken]).trim() === '') lastToken -= 1;
    if (firstToken > lastToken) return;
    spans.push({ start: starts[firstToken]!, end: starts[lastToken]! + String(values[lastToken]).length });
  });
  return spans;
}

/** Cuts an over-long sentence into pieces of at most `maxTokens`, between words where possible. */
function splitOnWords(text: string, span: { start: number; end: number }, maxTokens: number): Unit[] {
  const pieces: Unit[] = [];
  let piece: Unit | undefined;
  const words = /\S+/g;
  words.lastIndex = span.start;
  for (let match = words.exec(text); match && match.index < span.end; match = words.exec(text)) {
    const wordEnd = Math.min(match.index + match[0].length, span.end);
    const wordTokens = countTokens(` ${text.slice(match.index, wordEnd)}`);
    if (piece && piece.tokens + wordTokens <= maxTokens) {
      piece.end = wordEnd;
      piece.tokens += wordTokens;
      continue;
    }
    if (piece) pieces.push(piece);
    piece = { start: match.index, end: wordEnd, tokens: wordTokens };
    if (wordTokens > maxTokens) {
      pieces.push(...splitCharacters(text, piece, maxTokens));
      piece = undefined;
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Last resort for a "word" longer than the budget (a URL, base64): cut it by characters. */
function splitCharacters(text: string, word: Unit, maxTokens: number): Unit[] {
  const pieces: Unit[] = [];
  let start = word.start;
  while (start < word.end) {
    let end = Math.min(word.end, start + maxTokens * 4);
    while (end > start + 1 && countTokens(text.slice(start, end)) > maxTokens) {
      end = start + Math.max(1, Math.floor((end - start) * 0.8));
    }
    // Never separate the two halves of a surrogate pair.
    if (end < word.end && end > start + 1 && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
    pieces.push({ start, end, tokens: countTokens(text.slice(start, end)) });
    start = end;
  }
  return pieces;
}
