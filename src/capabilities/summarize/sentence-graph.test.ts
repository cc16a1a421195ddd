import { describe, expect, it } from 'vitest';
import {
  centrality,
  cosine,
  MAX_GRAPH_SENTENCES,
  overlapSimilarity,
  tfidfVectors,
} from './sentence-graph.js';

describe('tfidfVectors and cosine', () => {
  it('builds unit-length vectors, so a sentence is fully similar to itself', () => {
    const [first, second] = tfidfVectors([
      ['bridge', 'close', 'monday'],
      ['bus', 'run', 'bridge'],
    ]);
    expect(cosine(first ?? new Map(), first ?? new Map())).toBeCloseTo(1, 10);
    expect(cosine(first ?? new Map(), second ?? new Map())).toBeGreaterThan(0);
    expect(cosine(first ?? new Map(), second ?? new Map())).toBeLessThan(1);
  });

  it('gives an empty vector to a sentence without terms', () => {
    const [empty] = tfidfVectors([[], ['word']]);
    expect(empty?.size).toBe(0);
  });
});

describe('centrality', () => {
  const hubAndSpokes = tfidfVectors([
    ['river', 'flood'],
    ['river', 'flood', 'barrier', 'town', 'rain'],
    ['barrier', 'steel'],
    ['town', 'mayor'],
    ['rain', 'forecast'],
  ]);
  const uniform = [1, 1, 1, 1, 1];
  const all = [true, true, true, true, true];

  it('ranks the sentence that shares terms with all others highest, at 1', () => {
    const scores = centrality(hubAndSpokes, uniform, all);
    expect(scores[1]).toBe(1);
    for (const score of scores) expect(score).toBeLessThanOrEqual(1);
  });

  it('gives excluded sentences 0', () => {
    const scores = centrality(hubAndSpokes, uniform, [true, false, true, true, true]);
    expect(scores[1]).toBe(0);
  });

  it('lets the prior bias the walk towards a sentence', () => {
    const plain = centrality(hubAndSpokes, uniform, all);
    const biased = centrality(hubAndSpokes, [1, 1, 1, 1, 20], all);
    expect(biased[4] ?? 0).toBeGreaterThan(plain[4] ?? 0);
  });

  it('falls back to centroid similarity for very long texts', () => {
    const many = tfidfVectors(
      Array.from({ length: MAX_GRAPH_SENTENCES + 10 }, (_, index) => ['shared', `own${index}`]),
    );
    const scores = centrality(
      many,
      many.map(() => 1),
      many.map(() => true),
    );
    expect(Math.max(...scores)).toBe(1);
    expect(Math.min(...scores)).toBeGreaterThan(0);
  });
});

describe('overlapSimilarity', () => {
  it('counts shared terms over the log lengths, so a longer sentence on the topic is not penalised', () => {
    const vector = (terms: string[]): Map<string, number> => new Map(terms.map((term) => [term, 1]));
    const topic = vector(['council', 'market', 'vote']);
    const short = vector(['council', 'market']);
    const long = vector(['council', 'market', 'vote', 'close', 'fish', 'tuesday']);
    expect(overlapSimilarity(topic, short)).toBeCloseTo(2 / (Math.log(4) + Math.log(3)));
    expect(overlapSimilarity(topic, long)).toBeGreaterThan(overlapSimilarity(topic, short));
    expect(overlapSimilarity(topic, vector([]))).toBe(0);
  });
});
