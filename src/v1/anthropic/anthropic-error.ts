/**
 * `/v1/messages` failures in Anthropic's error shape, `{ type: "error", error: { type, message } }`,
 * with the status and headers the OpenAI mapper computes (one place decides what a failure means).
 */
import type { ServerResponse } from 'node:http';
import type { Logger } from '../../infra/logger.js';
import { openAiErrorOf } from '../openai-error.js';

export function sendAnthropicError(
  response: ServerResponse,
  error: unknown,
  context: { requestId: string; logger: Logger },
): void {
  const answer = openAiErrorOf(error, context.requestId);
  if (answer.status >= 500) context.logger.error({ err: error, status: answer.status }, 'v1 request failed');
  const body = {
    type: 'error',
    error: { type: anthropicTypeOf(answer.status), message: answer.body.error.message },
  };
  if (response.destroyed) return;
  if (response.headersSent) {
    if (!response.writableEnded) response.end(`event: error\ndata: ${JSON.stringify(body)}\n\n`);
    return;
  }
  const payload = JSON.stringify(body);
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

function anthropicTypeOf(status: number): string {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 429:
      return 'rate_limit_error';
    case 503:
      return 'overloaded_error';
    default:
      return 'api_error';
  }
}
