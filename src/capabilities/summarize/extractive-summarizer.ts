/**
 * The `local/extractive-summarizer` model: picks the most central, least filler-like sentences of a
 * text (TextRank-style centrality over a TF-IDF sentence graph, see `sentence-ranker.ts`) and
 * returns them in their original order. Offline, synchronous, and never throws on odd input.
 */
import { detectLanguage } from '../../nlp/detect-language.js';
import { parseText } from '../../nlp/parsed-text.js';
import { countTextTokens } from '../../nlp/token-count.js';
import { cosine } from './sentence-graph.js';
import { rankSentences, type RankedUnits } from './sentence-ranker.js';
import { sentenceUnits, type SentenceUnit } from '../../nlp/sentence-units.js';

export interface SummarizeOptions {
  /**
   * Upper bound on sentences. Default: 20% of the text's sentences, at least 3 and at most 10 —
   * a short text keeps its three best sentences, a long one a readable paragraph.
   */
  maxSentences?: number;
  /**
   * Upper bound on whitespace-separated words of `summary`, bullet markers included, so that any
   * word count a client does stays within it. When even the best sentence is longer, it is cut at a
   * word boundary and ends with "…".
   */
  maxWords?: number;
  /** PARAGRAPH (default): sentences joined by a space. BULLETS: one "- sentence" line each. */
  style?: 'PARAGRAPH' | 'BULLETS';
  /**
   * The language of the text, as a hint: an extractive summary is always in the text's own language,
   * so the detected language wins and this is used only when detection is unsure. It decides
   * stemming and stop words.
   */
  language?: string;
}

export interface ExtractiveSummary {
  summary: string;
  /** The chosen sentences in original order (the last one possibly truncated to fit `maxWords`). */
  sentences: string[];
  inputTokens: number;
  outputTokens: number;
}

const DEFAULT_SHARE = 0.2;
const DEFAULT_MIN_SENTENCES = 3;
const DEFAULT_MAX_SENTENCES = 10;
/** A later sentence this similar to a chosen one adds too little to be worth its words. */
const REDUNDANT_SIMILARITY = 0.7;
/**
 * When a better sentence did not fit the word budget, a shorter one may take its place only if it
 * scores at least this share of the best; otherwise the best sentence is truncated instead.
 */
const MIN_RELATIVE_SCORE = 0.5;

export function summarizeExtractive(text: string, options: SummarizeOptions = {}): ExtractiveSummary {
  const style = options.style ?? 'PARAGRAPH';
  const inputTokens = countTextTokens(text);
  const parsed = parseText(text);
  const detected = detectLanguage(text);
  const hinted = options.language?.trim().split(/[-_]/u)[0]?.toLowerCase();
  const language = detected === 'und' && hinted ? hinted : detected;
  const units = sentenceUnits(parsed, language);
  const ranked = rankSentences(parsed, units);

  const contentCount = units.filter((_, index) => !ranked.filler[index] && !ranked.duplicate[index]).length;
  const maxSentences = sentenceLimit(options.maxSentences, contentCount);
  const bulletCost = style === 'BULLETS' ? 1 : 0;
  const wordBudget = wordLimit(options.maxWords);

  const chosen = choose(units, ranked, maxSentences, wordBudget, bulletCost);
  let sentences = chosen.map((index) => units[index]?.text ?? '');
  if (sentences.length === 0 && wordBudget - bulletCost >= 1) {
    const best = bestIndex(units, ranked);
    if (best !== undefined) sentences = [truncate(units[best]?.text ?? '', wordBudget - bulletCost)];
  }
  const summary =
    style === 'BULLETS' ? sentences.map((sentence) => `- ${sentence}`).join('\n') : sentences.join(' ');
  return { summary, sentences, inputTokens, outputTokens: countTextTokens(summary) };
}

function sentenceLimit(requested: number | undefined, contentCount: number): number {
  if (requested !== undefined && Number.isFinite(requested)) return Math.max(1, Math.floor(requested));
  const share = Math.round(contentCount * DEFAULT_SHARE);
  return Math.min(DEFAULT_MAX_SENTENCES, Math.max(DEFAULT_MIN_SENTENCES, share));
}

function wordLimit(requested: number | undefined): number {
  if (requested === undefined || Number.isNaN(requested)) return Number.POSITIVE_INFINITY;
  return Math.max(0, Math.floor(requested));
}

/** Indices of the chosen units, in text order. */
function choose(
  units: readonly SentenceUnit[],
  ranked: RankedUnits,
  maxSentences: number,
  wordBudget: number,
  bulletCost: number,
): number[] {
  const order = units
    .map((_, index) => index)
    .filter((index) => !ranked.duplicate[index])
    .sort((left, right) => (ranked.scores[right] ?? 0) - (ranked.scores[left] ?? 0) || left - right);
  const content = order.filter((index) => !ranked.filler[index]);
  // Filler is only ever used when a text has nothing else ("Thanks!").
  const pool = content.length > 0 ? content : order;
  const bestScore = ranked.scores[pool[0] ?? 0] ?? 0;

  const chosen: number[] = [];
  let words = 0;
  let skipped = false;
  for (const index of pool) {
    if (chosen.length >= maxSentences) break;
    const unit = units[index];
    if (unit === undefined) continue;
    const vector = ranked.vectors[index] ?? new Map();
    if (chosen.some((other) => cosine(ranked.vectors[other] ?? new Map(), vector) >= REDUNDANT_SIMILARITY))
      continue;
    if (skipped && (ranked.scores[index] ?? 0) < MIN_RELATIVE_SCORE * bestScore) break;
    const cost = unit.words + bulletCost;
    if (words + cost > wordBudget) {
      skipped = true;
      continue;
    }
    chosen.push(index);
    words += cost;
  }
  return chosen.sort((left, right) => left - right);
}

function bestIndex(units: readonly SentenceUnit[], ranked: RankedUnits): number | undefined {
  let best: number | undefined;
  units.forEach((_, index) => {
    if (ranked.duplicate[index]) return;
    const better =
      best === undefined ||
      (ranked.filler[best] === true && !ranked.filler[index]) ||
      (ranked.filler[best] === ranked.filler[index] &&
        (ranked.scores[index] ?? 0) > (ranked.scores[best] ?? 0));
    if (better) best = index;
  });
  return best;
}

/** The first `maxWords` words of a sentence, ending with "…" (attached, so no extra word). */
export function truncate(sentence: string, maxWords: number): string {
  const words = sentence.split(' ');
  if (words.length <= maxWords) return sentence;
  const kept = words
    .slice(0, maxWords)
    .join(' ')
    .replace(/[\s,;:.!?—–-]+$/u, '');
  return `${kept}…`;
}
