/**
 * How hard an input looks, as a deterministic score in [0, 1], for COMPLEXITY routing. Four
 * signals, each squashed into [0, 1] and weighted:
 *
 * - length: input tokens, on a log scale (a few words ≈ 0.2, a page ≈ 0.8);
 * - vocabulary rarity: the share of distinct words the tokenizer splits into several pieces, which
 *   is what rare, technical and domain words have in common (common words are one token each);
 * - reasoning and instruction markers: "why", "prove", "compare", "step by step", constraints,
 *   numbered steps, code and formulas;
 * - requested output size: expected output tokens, on a log scale.
 *
 * No model is called: scoring costs well under a millisecond for ordinary inputs.
 */
import { countTextTokens } from '../nlp/token-count.js';

export interface ComplexityScore {
  /** Rounded to two decimals. */
  score: number;
  factors: { length: number; rarity: number; reasoning: number; output: number };
}

const WEIGHTS = { length: 0.3, rarity: 0.2, reasoning: 0.35, output: 0.15 } as const;
/** Input tokens at which the length signal saturates. */
const LONG_INPUT_TOKENS = 3000;
const LONG_OUTPUT_TOKENS = 4000;
/** A text with this share of multi-token words counts as fully rare. */
const RARE_SHARE_SATURATION = 0.25;
/** Distinct words looked at for rarity (the start of a long input is representative enough). */
const RARITY_SAMPLE = 400;
/** Words whose rarity is remembered (tokenizing a word costs ~25 µs; prompts repeat words). */
const RARITY_CACHE_SIZE = 20_000;
const multiTokenWords = new Map<string, boolean>();
/** Markers at which the reasoning signal reaches about 0.63. */
const MARKER_SCALE = 4;

const REASONING =
  /\b(why|explain|justify|prove|proof|derive|deduce|infer|reason(?:ing)?|analy[sz]e|analysis|compare|contrast|evaluate|assess|critique|trade-?offs?|implications?|step[- ]by[- ]step|pros and cons|design|architect(?:ure)?|optimi[sz]e|debug|refactor|hypothes[ie]s|calculate|estimate|solve|algorithm|complexity|consequences?|what would happen)\b/gi;
const INSTRUCTIONS =
  /\b(must|should|ensure|make sure|do not|don't|never|always|exactly|at least|at most|constraints?|requirements?|format|json|table|cite|include|exclude)\b/gi;
const STRUCTURE = /(^\s*\d+[.)]\s)|(^\s*[-*•]\s)|```|[=<>≤≥∑∫√^]|\bif\b[^.?!]{1,80}\bthen\b/gim;
const WORD = /\p{L}[\p{L}\p{M}'’-]*/gu;

export function scoreComplexity(
  text: string,
  expectedOutputTokens: number,
  inputTokens = countTextTokens(text),
): ComplexityScore {
  const factors = {
    length: logScale(inputTokens, LONG_INPUT_TOKENS),
    rarity: Math.min(1, rareWordShare(text) / RARE_SHARE_SATURATION),
    reasoning: 1 - Math.exp(-markerCount(text) / MARKER_SCALE),
    output: logScale(expectedOutputTokens, LONG_OUTPUT_TOKENS),
  };
  const weighted =
    factors.length * WEIGHTS.length +
    factors.rarity * WEIGHTS.rarity +
    factors.reasoning * WEIGHTS.reasoning +
    factors.output * WEIGHTS.output;
  return { score: round2(Math.min(1, Math.max(0, weighted))), factors: mapValues(factors, round2) };
}

function logScale(value: number, saturation: number): number {
  if (value <= 0) return 0;
  return Math.min(1, Math.log1p(value) / Math.log1p(saturation));
}

/** Share of distinct words (of three letters or more) that take more than one token. */
export function rareWordShare(text: string): number {
  const distinct = new Set<string>();
  for (const match of text.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    if (word.length >= 3) distinct.add(word);
    if (distinct.size >= RARITY_SAMPLE) break;
  }
  if (distinct.size === 0) return 0;
  let rare = 0;
  for (const word of distinct) if (isMultiToken(word)) rare += 1;
  return rare / distinct.size;
}

function isMultiToken(word: string): boolean {
  let multi = multiTokenWords.get(word);
  if (multi === undefined) {
    multi = countTextTokens(` ${word}`) > 1;
    if (multiTokenWords.size >= RARITY_CACHE_SIZE) multiTokenWords.clear();
    multiTokenWords.set(word, multi);
  }
  return multi;
}

/** Reasoning markers count 1, instructions ½, structure (steps, code, formulas, if…then) 1 each. */
export function markerCount(text: string): number {
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  return count(REASONING) + count(INSTRUCTIONS) / 2 + count(STRUCTURE);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function mapValues<T extends Record<string, number>>(values: T, map: (value: number) => number): T {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, map(value)])) as T;
}
