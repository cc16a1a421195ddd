import { describe, expect, it } from 'vitest';
import { parseText } from '../../nlp/parsed-text.js';
import { computeStats } from './text-stats.js';

const statsOf = (text: string) => computeStats(parseText(text));

describe('computeStats', () => {
  it('counts characters, words and sentences', () => {
    expect(statsOf("It's sunny. We can't stay inside! Shall we go?")).toEqual({
      characters: 46,
      words: 9,
      sentences: 3,
      readingTimeSeconds: 3,
    });
  });

  it('counts an emoji as one character', () => {
    expect(statsOf('Hi 😀').characters).toBe(4);
  });

  it('reads 200 words in 60 seconds and rounds up', () => {
    expect(statsOf('word '.repeat(200)).readingTimeSeconds).toBe(60);
    expect(statsOf('word '.repeat(201)).readingTimeSeconds).toBe(61);
  });

  it('is all zeros for an empty text', () => {
    expect(statsOf('')).toEqual({ characters: 0, words: 0, sentences: 0, readingTimeSeconds: 0 });
  });
});
