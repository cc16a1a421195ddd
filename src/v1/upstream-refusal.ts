/**
 * What an upstream's refusal means for a `/v1` caller. A request the upstream finds invalid is the
 * caller's 400, with the upstream's (secret-free) explanation, so SDKs do not retry what can never
 * succeed; an upstream rate limit that no other candidate absorbed is the caller's 429 with
 * Retry-After; rejected provider credentials are an operator problem: a 502 that says so, never the
 * upstream's message (some echo part of the key).
 */
import type { ProviderError } from '../errors/app-error.js';
import type { OpenAiErrorAnswer } from './openai-error.js';

export const CREDENTIALS_REJECTED_MESSAGE = 'provider credentials rejected';
const DEFAULT_RETRY_AFTER_MS = 1_000;

export function upstreamRefusalAnswer(error: ProviderError): OpenAiErrorAnswer | undefined {
  switch (error.refusal) {
    case 'invalid_request':
      return {
        status: 400,
        headers: {},
        body: {
          error: {
            message: error.message,
            type: 'invalid_request_error',
            param: null,
            code: 'upstream_invalid_request',
          },
        },
      };
    case 'rate_limited': {
      const retryAfterMs = error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
      return {
        status: 429,
        headers: {
          'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
          'retry-after-ms': String(retryAfterMs),
        },
        body: {
          error: {
            message: error.message,
            type: 'rate_limit_error',
            param: null,
            code: 'rate_limit_exceeded',
          },
        },
      };
    }
    case 'credentials_rejected':
      return {
        status: 502,
        headers: {},
        body: {
          error: {
            message: `${CREDENTIALS_REJECTED_MESSAGE}: the gateway's key for this model's provider was refused. An operator must fix it.`,
            type: 'api_error',
            param: null,
            code: 'provider_credentials_rejected',
          },
        },
      };
    default:
      return undefined;
  }
}
