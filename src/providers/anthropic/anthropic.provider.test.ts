import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  collectStream,
  rejectionOf,
  startAnthropicFake,
  type FakeServer,
} from '../../../test/fakes/index.js';
import { ProviderError, TimeoutError } from '../../errors/app-error.js';
import type { GenerateRequest, ModelProvider } from '../provider.types.js';
import { createAnthropicProvider } from './anthropic.provider.js';

const API_KEY = 'sk-ant-api03-test0123456789SECRET';
const REQUEST: GenerateRequest = {
  model: 'claude-sonnet-4-5',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hello.' },
    { role: 'assistant', content: 'Hello.' },
    { role: 'system', content: 'Answer in English.' },
    { role: 'user', content: 'Again.' },
  ],
  maxOutputTokens: 100,
};

let fake: FakeServer;
let provider: ModelProvider;

beforeAll(async () => {
  fake = await startAnthropicFake({ apiKey: API_KEY });
  provider = createAnthropicProvider({ name: 'anthropic-test', baseUrl: fake.url, apiKey: API_KEY });
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
  it('returns the text, usage, finish reason and message id', async () => {
    fake.setScenario({ type: 'reply', text: 'Hi!', usage: { inputTokens: 21, outputTokens: 2 } });
    expect(await provider.doGenerate(REQUEST)).toEqual({
      text: 'Hi!',
      usage: { inputTokens: 21, outputTokens: 2 },
      finishReason: 'stop',
      responseId: expect.stringMatching(/^msg_/),
    });
  });

  it('maps stop_reason max_tokens to length', async () => {
    fake.setScenario({ type: 'reply', finishReason: 'length' });
    expect((await provider.doGenerate(REQUEST)).finishReason).toBe('length');
  });

  it('sends the Messages API body and headers, with the system messages joined up front', async () => {
    await provider.doGenerate({ ...REQUEST, temperature: 0.3, stop: ['END'] });
    const request = fake.requests.at(-1);
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe(API_KEY);
    expect(request?.headers['anthropic-version']).toBe('2023-06-01');
    expect(request?.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      temperature: 0.3,
      stop_sequences: ['END'],
      system: [{ type: 'text', text: 'Be brief.\n\nAnswer in English.' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Say hello.' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Again.' }] },
      ],
    });
  });

  it('passes params: standard settings as such, the rest as Anthropic provider options', async () => {
    await provider.doGenerate({ ...REQUEST, params: { top_k: 5, sendReasoning: false } });
    expect(fake.requests.at(-1)?.body).toMatchObject({ top_k: 5 });
  });

  it('asks for JSON through a forced tool and returns its input as the text', async () => {
    fake.setScenario({ type: 'reply', text: '{"greeting":"hi"}' });
    const schema = { type: 'object', properties: { greeting: { type: 'string' } } };
    const result = await provider.doGenerate({ ...REQUEST, responseFormat: { type: 'json', schema } });
    expect(JSON.parse(result.text)).toEqual({ greeting: 'hi' });
    expect(result.finishReason).toBe('stop');
    expect(fake.requests.at(-1)?.body).toMatchObject({
      tools: [{ name: 'json', input_schema: schema }],
      tool_choice: { type: 'tool', name: 'json' },
    });
  });

  it('has no embeddings', () => {
    expect(provider.doEmbed).toBeUndefined();
  });
});

describe('doStream', () => {
  it('streams deltas that reassemble the text, then exactly one finish with usage', async () => {
    fake.setScenario({ type: 'reply', text: 'alpha beta gamma', usage: { inputTokens: 7, outputTokens: 3 } });
    const { parts, text, error } = await collectStream(provider.doStream(REQUEST));
    expect(error).toBeUndefined();
    expect(text).toBe('alpha beta gamma');
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      usage: { inputTokens: 7, outputTokens: 3 },
      finishReason: 'stop',
      responseId: expect.stringMatching(/^msg_/),
    });
    expect(fake.requests.at(-1)?.body).toMatchObject({ stream: true });
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

  it('streams structured output as text deltas', async () => {
    fake.setScenario({ type: 'reply', text: '{"greeting":"hello there"}', chunks: 4 });
    const schema = { type: 'object', properties: { greeting: { type: 'string' } } };
    const { text, parts, error } = await collectStream(
      provider.doStream({ ...REQUEST, responseFormat: { type: 'json', schema } }),
    );
    expect(error).toBeUndefined();
    expect(JSON.parse(text)).toEqual({ greeting: 'hello there' });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it('throws a retryable ProviderError when the connection is cut mid-stream', async () => {
    fake.setScenario({ type: 'reply', text: 'one two three four', cutAfterChunks: 2 });
    const { parts, text, error } = await collectStream(provider.doStream(REQUEST));
    expect(text).toBe('one two ');
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).isRetryable).toBe(true);
  });

  it('throws "ended early" when the stream ends cleanly before message_stop', async () => {
    fake.setScenario({ type: 'reply', text: 'one two three', cutAfterChunks: 1, cutMode: 'end' });
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

  it('turns a hang into TimeoutError', async () => {
    fake.setScenario({ type: 'hang' });
    const { error } = await collectStream(
      provider.doStream({ ...REQUEST, signal: AbortSignal.timeout(200) }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
  });
});

describe('errors', () => {
  it('maps 429 with Retry-After to a retryable ProviderError with retryAfterMs', async () => {
    fake.setScenario({ type: 'error', status: 429, headers: { 'retry-after': '1' } });
    const error = await rejectionOf(provider.doGenerate(REQUEST));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 1000 });
    expect((error as Error).message).toMatch(/rate_limit_error/);
  });

  it('maps 529 overloaded to a retryable ProviderError', async () => {
    fake.setScenario({ type: 'error', status: 529 });
    expect(await rejectionOf(provider.doGenerate(REQUEST))).toMatchObject({ status: 529, isRetryable: true });
  });

  it('maps 500 to a retryable ProviderError', async () => {
    fake.setScenario({ type: 'error', status: 500 });
    expect(await rejectionOf(provider.doGenerate(REQUEST))).toMatchObject({ status: 500, isRetryable: true });
  });

  it('maps 400 to a non-retryable ProviderError', async () => {
    fake.setScenario({ type: 'error', status: 400 });
    const error = await rejectionOf(provider.doGenerate(REQUEST));
    expect(error).toMatchObject({ status: 400, isRetryable: false });
    expect((error as Error).message).toMatch(/at least one message/);
  });

  it('maps 401 to a non-retryable ProviderError without the key', async () => {
    const wrongKey = 'sk-ant-api03-wrong9876543210PRIVATE';
    const misconfigured = createAnthropicProvider({
      name: 'anthropic-test',
      baseUrl: fake.url,
      apiKey: wrongKey,
    });
    try {
      const error = await rejectionOf(misconfigured.doGenerate(REQUEST));
      expect(error).toMatchObject({ status: 401, isRetryable: false });
      expect((error as Error).message).toContain('authentication_error');
      expect(JSON.stringify(error)).not.toContain(wrongKey);
      expect((error as Error).message).not.toContain(wrongKey);
      expect((error as Error).cause).toBeUndefined();
    } finally {
      await misconfigured.close();
    }
  });

  it('throws TimeoutError when the upstream hangs past AbortSignal.timeout', async () => {
    fake.setScenario({ type: 'hang' });
    const error = await rejectionOf(provider.doGenerate({ ...REQUEST, signal: AbortSignal.timeout(200) }));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('re-throws a client abort as the abort reason', async () => {
    fake.setScenario({ type: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejectionOf(provider.doGenerate({ ...REQUEST, signal: controller.signal }));
    expect(error).toBe(controller.signal.reason);
  });

  it('maps malformed JSON to a retryable ProviderError', async () => {
    fake.setScenario({ type: 'invalid-json' });
    const error = await rejectionOf(provider.doGenerate(REQUEST));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ isRetryable: true });
  });

  it('maps a dropped connection to a retryable network error', async () => {
    fake.setScenario({ type: 'reset' });
    const error = await rejectionOf(provider.doGenerate(REQUEST));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ isRetryable: true });
  });
});
