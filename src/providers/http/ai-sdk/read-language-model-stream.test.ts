import type { LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { collectStream } from '../../../../test/fakes/stream-helpers.js';
import { ProviderError } from '../../../errors/app-error.js';
import { readLanguageModelStream } from './read-language-model-stream.js';

const FINAL = { final: true };
const FINISH: LanguageModelV2StreamPart = {
  type: 'finish',
  finishReason: 'stop',
  usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
};

function streamOf(
  parts: LanguageModelV2StreamPart[],
  error?: unknown,
): ReadableStream<LanguageModelV2StreamPart> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      if (error === undefined) controller.close();
      else controller.error(error);
    },
  });
}

function read(parts: LanguageModelV2StreamPart[], error?: unknown) {
  return collectStream(
    readLanguageModelStream(streamOf(parts, error), {
      providerName: 'p',
      isFinalChunk: (raw) => raw === FINAL,
      responseIdOf: (raw) => (raw === FINAL ? 'from-raw' : undefined),
    }),
  );
}

describe('readLanguageModelStream', () => {
  it('yields text deltas and one finish, ignoring other parts', async () => {
    const { parts, error } = await read([
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', id: 'resp-1' },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Hel' },
      { type: 'reasoning-delta', id: 'r', delta: 'thinking' },
      { type: 'text-delta', id: '0', delta: '' },
      { type: 'text-delta', id: '0', delta: 'lo' },
      { type: 'text-end', id: '0' },
      { type: 'raw', rawValue: FINAL },
      FINISH,
    ]);
    expect(error).toBeUndefined();
    expect(parts).toEqual([
      { type: 'delta', text: 'Hel' },
      { type: 'delta', text: 'lo' },
      {
        type: 'finish',
        usage: { inputTokens: 3, outputTokens: 2 },
        finishReason: 'stop',
        responseId: 'resp-1',
      },
    ]);
  });

  it('takes the response id from raw chunks when the SDK gives none', async () => {
    const { parts } = await read([{ type: 'raw', rawValue: FINAL }, FINISH]);
    expect(parts.at(-1)).toMatchObject({ responseId: 'from-raw' });
  });

  it.each<[string, LanguageModelV2StreamPart[]]>([
    [
      'no finish part',
      [
        { type: 'text-delta', id: '0', delta: 'a' },
        { type: 'raw', rawValue: FINAL },
      ],
    ],
    ['a finish without the final raw chunk', [{ type: 'text-delta', id: '0', delta: 'a' }, FINISH]],
  ])('throws "ended early" for %s', async (_name, input) => {
    const { parts, error } = await read(input);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).isRetryable).toBe(true);
  });

  it('throws the error of an error part as is', async () => {
    const upstream = { type: 'overloaded_error', message: 'Overloaded' };
    const { parts, error } = await read([
      { type: 'text-delta', id: '0', delta: 'a' },
      { type: 'error', error: upstream },
    ]);
    expect(parts).toEqual([{ type: 'delta', text: 'a' }]);
    expect(error).toBe(upstream);
  });

  it('throws the error of a failing stream as is', async () => {
    const failure = new Error('socket');
    const { error } = await read([{ type: 'text-delta', id: '0', delta: 'a' }], failure);
    expect(error).toBe(failure);
  });
});
