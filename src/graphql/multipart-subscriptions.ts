/**
 * Apollo's multipart HTTP subscriptions (what Apollo Client's HttpLink sends for a subscription):
 * `POST /graphql` with `Accept: multipart/mixed;subscriptionSpec=1.0`, answered with one
 * `multipart/mixed` part per event (`{"payload": {data, errors}}`), an empty `{}` part as heartbeat
 * every few seconds so proxies keep the connection, and the closing boundary when the subscription
 * ends. Same key, limits, persisted documents and error mapper as every other transport. Queries and
 * mutations with that Accept header (e.g. `@defer`) go on to Apollo.
 */
import type { NextFunction, Request, Response } from 'express';
import {
  subscribe,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
} from 'graphql';
import type { Logger } from '../infra/logger.js';
import { formatErrors } from './format-error.js';
import type { OperationPreparer, OperationRequest } from './operation-preparation.js';

const BOUNDARY = 'graphql';
const HEARTBEAT_MS = 5_000;

export function acceptsMultipartSubscription(accept: string | undefined): boolean {
  return accept !== undefined && /multipart\/mixed[^,]*subscriptionSpec\s*=\s*"?1\.0/i.test(accept);
}

export function createMultipartSubscriptionHandler(options: {
  preparer: OperationPreparer;
  logger: Logger;
  hideSchemaDetails: boolean;
  heartbeatMs?: number;
}): (request: Request, response: Response, next: NextFunction) => Promise<void> {
  const { preparer, logger, hideSchemaDetails } = options;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;

  return async (request, response, next) => {
    if (request.method !== 'POST' || !acceptsMultipartSubscription(request.headers.accept)) return next();
    const requestId = headerValue(response.getHeader('x-request-id'));
    const format = (errors: readonly GraphQLError[]) =>
      formatErrors(errors, { logger, requestId, hideSchemaDetails });
    const refuse = (status: number, errors: readonly GraphQLError[]) => {
      response.status(status).json({ errors: format(errors) });
    };

    const authenticated = await preparer.authenticate(request.headers.authorization);
    if (!authenticated.ok) return refuse(authenticated.status, authenticated.errors);
    const body: unknown = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return next();
    const prepared = await preparer.prepare({
      principal: authenticated.principal,
      request: body as OperationRequest,
      transport: 'http',
      requestId,
    });
    if (!prepared.ok) return refuse(prepared.status, prepared.errors);
    if (prepared.operation !== 'subscription') {
      prepared.controller.abort(new Error('not a subscription'));
      return next();
    }

    const { controller } = prepared;
    response.once('close', () => controller.abort(new Error('client disconnected')));
    const result = await subscribe(prepared.args);
    response.writeHead(200, {
      'content-type': `multipart/mixed; boundary="${BOUNDARY}"; subscriptionSpec=1.0`,
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const writePart = (part: unknown) => {
      if (!response.writableEnded) {
        response.write(
          `\r\n--${BOUNDARY}\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(part)}`,
        );
      }
    };
    const payloadOf = (value: ExecutionResult): FormattedExecutionResult => ({
      ...(value.data !== undefined ? { data: value.data } : {}),
      ...(value.errors ? { errors: format(value.errors) as GraphQLFormattedError[] } : {}),
      ...(value.extensions ? { extensions: value.extensions } : {}),
    });
    if (!(Symbol.asyncIterator in result)) {
      writePart({ payload: payloadOf(result) });
    } else {
      const heartbeat = setInterval(() => writePart({}), heartbeatMs);
      const iterator = result[Symbol.asyncIterator]();
      const stop = () => void iterator.return?.();
      response.once('close', stop);
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) break;
          writePart({ payload: payloadOf(next.value) });
        }
      } catch (error) {
        logger.error({ err: error, requestId }, 'multipart subscription failed');
        writePart({
          payload: null,
          errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      } finally {
        clearInterval(heartbeat);
        response.off('close', stop);
      }
    }
    controller.abort(new Error('subscription completed'));
    if (!response.writableEnded) response.end(`\r\n--${BOUNDARY}--\r\n`);
  };
}

function headerValue(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
