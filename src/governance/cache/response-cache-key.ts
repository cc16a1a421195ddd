/**
 * The key of a cacheable capability call: sha256 over a canonical JSON of everything that decides
 * the result. Canonical means object keys sorted and every string trimmed with whitespace runs
 * collapsed to one space, so `{"b":1,"a":" x  y"}` and `{"a":"x y","b":1}` share an entry.
 */
import { createHash } from 'node:crypto';

export interface ResponseCacheKeyInput {
  capability: string;
  /** The capability version: a new version never serves answers of the old one. */
  version: number;
  input: unknown;
  /**
   * Only the options that change the result (pinned model, strategy, parameters). Leave out the
   * ones that do not (timeoutMs, cache, conversationId), or identical calls will miss each other.
   */
  options?: unknown;
  /**
   * Who may share the entry: the caller's team id, unless the capability is marked shareable
   * across the organization (then a constant such as the org id). Entries never cross scopes.
   */
  scope: string;
}

/** Hex sha256 of the canonical call, prefixed by a schema tag so a format change cannot collide. */
export function responseCacheKey({
  capability,
  version,
  input,
  options,
  scope,
}: ResponseCacheKeyInput): string {
  const canonical = canonicalJson({ capability, version, scope, input, options: options ?? null });
  return `v1:${createHash('sha256').update(canonical).digest('hex')}`;
}

/**
 * JSON with sorted keys and normalized strings. Like JSON.stringify, it drops undefined and function
 * members, writes non-finite numbers as null and uses `toJSON` (Dates become ISO strings).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value)) ?? 'null';
}

function normalize(value: unknown): unknown {
  if (typeof value === 'string') return value.trim().replace(/\s+/g, ' ');
  if (typeof value !== 'object' || value === null) return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return normalize((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value))
    return value.map((item: unknown) => (item === undefined ? null : normalize(item)));
  const sorted: [string, unknown][] = [];
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined && typeof item !== 'function') sorted.push([key, normalize(item)]);
  }
  return Object.fromEntries(sorted);
}
