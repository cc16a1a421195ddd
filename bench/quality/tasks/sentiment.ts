/**
 * SST-2 dev through the API: the `analyze` mutation with `aspects: [SENTIMENT, LANGUAGE]` (LANGUAGE is free — the analyzer
 * detects the language for sentiment anyway — and explains zero scores).
 *
 * Mapping to the binary SST-2 label, the reference's decision rule on our polarity score:
 * score > 0 → positive, score < 0 → negative, score = 0 → positive (majority class). Because the
 * analyzer's POSITIVE/NEGATIVE labels always carry a score of that sign (checked below), this is the
 * same as: POSITIVE → positive, NEGATIVE → negative, MIXED and NEUTRAL → by the sign of their score.
 */
import { analyzeSentiment } from '../../../src/capabilities/analyze/sentiment.js';
import { prepareSentimentModel } from '../../../src/capabilities/analyze/sentiment-lexicon.js';
import { parseText } from '../../../src/nlp/parsed-text.js';
import type { SentimentItem } from '../readers.js';
import type { GraphQLClient } from '../service.js';
import { Latency, WARM_UP_SENTENCES } from '../timing.js';

export interface SentimentVariant {
  input: 'raw' | 'detok';
  items: number;
  accuracy: number;
  zeroScoreFraction: number;
  accuracyOnNonZero: number;
  /** Analyzer label → { count, accuracy of the mapped prediction within that label }. */
  byLabel: Record<string, { count: number; accuracy: number }>;
  /** Detected language → count, among the sentences scoring exactly 0. */
  zeroScoreLanguages: Record<string, number>;
  /** Detected language → count, over all sentences. */
  languages: Record<string, number>;
  /**
   * Diagnostic, not a client path: the sentences detected as a language other than en/und (for which
   * the analyzer scores emoji only), and the accuracy on them as returned vs. with the internal
   * `analyzeSentiment(parseText(text), 'en')`.
   */
  nonEnglish: { count: number; accuracy: number; accuracyIfEnglish: number };
  /** Sentences labelled POSITIVE with score ≤ 0 or NEGATIVE with score ≥ 0 (should be none). */
  labelSignMismatches: number;
  latency: Latency;
}

/** The reference script's PTB detokeniser (`scripts/ref_baselines.mjs`), verbatim. */
export function detokenize(sentence: string): string {
  return sentence
    .replace(/ n't\b/g, "n't")
    .replace(/ '(s|re|ve|ll|d|m)\b/g, "'$1")
    .replace(/ ([.,!?;:])/g, '$1')
    .replace(/-lrb- ?/g, '(')
    .replace(/ ?-rrb-/g, ')')
    .replace(/`` ?/g, '"')
    .replace(/ ?''/g, '"');
}

const decide = (score: number): 0 | 1 => (score > 0 ? 1 : score < 0 ? 0 : 1);

export async function runSentiment(
  client: GraphQLClient,
  items: readonly SentimentItem[],
  input: 'raw' | 'detok',
): Promise<SentimentVariant> {
  for (const text of WARM_UP_SENTENCES) await client.analyzeSentiment(text);
  // The in-process diagnostic below scores as the service does, induced lexicon included.
  await prepareSentimentModel();
  const latency = new Latency();
  const nonEnglish = { count: 0, correct: 0, correctIfEnglish: 0 };
  let correct = 0;
  let zero = 0;
  let correctNonZero = 0;
  let labelSignMismatches = 0;
  const byLabel: Record<string, { count: number; correct: number }> = {};
  const zeroScoreLanguages: Record<string, number> = {};
  const languages: Record<string, number> = {};
  for (const item of items) {
    const text = input === 'raw' ? item.sentence : detokenize(item.sentence);
    const analysis = await latency.time(() => client.analyzeSentiment(text));
    const label = analysis.label;
    const score = analysis.score;
    const language = analysis.language;
    const right = decide(score) === item.label;
    if (language !== 'en' && language !== 'und') {
      nonEnglish.count += 1;
      if (right) nonEnglish.correct += 1;
      if (decide(analyzeSentiment(parseText(text), 'en').score) === item.label)
        nonEnglish.correctIfEnglish += 1;
    }
    if ((label === 'POSITIVE' && score <= 0) || (label === 'NEGATIVE' && score >= 0))
      labelSignMismatches += 1;
    if (right) correct += 1;
    if (score === 0) {
      zero += 1;
      zeroScoreLanguages[language] = (zeroScoreLanguages[language] ?? 0) + 1;
    } else if (right) {
      correctNonZero += 1;
    }
    languages[language] = (languages[language] ?? 0) + 1;
    const bucket = (byLabel[label] ??= { count: 0, correct: 0 });
    bucket.count += 1;
    if (right) bucket.correct += 1;
  }
  return {
    input,
    items: items.length,
    accuracy: correct / items.length,
    zeroScoreFraction: zero / items.length,
    accuracyOnNonZero: correctNonZero / Math.max(1, items.length - zero),
    byLabel: Object.fromEntries(
      Object.entries(byLabel).map(([label, { count, correct: right }]) => [
        label,
        { count, accuracy: right / count },
      ]),
    ),
    zeroScoreLanguages,
    languages,
    nonEnglish: {
      count: nonEnglish.count,
      accuracy: nonEnglish.correct / Math.max(1, nonEnglish.count),
      accuracyIfEnglish: nonEnglish.correctIfEnglish / Math.max(1, nonEnglish.count),
    },
    labelSignMismatches,
    latency,
  };
}
