/**
 * The exact-match response cache: serialized capability results by `responseCacheKey`. Values are
 * opaque strings (the caller serializes), so backends need no knowledge of result shapes.
 */
export interface ResponseCache {
  /** The cached value, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` for `ttlSeconds` (rounded up to whole seconds; must be positive). */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
}

/** A positive TTL in whole seconds, rounded up. */
export function ttlInWholeSeconds(ttlSeconds: number): number {
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0)
    throw new RangeError('ttlSeconds must be a positive number');
  return Math.ceil(ttlSeconds);
}
