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

export interface Admission {
  /**
   * Corrects the token counters to the call's actual usage: charges what exceeded the estimate,
   * gives back what was not used (unless the window has already reset). Once; later calls are no-ops.
   */
  settleTokens(actualTokens: number): Promise<void>;
}
