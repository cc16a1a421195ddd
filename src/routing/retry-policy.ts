/** When to try the same candidate again, and after how long. */
import { AppError, ProviderError } from '../errors/app-error.js';

export const BASE_BACKOFF_MS = 200;
export const MAX_BACKOFF_MS = 5_000;
/** Retries of one candidate before moving on (so at most three calls to it per run). */
export const RETRIES_PER_CANDIDATE = 2;
/** A Retry-After longer than this is not waited for: the next candidate is tried instead. */
export const MAX_RETRY_AFTER_MS = 30_000;

/**
 * The wait before retrying after `error` (the `retries`-th retry, from 0): the upstream's Retry-After
 * plus a little jitter when it gave one, otherwise exponential backoff with "equal jitter" (half
 * fixed, half random). Undefined when the upstream asks for longer than we are willing to wait.
 */
export function retryDelay(
  error: AppError,
  retries: number,
  random: () => number = Math.random,
): number | undefined {
  const retryAfter = error instanceof ProviderError ? error.retryAfterMs : undefined;
  if (retryAfter !== undefined) {
    if (retryAfter > MAX_RETRY_AFTER_MS) return undefined;
    // A little spread, so that callers told the same instant do not all come back at once.
    return retryAfter + random() * Math.min(250, retryAfter * 0.1);
  }
  const exponential = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** retries);
  return exponential / 2 + random() * (exponential / 2);
}

/** Whether an error came with an explicit Retry-After. */
export function hasRetryAfter(error: AppError): boolean {
  return error instanceof ProviderError && error.retryAfterMs !== undefined;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
