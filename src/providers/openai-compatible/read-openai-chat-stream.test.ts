import { describe, expect, it } from 'vitest';
import { collectStream } from '../../../test/fakes/stream-helpers.js';
import { ProviderError } from '../../errors/app-error.js';
import type { ServerSentEvent } from '../http/sse-parser.js';
import { readChatCompletionStream } from './read-openai-chat-stream.js';

const context = { providerName: 'p', secrets: ['sk-secret-key-123'] };

function chunk(content: string | undefined, finishReason: string | null = null): string {
  return JSON.stringify({
    id: 'chatcmpl-1',
    choices: [{ index: 0, delta: content === undefined ? {} : { content }, finish_reason: finishReason }],
  });
}
const USAGE = JSON.stringify({
  id: 'chatcmpl-1',
  choices: [],
  usage: { prompt_tokens: 4, completion_tokens: 2 },
});

function read(data: string[]) {
  async function* events(): AsyncGenerator<ServerSentEvent> {
    for (const item of data) yield { event: 'message', data: item };
  }
  return collectStream(readChatCompletionStream(events(), context));
}

describe('readChatCompletionStream', () => {
  it('yields deltas, then one finish with the usage of the last chunk', async () => {
    const { parts, error } = await read([
      chunk(''),
      chunk('Hel'),
      chunk('lo'),
      chunk(undefined, 'stop'),
      USAGE,
      '[DONE]',
    ]);
    expect(error).toBeUndefined();
    expect(parts).toEqual([
      { type: 'delta', text: 'Hel' },
      { type: 'delta', text: 'lo' },
      {
        type: 'finish',
        usage: { inputTokens: 4, outputTokens: 2 },
        finishReason: 'stop',
        responseId: 'chatcmpl-1',
      },
    ]);
  });

  it.each([
    ['[DONE] without finish_reason', [chunk('a'), '[DONE]'], 'other'],
    ['finish_reason without [DONE]', [chunk('a'), chunk(undefined, 'length')], 'length'],
  ])('accepts %s as complete', async (_name, data, finishReason) => {
    const { parts, error } = await read(data);
    expect(error).toBeUndefined();
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason });
  });

  it('ignores anything after [DONE]', async () => {
    const { parts } = await read([chunk('a', 'stop'), '[DONE]', chunk('late')]);
    expect(parts.map((part) => part.type)).toEqual(['delta', 'finish']);
  });

  it.each([
    ['an empty stream', []],
    ['a stream cut before finish_reason', [chunk('a'), chunk('b')]],
  ])('throws a retryable "ended early" error for %s', async (_name, data) => {
    const { parts, error } = await read(data);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ isRetryable: true, message: 'p: the stream ended early.' });
  });

  it.each([
    ['malformed JSON', '{"choices": ['],
    ['an unexpected shape', '{"choices": "nope"}'],
  ])('throws a retryable ProviderError for %s', async (_name, data) => {
    const { error } = await read([chunk('a'), data]);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ isRetryable: true });
  });

  it('throws the error a server reports inside the stream, with its status', async () => {
    const { error } = await read([
      chunk('a'),
      JSON.stringify({ error: { code: 502, message: 'Upstream sk-secret-key-123 failed' } }),
    ]);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 502, isRetryable: true });
    expect((error as Error).message).toBe('p reported an error in the stream: Upstream [redacted] failed');
  });
});
