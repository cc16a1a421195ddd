/**
 * Audit summaries must never hold secrets. `redactSecrets` returns a copy of a summary in which
 * every field named like a credential (apiKey, key, secret, password, token, authorization,
 * cookie, credentials, private key…) is replaced by `[redacted]`, the values of `headers` objects
 * are redacted (their names kept: they tell what was configured), and strings that look like a
 * Capgate API key or a bearer token are redacted wherever they appear. Replacing instead of
 * dropping keeps the fact that a secret was set, without its value.
 */
export const REDACTED = '[redacted]';

const MAX_DEPTH = 8;

export function redactSecrets(summary: Record<string, unknown>): Record<string, unknown> {
  return redactObject(summary, 0);
}

/** True for field names that hold credentials. `keyId`, `tokensPerMinute`, `inputTokens` are not. */
export function isSecretFieldName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (
    normalized.endsWith('key') ||
    normalized.endsWith('token') ||
    normalized.endsWith('sealed') ||
    normalized === 'auth' ||
    normalized === 'bearer' ||
    ['secret', 'password', 'passwd', 'authorization', 'cookie', 'credential'].some((word) =>
      normalized.includes(word),
    )
  );
}

function looksLikeSecretValue(value: string): boolean {
  return (
    /\bcg_[A-Za-z0-9_-]{8,}/.test(value) ||
    /^\s*bearer\s+\S+/i.test(value) ||
    /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/.test(value)
  );
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return looksLikeSecretValue(value) ? REDACTED : value;
  if (Array.isArray(value))
    return depth >= MAX_DEPTH ? REDACTED : value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return depth >= MAX_DEPTH ? REDACTED : redactObject(value as Record<string, unknown>, depth + 1);
  }
  return value;
}

function redactObject(object: Record<string, unknown>, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(object)) {
    if (value === undefined) continue;
    if (isSecretFieldName(name)) result[name] = REDACTED;
    else if (name.toLowerCase() === 'headers') result[name] = redactHeaders(value);
    else result[name] = redactValue(value, depth);
  }
  return result;
}

function redactHeaders(headers: unknown): unknown {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return REDACTED;
  return Object.fromEntries(Object.keys(headers).map((name) => [name, REDACTED]));
}
