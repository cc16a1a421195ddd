import { describe, expect, it } from 'vitest';
import { parseText } from '../../nlp/parsed-text.js';
import { extractKeywords } from './keywords.js';

const BUSES =
  'Oslo will replace its diesel bus fleet with electric buses by 2026, city officials said on Monday. ' +
  'The electric buses are quieter and cheaper to run, although their batteries lose range in cold winters. ' +
  'The city will also build forty charging stations. Critics want the charging stations finished before ' +
  'the first electric buses arrive.';

const DROUGHT =
  'Climate change is already hurting olive farmers in southern Spain. Longer droughts have cut harvests by a ' +
  'third. Scientists warn that climate change will make such droughts more common, and farmers are planting ' +
  'drought-tolerant crops.';

describe('extractKeywords', () => {
  it('puts the obvious topic phrase first', () => {
    const keywords = extractKeywords(parseText(BUSES), 'en');
    expect(keywords[0]).toEqual({ text: 'electric buses', score: 1 });
    expect(keywords.map((keyword) => keyword.text)).toContain('charging stations');
  });

  it('finds multi-word topics and hyphenated modifiers', () => {
    const texts = extractKeywords(parseText(DROUGHT), 'en').map((keyword) => keyword.text);
    expect(texts.slice(0, 3)).toContain('climate change');
    expect(texts).toContain('drought-tolerant crops');
  });

  it('returns at most 10 lower-cased, distinct keywords, best first, scored in (0, 1]', () => {
    const keywords = extractKeywords(parseText(`${BUSES} ${DROUGHT}`), 'en');
    expect(keywords.length).toBeGreaterThan(3);
    expect(keywords.length).toBeLessThanOrEqual(10);
    const texts = keywords.map((keyword) => keyword.text);
    expect(new Set(texts).size).toBe(texts.length);
    for (const text of texts) expect(text).toBe(text.toLowerCase());
    for (const { score } of keywords) {
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    const scores = keywords.map((keyword) => keyword.score);
    expect(scores).toEqual([...scores].sort((left, right) => right - left));
  });

  it('does not repeat a phrase inside a better one', () => {
    const texts = extractKeywords(parseText(BUSES), 'en').map((keyword) => keyword.text);
    expect(texts).not.toContain('buses');
  });

  it('falls back to recurring words in other languages', () => {
    const french =
      'Le gouvernement a présenté un nouveau plan pour les transports publics. Les transports publics ' +
      'deviendront gratuits pour les étudiants.';
    const texts = extractKeywords(parseText(french), 'fr').map((keyword) => keyword.text);
    expect(texts[0]).toBe('transports publics');
    expect(texts).not.toContain('les');
  });

  it('returns nothing for text without words', () => {
    expect(extractKeywords(parseText(''), 'und')).toEqual([]);
    expect(extractKeywords(parseText('😀 123 !!!'), 'und')).toEqual([]);
  });
});
