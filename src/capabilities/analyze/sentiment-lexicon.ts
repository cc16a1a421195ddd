/**
 * Word polarities, in [-1, 1], for the words wink-nlp's sentiment lexicon does not score.
 *
 * wink's lexicon (AFINN-based, with its own additions) scores a few thousand words; reviews are full
 * of evaluative words it lacks ("lacklustre", "unwatchable", "heartfelt"). Their polarity is induced
 * from the bundled word vectors (lexicon induction from embeddings, as in Amir et al. 2015 and Rothe
 * et al. 2016): a ridge regression from a word's unit vector to wink's polarity of that word, fitted
 * on every plain vocabulary word of the frequent range, the words wink does not score counting as 0.
 * A least-squares fit predicts the expected lexicon polarity of a word given its vector, so its
 * predictions come already shrunk toward 0 by how little the vector tells ("tuesday" ≈ 0). The fit
 * sees the lexicon only, no labelled sentence.
 *
 * Choices were compared on the UCI labelled sentences (Amazon, IMDb, Yelp) that the `sentiment`
 * package ships as test fixtures (`bench/quality/dev/sentiment-dev.ts`), never on an evaluation set:
 * merging VADER's and AFINN-165's lexicons into wink's, or scoring with them instead, did worse there
 * than wink's lexicon plus the induced polarities, so neither is used.
 *
 * The induced lexicon needs the word vectors and is built once by `prepareSentimentModel()` (warm
 * start and every analyze task await it; a few seconds of CPU). Until then, or if the vectors cannot
 * be loaded, sentiment is wink's lexicon alone.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { loadWordVectors, type WordVectors } from '../classify/word-vectors.js';

/** Induced polarities cover the plain words of this frequency-rank range of the word vectors. */
const INDUCED_RANK_FROM = 100;
const INDUCED_RANK_TO = 50_000;
const PLAIN_WORD = /^[a-z]{3,}$/;
/** Ridge penalty: the rows are unit vectors and number in the tens of thousands; this only steadies the solve. */
const RIDGE = 1;

/** Sentiment only: reading one word costs ~35 µs instead of the full pipeline's ~80. */
let winkSentiment: ReturnType<typeof winkNLP> | undefined;
const polarityCache = new Map<string, number>();
const POLARITY_CACHE_LIMIT = 200_000;
let induced: Map<string, number> | undefined;
let preparing: Promise<void> | undefined;

/** wink-nlp's polarity of a single word (0 when its lexicon does not score it), memoised. */
export function winkPolarity(word: string): number {
  const cached = polarityCache.get(word);
  if (cached !== undefined) return cached;
  winkSentiment ??= winkNLP(model, ['sentiment']);
  const value: unknown = winkSentiment.readDoc(word).out(winkSentiment.its.sentiment);
  const wink = typeof value === 'number' && Number.isFinite(value) ? value : 0;
  if (polarityCache.size >= POLARITY_CACHE_LIMIT) polarityCache.clear();
  polarityCache.set(word, wink);
  return wink;
}

/** Induced polarity of a word outside the lexicon, once `prepareSentimentModel()` has run; else undefined. */
export function inducedPolarity(word: string): number | undefined {
  return induced?.get(word);
}

export function inducedLexiconReady(): boolean {
  return induced !== undefined;
}

/**
 * Builds the induced lexicon once per process (shared by every caller); never rejects: without word
 * vectors, sentiment keeps to wink's lexicon.
 */
export function prepareSentimentModel(): Promise<void> {
  preparing ??= loadWordVectors().then(
    (vectors) => {
      induced = induceLexicon(vectors, winkPolarity);
    },
    () => undefined,
  );
  return preparing;
}

/** The plain words of the frequent range. */
function trainingRows(vectors: WordVectors): number[] {
  const rows: number[] = [];
  const to = Math.min(INDUCED_RANK_TO, vectors.size);
  for (let row = Math.min(INDUCED_RANK_FROM, to); row < to; row += 1) {
    if (PLAIN_WORD.test(vectors.wordAt(row) ?? '')) rows.push(row);
  }
  return rows;
}

/**
 * Fits polarity ≈ w · unit(vector) + c by ridge regression on `rows` (all plain words of the range by
 * default), `known` giving each word's lexicon polarity (0 when unscored). Exported with `rows` for
 * the held-out check in the tests.
 */
export function fitPolarity(
  vectors: WordVectors,
  known: (word: string) => number,
  rows: readonly number[] = trainingRows(vectors),
): Float64Array {
  const size = vectors.dimensions + 1;
  const gram = new Float64Array(size * size);
  const target = new Float64Array(size);
  const x = new Float64Array(size);
  for (const row of rows) {
    if (!unitRow(vectors, row, x)) continue;
    const y = known(vectors.wordAt(row) ?? '');
    for (let i = 0; i < size; i += 1) {
      const xi = x[i]!;
      if (xi === 0) continue;
      target[i]! += xi * y;
      const offset = i * size;
      for (let j = i; j < size; j += 1) gram[offset + j]! += xi * x[j]!;
    }
  }
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j < i; j += 1) gram[i * size + j] = gram[j * size + i]!;
    if (i < size - 1) gram[i * size + i]! += RIDGE;
  }
  return solve(gram, target, size);
}

export function predictPolarity(vectors: WordVectors, weights: Float64Array, row: number): number {
  const x = new Float64Array(weights.length);
  if (!unitRow(vectors, row, x)) return 0;
  let value = 0;
  for (let i = 0; i < x.length; i += 1) value += x[i]! * weights[i]!;
  return Math.max(-1, Math.min(1, value));
}

export function induceLexicon(vectors: WordVectors, known: (word: string) => number): Map<string, number> {
  const rows = trainingRows(vectors);
  const weights = fitPolarity(vectors, known, rows);
  const predictions = new Map<string, number>();
  for (const row of rows) {
    const word = vectors.wordAt(row) ?? '';
    if (known(word) !== 0 || predictions.has(word)) continue;
    predictions.set(word, predictPolarity(vectors, weights, row));
  }
  return predictions;
}

/** Unit vector of a row into `x` (last slot the intercept's 1); false for a zero vector. */
function unitRow(vectors: WordVectors, row: number, x: Float64Array): boolean {
  const vector = vectors.vectorAt(row);
  let norm = 0;
  for (let i = 0; i < vector.length; i += 1) norm += vector[i]! * vector[i]!;
  norm = Math.sqrt(norm);
  if (!(norm > 0)) return false;
  for (let i = 0; i < vector.length; i += 1) x[i] = vector[i]! / norm;
  x[vector.length] = 1;
  return true;
}

/** Solves the symmetric positive-definite system A w = b (Gaussian elimination with partial pivoting). */
function solve(matrix: Float64Array, vector: Float64Array, size: number): Float64Array {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(vector);
  for (let column = 0; column < size; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < size; row += 1)
      if (Math.abs(a[row * size + column]!) > Math.abs(a[pivot * size + column]!)) pivot = row;
    if (pivot !== column) {
      for (let k = 0; k < size; k += 1) {
        const swap = a[column * size + k]!;
        a[column * size + k] = a[pivot * size + k]!;
        a[pivot * size + k] = swap;
      }
      const swap = b[column]!;
      b[column] = b[pivot]!;
      b[pivot] = swap;
    }
    const diagonal = a[column * size + column]!;
    if (Math.abs(diagonal) < 1e-12) continue;
    for (let row = column + 1; row < size; row += 1) {
      const factor = a[row * size + column]! / diagonal;
      if (factor === 0) continue;
      for (let k = column; k < size; k += 1) a[row * size + k]! -= factor * a[column * size + k]!;
      b[row]! -= factor * b[column]!;
    }
  }
  const solution = new Float64Array(size);
  for (let row = size - 1; row >= 0; row -= 1) {
    let sum = b[row]!;
    for (let k = row + 1; k < size; k += 1) sum -= a[row * size + k]! * solution[k]!;
    const diagonal = a[row * size + row]!;
    solution[row] = Math.abs(diagonal) < 1e-12 ? 0 : sum / diagonal;
  }
  return solution;
}
