import { describe, expect, it } from 'vitest';
import { geminiResponseIdOf, isGeminiFinalChunk } from './read-gemini-chunk.js';

describe('isGeminiFinalChunk', () => {
  it.each<[unknown, boolean]>([
    [{ candidates: [{ finishReason: 'STOP' }] }, true],
    [{ candidates: [{ finishReason: 'MAX_TOKENS' }] }, true],
    [{ candidates: [{ finishReason: 'A_FUTURE_REASON' }] }, true],
    [{ candidates: [{ finishReason: 'CONTINUATION' }] }, false],
    [{ candidates: [{ content: { parts: [{ text: 'a' }] } }] }, false],
    [{ promptFeedback: { blockReason: 'SAFETY' } }, true],
    [{}, false],
    [null, false],
  ])('%j → %s', (chunk, expected) => {
    expect(isGeminiFinalChunk(chunk)).toBe(expected);
  });
});

describe('geminiResponseIdOf', () => {
  it('reads responseId', () => {
    expect(geminiResponseIdOf({ responseId: 'r1' })).toBe('r1');
    expect(geminiResponseIdOf({})).toBeUndefined();
  });
});
