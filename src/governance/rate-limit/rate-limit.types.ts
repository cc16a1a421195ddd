export type RateLimitScope = 'ORG' | 'TEAM' | 'KEY';

/**
 * The per-minute limits of one org, team or API key. A missing (or null) limit is no limit; 0
 * blocks everything. Windows are fixed: 60 s from the first request the counter sees.
 */
export interface RateLimitRule {
  scope: RateLimitScope;
  /** The org, team or API key id the limits apply to. */
  target: string;
  requestsPerMinute?: number | null;
  /** Model tokens (input + output) per minute. */
  tokensPerMinute?: number | null;
}

/** Admits requests against every rule that applies to them, shared across instances when on Redis. */
export interface RateLimiter {
  /**
   * Counts one request and `estimatedTokens` tokens against every rule, and throws
   * `RateLimitedError` (message naming the limit, `retryAfterMs` = time until that window resets)
   * if any limit is exceeded; a rejected request is then not counted anywhere.
   */
  admit(rules: readonly RateLimitRule[], estimatedTokens: number): Promise<Admission>;
}

/** Where one kind of counter stands for a caller after a request: its tightest applicable rule. */
export interface RateLimitCounterStatus {
  /** The per-minute limit of that rule. */
  limit: number;
  /** What is left of it in the current window (never below 0). */
  remaining: number;
  /** Milliseconds until that window resets. */
  resetMs: number;
}

/** The caller's rate-limit standing after admission (absent kinds have no applicable rule). */
export interface RateLimitStatus {
  requests?: RateLimitCounterStatus;
  tokens?: RateLimitCounterStatus;
}

/** One counter as a charge left it: the tightest per kind (least remaining) is reported. */
export function rateLimitStatusOf(
  counters: readonly { kind: 'requests' | 'tokens'; limit: number; consumed: number; resetMs: number }[],
): RateLimitStatus {
  const status: RateLimitStatus = {};
  for (const { kind, limit, consumed, resetMs } of counters) {
    const remaining = Math.max(0, limit - consumed);
    const current = status[kind];
    if (current === undefined || remaining < current.remaining)
      status[kind] = { limit, remaining, resetMs: Math.max(0, resetMs) };
  }
  return status;
}

export interface Admission {
  /** The caller's standing right after this request was counted (x-ratelimit-* headers). */
  readonly status?: RateLimitStatus;
  /**
   * Corrects the token counters to the call's actual usage: charges what exceeded the estimate,
   * gives back what was not used (unless the window has already reset). Once; later calls are no-ops.
   */
  settleTokens(actualTokens: number): Promise<void>;
}
