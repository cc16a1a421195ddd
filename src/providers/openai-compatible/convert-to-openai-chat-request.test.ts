import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../provider.types.js';
import { convertResponseFormat, convertToOpenAiChatRequest } from './convert-to-openai-chat-request.js';

const BASE: GenerateRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] };

describe('convertToOpenAiChatRequest', () => {
  it.each<[string, GenerateRequest, boolean, Record<string, unknown>]>([
    ['a minimal request', BASE, false, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }],
    [
      'typed settings',
      { ...BASE, maxOutputTokens: 5, temperature: 0, topP: 1, stop: ['.'] },
      false,
      { max_tokens: 5, temperature: 0, top_p: 1, stop: ['.'] },
    ],
    ['an empty stop list, left out', { ...BASE, stop: [] }, false, { model: 'gpt-4o-mini' }],
    ['a stream, asking for usage', BASE, true, { stream: true, stream_options: { include_usage: true } }],
    [
      'params with stream_options, keeping include_usage on',
      { ...BASE, params: { stream_options: { include_usage: false, extra: 1 } } },
      true,
      { stream_options: { include_usage: true, extra: 1 } },
    ],
    [
      'params that try to override model, messages and stream',
      { ...BASE, params: { model: 'x', messages: [], stream: true, logprobs: true } },
      false,
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], logprobs: true },
    ],
    [
      'typed fields over params',
      { ...BASE, temperature: 0.1, params: { temperature: 0.9, top_p: 0.5 } },
      false,
      { temperature: 0.1, top_p: 0.5 },
    ],
  ])('builds the body for %s', (_name, request, stream, expected) => {
    const body = convertToOpenAiChatRequest(request, stream);
    expect(body).toMatchObject(expected);
    if (!stream) {
      expect(body).not.toHaveProperty('stream');
      expect(body).not.toHaveProperty('stream_options');
    }
    if (request.stop?.length === 0) expect(body).not.toHaveProperty('stop');
  });

  it('copies only role and content of each message', () => {
    const message = { role: 'user' as const, content: 'Hi', name: 'extra' };
    expect(convertToOpenAiChatRequest({ ...BASE, messages: [message] }, false).messages).toEqual([
      { role: 'user', content: 'Hi' },
    ]);
  });
});

describe('convertResponseFormat', () => {
  it.each([
    ['no format', undefined, undefined],
    ['text', { type: 'text' } as const, undefined],
    ['json', { type: 'json' } as const, { type: 'json_object' }],
    [
      'json with schema',
      { type: 'json', schema: { type: 'object' } } as const,
      { type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object' }, strict: false } },
    ],
  ])('maps %s', (_name, format, expected) => {
    expect(convertResponseFormat(format)).toEqual(expected);
  });
});
