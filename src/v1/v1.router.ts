/**
 * The OpenAI-compatible front door: `POST /v1/chat/completions`, `GET /v1/models[/{id}]`,
 * `POST /v1/embeddings`, `POST /v1/responses` and `GET|DELETE /v1/responses/{id}` (plus Anthropic's
 * `POST /v1/messages[/count_tokens]`). A plain `(request, response, next)` handler on bare `node:http` objects —
 * no body-parser, no router stack — because this is the gateway's hot path. Mounted by the
 * composition root through `startServer({ mountRoutes })`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NotFoundError } from '../errors/app-error.js';
import type { Logger } from '../infra/logger.js';
import { requestIdFrom } from '../infra/request-context.js';
import { handleChatCompletions } from './chat-completions.handler.js';
import { handleCountTokens, handleMessages } from './anthropic/messages.handler.js';
import { handleEmbeddings } from './embeddings.handler.js';
import { handleListModels, handleRetrieveModel } from './models.handler.js';
import {
  handleCreateResponse,
  handleDeleteResponse,
  handleRetrieveResponse,
} from './responses/responses.handler.js';
import { sendOpenAiError } from './openai-error.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import type { V1Dependencies, V1Observation, V1RequestContext } from './v1-context.js';

type V1Handler = (
  request: IncomingMessage,
  response: ServerResponse,
  context: V1RequestContext,
) => Promise<void>;

const MODELS_PREFIX = '/v1/models/';
const RESPONSES_PREFIX = '/v1/responses/';

export function createV1Handler(
  dependencies: V1Dependencies,
): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  const rootLogger = dependencies.services.logger;
  return (request, response, next) => {
    const url = request.url ?? '/';
    if (!url.startsWith('/v1/')) {
      next();
      return;
    }
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const handler = route(request.method ?? 'GET', path);

    const requestId = requestIdOf(request, response);
    const controller = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) controller.abort(new Error('client disconnected'));
    });
    const observed: V1Observation = {};
    let logger: Logger | undefined;
    const context: V1RequestContext = {
      ...dependencies,
      requestId,
      signal: controller.signal,
      get logger() {
        return (logger ??= rootLogger.child({
          requestId,
          ...(observed.runId ? { runId: observed.runId } : {}),
        }));
      },
      observe: (observation) => Object.assign(observed, observation),
      onRateLimits: (status) => {
        if (response.headersSent) return;
        for (const [name, value] of Object.entries(rateLimitHeaders(status))) response.setHeader(name, value);
      },
    };
    const run = handler ?? notFound(request.method ?? 'GET', path);
    run(request, response, context).catch((error: unknown) => sendOpenAiError(response, error, context));
  };
}

function route(method: string, path: string): V1Handler | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return handleChatCompletions;
  if (method === 'GET' && path === '/v1/models') return handleListModels;
  if (method === 'POST' && path === '/v1/embeddings') return handleEmbeddings;
  if (method === 'POST' && path === '/v1/messages') return handleMessages;
  if (method === 'POST' && path === '/v1/messages/count_tokens') return handleCountTokens;
  if (method === 'POST' && path === '/v1/responses') return handleCreateResponse;
  if (method === 'GET' && path.startsWith(MODELS_PREFIX)) {
    const id = idAfter(path, MODELS_PREFIX);
    if (id !== undefined)
      return (request, response, context) => handleRetrieveModel(request, response, context, id);
  }
  if ((method === 'GET' || method === 'DELETE') && path.startsWith(RESPONSES_PREFIX)) {
    const id = idAfter(path, RESPONSES_PREFIX);
    const handle = method === 'GET' ? handleRetrieveResponse : handleDeleteResponse;
    if (id !== undefined && !id.includes('/'))
      return (request, response, context) => handle(request, response, context, id);
  }
  return undefined;
}

/** The decoded path segment after `prefix`; undefined when empty or a malformed escape (then 404). */
function idAfter(path: string, prefix: string): string | undefined {
  if (path.length <= prefix.length) return undefined;
  try {
    return decodeURIComponent(path.slice(prefix.length));
  } catch {
    return undefined;
  }
}

function notFound(method: string, path: string): V1Handler {
  return async (request) => {
    request.resume();
    throw new NotFoundError(`Unknown request URL: ${method} ${path}.`, {
      extensions: { openAiCode: 'unknown_url' },
    });
  };
}

/** The id the request-id middleware put on the response, or one from the caller's header. */
function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const assigned = response.getHeader('x-request-id');
  if (typeof assigned === 'string') return assigned;
  const requestId = requestIdFrom(request.headers['x-request-id']);
  response.setHeader('x-request-id', requestId);
  return requestId;
}
