import { AppError, ProviderError, TimeoutError } from '../../errors/app-error.js';

/** Socket-level failures worth retrying on another attempt or another provider. */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

export interface CallContext {
  /** Registered provider name, prefixed to messages. */
  providerName: string;
  /** The caller's signal: when it fired, its reason wins over whatever error the abort caused. */
  signal?: AbortSignal;
}

/**
 * Maps a failure that carries no HTTP status (abort, timeout, socket error) to the value to throw.
 * A client abort is re-thrown as the signal's own reason so the caller can tell it from a timeout;
 * `AbortSignal.timeout` becomes our `TimeoutError`; network errors are retryable `ProviderError`s.
 */
export function mapTransportError(error: unknown, context: CallContext): unknown {
  const aborted = abortOutcome(context);
  if (aborted !== undefined) return aborted;
  if (error instanceof AppError) return error;
  if (hasName(error, 'TimeoutError')) {
    return new TimeoutError(`${context.providerName}: the model call timed out.`, { cause: error });
  }
  if (hasName(error, 'AbortError')) return error;
  const code = networkErrorCode(error);
  if (code !== undefined) {
    return new ProviderError(`${context.providerName}: network error (${code}).`, {
      isRetryable: true,
      cause: error,
    });
  }
  return new ProviderError(`${context.providerName}: the request failed.`, {
    isRetryable: false,
    cause: error,
  });
}

/** What to throw when the caller's signal has fired, or undefined when it has not. */
export function abortOutcome(context: CallContext): unknown {
  const signal = context.signal;
  if (signal?.aborted !== true) return undefined;
  const reason: unknown = signal.reason;
  if (reason instanceof AppError || !hasName(reason, 'TimeoutError')) return reason;
  return new TimeoutError(`${context.providerName}: the model call timed out.`, { cause: reason });
}

/** The first retryable network code in an error's `cause` chain. */
export function networkErrorCode(error: unknown): string | undefined {
  const visited = new Set<unknown>();
  let current = error;
  while (current instanceof Error && !visited.has(current)) {
    visited.add(current);
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE_NETWORK_CODES.has(code)) return code;
    current = current.cause;
  }
  return undefined;
}

function hasName(value: unknown, name: string): boolean {
  return (value instanceof Error || value instanceof DOMException) && value.name === name;
}
