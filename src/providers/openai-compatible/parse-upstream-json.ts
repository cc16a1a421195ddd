import type { z } from 'zod';
import { ProviderError } from '../../errors/app-error.js';

/**
 * Parses a JSON document from the upstream. Malformed JSON is retryable: a truncated or garbled
 * body is usually a transient fault of the server or of a proxy in between.
 */
export function parseUpstreamJson(text: string, providerName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProviderError(`${providerName} returned malformed JSON.`, { isRetryable: true, cause: error });
  }
}

/**
 * Checks the shape of an upstream document, with a zod schema (returns its parsed copy) or a type
 * guard (returns the value itself); a mismatch is treated like malformed JSON.
 */
export function checkUpstreamShape<T>(
  value: unknown,
  schema: z.ZodType<T> | ((value: unknown) => value is T),
  providerName: string,
): T {
  if (typeof schema === 'function') {
    if (schema(value)) return value;
    throw new ProviderError(`${providerName} returned a response of an unexpected shape.`, {
      isRetryable: true,
    });
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ProviderError(`${providerName} returned a response of an unexpected shape.`, {
      isRetryable: true,
    });
  }
  return result.data;
}
