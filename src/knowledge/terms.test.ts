import { describe, expect, it } from 'vitest';
import { analyzeTerms, decodeTermFrequencies, encodeTermFrequencies } from './terms.js';

describe('analyzeTerms', () => {
  it('lower-cases, drops stopwords and punctuation, and stems', () => {
    expect(analyzeTerms('The Runners were running quickly, and the runner ran!')).toEqual([
      'runner',
      'run',
      'quick',
      'runner',
      'ran',
    ]);
  });

  it('gives the same terms for a query and a document that differ only in inflection', () => {
    expect(analyzeTerms('connected connections')).toEqual(analyzeTerms('Connect connection'));
  });

  it('keeps only word tokens: numbers, URLs, emails and symbols are left out', () => {
    expect(analyzeTerms('Call 555-1234 or mail help@example.com, see https://example.com — 42 $')).toEqual([
      'call',
      'mail',
      'see',
    ]);
  });

  it('removes function words only, keeping content words a query may hinge on', () => {
    expect(analyzeTerms('How do I change the name and amount on my first invoice?')).toEqual([
      'chang',
      'name',
      'amount',
      'first',
      'invoic',
    ]);
  });

  it('returns nothing for empty, whitespace-only or stopword-only text', () => {
    expect(analyzeTerms('')).toEqual([]);
    expect(analyzeTerms('   \n\t ')).toEqual([]);
    expect(analyzeTerms('it is what it is')).toEqual([]);
  });
});

describe('encodeTermFrequencies / decodeTermFrequencies', () => {
  it('round-trips ordinary and awkward terms', () => {
    const terms = new Map<string, number>([
      ['run', 3],
      ['fast', 1],
      ['u.s.', 2],
      ['$price', 1],
      ['a:b', 4],
      ['50%', 1],
      ['two words', 2],
      ['café', 1],
    ]);
    const encoded = encodeTermFrequencies(terms);
    expect(encoded).not.toMatch(/\s{2}|\t|\n/);
    expect(decodeTermFrequencies(encoded)).toEqual(terms);
  });

  it('is compact: a count of 1 is implicit', () => {
    expect(
      encodeTermFrequencies(
        new Map([
          ['run', 3],
          ['fast', 1],
        ]),
      ),
    ).toBe('run:3 fast');
  });

  it('drops empty terms and non-positive counts when encoding, and skips malformed entries when decoding', () => {
    expect(
      encodeTermFrequencies(
        new Map([
          ['', 2],
          ['zero', 0],
          ['ok', 2],
        ]),
      ),
    ).toBe('ok:2');
    expect(decodeTermFrequencies('ok:2 bad:x worse:-1 %E0%A4%A:2  fine')).toEqual(
      new Map([
        ['ok', 2],
        ['fine', 1],
      ]),
    );
    expect(decodeTermFrequencies('')).toEqual(new Map());
  });
});
