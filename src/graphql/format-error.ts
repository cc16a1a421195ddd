/**
 * The one place where errors become client errors, for HTTP (Apollo's `formatError`) and WebSocket
 * (graphql-ws `onNext`/`onError`). AppErrors keep their message and code; GraphQL's own request
 * errors (syntax, validation, variables) become BAD_USER_INPUT; everything else is logged with the
 * request id and masked.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, isAppError } from '../errors/app-error.js';
import { storeUnavailableFrom } from '../errors/service-unavailable.js';
import type { Logger } from '../infra/logger.js';

const clientErrorCodes = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const publicCodes = new Set<string>(Object.values(ErrorCode));

export interface FormatErrorOptions {
  logger: Logger;
  requestId?: string;
  /**
   * Production: drop graphql-js's "Did you mean …?" hints, which reveal field, type and enum names
   * even with introspection off. Apollo does this for HTTP validation errors only; doing it here
   * covers WebSocket and variable-coercion errors too.
   */
  hideSchemaDetails?: boolean;
}

const suggestion = / ?Did you mean(.+?)\?$/;

export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: FormatErrorOptions,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const appError = isAppError(original)
    ? original
    : original instanceof GraphQLError && isAppError(original.originalError)
      ? original.originalError
      : storeUnavailableFrom(
          original instanceof GraphQLError ? (original.originalError ?? original) : original,
        );
  if (appError) {
    return {
      message: appError.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { ...appError.extensions, code: appError.code },
    };
  }
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  const isRequestError =
    (code !== undefined && clientErrorCodes.has(code)) ||
    (original instanceof GraphQLError &&
      original.originalError === undefined &&
      formatted.path === undefined);
  if (isRequestError) {
    return {
      message: options.hideSchemaDetails ? formatted.message.replace(suggestion, '') : formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    };
  }
  if (code !== undefined && publicCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    return { message: formatted.message, extensions: { code } };
  }
  options.logger.error(
    { err: original, requestId: options.requestId, path: formatted.path },
    'unhandled error',
  );
  return {
    message: 'Internal server error.',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      ...(options.requestId ? { requestId: options.requestId } : {}),
    },
  };
}

/** For graphql-ws: formats a list of GraphQLErrors the same way Apollo would. */
export function formatErrors(
  errors: readonly GraphQLError[],
  options: FormatErrorOptions,
): GraphQLFormattedError[] {
  return errors.map((error) => formatError(error.toJSON(), error, options));
}
