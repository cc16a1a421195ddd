import { APICallError, InvalidPromptError, JSONParseError, TypeValidationError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { BadUserInputError, ProviderError, TimeoutError } from '../../../errors/app-error.js';
import { mapAiSdkError } from './map-ai-sdk-error.js';

const SECRET = 'sk-ant-secret-0123456789';
const context = { providerName: 'p', secrets: [SECRET] };

function apiCallError(
  statusCode: number | undefined,
  extra: Partial<ConstructorParameters<typeof APICallError>[0]> = {},
) {
  return new APICallError({
    message: 'upstream message',
    url: 'http://upstream/v1/messages',
    requestBodyValues: { messages: [{ role: 'user', content: 'my private prompt' }] },
    ...(statusCode === undefined ? {} : { statusCode }),
    ...extra,
  });
}

describe('mapAiSdkError', () => {
  it('maps an HTTP APICallError by status, with Retry-After and a summary of the body', () => {
    const mapped = mapAiSdkError(
      apiCallError(429, {
        responseHeaders: { 'retry-after': '2' },
        responseBody: '{"type":"error","error":{"type":"rate_limit_error","message":"Slow down"}}',
      }),
      context,
    );
    expect(mapped).toBeInstanceOf(ProviderError);
    expect(mapped).toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 2000 });
    expect((mapped as Error).message).toBe('p returned HTTP 429 (rate_limit_error): Slow down');
  });

  it('never carries the request body or the SDK error along', () => {
    const mapped = mapAiSdkError(apiCallError(400, { responseBody: '{"error":{"message":"bad"}}' }), context);
    expect((mapped as Error).cause).toBeUndefined();
    expect(JSON.stringify(mapped)).not.toContain('my private prompt');
    expect((mapped as Error).message).not.toContain('my private prompt');
  });

  it('maps an APICallError without status (network) to a retryable ProviderError', () => {
    const cause = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    const mapped = mapAiSdkError(apiCallError(undefined, { cause, isRetryable: true }), context);
    expect(mapped).toMatchObject({ isRetryable: true, status: undefined });
    expect((mapped as Error).message).toBe('p: network error (ECONNREFUSED).');
  });

  it('maps a 2xx APICallError (unreadable successful response) to a retryable ProviderError', () => {
    expect(mapAiSdkError(apiCallError(200), context)).toMatchObject({ status: 200, isRetryable: true });
  });

  it.each([
    ['JSONParseError', new JSONParseError({ text: '{', cause: new Error('x') })],
    ['TypeValidationError', new TypeValidationError({ value: {}, cause: new Error('x') })],
  ])('maps %s to a retryable malformed-response error', (_name, error) => {
    expect(mapAiSdkError(error, context)).toMatchObject({
      isRetryable: true,
      message: 'p returned a malformed response.',
    });
  });

  it('maps a prompt the SDK refuses to BadUserInputError', () => {
    const mapped = mapAiSdkError(new InvalidPromptError({ prompt: 'x', message: 'empty' }), context);
    expect(mapped).toBeInstanceOf(BadUserInputError);
  });

  it('maps an error stream part (a plain object) to a retryable ProviderError', () => {
    const mapped = mapAiSdkError({ type: 'overloaded_error', message: 'Overloaded' }, context);
    expect(mapped).toBeInstanceOf(ProviderError);
    expect(mapped).toMatchObject({ isRetryable: true });
    expect((mapped as Error).message).toBe('p reported an error in the stream: overloaded_error: Overloaded');
  });

  it('lets the abort reason win', () => {
    const controller = new AbortController();
    controller.abort();
    expect(mapAiSdkError(apiCallError(500), { ...context, signal: controller.signal })).toBe(
      controller.signal.reason,
    );
  });

  it('maps a TimeoutError DOMException to our TimeoutError', () => {
    expect(mapAiSdkError(new DOMException('timed out', 'TimeoutError'), context)).toBeInstanceOf(
      TimeoutError,
    );
  });
});
