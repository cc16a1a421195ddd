import {
  APICallError,
  EmptyResponseBodyError,
  InvalidArgumentError,
  InvalidPromptError,
  InvalidResponseDataError,
  JSONParseError,
  TooManyEmbeddingValuesForCallError,
  TypeValidationError,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import { AppError, BadUserInputError, ProviderError } from '../../../errors/app-error.js';
import { isRecord } from '../is-record.js';
import { providerErrorFromHttp, redactSecrets, summarizeErrorBody } from '../map-http-error.js';
import {
  abortOutcome,
  mapTransportError,
  networkErrorCode,
  type CallContext,
} from '../map-transport-error.js';

export interface ErrorContext extends CallContext {
  /** Strings no message may contain (the API key). */
  secrets: readonly string[];
}

/**
 * Maps whatever an AI SDK provider threw, or emitted as a stream `error` part, to our error family.
 * The SDK's `APICallError` carries the request body (`requestBodyValues`, i.e. the prompt) and the
 * raw response, so it is never kept as a `cause`: only its status, headers and a short summary of
 * the upstream's error message survive.
 */
export function mapAiSdkError(error: unknown, context: ErrorContext): unknown {
  const aborted = abortOutcome(context);
  if (aborted !== undefined) return aborted;
  if (error instanceof AppError) return error;
  const name = context.providerName;

  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === undefined || networkErrorCode(error.cause) !== undefined) {
      const code = networkErrorCode(error.cause);
      return new ProviderError(`${name}: network error${code === undefined ? '' : ` (${code})`}.`, {
        isRetryable: true,
        ...(status === undefined ? {} : { status }),
      });
    }
    if (status >= 200 && status < 300) {
      return new ProviderError(`${name} returned a malformed response.`, { status, isRetryable: true });
    }
    return providerErrorFromHttp({
      providerName: name,
      status,
      headers: error.responseHeaders ?? {},
      body: error.responseBody ?? JSON.stringify({ message: error.message }),
      secrets: context.secrets,
    });
  }
  if (
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error) ||
    EmptyResponseBodyError.isInstance(error)
  ) {
    return new ProviderError(`${name} returned a malformed response.`, { isRetryable: true });
  }
  if (
    InvalidPromptError.isInstance(error) ||
    InvalidArgumentError.isInstance(error) ||
    UnsupportedFunctionalityError.isInstance(error) ||
    TooManyEmbeddingValuesForCallError.isInstance(error)
  ) {
    return new BadUserInputError(
      `${name} cannot take this request: ${redactSecrets(error.message, context.secrets)}`,
    );
  }
  if (!(error instanceof Error) && isRecord(error)) {
    // A mid-stream `error` event (Anthropic `overloaded_error`, `api_error`): transient by nature.
    const { message, code } = summarizeErrorBody(JSON.stringify(error));
    const detail = [code, message].filter((part) => part !== undefined).join(': ');
    return new ProviderError(
      `${name} reported an error in the stream${detail === '' ? '' : `: ${redactSecrets(detail, context.secrets)}`}`,
      { isRetryable: true },
    );
  }
  return mapTransportError(error, context);
}
