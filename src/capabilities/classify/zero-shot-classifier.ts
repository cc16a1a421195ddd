/**
 * The built-in offline classifier (`local/zero-shot-classifier`). Each label gets evidence, in units
 * of chance (see `calibration.ts`), from:
 * - semantic similarity between the text and the label's prototype: the label's words, its optional
 *   description and, in few-shot use, the centroid of its examples, all in word-vector space;
 * - the label's own words occurring in the text;
 * - TF-IDF overlap with the label's closest example (few-shot);
 * - lexicon sentiment, when the labels themselves are polarities ("positive", "negative", …).
 * Single-label scores are a softmax of that evidence; multi-label scores are independent sigmoids.
 */
import { countTextTokens as countTokens } from '../../nlp/token-count.js';
import {
  EVIDENCE_WEIGHTS,
  POLARITY_THRESHOLD,
  independentProbability,
  sentimentEvidence,
  softmax,
} from './calibration.js';
import { ExampleTermIndex } from './example-term-index.js';
import { SemanticSpace, type Prototype } from './semantic-space.js';
import { readLabelFeatures, readTextFeatures, type TextFeatures } from './text-features.js';
import { loadWordVectors } from './word-vectors.js';

export interface LabeledExample {
  text: string;
  label: string;
}

export interface ClassifyOptions {
  text: string;
  labels: string[];
  multiLabel?: boolean;
  /** Few-shot examples; examples whose label is not among `labels` are ignored. */
  examples?: LabeledExample[];
  /** Optional extra words per label, e.g. `{ "Sci/Tech": "science technology computers space" }`. */
  labelDescriptions?: Record<string, string>;
  /** Multi-label cut-off in [0, 1]; default 0.5. */
  threshold?: number;
}

export interface Classification {
  /** The best label. */
  label: string;
  /** Single-label: `[label]`; multi-label: every label scoring at least `threshold`, and at least the best. */
  labels: string[];
  /** One entry per label, best first. Single-label: sums to 1. Multi-label: independent, in [0, 1]. */
  scores: { label: string; score: number }[];
  inputTokens: number;
  outputTokens: number;
}

const DEFAULT_THRESHOLD = 0.5;

let space: Promise<SemanticSpace> | undefined;

function getSemanticSpace(): Promise<SemanticSpace> {
  space ??= loadWordVectors()
    .then((vectors) => new SemanticSpace(vectors))
    .catch((error: unknown) => {
      space = undefined;
      throw error;
    });
  return space;
}

export async function classifyText(options: ClassifyOptions): Promise<Classification> {
  const labels = options.labels;
  const inputTokens = countInputTokens(options);
  if (labels.length === 0) return { label: '', labels: [], scores: [], inputTokens, outputTokens: 0 };

  const evidence = gatherEvidence(await getSemanticSpace(), options);
  const multiLabel = options.multiLabel === true;
  const probabilities = multiLabel ? evidence.map(independentProbability) : softmax(evidence);
  const ranked = labels
    .map((label, position) => ({ label, score: probabilities[position] ?? 0, position }))
    .sort((left, right) => right.score - left.score || left.position - right.position);
  const best = ranked[0]?.label ?? '';
  const threshold =
    typeof options.threshold === 'number' && Number.isFinite(options.threshold)
      ? options.threshold
      : DEFAULT_THRESHOLD;
  const chosen = multiLabel
    ? ranked.filter((entry, index) => index === 0 || entry.score >= threshold).map((entry) => entry.label)
    : [best];
  return {
    label: best,
    labels: chosen,
    scores: ranked.map(({ label, score }) => ({ label, score })),
    inputTokens,
    outputTokens: countTokens(JSON.stringify(chosen)),
  };
}

function gatherEvidence(semanticSpace: SemanticSpace, options: ClassifyOptions): number[] {
  const { labels } = options;
  const text = readTextFeatures(typeof options.text === 'string' ? options.text : '');
  const textVector = semanticSpace.embed(text.words);
  const textBias = textVector ? semanticSpace.textBias(textVector) : 0;
  const textStems = text.words.map((word) => word.stem);
  const textStemSet = new Set(textStems);

  const labelFeatures = labels.map(readLabelFeatures);
  const examplesByLabel = readExamples(options.examples ?? [], new Set(labels));
  const closestExample = exampleSimilarities(examplesByLabel, textStems);
  const polarities = labelPolarities(labels, labelFeatures);

  // Label names widened to their own neighbourhoods in the vocabulary (see `expandLabels`).
  const labelVectors = semanticSpace.expandLabels(
    labels.map((label) => label.toLowerCase()).join('\u0000'),
    labelFeatures.map((features) => semanticSpace.embed(features.words)),
  );
  const prototypes = labels.map((label, position) => {
    const description = descriptionOf(options, label);
    return semanticSpace.prototype(
      semanticSpace.combine([
        { vector: labelVectors[position], weight: 1 },
        {
          vector: description ? semanticSpace.embed(readTextFeatures(description).words) : undefined,
          weight: 1,
        },
        ...(examplesByLabel.get(label) ?? []).map((example) => ({
          vector: semanticSpace.embed(example.words),
          weight: 1,
        })),
      ]),
    );
  });
  const fewShot = poolChance(prototypes.filter((_, position) => examplesByLabel.has(labels[position]!)));

  return labels.map((label, position) => {
    const prototype = examplesByLabel.has(label)
      ? { ...prototypes[position]!, ...fewShot }
      : prototypes[position]!;
    // "not spam" is known only through the words of "spam": closeness to them is evidence against it.
    const namedOnly = !examplesByLabel.has(label) && !descriptionOf(options, label);
    const direction = namedOnly && NEGATED.test(label) ? -1 : 1;
    let evidence =
      direction *
      (semanticSpace.standardizedSimilarity(textVector, textBias, prototype) +
        EVIDENCE_WEIGHTS.literalMention * mentionedShare(labelFeatures[position]!, textStemSet));
    evidence += EVIDENCE_WEIGHTS.closestExample * (closestExample.get(label) ?? 0);
    if (polarities) evidence += sentimentEvidence(text.sentiment, polarities[position]!);
    return Number.isFinite(evidence) ? evidence : 0;
  });
}

/**
 * Centroids of real examples are not hubs the way a lone broad word is, and correcting each one by
 * its own closeness to random news-like text penalizes everyday domains (delivery, money). So labels
 * with examples share one chance mean and deviation: the scale stays the same, the ranking is theirs.
 */
function poolChance(prototypes: readonly Prototype[]): Pick<Prototype, 'chanceMean' | 'chanceDeviation'> {
  const known = prototypes.filter((prototype) => prototype.vector !== undefined);
  if (known.length === 0) return { chanceMean: 0, chanceDeviation: 1 };
  const average = (pick: (prototype: Prototype) => number) =>
    known.reduce((sum, prototype) => sum + pick(prototype), 0) / known.length;
  return { chanceMean: average((p) => p.chanceMean), chanceDeviation: average((p) => p.chanceDeviation) };
}

/** Own, non-empty string descriptions only: a label may well be called "constructor". */
function descriptionOf(options: ClassifyOptions, label: string): string | undefined {
  const descriptions = options.labelDescriptions;
  if (!descriptions || !Object.prototype.hasOwnProperty.call(descriptions, label)) return undefined;
  const description: unknown = descriptions[label];
  return typeof description === 'string' && description.trim() ? description : undefined;
}

function readExamples(
  examples: readonly LabeledExample[],
  labels: ReadonlySet<string>,
): Map<string, TextFeatures[]> {
  const byLabel = new Map<string, TextFeatures[]>();
  for (const example of examples) {
    if (!labels.has(example.label) || typeof example.text !== 'string') continue;
    const list = byLabel.get(example.label) ?? [];
    list.push(readTextFeatures(example.text));
    byLabel.set(example.label, list);
  }
  return byLabel;
}

function exampleSimilarities(
  examplesByLabel: Map<string, TextFeatures[]>,
  textStems: string[],
): Map<string, number> {
  if (examplesByLabel.size === 0) return new Map();
  const index = new ExampleTermIndex(
    [...examplesByLabel].flatMap(([label, examples]) =>
      examples.map((example) => ({ label, stems: example.words.map((word) => word.stem) })),
    ),
  );
  return index.closestExampleSimilarity(textStems);
}

/** Share of the label's distinct stems that occur in the text. */
function mentionedShare(label: TextFeatures, textStems: ReadonlySet<string>): number {
  const stems = new Set(label.words.map((word) => word.stem));
  if (stems.size === 0) return 0;
  let mentioned = 0;
  for (const stem of stems) if (textStems.has(stem)) mentioned += 1;
  return mentioned / stems.size;
}

/**
 * Signs of the labels' own sentiment, when the label set contains both a positive and a negative one.
 * A negated label ("not spam") gets no polarity: its positive score comes from negating a negative
 * word, and rewarding cheerful texts with "not spam" is exactly wrong.
 */
function labelPolarities(labels: readonly string[], features: readonly TextFeatures[]): number[] | undefined {
  const signs = features.map(({ sentiment }, position) => {
    if (NEGATED.test(labels[position] ?? '')) return 0;
    return sentiment >= POLARITY_THRESHOLD ? 1 : sentiment <= -POLARITY_THRESHOLD ? -1 : 0;
  });
  return signs.includes(1) && signs.includes(-1) ? signs : undefined;
}

const NEGATED = /\b(?:not|no|non|never|without)\b|n['’]t\b/i;

function countInputTokens(options: ClassifyOptions): number {
  const parts: unknown[] = [options.text, ...options.labels];
  for (const example of options.examples ?? []) parts.push(example.text);
  for (const label of options.labels) parts.push(descriptionOf(options, label));
  return parts.reduce<number>((sum, part) => sum + (typeof part === 'string' ? countTokens(part) : 0), 0);
}
