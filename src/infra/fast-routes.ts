/**
 * Routes taken before the express stack: a plain `node:http` listener hands `/v1/*` (the gateway's
 * hot path) straight to its handler, with only what every request needs (request id, tracing span,
 * HTTP metrics), and everything else to express. Express's router walk, its request/response
 * prototypes and its middleware cost ≈ 10 % of a `/v1` request's CPU (bench/optimizations.md).
 * CORS preflights (`OPTIONS`) still go through express, where the CORS middleware lives.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdFrom, requestStore } from './request-context.js';

export type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/** Takes the request (and returns true) when it is one of `prefix`'s; otherwise leaves it alone. */
export type FastRoute = (request: IncomingMessage, response: ServerResponse) => boolean;

export function fastRoute(prefix: string, chain: readonly (Middleware | undefined)[]): FastRoute {
  const steps = chain.filter((step): step is Middleware => step !== undefined);
  const run = (request: IncomingMessage, response: ServerResponse, index: number): void => {
    const step = steps[index];
    if (step) step(request, response, () => run(request, response, index + 1));
    else if (!response.headersSent) {
      response.statusCode = 404;
      response.end();
    }
  };
  return (request, response) => {
    if (request.method === 'OPTIONS' || !request.url?.startsWith(prefix)) return false;
    const requestId = requestIdFrom(request.headers['x-request-id']);
    response.setHeader('x-request-id', requestId);
    requestStore.run({ requestId }, () => run(request, response, 0));
    return true;
  };
}
