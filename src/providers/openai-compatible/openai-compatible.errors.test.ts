import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, startOpenAiFake, type FakeServer } from '../../../test/fakes/index.js';
import { ProviderError, TimeoutError } from '../../errors/app-error.js';
import type { GenerateRequest, ModelProvider } from '../provider.types.js';
import { parseConnectionSettings } from '../http/connection-settings.js';
import { authenticationHeaders, createOpenAiCompatibleProvider } from './openai-compatible.provider.js';

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

describe('errors', () => {
  it('maps 429 with Retry-After to a retryable ProviderError with retryAfterMs', async () => {
    fake.setScenario({ type: 'error', status: 429, headers: { 'retry-after': '1' } });
    const error = await rejectionOf(provider.doGenerate(REQUEST));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 1000 });
    expect((error as ProviderError).message).toMatch(
      /openai-test returned HTTP 429 \(rate_limit_exceeded\): Rate limit reached/,
    );
  });

  it('prefers retry-after-ms', async () => {
    fake.setScenario({
      type: 'error',
      status: 429,
      headers: { 'retry-after-ms': '250', 'retry-after': '1' },
    });
    expect(await rejectionOf(provider.doGenerate(REQUEST))).toMatchObject({ retryAfterMs: 250 });
  });

  it('maps 500 to a retryable ProviderError', async () => {
    fake.setScenario({ type: 'error', status: 500 });
    expect(await rejectionOf(provider.doGenerate(REQUEST))).toMatchObject({ status: 500, isRetryable: true });
  });

  it('maps 400 to a non-retryable ProviderError carrying the upstream message', async () => {
    fake.setScenario({ type: 'error', status: 400 });
    const error = await rejectionOf(provider.doGenerate(REQUEST));
    expect(error).toMatchObject({ status: 400, isRetryable: false });
    expect((error as Error).message).toMatch(/max_completion_tokens/);
  });

  it('maps 401 to a non-retryable ProviderError that shows no part of the key', async () => {
    const wrongKey = 'sk-wrong-9876543210zyxwvutsrqPRIVATE';
    const misconfigured = createOpenAiCompatibleProvider({
      name: 'openai-test',
      baseUrl: fake.url,
      apiKey: wrongKey,
    });
    try {
      const error = await rejectionOf(misconfigured.doGenerate(REQUEST));
      expect(error).toMatchObject({ status: 401, isRetryable: false });
      const message = (error as Error).message;
      expect(message).toContain('invalid_api_key');
      expect(message).not.toContain(wrongKey.slice(0, 8));
      expect(message).not.toContain(wrongKey.slice(-4));
      expect(JSON.stringify(error)).not.toContain(wrongKey);
    } finally {
      await misconfigured.close();
    }
  });

  it('throws TimeoutError when the upstream hangs past AbortSignal.timeout', async () => {
    fake.setScenario({ type: 'hang' });
    const started = Date.now();
    const error = await rejectionOf(provider.doGenerate({ ...REQUEST, signal: AbortSignal.timeout(200) }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(10_000); // a hang would run into the test timeout instead
  });

  it('re-throws a client abort as the abort reason, not as a timeout', async () => {
    fake.setScenario({ type: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejectionOf(provider.doGenerate({ ...REQUEST, signal: controller.signal }));
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe('AbortError');
  });

  it('maps malformed JSON to a retryable ProviderError', async () => {
    fake.setScenario({ type: 'invalid-json' });
    const error = await rejectionOf(provider.doGenerate(REQUEST));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ isRetryable: true });
    expect((error as Error).message).toMatch(/malformed JSON/);
  });

  it('maps a dropped connection to a retryable network error', async () => {
    fake.setScenario({ type: 'reset' });
    const error = await rejectionOf(provider.doGenerate(REQUEST));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ isRetryable: true, status: undefined });
  });

  it('maps a refused connection to a retryable network error', async () => {
    const closed = await startOpenAiFake();
    const url = closed.url;
    await closed.close();
    const unreachable = createOpenAiCompatibleProvider({ name: 'gone', baseUrl: url });
    try {
      const error = await rejectionOf(unreachable.doGenerate(REQUEST));
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as Error).message).toMatch(/network error \(ECONNREFUSED\)/);
      expect(error).toMatchObject({ isRetryable: true });
    } finally {
      await unreachable.close();
    }
  });

  it('follows the per-request queue: fails twice, then succeeds', async () => {
    fake.enqueue({ type: 'error', status: 500 }, { type: 'error', status: 429 });
    await expect(provider.doGenerate(REQUEST)).rejects.toMatchObject({ status: 500 });
    await expect(provider.doGenerate(REQUEST)).rejects.toMatchObject({ status: 429 });
    await expect(provider.doGenerate(REQUEST)).resolves.toMatchObject({ finishReason: 'stop' });
  });
});

describe('authenticationHeaders', () => {
  it.each([
    ['https://api.openai.com/v1', { authorization: 'Bearer k' }],
    ['https://my-resource.openai.azure.com/openai/deployments/gpt4o', { 'api-key': 'k' }],
    ['https://my-resource.cognitiveservices.azure.com/openai/v1', { 'api-key': 'k' }],
  ])('authenticates to %s with %j', (baseUrl, expected) => {
    expect(
      authenticationHeaders(parseConnectionSettings({ name: 'p', baseUrl, apiKey: 'k' }, baseUrl)),
    ).toEqual(expected);
  });

  it('sends no credentials without a key', () => {
    expect(
      authenticationHeaders(parseConnectionSettings({ name: 'p' }, 'https://api.openai.com/v1')),
    ).toEqual({});
  });
});
