/**
 * OpenAI's rate-limit headers on `/v1` answers: `x-ratelimit-limit-requests`,
 * `x-ratelimit-remaining-requests`, `x-ratelimit-reset-requests` and the same three for `-tokens`,
 * from the caller's tightest applicable per-minute rule of each kind (org, team or key). The values
 * come back from admission itself (the counters the admission script or rate limiter just counted),
 * so they cost no extra Redis round trip. A kind no rule limits has no headers, as there is no limit
 * to state. Resets are written as OpenAI writes them: Go-style durations (`20ms`, `1.5s`, `1m0s`).
 */
import type { RateLimitedError } from '../errors/app-error.js';
import type { RateLimitStatus } from '../governance/rate-limit/rate-limit.types.js';

export function rateLimitHeaders(status: RateLimitStatus): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const kind of ['requests', 'tokens'] as const) {
    const counter = status[kind];
    if (counter === undefined) continue;
    headers[`x-ratelimit-limit-${kind}`] = String(counter.limit);
    headers[`x-ratelimit-remaining-${kind}`] = String(counter.remaining);
    headers[`x-ratelimit-reset-${kind}`] = resetDuration(counter.resetMs);
  }
  return headers;
}

/** The headers of a request the caller's own limit refused: nothing remains until the reset. */
export function refusedRateLimitHeaders(error: RateLimitedError): Record<string, string> {
  const refused = error.rateLimit;
  if (refused === undefined) return {};
  return rateLimitHeaders({
    [refused.kind]: { limit: refused.limit, remaining: 0, resetMs: error.retryAfterMs },
  });
}

/** A Go `time.Duration` string, as OpenAI sends resets: `850ms`, `1s`, `12.5s`, `1m0s`. */
export function resetDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole < 1000) return `${whole}ms`;
  const minutes = Math.floor(whole / 60_000);
  const seconds = (whole % 60_000) / 1000;
  const secondsText = `${Number(seconds.toFixed(3))}s`;
  return minutes > 0 ? `${minutes}m${secondsText}` : secondsText;
}
