import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors/app-error.js';
import { providerErrorFromHttp, redactSecrets, summarizeErrorBody } from './map-http-error.js';

const SECRET = 'sk-live-abcdefghijklmnop0123';

function errorFor(status: number, body?: unknown, headers: Record<string, string> = {}): ProviderError {
  return providerErrorFromHttp({
    providerName: 'upstream',
    status,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    secrets: [SECRET],
  });
}

describe('providerErrorFromHttp', () => {
  it.each<[number, boolean]>([
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [408, true],
    [409, true],
    [422, false],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [529, true],
  ])('HTTP %i is retryable: %s', (status, retryable) => {
    const error = errorFor(status);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.status).toBe(status);
    expect(error.isRetryable).toBe(retryable);
  });

  it('takes retryAfterMs from the headers, then from a Google RetryInfo body', () => {
    expect(errorFor(429, undefined, { 'retry-after': '2' }).retryAfterMs).toBe(2000);
    const google = { error: { code: 429, message: 'quota', details: [{ retryDelay: '3s' }] } };
    expect(errorFor(429, google).retryAfterMs).toBe(3000);
    expect(errorFor(429, google, { 'retry-after': '1' }).retryAfterMs).toBe(1000);
  });

  it('never puts the upstream message of a 401 or 403 in ours, only its code', () => {
    const body = {
      error: { message: `Incorrect API key provided: ${SECRET.slice(0, 10)}***`, code: 'invalid_api_key' },
    };
    const error = errorFor(401, body);
    expect(error.message).toBe(
      "upstream rejected the credentials: HTTP 401 (invalid_api_key). Check the provider's API key.",
    );
  });

  it('redacts the secret from any upstream message', () => {
    const error = errorFor(400, { error: { message: `bad key ${SECRET} given` } });
    expect(error.message).not.toContain(SECRET);
    expect(error.message).toContain('[redacted]');
  });
});

describe('summarizeErrorBody', () => {
  it.each<[string, string | undefined, ReturnType<typeof summarizeErrorBody>]>([
    [
      'OpenAI',
      '{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}',
      { message: 'Rate limit reached', code: 'rate_limit_exceeded' },
    ],
    [
      'Anthropic',
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      { message: 'Overloaded', code: 'overloaded_error' },
    ],
    [
      'Google',
      '{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}',
      { message: 'The model is overloaded.', code: 'UNAVAILABLE' },
    ],
    ['Ollama', '{"error":"model \\"llama9\\" not found"}', { message: 'model "llama9" not found' }],
    ['FastAPI', '{"detail":"Not authenticated"}', { message: 'Not authenticated' }],
    ['plain text', 'upstream connect error', { message: 'upstream connect error' }],
    ['HTML, dropped', '<html><body>502 Bad Gateway</body></html>', {}],
    ['an unknown JSON shape, dropped', '{"detail":[{"loc":["body"],"input":"the prompt"}]}', {}],
    ['an empty body', '', {}],
    ['no body', undefined, {}],
  ])('summarises a %s error body', (_name, body, expected) => {
    expect(summarizeErrorBody(body)).toEqual(expected);
  });

  it('truncates long messages to 200 characters', () => {
    const { message } = summarizeErrorBody(JSON.stringify({ error: { message: 'x'.repeat(5000) } }));
    expect(message).toHaveLength(200);
    expect(message?.endsWith('…')).toBe(true);
  });
});

describe('redactSecrets', () => {
  it.each([
    ['the given secret', `key=${SECRET}`, 'key=[redacted]'],
    ['OpenAI-shaped keys', 'got sk-proj-AbCdEf0123456789', 'got [redacted]'],
    ['Google-shaped keys', 'got AIzaSyA1234567890abcdefghijklmnop', 'got [redacted]'],
    ['nothing else', 'a plain message', 'a plain message'],
  ])('masks %s', (_name, text, expected) => {
    expect(redactSecrets(text, [SECRET])).toBe(expected);
  });
});
