import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  collectStream,
  deterministicEmbedding,
  rejectionOf,
  startGeminiFake,
  type FakeServer,
} from '../../../test/fakes/index.js';
import { ProviderError, TimeoutError } from '../../errors/app-error.js';
import type { GenerateRequest, ModelProvider } from '../provider.types.js';
import { createGeminiProvider } from './gemini.provider.js';

const API_KEY = 'AIzaSyTest0123456789abcdefghijSECRET';
const REQUEST: GenerateRequest = {
  model: 'gemini-2.5-flash',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hello.' },
  ],
};

let fake: FakeServer;
let provider: ModelProvider;

beforeAll(async () => {
  fake = await startGeminiFake({ apiKey: API_KEY });
  provider = createGeminiProvider({ name: 'gemini-test', baseUrl: fake.url, apiKey: API_KEY });
});
afterEach(() => {
  fake.reset();
  fake.setScenario({ type: 'reply' });
});
afterAll(async () => {
  await provider.close();
  await fake.close();
});

describe('doGenerate', () => {
  it('returns the text, usage, finish reason and response id', async () => {
    fake.setScenario({ type: 'reply', text: 'Hello!', usage: { inputTokens: 6, outputTokens: 2 } });
    expect(await provider.doGenerate(REQUEST)).toEqual({
      text: 'Hello!',
      usage: { inputTokens: 6, outputTokens: 2 },
      finishReason: 'stop',
      responseId: expect.any(String),
    });
  });

  it('maps MAX_TOKENS to length and SAFETY to content-filter', async () => {
    fake.enqueue(
      { type: 'reply', finishReason: 'length' },
      { type: 'reply', finishReason: 'content-filter' },
    );
    expect((await provider.doGenerate(REQUEST)).finishReason).toBe('length');
    expect((await provider.doGenerate(REQUEST)).finishReason).toBe('content-filter');
  });

  it('sends a generateContent body with the API key header and a JSON response schema', async () => {
    const schema = { type: 'object', properties: { greeting: { type: 'string' } }, required: ['greeting'] };
    await provider.doGenerate({
      ...REQUEST,
      maxOutputTokens: 64,
      temperature: 0,
      responseFormat: { type: 'json', schema },
    });
    const request = fake.requests.at(-1);
    expect(request?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request?.headers['x-goog-api-key']).toBe(API_KEY);
    expect(request?.body).toMatchObject({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Say hello.' }] }],
      generationConfig: {
        maxOutputTokens: 64,
        temperature: 0,
        responseMimeType: 'application/json',
        responseSchema: {
          type: 'object',
          properties: { greeting: { type: 'string' } },
          required: ['greeting'],
        },
      },
    });
  });
});

describe('doStream', () => {
  it('streams deltas (CRLF-separated events) that reassemble the text, then one finish with usage', async () => {
    fake.setScenario({ type: 'reply', text: 'one two three', usage: { inputTokens: 4, outputTokens: 3 } });
    const { parts, text, error } = await collectStream(provider.doStream(REQUEST));
    expect(error).toBeUndefined();
    expect(text).toBe('one two three');
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      usage: { inputTokens: 4, outputTokens: 3 },
      finishReason: 'stop',
      responseId: expect.any(String),
    });
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
      query: { alt: 'sse' },
    });
  });

  it('throws a retryable ProviderError when the connection is cut mid-stream', async () => {
    fake.setScenario({ type: 'reply', text: 'one two three four', cutAfterChunks: 2 });
    const { parts, text, error } = await collectStream(provider.doStream(REQUEST));
    expect(text).toBe('one two ');
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).isRetryable).toBe(true);
  });

  it('throws "ended early" when the stream ends cleanly without a finishReason', async () => {
    fake.setScenario({ type: 'reply', text: 'one two three', cutAfterChunks: 2, cutMode: 'end' });
    const { parts, error } = await collectStream(provider.doStream(REQUEST));
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/ended early/);
  });

  it('throws a retryable ProviderError for a malformed event', async () => {
    fake.setScenario({ type: 'invalid-json' });
    const { error } = await collectStream(provider.doStream(REQUEST));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).isRetryable).toBe(true);
  });
});

describe('errors', () => {
  it('maps 429 with Retry-After to retryAfterMs', async () => {
    fake.setScenario({ type: 'error', status: 429, headers: { 'retry-after': '1' } });
    const error = await rejectionOf(provider.doGenerate(REQUEST));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 1000 });
  });

  it("reads Google's RetryInfo.retryDelay when there is no Retry-After header", async () => {
    fake.setScenario({ type: 'error', status: 429 });
    const error = await rejectionOf(provider.doGenerate(REQUEST));
    expect(error).toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 34_400 });
    expect((error as Error).message).toMatch(/RESOURCE_EXHAUSTED/);
  });

  it('maps 500 and 503 to retryable ProviderErrors', async () => {
    fake.enqueue({ type: 'error', status: 500 }, { type: 'error', status: 503 });
    expect(await rejectionOf(provider.doGenerate(REQUEST))).toMatchObject({ status: 500, isRetryable: true });
    expect(await rejectionOf(provider.doGenerate(REQUEST))).toMatchObject({ status: 503, isRetryable: true });
  });

  it('maps an invalid key (400 API_KEY_INVALID) to a non-retryable ProviderError without the key', async () => {
    const wrongKey = 'AIzaSyWrong9876543210zyxwvutsPRIVATE';
    const misconfigured = createGeminiProvider({ name: 'gemini-test', baseUrl: fake.url, apiKey: wrongKey });
    try {
      const error = await rejectionOf(misconfigured.doGenerate(REQUEST));
      expect(error).toMatchObject({ status: 400, isRetryable: false });
      expect((error as Error).message).toMatch(/API key not valid/);
      expect(JSON.stringify(error)).not.toContain(wrongKey);
      expect((error as Error).message).not.toContain(wrongKey);
    } finally {
      await misconfigured.close();
    }
  });

  it('throws TimeoutError when the upstream hangs past AbortSignal.timeout', async () => {
    fake.setScenario({ type: 'hang' });
    const error = await rejectionOf(provider.doGenerate({ ...REQUEST, signal: AbortSignal.timeout(200) }));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('maps malformed JSON to a retryable ProviderError', async () => {
    fake.setScenario({ type: 'invalid-json' });
    const error = await rejectionOf(provider.doGenerate(REQUEST));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ isRetryable: true });
  });
});

describe('doEmbed', () => {
  it('embeds one text with embedContent', async () => {
    const result = await provider.doEmbed?.({ model: 'text-embedding-004', input: ['alpha'] });
    expect(result?.embeddings).toEqual([deterministicEmbedding('alpha')]);
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/v1beta/models/text-embedding-004:embedContent',
      body: { content: { parts: [{ text: 'alpha' }] } },
    });
  });

  it('embeds several texts with batchEmbedContents, in order', async () => {
    const result = await provider.doEmbed?.({
      model: 'text-embedding-004',
      input: ['alpha', 'beta', 'gamma'],
    });
    expect(result?.embeddings).toEqual(
      ['alpha', 'beta', 'gamma'].map((text) => deterministicEmbedding(text)),
    );
    expect(fake.requests.at(-1)?.path).toBe('/v1beta/models/text-embedding-004:batchEmbedContents');
  });

  it('maps embedding errors like generation errors', async () => {
    fake.setScenario({ type: 'error', status: 503 });
    const error = await rejectionOf(
      provider.doEmbed?.({ model: 'text-embedding-004', input: ['alpha'] }) ?? Promise.resolve(),
    );
    expect(error).toMatchObject({ status: 503, isRetryable: true });
  });
});
