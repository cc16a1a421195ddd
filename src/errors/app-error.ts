/**
 * The error family of Capgate. Every failure that may reach a client is an AppError with one of the
 * codes of API.md; anything else is an internal error, logged and masked by the one error mapper
 * (`src/graphql/format-error.ts`).
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  BUDGET_EXCEEDED: 'BUDGET_EXCEEDED',
  NO_ROUTE: 'NO_ROUTE',
  PROVIDER_ERROR: 'PROVIDER_ERROR',
  TIMEOUT: 'TIMEOUT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorOptions {
  cause?: unknown;
  /** Extra, client-safe fields merged into `extensions`. Never put secrets or internals here. */
  extensions?: Record<string, unknown>;
  isRetryable?: boolean;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly isRetryable: boolean;
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
    this.extensions = options.extensions ?? {};
  }

  /** The HTTP status this error maps to on REST front doors (`/v1`) and for request-level failures. */
  get httpStatus(): number {
    return httpStatusOf(this.code);
  }
}

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BAD_USER_INPUT:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.CONFLICT:
      return 409;
    case ErrorCode.RATE_LIMITED:
    case ErrorCode.BUDGET_EXCEEDED:
      return 429;
    case ErrorCode.NO_ROUTE:
      return 503;
    case ErrorCode.PROVIDER_ERROR:
      return 502;
    case ErrorCode.TIMEOUT:
      return 504;
    case ErrorCode.INTERNAL_SERVER_ERROR:
      return 500;
    default:
      throw new UnreachableCaseError(code);
  }
}

export class BadUserInputError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(ErrorCode.BAD_USER_INPUT, message, options);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'A valid API key or token is required.', options?: AppErrorOptions) {
    super(ErrorCode.UNAUTHENTICATED, message, options);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this.', options?: AppErrorOptions) {
    super(ErrorCode.FORBIDDEN, message, options);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(ErrorCode.NOT_FOUND, message, options);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(ErrorCode.CONFLICT, message, options);
  }
}

export class RateLimitedError extends AppError {
  readonly retryAfterMs: number;
  /**
   * constructor's `rateLimit`: the caller's own limit that refused the request (absent for an
   * upstream provider's 429), for the `x-ratelimit-*` headers of `/v1`.
   */
  constructor(
    message: string,
    retryAfterMs: number,
    options?: AppErrorOptions,
    readonly rateLimit?: { kind: 'requests' | 'tokens'; limit: number },
  ) {
    const wait = Math.max(0, Math.ceil(retryAfterMs));
    super(ErrorCode.RATE_LIMITED, message, {
      ...options,
      extensions: { ...options?.extensions, retryAfterMs: wait },
    });
    this.retryAfterMs = wait;
  }
}

export class BudgetExceededError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(ErrorCode.BUDGET_EXCEEDED, message, options);
  }
}

export class NoRouteError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(ErrorCode.NO_ROUTE, message, options);
  }
}

/**
 * Why an upstream refused a call: the request itself is invalid (the caller's 400), the upstream
 * rate-limits us (the caller's 429), or it rejects the provider's credentials (an operator problem).
 */
export type UpstreamRefusal = 'invalid_request' | 'rate_limited' | 'credentials_rejected';

/** A failure of an upstream model provider. `status` is the upstream HTTP status when there was one. */
export class ProviderError extends AppError {
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  /** What the upstream's answer means for the caller (see `UpstreamRefusal`), when it refused the call. */
  readonly refusal: UpstreamRefusal | undefined;
  constructor(
    message: string,
    options: AppErrorOptions & { status?: number; retryAfterMs?: number; refusal?: UpstreamRefusal } = {},
  ) {
    super(ErrorCode.PROVIDER_ERROR, message, {
      ...options,
      isRetryable: options.isRetryable ?? isRetryableStatus(options.status),
    });
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.refusal = options.refusal;
  }
}

export class TimeoutError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super(ErrorCode.TIMEOUT, message, { isRetryable: true, ...options });
  }
}

export class InternalError extends AppError {
  constructor(message = 'Internal server error.', options?: AppErrorOptions) {
    super(ErrorCode.INTERNAL_SERVER_ERROR, message, options);
  }
}

/** Statuses worth retrying, as the AI SDK computes them: 408, 409, 429 and every 5xx. No status = network error. */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return true;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Ends exhaustive switches: the compiler proves `value` is `never`. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
