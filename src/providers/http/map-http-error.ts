import { ProviderError, type UpstreamRefusal } from '../../errors/app-error.js';
import { isRecord } from './is-record.js';
import { parseDurationMs, parseRetryAfterMs, type ResponseHeaders } from './retry-after.js';

/** Longest upstream text we copy into an error message. */
const MAX_SUMMARY_LENGTH = 200;
/** Tokens shaped like API keys (OpenAI `sk-…`, Anthropic `sk-ant-…`, Google `AIza…`), masked even when not ours. */
const KEY_LIKE_PATTERN = /\b(?:sk|rk|pk)-[\w-]{8,}|\bAIza[\w-]{20,}/g;

export interface HttpErrorDetails {
  /** Registered provider name, prefixed to the message. */
  providerName: string;
  status: number;
  headers: ResponseHeaders;
  /** The raw error body, if it could be read. Only a short summary of it reaches the message. */
  body: string | undefined;
  /** Strings that must never appear in the message (the connection's API key). */
  secrets: readonly string[];
}

export interface ErrorBodySummary {
  /** A short, client-safe message: the upstream's own `error.message` (or equivalent), truncated. */
  message?: string;
  /** The upstream error code or type (`invalid_api_key`, `RESOURCE_EXHAUSTED`). */
  code?: string;
  /** Google's `RetryInfo.retryDelay`, when the body carries one. */
  retryDelayMs?: number;
}

/**
 * Turns a non-2xx upstream response into a `ProviderError`. The message carries the upstream's
 * own short explanation (never the request), except on 401/403 where it only names the error
 * code: some upstreams echo part of the key they rejected.
 */
export function providerErrorFromHttp(details: HttpErrorDetails): ProviderError {
  const { providerName, status, headers, secrets } = details;
  const summary = summarizeErrorBody(details.body);
  const retryAfterMs = parseRetryAfterMs(headers) ?? summary.retryDelayMs;
  const code = summary.code === undefined ? '' : ` (${redactSecrets(summary.code, secrets)})`;

  const refusal = refusalOf(status, details.body);
  const message =
    status === 401 || status === 403
      ? `${providerName} rejected the credentials: HTTP ${status}${code}. Check the provider's API key.`
      : `${providerName} returned HTTP ${status}${code}${
          summary.message === undefined ? '' : `: ${redactSecrets(summary.message, secrets)}`
        }`;
  return new ProviderError(message, { status, retryAfterMs, ...(refusal ? { refusal } : {}) });
}

/** Gemini answers a bad key with a 400 whose details say `API_KEY_INVALID`; everyone else with 401 or 403. */
function refusalOf(status: number, body: string | undefined): UpstreamRefusal | undefined {
  if (status === 401 || status === 403 || (status === 400 && body?.includes('"API_KEY_INVALID"')))
    return 'credentials_rejected';
  if (status === 429) return 'rate_limited';
  if (status === 400 || status === 413 || status === 422) return 'invalid_request';
  return undefined;
}

/** Extracts a short message and code from the error bodies of OpenAI-compatible servers, Anthropic, Google, Ollama and FastAPI. */
export function summarizeErrorBody(body: string | undefined): ErrorBodySummary {
  const text = body?.trim();
  if (text === undefined || text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Plain-text bodies (proxies, load balancers) are kept, HTML pages are not.
    return text.startsWith('<') ? {} : { message: truncate(text) };
  }
  if (!isRecord(parsed)) return {};

  const error = parsed.error;
  if (typeof error === 'string') return { message: truncate(error) };
  const source = isRecord(error) ? error : parsed;
  const message = firstString(source.message, parsed.detail);
  const code = firstString(source.code, source.type, source.status);
  return {
    ...(message === undefined ? {} : { message: truncate(message) }),
    ...(code === undefined ? {} : { code: truncate(code) }),
    ...retryDelayOf(source.details),
  };
}

/** Replaces each secret, and anything shaped like an API key, with `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result.replace(KEY_LIKE_PATTERN, '[redacted]');
}

function retryDelayOf(details: unknown): { retryDelayMs?: number } {
  if (!Array.isArray(details)) return {};
  for (const detail of details) {
    if (isRecord(detail) && typeof detail.retryDelay === 'string') {
      const retryDelayMs = parseDurationMs(detail.retryDelay);
      if (retryDelayMs !== undefined) return { retryDelayMs };
    }
  }
  return {};
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.trim() !== '');
}

function truncate(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length <= MAX_SUMMARY_LENGTH
    ? collapsed
    : `${collapsed.slice(0, MAX_SUMMARY_LENGTH - 1)}…`;
}
