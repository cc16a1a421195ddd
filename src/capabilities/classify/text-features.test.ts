import { describe, expect, it } from 'vitest';
import { labelToPhrase, readLabelFeatures, readTextFeatures } from './text-features.js';

describe('labelToPhrase', () => {
  it.each([
    ['Sci/Tech', 'science technology'],
    ['customer_support', 'customer support'],
    ['billingIssue', 'billing Issue'],
    ['IT', 'information technology'],
    ['World', 'World'],
    ['health & fitness', 'health fitness'],
    ['---', ''],
  ])('turns %j into %j', (label, phrase) => {
    expect(labelToPhrase(label)).toBe(phrase);
  });
});

describe('readTextFeatures', () => {
  it('keeps lower-case content words with lemma and stem, and reads sentiment', () => {
    const features = readTextFeatures('The Children were running happily to the wonderful park!');
    expect(features.words.map((word) => word.normal)).toEqual([
      'children',
      'running',
      'happily',
      'wonderful',
      'park',
    ]);
    expect(features.words[1]).toMatchObject({ lemma: 'run' });
    expect(features.words[1]).toMatchObject({ stem: 'run' });
    expect(features.sentiment).toBeGreaterThan(0);
    expect(readTextFeatures('This is a terrible, awful mess.').sentiment).toBeLessThan(0);
  });

  it('copes with empty and symbol-only text', () => {
    expect(readTextFeatures('')).toEqual({ words: [], sentiment: 0 });
    expect(readTextFeatures('!!! ??? 123 $$$').words).toEqual([]);
  });
});

describe('readLabelFeatures', () => {
  it('keeps a label made only of stopwords', () => {
    expect(readLabelFeatures('other').words.map((word) => word.normal)).toEqual(['other']);
  });

  it('gives polarity labels a sentiment of the right sign', () => {
    expect(readLabelFeatures('positive').sentiment).toBeGreaterThan(0);
    expect(readLabelFeatures('negative').sentiment).toBeLessThan(0);
    expect(readLabelFeatures('sports').sentiment).toBe(0);
  });
});
