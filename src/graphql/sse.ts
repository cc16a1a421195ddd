/**
 * GraphQL over Server-Sent Events, the `graphql-sse` protocol: distinct connections mode on
 * `/graphql` and `/graphql/stream` (a request with `Accept: text/event-stream` carries one operation
 * and streams its results), and single connection mode on `/graphql/stream` (`PUT` reserves a stream
 * whose token later operations name). Same key, limits, persisted documents and error mapper as HTTP
 * and WebSocket, through the shared {@link OperationPreparer}.
 */
import { randomUUID } from 'node:crypto';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import type { GraphQLError } from 'graphql';
import type { OperationArgs, Response as SseResponse } from 'graphql-sse';
import { createHandler, type HandlerOptions } from 'graphql-sse/lib/use/express';
import type { Logger } from '../infra/logger.js';
import type { GraphQLContext } from './context.js';
import { formatErrors } from './format-error.js';
import type { OperationPreparer, OperationRequest } from './operation-preparation.js';

type SseContext = Record<PropertyKey, unknown>;

export function createSseHandler(options: {
  preparer: OperationPreparer;
  logger: Logger;
  hideSchemaDetails: boolean;
}): (request: ExpressRequest, response: ExpressResponse) => Promise<void> {
  const { preparer, logger, hideSchemaDetails } = options;
  const controllers = new WeakMap<object, AbortController>();

  const errorResponse = (
    status: number,
    errors: readonly GraphQLError[],
    requestId?: string,
  ): SseResponse => [
    JSON.stringify({ errors: formatErrors(errors, { logger, requestId, hideSchemaDetails }) }),
    {
      status,
      statusText: status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Bad Request',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    },
  ];

  const handlerOptions: HandlerOptions<SseContext> = {
    // Every request, the stream reservation included, needs a valid key. The token (single
    // connection mode) is the protocol's own: the header, the `token` parameter, or a new one.
    authenticate: async (request) => {
      const authenticated = await preparer.authenticate(request.raw.headers.authorization);
      if (!authenticated.ok) return errorResponse(authenticated.status, authenticated.errors);
      const token =
        request.headers.get('x-graphql-event-stream-token') ??
        new URL(request.url, 'http://capgate').searchParams.get('token');
      return token || randomUUID();
    },
    onSubscribe: async (request, params) => {
      const authenticated = await preparer.authenticate(request.raw.headers.authorization);
      if (!authenticated.ok) return errorResponse(authenticated.status, authenticated.errors);
      const prepared = await preparer.prepare({
        principal: authenticated.principal,
        // graphql-sse keeps only the four standard parameters; a trusted document's id comes along.
        request: { ...(params as OperationRequest), documentId: documentIdOf(request.raw) },
        transport: 'http',
        requestId: responseRequestId(request.context.res),
      });
      if (!prepared.ok) return errorResponse(prepared.status, prepared.errors);
      controllers.set(prepared.args.contextValue, prepared.controller);
      // Aborted on completion, which graphql-sse also reaches when the client goes away.
      return prepared.args as unknown as OperationArgs<SseContext>;
    },
    onNext: (context, _request, result) => {
      if (!result.errors) return undefined;
      const { requestId } = context as unknown as GraphQLContext;
      const formatted = formatErrors(result.errors, { logger, requestId, hideSchemaDetails });
      // graphql-sse types errors as GraphQLErrors but only serialises them: formatted ones are what goes out.
      return { ...result, errors: formatted as unknown as readonly GraphQLError[] };
    },
    onComplete: (context) => {
      controllers.get(context)?.abort(new Error('operation completed'));
    },
  };
  const handler = createHandler<SseContext>(handlerOptions);

  return async (request, response) => {
    // graphql-sse recognises an event stream request by an Accept of exactly `text/event-stream`.
    if (acceptsEventStream(request.headers.accept)) request.headers.accept = 'text/event-stream';
    // graphql-sse insists on a `query`; a persisted query or a trusted document has only its hash or
    // id, which the preparer resolves (in `onSubscribe`) before anything is parsed.
    const body: unknown = request.body;
    if (
      typeof body === 'object' &&
      body !== null &&
      !('query' in body) &&
      ('extensions' in body || 'documentId' in body)
    ) {
      (body as { query?: string }).query = '';
    }
    if (request.method === 'GET') withEmptyQueryParameter(request);
    try {
      await handler(request, response);
    } catch (error) {
      logger.error({ err: error }, 'graphql-sse request failed');
      if (!response.headersSent) {
        response.status(500).json({
          errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      } else {
        response.end();
      }
    }
  };
}

export function acceptsEventStream(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/event-stream\s*(;|,|$)/i.test(accept);
}

/**
 * A GET that names its document by `documentId` or `extensions` alone gets an empty `query`
 * parameter, which graphql-sse requires (it reads the parameters from the URL itself).
 */
function withEmptyQueryParameter(request: ExpressRequest): void {
  const url = request.url;
  const mark = url.indexOf('?');
  if (mark === -1) return;
  const search = new URLSearchParams(url.slice(mark + 1));
  if (search.has('query') || !(search.has('documentId') || search.has('extensions'))) return;
  request.url = `${url}&query=`;
}

/** `documentId` from the JSON body (POST) or the query string (GET). */
function documentIdOf(request: ExpressRequest): unknown {
  const body: unknown = request.body;
  if (typeof body === 'object' && body !== null && 'documentId' in body) return body.documentId;
  return request.query.documentId;
}

function responseRequestId(response: ExpressResponse): string | undefined {
  const value = response.getHeader('x-request-id');
  return typeof value === 'string' ? value : undefined;
}
