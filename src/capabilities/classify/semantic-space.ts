/**
 * Texts, labels and example sets as points in the word-vector space, and similarities between them
 * expressed in units of chance.
 *
 * Every word vector is taken as a unit vector with the vocabulary's common direction (the mean of the
 * frequent words' unit vectors) removed and renormalised (Mu & Viswanath, "All-but-the-top", 2018), so
 * that similarities reflect meaning rather than the shared frequency component.
 *
 * A text is the weighted mean of its words' unit vectors, each word weighted by smooth inverse
 * frequency a / (a + p(w)) (Arora et al., 2017, a = 1e-3), with p(w) estimated from the word's
 * frequency rank by Zipf's law, so that "said" or "year" count far less than "striker".
 *
 * Raw cosines are not comparable across labels: a broad label ("business", "world") is close to
 * nearly every text. So every prototype (a label, or a centroid of examples) is compared with a fixed
 * sample of random "texts" — bags of words drawn by Zipf frequency — and a similarity is reported as
 * a z-score against that chance distribution; the text's own closeness to random words is removed the
 * same way. A z-score of 1 means "one chance-level standard deviation more similar than noise".
 */
import type { WordVectors } from './word-vectors.js';
import type { ContentWord } from './text-features.js';

export interface Prototype {
  /** Unit vector, or undefined when none of its words has a vector. */
  vector: Float64Array | undefined;
  chanceMean: number;
  chanceDeviation: number;
}

const SIF_A = 1e-3;
const CHANCE_SAMPLES = 256;
const CHANCE_TEXT_WORDS = 12;
/** Random words come from this frequency-rank range: below it are function words, above it noise. */
const CHANCE_RANK_FROM = 100;
const CHANCE_RANK_TO = 30_000;
const PLAIN_WORD = /^[a-z]{3,}$/;
/** Neighbours per label name: enough to describe a topic, few enough to stay on it. */
const NEIGHBOURS = 20;
const NEIGHBOUR_RANK_TO = 30_000;
const MAX_EXPANSIONS = 1024;

export class SemanticSpace {
  private readonly harmonic: number;
  private readonly chanceTexts: Float64Array[] = [];
  private readonly chanceWords: Float64Array[] = [];
  private readonly chanceTextBias: number;
  /** Unit vectors of the plain words ranked CHANCE_RANK_FROM…NEIGHBOUR_RANK_TO, for neighbour search. */
  private neighbourRows: Int32Array | undefined;
  private neighbourVectors: Float32Array | undefined;
  private readonly expansions = new Map<string, Array<Float64Array | undefined>>();

  /** The common direction of the vocabulary (mean unit vector), removed from every word. */
  private readonly common: Float64Array;

  constructor(private readonly vectors: WordVectors) {
    this.harmonic = Math.log(Math.max(vectors.size, 2)) + 0.5772;
    this.common = new Float64Array(vectors.dimensions);
    {
      const to = Math.min(NEIGHBOUR_RANK_TO, vectors.size);
      let count = 0;
      for (let row = CHANCE_RANK_FROM; row < to; row += 1) {
        const vector = Float64Array.from(vectors.vectorAt(row));
        const unit = normalize(vector);
        if (!unit) continue;
        for (let column = 0; column < unit.length; column += 1) this.common[column]! += unit[column]!;
        count += 1;
      }
      if (count > 0)
        for (let column = 0; column < this.common.length; column += 1) this.common[column]! /= count;
    }
    const random = seededRandom(0x5eed);
    for (let sample = 0; sample < CHANCE_SAMPLES; sample += 1) {
      const rows = Array.from({ length: CHANCE_TEXT_WORDS }, () => this.randomRow(random));
      const text = this.embedRows(rows);
      if (text) this.chanceTexts.push(text);
      this.chanceWords.push(this.unitVector(this.randomRow(random)));
    }
    this.chanceTextBias = mean(this.chanceTexts.map((text) => this.meanSimilarityToChanceWords(text)));
  }

  /** The weighted mean of the words' vectors (unit length), or undefined when no word has a vector. */
  embed(words: readonly ContentWord[]): Float64Array | undefined {
    return this.embedRows(words.flatMap((word) => this.rowsOf(word)));
  }

  /**
   * Labels known by their names only, each widened to the centroid of its nearest neighbours in the
   * vocabulary ("sports" → soccer, basketball, hockey …): one word is a narrow, often ambiguous point;
   * its neighbourhood is the topic. A neighbour counts for the label it is closest to only, so words
   * between two labels ("olympic" between "world" and "sports") widen neither. Cached per label set.
   */
  expandLabels(
    key: string,
    vectors: ReadonlyArray<Float64Array | undefined>,
  ): Array<Float64Array | undefined> {
    const cached = this.expansions.get(key);
    if (cached) return cached;
    const { rows, vectors: table } = this.neighbourIndex();
    const dimensions = this.vectors.dimensions;
    const best: Array<Array<{ similarity: number; position: number }>> = vectors.map(() => []);
    for (let position = 0; position < rows.length; position += 1) {
      const offset = position * dimensions;
      let owner = -1;
      let top = 0;
      vectors.forEach((vector, label) => {
        if (!vector) return;
        let similarity = 0;
        for (let column = 0; column < dimensions; column += 1)
          similarity += table[offset + column]! * vector[column]!;
        if (similarity > top) {
          top = similarity;
          owner = label;
        }
      });
      if (owner < 0) continue;
      const list = best[owner]!;
      if (list.length < NEIGHBOURS || top > list[0]!.similarity) {
        if (list.length >= NEIGHBOURS) list.shift();
        list.push({ similarity: top, position });
        list.sort((left, right) => left.similarity - right.similarity);
      }
    }
    const expanded = vectors.map((vector, label) => {
      if (!vector) return undefined;
      const sum = new Float64Array(dimensions);
      for (const { similarity, position } of best[label]!) {
        const offset = position * dimensions;
        for (let column = 0; column < dimensions; column += 1)
          sum[column]! += similarity * table[offset + column]!;
      }
      return this.combine([
        { vector, weight: 1 },
        { vector: normalize(sum), weight: 1 },
      ]);
    });
    if (this.expansions.size >= MAX_EXPANSIONS) this.expansions.delete(this.expansions.keys().next().value!);
    this.expansions.set(key, expanded);
    return expanded;
  }

  private neighbourIndex(): { rows: Int32Array; vectors: Float32Array } {
    if (!this.neighbourRows || !this.neighbourVectors) {
      const to = Math.min(NEIGHBOUR_RANK_TO, this.vectors.size);
      const rows: number[] = [];
      for (let row = CHANCE_RANK_FROM; row < to; row += 1) {
        if (PLAIN_WORD.test(this.vectors.wordAt(row) ?? '')) rows.push(row);
      }
      const dimensions = this.vectors.dimensions;
      const vectors = new Float32Array(rows.length * dimensions);
      rows.forEach((row, position) => vectors.set(this.unitVector(row), position * dimensions));
      this.neighbourRows = Int32Array.from(rows);
      this.neighbourVectors = vectors;
    }
    return { rows: this.neighbourRows, vectors: this.neighbourVectors };
  }

  /** Sums unit vectors (already normalized) with weights, then normalizes; undefined if all are absent. */
  combine(
    parts: ReadonlyArray<{ vector: Float64Array | undefined; weight: number }>,
  ): Float64Array | undefined {
    const sum = new Float64Array(this.vectors.dimensions);
    let any = false;
    for (const { vector, weight } of parts) {
      if (!vector) continue;
      any = true;
      for (let column = 0; column < sum.length; column += 1) sum[column]! += weight * vector[column]!;
    }
    return any ? normalize(sum) : undefined;
  }

  prototype(vector: Float64Array | undefined): Prototype {
    if (!vector) return { vector, chanceMean: 0, chanceDeviation: 1 };
    const similarities = this.chanceTexts.map((text) => dot(text, vector));
    const chanceMean = mean(similarities);
    const variance = mean(similarities.map((value) => (value - chanceMean) ** 2));
    return { vector, chanceMean, chanceDeviation: Math.max(Math.sqrt(variance), 1e-3) };
  }

  /** How far a text is pulled toward everything: subtracted so that scores depend on the label. */
  textBias(text: Float64Array): number {
    return this.meanSimilarityToChanceWords(text) - this.chanceTextBias;
  }

  /** z-score of the text–prototype cosine against chance; 0 when either side has no vector. */
  standardizedSimilarity(text: Float64Array | undefined, textBias: number, prototype: Prototype): number {
    if (!text || !prototype.vector) return 0;
    const z = (dot(text, prototype.vector) - prototype.chanceMean - textBias) / prototype.chanceDeviation;
    return Number.isFinite(z) ? z : 0;
  }

  private rowsOf(word: ContentWord): number[] {
    for (const form of [word.normal, word.lemma]) {
      const row = this.vectors.indexOf(form);
      if (row >= 0) return [row];
    }
    // Compounds the vocabulary lacks ("e-bike", "o'brien"): fall back to their parts.
    return word.normal
      .split(/[-'’./]+/)
      .map((part) => this.vectors.indexOf(part))
      .filter((row) => row >= 0);
  }

  private embedRows(rows: readonly number[]): Float64Array | undefined {
    if (rows.length === 0) return undefined;
    const sum = new Float64Array(this.vectors.dimensions);
    for (const row of rows) {
      const probability = 1 / ((row + 1) * this.harmonic);
      const weight = SIF_A / (SIF_A + probability);
      const unit = this.unitVector(row);
      for (let column = 0; column < sum.length; column += 1) sum[column]! += weight * unit[column]!;
    }
    return normalize(sum);
  }

  private unitVector(row: number): Float64Array {
    const vector = Float64Array.from(this.vectors.vectorAt(row));
    const unit = normalize(vector) ?? vector;
    for (let column = 0; column < unit.length; column += 1) unit[column]! -= this.common[column]!;
    return normalize(unit) ?? unit;
  }

  private meanSimilarityToChanceWords(text: Float64Array): number {
    return mean(this.chanceWords.map((word) => dot(text, word)));
  }

  /** Zipf-distributed rank (log-uniform over the range), skipping punctuation, numbers and short words. */
  private randomRow(random: () => number): number {
    const to = Math.min(CHANCE_RANK_TO, this.vectors.size);
    const from = Math.min(CHANCE_RANK_FROM, to - 1);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const row = Math.floor(from * Math.exp(random() * Math.log(to / from)));
      if (PLAIN_WORD.test(this.vectors.wordAt(row) ?? '')) return row;
    }
    return from;
  }
}

function dot(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let column = 0; column < left.length; column += 1) sum += left[column]! * right[column]!;
  return sum;
}

function normalize(vector: Float64Array): Float64Array | undefined {
  const length = Math.sqrt(dot(vector, vector));
  if (!(length > 0) || !Number.isFinite(length)) return undefined;
  for (let column = 0; column < vector.length; column += 1) vector[column]! /= length;
  return vector;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** A small deterministic generator (LCG): the chance sample must be the same in every process. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
