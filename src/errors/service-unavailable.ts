/**
 * A dependency the request needs is down (the database, or Redis for a governance check that fails
 * closed). Clients get a typed, retryable answer at once instead of a hang or a masked 500:
 * `extensions.code` INTERNAL_SERVER_ERROR (API.md's code set), `extensions.reason` saying which
 * dependency, `extensions.retryable: true`, and HTTP 503 where a status applies.
 */
import { AppError, ErrorCode } from './app-error.js';

export type UnavailableDependency = 'STORE_UNAVAILABLE' | 'GOVERNANCE_UNAVAILABLE';

export class ServiceUnavailableError extends AppError {
  constructor(
    readonly reason: UnavailableDependency,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(ErrorCode.INTERNAL_SERVER_ERROR, message, {
      ...options,
      isRetryable: true,
      extensions: { reason, retryable: true },
    });
  }

  override get httpStatus(): number {
    return 503;
  }
}

/**
 * The MongoDB driver's errors that mean "cannot reach the database" (as opposed to a bad query):
 * no server selectable within the timeout, a dropped connection, a cleared pool, a closed client.
 */
const connectivityErrorNames = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
]);

function isStoreConnectivityError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (connectivityErrorNames.has(current.name)) return true;
    current = current.cause;
  }
  return false;
}

/** The typed error for a database connectivity failure, or undefined for any other error. */
export function storeUnavailableFrom(error: unknown): ServiceUnavailableError | undefined {
  if (error instanceof ServiceUnavailableError) return error;
  if (!isStoreConnectivityError(error)) return undefined;
  return new ServiceUnavailableError(
    'STORE_UNAVAILABLE',
    'The database is unavailable right now; retry shortly.',
    { cause: error },
  );
}
