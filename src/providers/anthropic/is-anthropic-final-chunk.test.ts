import { describe, expect, it } from 'vitest';
import { isAnthropicFinalChunk } from './is-anthropic-final-chunk.js';

describe('isAnthropicFinalChunk', () => {
  it.each<[unknown, boolean]>([
    [{ type: 'message_stop' }, true],
    [{ type: 'message_delta', delta: { stop_reason: 'end_turn' } }, false],
    [{ type: 'content_block_delta' }, false],
    [undefined, false],
    ['message_stop', false],
  ])('%j → %s', (chunk, expected) => {
    expect(isAnthropicFinalChunk(chunk)).toBe(expected);
  });
});
