/**
 * How evidence becomes probabilities. Every piece of evidence for a label is measured in one unit, the
 * chance-level standard deviation of similarity (see `semantic-space.ts`), and read as log-odds in nats:
 * one unit of evidence multiplies a label's odds by e. That fixes the softmax temperature at 1 on
 * principle rather than by fitting it to any labelled data.
 */

/** Extra evidence, in the same unit, from signals other than vector similarity. */
export const EVIDENCE_WEIGHTS = {
  /**
   * The label's own words occur in the text (by stem). Worth one unit: as strong as a one-deviation
   * semantic match, and not more, because literal words mislead too ("world" in "World Cup").
   */
  literalMention: 1,
  /**
   * Polarity labels ("positive"/"negative", "praise"/"complaint"): the lexicon sentiment s in [-1, 1]
   * of the text adds `weight × s` to labels of the same sign. Word vectors cannot tell antonyms apart
   * (they share contexts), so this is the only polarity signal; a half-strength sentiment (0.5) then
   * separates the two sides by 2 units, odds of about 7 to 1.
   */
  sentimentAgreement: 2,
  /** Cosine in [0, 1] of the closest labelled example by TF-IDF: an identical example adds 2 units. */
  closestExample: 2,
} as const;

/**
 * A label's own sentiment beyond this magnitude makes it a polarity label ("sad" is -0.29,
 * "happy" 0.75, "sports" 0).
 */
export const POLARITY_THRESHOLD = 0.2;

/**
 * Multi-label: a label applies (probability 0.5) when its evidence is one unit above chance, i.e. it
 * is more similar to the text than random text is to it by one standard deviation.
 */
export const MULTI_LABEL_EVIDENCE_AT_HALF = 1;

export function softmax(evidence: readonly number[], temperature = 1): number[] {
  if (evidence.length === 0) return [];
  const finite = evidence.map((value) => (Number.isFinite(value) ? value : 0));
  const highest = finite.reduce((max, value) => Math.max(max, value), -Infinity);
  const exponentials = finite.map((value) => Math.exp((value - highest) / temperature));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  return exponentials.map((value) => value / total);
}

export function independentProbability(evidence: number): number {
  const value = Number.isFinite(evidence) ? evidence : 0;
  return 1 / (1 + Math.exp(-(value - MULTI_LABEL_EVIDENCE_AT_HALF)));
}

/**
 * Sentiment evidence for one label, given the text's sentiment and the label's polarity sign
 * (+1, -1, or 0 for a neutral label among polarity labels, which wins when the text is flat).
 */
export function sentimentEvidence(textSentiment: number, labelPolarity: number): number {
  const weight = EVIDENCE_WEIGHTS.sentimentAgreement;
  if (labelPolarity === 0) return weight * (0.5 - Math.abs(textSentiment));
  return weight * textSentiment * Math.sign(labelPolarity);
}
