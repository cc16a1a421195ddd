/**
 * The one place `/v1` turns failures into OpenAI-style answers: `{ error: { message, type, param,
 * code } }` with the status of `AppError.httpStatus` and, for rate limits, `Retry-After`. Anything
 * that is not an `AppError` is logged and masked as a 500.
 */
import type { ServerResponse } from 'node:http';
import {
  AppError,
  ErrorCode,
  ProviderError,
  RateLimitedError,
  UnreachableCaseError,
} from '../errors/app-error.js';
import { storeUnavailableFrom } from '../errors/service-unavailable.js';
import type { Logger } from '../infra/logger.js';
import { InvalidOutputError } from '../routing/invalid-output-error.js';
import type { OpenAiErrorBody } from './openai-wire.types.js';
import { refusedRateLimitHeaders } from './rate-limit-headers.js';
import { upstreamRefusalAnswer } from './upstream-refusal.js';

export interface OpenAiErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: OpenAiErrorBody;
}

export function openAiErrorOf(thrown: unknown, requestId: string): OpenAiErrorAnswer {
  const error = storeUnavailableFrom(thrown) ?? thrown;
  if (!(error instanceof AppError)) {
    return {
      status: 500,
      headers: {},
      body: errorBody(`Internal server error (request ${requestId}).`, 'server_error', null, null),
    };
  }
  if (error instanceof InvalidOutputError) {
    return {
      status: error.httpStatus,
      headers: {},
      body: errorBody(error.message, 'invalid_response', null, 'invalid_response'),
    };
  }
  if (error instanceof ProviderError) {
    const refusal = upstreamRefusalAnswer(error);
    if (refusal !== undefined) return refusal;
  }
  const param = typeof error.extensions.param === 'string' ? error.extensions.param : null;
  const headers: Record<string, string> = {};
  if (error instanceof RateLimitedError) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
    headers['retry-after-ms'] = String(error.retryAfterMs);
    Object.assign(headers, refusedRateLimitHeaders(error));
  }
  const message =
    error.code === ErrorCode.INTERNAL_SERVER_ERROR
      ? `Internal server error (request ${requestId}).`
      : error.message;
  const code =
    typeof error.extensions.openAiCode === 'string' ? error.extensions.openAiCode : codeOf(error.code);
  return { status: error.httpStatus, headers, body: errorBody(message, typeOf(error.code), param, code) };
}

/** Writes the error answer, or — once a stream has begun — an `error` event that ends it. */
export function sendOpenAiError(
  response: ServerResponse,
  error: unknown,
  context: { requestId: string; logger: Logger },
): void {
  const answer = openAiErrorOf(error, context.requestId);
  if (error instanceof ProviderError && error.refusal === 'credentials_rejected')
    context.logger.error(
      { err: error, alert: 'provider_credentials_rejected' },
      'provider credentials rejected',
    );
  else if (answer.status >= 500)
    context.logger.error({ err: error, status: answer.status }, 'v1 request failed');
  if (response.destroyed) return; // the client went away: nobody to tell
  if (response.headersSent) {
    if (!response.writableEnded) response.end(`data: ${JSON.stringify(answer.body)}\n\n`);
    return;
  }
  const payload = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

function errorBody(
  message: string,
  type: string,
  param: string | null,
  code: string | null,
): OpenAiErrorBody {
  return { error: { message, type, param, code } };
}

function typeOf(code: ErrorCode): string {
  switch (code) {
    case ErrorCode.BAD_USER_INPUT:
    case ErrorCode.NOT_FOUND:
    case ErrorCode.CONFLICT:
    case ErrorCode.UNAUTHENTICATED:
      return 'invalid_request_error';
    case ErrorCode.FORBIDDEN:
      return 'permission_error';
    case ErrorCode.RATE_LIMITED:
      return 'rate_limit_error';
    case ErrorCode.BUDGET_EXCEEDED:
      return 'insufficient_quota';
    case ErrorCode.NO_ROUTE:
    case ErrorCode.PROVIDER_ERROR:
    case ErrorCode.TIMEOUT:
      return 'api_error';
    case ErrorCode.INTERNAL_SERVER_ERROR:
      return 'server_error';
    default:
      throw new UnreachableCaseError(code);
  }
}

/** OpenAI's own codes where one fits; otherwise Capgate's, lower-cased. */
function codeOf(code: ErrorCode): string {
  switch (code) {
    case ErrorCode.UNAUTHENTICATED:
      return 'invalid_api_key';
    case ErrorCode.NOT_FOUND:
      return 'model_not_found';
    case ErrorCode.RATE_LIMITED:
      return 'rate_limit_exceeded';
    case ErrorCode.BUDGET_EXCEEDED:
      return 'insufficient_quota';
    default:
      return code.toLowerCase();
  }
}
