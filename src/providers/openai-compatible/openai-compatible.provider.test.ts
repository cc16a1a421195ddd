import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  collectStream,
  deterministicEmbedding,
  startOpenAiFake,
  type FakeServer,
} from '../../../test/fakes/index.js';
import { ProviderError, TimeoutError } from '../../errors/app-error.js';
import type { GenerateRequest, ModelProvider } from '../provider.types.js';
import { createOpenAiCompatibleProvider } from './openai-compatible.provider.js';

const API_KEY = 'sk-test-0123456789abcdefghijSECRET';
const REQUEST: GenerateRequest = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hello.' },
  ],
};

let fake: FakeServer;
let provider: ModelProvider;

beforeAll(async () => {
  fake = await startOpenAiFake({ apiKey: API_KEY });
  provider = createOpenAiCompatibleProvider({
    name: 'openai-test',
    baseUrl: fake.url,
    apiKey: API_KEY,
    headers: { 'OpenAI-Organization': 'org-test' },
  });
});
afterEach(() => {
  fake.reset();
  fake.setScenario({ type: 'reply' });
});
afterAll(async () => {
  await provider.close();
  await fake.close();
});

function lastBody(): Record<string, unknown> {
  return fake.requests.at(-1)?.body as Record<string, unknown>;
}

describe('doGenerate', () => {
  it('returns the text, usage, finish reason and response id of the completion', async () => {
    fake.setScenario({ type: 'reply', text: 'Hello there!', usage: { inputTokens: 11, outputTokens: 3 } });
    const result = await provider.doGenerate(REQUEST);
    expect(result).toEqual({
      text: 'Hello there!',
      usage: { inputTokens: 11, outputTokens: 3 },
      finishReason: 'stop',
      responseId: expect.stringMatching(/^chatcmpl-/),
    });
  });

  it('maps finish_reason length', async () => {
    fake.setScenario({ type: 'reply', finishReason: 'length' });
    expect((await provider.doGenerate(REQUEST)).finishReason).toBe('length');
  });

  it('sends the documented body and headers', async () => {
    await provider.doGenerate({
      ...REQUEST,
      maxOutputTokens: 50,
      temperature: 0.2,
      topP: 0.9,
      stop: ['\n\n'],
      responseFormat: { type: 'json', name: 'greeting', schema: { type: 'object' } },
    });
    const request = fake.requests.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers['openai-organization']).toBe('org-test');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      model: 'gpt-4o-mini',
      messages: REQUEST.messages,
      max_tokens: 50,
      temperature: 0.2,
      top_p: 0.9,
      stop: ['\n\n'],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'greeting', schema: { type: 'object' }, strict: false },
      },
    });
  });

  it('asks for a JSON object when no schema is given', async () => {
    await provider.doGenerate({ ...REQUEST, responseFormat: { type: 'json' } });
    expect(lastBody().response_format).toEqual({ type: 'json_object' });
  });

  it('merges params into the body without letting them replace model, messages or stream', async () => {
    await provider.doGenerate({
      ...REQUEST,
      temperature: 0.1,
      params: { model: 'other', messages: [], stream: true, temperature: 0.9, seed: 7, user: 'team-a' },
    });
    expect(lastBody()).toMatchObject({
      model: 'gpt-4o-mini',
      messages: REQUEST.messages,
      temperature: 0.1,
      seed: 7,
      user: 'team-a',
    });
    expect(lastBody()).not.toHaveProperty('stream');
  });

  it('reuses keep-alive connections instead of opening one per call', async () => {
    for (let index = 0; index < 10; index++) await provider.doGenerate(REQUEST);
    // undici may hand the next call to a second socket while the first finishes its response.
    expect(new Set(fake.requests.map((request) => request.remotePort)).size).toBeLessThanOrEqual(2);
  });
});

describe('doStream', () => {
  it('streams deltas that reassemble the text, then exactly one finish with usage', async () => {
    fake.setScenario({
      type: 'reply',
      text: 'one two three four five',
      usage: { inputTokens: 9, outputTokens: 5 },
    });
    const { parts, text, error } = await collectStream(provider.doStream(REQUEST));
    expect(error).toBeUndefined();
    expect(text).toBe('one two three four five');
    expect(parts.filter((part) => part.type === 'delta')).toHaveLength(5);
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      usage: { inputTokens: 9, outputTokens: 5 },
      finishReason: 'stop',
      responseId: expect.stringMatching(/^chatcmpl-/),
    });
    expect(lastBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(fake.requests.at(-1)?.headers.accept).toBe('text/event-stream');
  });

  it('yields each delta as it arrives', async () => {
    fake.setScenario({ type: 'reply', text: 'abcdef', chunks: 3, chunkIntervalMs: 40 });
    const arrivals: number[] = [];
    const started = Date.now();
    for await (const part of provider.doStream(REQUEST))
      if (part.type === 'delta') arrivals.push(Date.now() - started);
    expect(arrivals).toHaveLength(3);
    expect((arrivals[2] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(60);
  });

  it('releases the upstream when the consumer stops early', async () => {
    fake.setScenario({ type: 'reply', text: 'one two three', chunkIntervalMs: 50 });
    for await (const part of provider.doStream(REQUEST)) {
      expect(part).toEqual({ type: 'delta', text: 'one ' });
      break;
    }
    fake.setScenario({ type: 'reply', text: 'after' });
    expect((await provider.doGenerate(REQUEST)).text).toBe('after');
  });

  it('throws a retryable ProviderError when the connection is cut mid-stream', async () => {
    fake.setScenario({ type: 'reply', text: 'one two three four', cutAfterChunks: 2 });
    const { parts, text, error } = await collectStream(provider.doStream(REQUEST));
    expect(text).toBe('one two ');
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).isRetryable).toBe(true);
  });

  it('throws "ended early" when the stream ends cleanly without finish_reason or [DONE]', async () => {
    fake.setScenario({ type: 'reply', text: 'one two three', cutAfterChunks: 1, cutMode: 'end' });
    const { parts, error } = await collectStream(provider.doStream(REQUEST));
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toMatch(/ended early/);
    expect((error as ProviderError).isRetryable).toBe(true);
  });

  it('throws a retryable ProviderError for a malformed event', async () => {
    fake.setScenario({ type: 'invalid-json' });
    const { error } = await collectStream(provider.doStream(REQUEST));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).isRetryable).toBe(true);
  });

  it('throws the HTTP error before any part', async () => {
    fake.setScenario({ type: 'error', status: 503 });
    const { parts, error } = await collectStream(provider.doStream(REQUEST));
    expect(parts).toEqual([]);
    expect(error).toMatchObject({ status: 503, isRetryable: true });
  });

  it('turns a timeout in the middle of a stream into TimeoutError', async () => {
    fake.setScenario({ type: 'reply', text: 'one two three', chunkIntervalMs: 5_000 });
    const { error } = await collectStream(
      provider.doStream({ ...REQUEST, signal: AbortSignal.timeout(200) }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
  });
});

describe('doEmbed', () => {
  it('returns one deterministic vector per input, in order, with usage', async () => {
    const result = await provider.doEmbed?.({ model: 'text-embedding-3-small', input: ['alpha', 'beta'] });
    expect(result?.embeddings).toEqual([deterministicEmbedding('alpha'), deterministicEmbedding('beta')]);
    expect(result?.usage.inputTokens).toBeGreaterThan(0);
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/v1/embeddings',
      body: { model: 'text-embedding-3-small', input: ['alpha', 'beta'] },
    });
  });
});
