import { describe, expect, it } from 'vitest';
import type { FinishReason } from '../provider.types.js';
import { mapOpenAiFinishReason } from './map-openai-finish-reason.js';

describe('mapOpenAiFinishReason', () => {
  it.each<[string | null | undefined, FinishReason]>([
    ['stop', 'stop'],
    ['eos', 'stop'],
    ['length', 'length'],
    ['content_filter', 'content-filter'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['error', 'error'],
    ['abort', 'other'],
    [null, 'other'],
    [undefined, 'other'],
  ])('maps %j to %s', (finishReason, expected) => {
    expect(mapOpenAiFinishReason(finishReason)).toBe(expected);
  });
});
