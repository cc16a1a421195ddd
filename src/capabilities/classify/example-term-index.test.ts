import { describe, expect, it } from 'vitest';
import { ExampleTermIndex } from './example-term-index.js';

describe('ExampleTermIndex', () => {
  const index = new ExampleTermIndex([
    { label: 'billing', stems: ['invoic', 'vat', 'number'] },
    { label: 'billing', stems: ['charg', 'twice', 'card'] },
    { label: 'login', stems: ['password', 'reset', 'link'] },
  ]);

  it('scores each label by its closest example', () => {
    const similarity = index.closestExampleSimilarity(['password', 'reset', 'link']);
    expect(similarity.get('login')).toBeCloseTo(1, 12);
    expect(similarity.get('billing')).toBe(0);
  });

  it('weights rare shared stems more and dilutes matches with unexplained words', () => {
    const partial = index.closestExampleSimilarity(['vat', 'number', 'shoe', 'size']);
    expect(partial.get('billing')).toBeGreaterThan(0.2);
    expect(partial.get('billing')).toBeLessThan(0.9);
  });

  it('returns zeros for a text with no shared stems and copes with no examples', () => {
    expect([...index.closestExampleSimilarity(['weather']).values()]).toEqual([0, 0]);
    expect(new ExampleTermIndex([]).closestExampleSimilarity(['x']).size).toBe(0);
  });
});
