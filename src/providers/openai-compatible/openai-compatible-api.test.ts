import { describe, expect, it } from 'vitest';
import {
  chatCompletionChunkSchema,
  chatCompletionSchema,
  isChatCompletion,
  isChatCompletionChunk,
} from './openai-compatible-api.js';

const call = { id: 'c1', function: { name: 'f', arguments: '{}' } };
const completions: unknown[] = [
  { choices: [] },
  { id: 'x', choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1 } },
  { id: null, choices: [{ message: null, finish_reason: null }], usage: null, extra: [1] },
  { choices: [{ message: { content: null, tool_calls: [call, { function: null }] } }] },
  { choices: [{}] },
  null,
  [],
  'text',
  {},
  { choices: {} },
  { choices: [null] },
  { choices: [[]] },
  { id: 3, choices: [] },
  { choices: [{ message: { content: 5 } }] },
  { choices: [{ message: [] }] },
  { choices: [{ message: { tool_calls: {} } }] },
  { choices: [{ message: { tool_calls: [{ id: 1 }] } }] },
  { choices: [{ message: { tool_calls: [{ function: { name: 2 } }] } }] },
  { choices: [{ message: { tool_calls: [{ function: [] }] } }] },
  { choices: [{ finish_reason: 1 }] },
  { choices: [], usage: { prompt_tokens: '1' } },
  { choices: [], usage: [] },
  { choices: [], usage: { completion_tokens: Number.NaN } },
];
const chunks: unknown[] = [
  {},
  { choices: null, usage: { prompt_tokens: 3, completion_tokens: 4 } },
  { id: 'x', choices: [{ delta: { content: 'a' } }] },
  { choices: [{ delta: { tool_calls: [{ index: 0, id: 'c', function: { arguments: '{' } }] } }] },
  { choices: [{ delta: { tool_calls: [{ index: '0' }] } }] },
  { choices: [{ delta: 'a' }] },
  { choices: 'a' },
  { choices: [{ delta: null, finish_reason: 'stop' }] },
  { choices: [{ delta: { content: 1 } }] },
  { id: [], choices: [] },
  ...completions,
];

describe('hand-written checks of upstream chat responses', () => {
  it('accept and reject exactly what the zod schemas do', () => {
    for (const value of completions)
      expect([value, isChatCompletion(value)]).toEqual([
        value,
        chatCompletionSchema.safeParse(value).success,
      ]);
    for (const value of chunks)
      expect([value, isChatCompletionChunk(value)]).toEqual([
        value,
        chatCompletionChunkSchema.safeParse(value).success,
      ]);
  });
});
