/**
 * A model answered twice (the answer and its one repair) with output that breaks the contract (a
 * capability's output schema, a strict `json_schema`). Not retryable: asking again is what the
 * repair did. REST front doors answer it with 422 (`invalid_response` on `/v1`).
 */
import { ProviderError } from '../errors/app-error.js';

export class InvalidOutputError extends ProviderError {
  constructor(message: string) {
    super(message, { isRetryable: false });
  }

  override get httpStatus(): number {
    return 422;
  }
}
