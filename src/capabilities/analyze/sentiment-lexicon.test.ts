import { beforeAll, describe, expect, it } from 'vitest';
import { loadWordVectors, type WordVectors } from '../classify/word-vectors.js';
import {
  fitPolarity,
  inducedLexiconReady,
  inducedPolarity,
  predictPolarity,
  prepareSentimentModel,
  winkPolarity,
} from './sentiment-lexicon.js';
import { lexiconScore } from './sentiment.js';

describe('winkPolarity', () => {
  it("reads wink's lexicon word by word: 0 for words it does not score", () => {
    expect(winkPolarity('good')).toBeGreaterThan(0.3);
    expect(winkPolarity('boring')).toBeLessThan(-0.3);
    expect(winkPolarity('film')).toBe(0);
    expect(winkPolarity('lacklustre')).toBe(0);
  });
});

describe('induced polarity from the word vectors', () => {
  let vectors: WordVectors;
  beforeAll(async () => {
    vectors = await loadWordVectors();
    await prepareSentimentModel();
  }, 120_000);

  it('predicts the sign of lexicon words it was not fitted on', () => {
    // Hold out every fifth plain word of the frequent range; fit on the rest (their polarity, or 0).
    const rows: number[] = [];
    const heldOut: number[] = [];
    for (let row = 100; row < Math.min(50_000, vectors.size); row += 1) {
      if (!/^[a-z]{3,}$/.test(vectors.wordAt(row) ?? '')) continue;
      (row % 5 === 0 ? heldOut : rows).push(row);
    }
    const weights = fitPolarity(vectors, winkPolarity, rows);
    const polar = heldOut.filter((row) => Math.abs(winkPolarity(vectors.wordAt(row) ?? '')) >= 0.3);
    expect(polar.length).toBeGreaterThan(100);
    const agree = polar.filter(
      (row) =>
        Math.sign(predictPolarity(vectors, weights, row)) === Math.sign(winkPolarity(vectors.wordAt(row)!)),
    ).length;
    expect(agree / polar.length).toBeGreaterThan(0.75);
  });

  it('gives the words wink does not score a polarity, shrunk toward 0', () => {
    expect(inducedLexiconReady()).toBe(true);
    expect(inducedPolarity('good')).toBeUndefined(); // in the lexicon: never induced
    expect(Math.abs(inducedPolarity('tuesday') ?? 0)).toBeLessThan(0.1);
    // Evaluative words of reviews that wink's lexicon lacks; small values, as the fit is unsure.
    for (const word of ['lacklustre', 'tedious', 'clumsy']) {
      expect(winkPolarity(word)).toBe(0);
      expect(inducedPolarity(word)).toBeLessThan(0);
      expect(inducedPolarity(word)).toBeGreaterThan(-0.5);
    }
  });

  it("lets induced polarities decide a clause the lexicon does not score, negated by VADER's rule", () => {
    expect(lexiconScore('A lacklustre, tedious sequel.')).toBeLessThan(0);
    expect(lexiconScore('A heartfelt and exhilarating film.')).toBeGreaterThan(0);
    expect(lexiconScore('It was not tedious.')).toBeGreaterThan(lexiconScore('It was tedious.'));
    expect(Math.abs(lexiconScore('The train leaves at nine from platform four.'))).toBeLessThan(0.2);
  });
});
