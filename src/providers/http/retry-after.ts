/** Response headers as undici and the AI SDK give them: lower-case names. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/**
 * How long the upstream asks us to wait before retrying, in milliseconds: `retry-after-ms`
 * (OpenAI, Azure) first, then `Retry-After` as delay-seconds or an HTTP date. Undefined when
 * absent or unparseable, so the retry policy falls back to its own backoff.
 */
export function parseRetryAfterMs(headers: ResponseHeaders, now = Date.now()): number | undefined {
  const milliseconds = parseNonNegativeNumber(headerValue(headers, 'retry-after-ms'));
  if (milliseconds !== undefined) return Math.round(milliseconds);

  const retryAfter = headerValue(headers, 'retry-after')?.trim();
  if (retryAfter === undefined || retryAfter === '') return undefined;
  const seconds = parseNonNegativeNumber(retryAfter);
  if (seconds !== undefined) return Math.round(seconds * 1000);
  // An HTTP-date always names its weekday and month; bare numbers (`-1`) are not dates.
  const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A protobuf `Duration` as JSON ("34.4s"), as Google puts it in `RetryInfo.retryDelay` of a 429
 * body instead of a `Retry-After` header.
 */
export function parseDurationMs(duration: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration.trim());
  return match?.[1] === undefined ? undefined : Math.round(Number(match[1]) * 1000);
}

function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseNonNegativeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}
