/**
 * How a route plan fails: the failure the caller is told about (the last attempt's, or why no
 * attempt ran), with every attempt made and the tokens consumed by an attempt that produced output
 * before failing (a stream cut mid-way), which are still charged. Code, message, retryability and
 * extensions are the failure's own, so the error mapper treats it exactly like that failure.
 */
import { AppError } from '../errors/app-error.js';
import type { RouteAttempt } from '../capabilities/capability.types.js';
import type { RouteCandidate } from './router.js';

export interface PartialUsage {
  candidate: RouteCandidate;
  inputTokens: number;
  outputTokens: number;
}

export class ExecutionError extends AppError {
  constructor(
    /** What the caller is told; its class and fields (e.g. a provider's status) are kept. */
    readonly failure: AppError,
    readonly attempts: readonly RouteAttempt[],
    readonly partialUsage?: PartialUsage,
  ) {
    super(failure.code, failure.message, {
      cause: failure,
      isRetryable: failure.isRetryable,
      extensions: failure.extensions,
    });
  }
}
