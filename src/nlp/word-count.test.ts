import { describe, expect, it } from 'vitest';
import { countWords } from './word-count.js';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   ', 0],
    ['one', 1],
    ["I can't believe it's 3.5 km", 6],
    ['e-mail bob@example.com — now!', 3],
    ['😀 😀', 0],
    ['今天天气很好', 6],
    ['Hello 世界', 3],
  ])('counts %j as %i words', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });
});
