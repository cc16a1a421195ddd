/**
 * The HTTP front: express 5 with `/healthz`, `/readyz`, `/metrics`, `/graphql` (Apollo) and the
 * graphql-ws WebSocket server on the same port and path.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { isAppError } from './errors/app-error.js';
import { createApolloServer } from './graphql/apollo.js';
import { createContext, type GraphQLContext } from './graphql/context.js';
import { isOriginAllowed } from './graphql/origin.js';
import { createWebSocketServer } from './graphql/ws.js';
import type { FastRoute } from './infra/fast-routes.js';
import { requestIdFrom, requestStore } from './infra/request-context.js';
import type { Services } from './services.js';

export interface ReadinessProbe {
  (): Promise<{ ready: boolean; body: Record<string, unknown> }>;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly httpServer: Server;
  /** Stops accepting, finishes in-flight requests, closes WebSockets with 1001. */
  stop(): Promise<void>;
}

export async function startServer(options: {
  services: Services;
  schema: GraphQLSchema;
  readiness: ReadinessProbe;
  /** Extra routes mounted before `/graphql` (metrics). */
  mountRoutes?: (app: express.Express) => void;
  /** Routes served before express (`/v1`): returns true when it took the request. */
  fastRoutes?: FastRoute;
}): Promise<RunningServer> {
  const { services, schema } = options;
  const { config, logger } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const fastRoutes = options.fastRoutes;
  const httpServer = createServer(
    fastRoutes
      ? (request, response) => {
          if (!fastRoutes(request, response)) app(request, response);
        }
      : app,
  );
  httpServer.keepAliveTimeout = 65_000;

  const webSockets = createWebSocketServer({ httpServer, schema, services, limits: config.limits });
  const apollo = createApolloServer({
    schema,
    httpServer,
    limits: config.limits,
    production: config.production,
    logger,
    drain: () => webSockets.dispose(),
    shutdownTimeoutMs: config.shutdownTimeoutMs,
  });
  await apollo.start();

  app.use((request: Request, response: Response, next: NextFunction) => {
    const requestId = requestIdFrom(request.headers['x-request-id']);
    response.setHeader('x-request-id', requestId);
    requestStore.run({ requestId }, next);
  });

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', async (_request, response) => {
    const { ready, body } = await options.readiness();
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', ...body });
  });

  options.mountRoutes?.(app);

  const corsMiddleware = cors({
    origin: (origin, callback) => callback(null, isOriginAllowed(origin, undefined, config.allowedOrigins)),
    credentials: false,
    maxAge: 600,
  });

  app.use(
    '/graphql',
    corsMiddleware,
    express.json({
      limit: config.limits.bodyLimitBytes,
      type: ['application/json', 'application/graphql-response+json'],
    }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphQLContext> => {
        const requestId = requestIdFrom(res.getHeader('x-request-id') as string | undefined);
        let principal;
        try {
          principal = await services.auth.authenticate(req.headers.authorization);
        } catch (error) {
          if (!isAppError(error)) throw error;
          throw new GraphQLError(error.message, {
            originalError: error,
            extensions: { code: error.code, http: { status: error.httpStatus } },
          });
        }
        const controller = new AbortController();
        res.once('close', () => {
          if (!res.writableFinished) controller.abort(new Error('client disconnected'));
        });
        return createContext({
          requestId,
          principal,
          logger: logger.child({ requestId }),
          services,
          signal: controller.signal,
          transport: 'http',
        });
      },
    }),
  );

  app.use((_request: Request, response: Response) => {
    response.status(404).json({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
  });

  // Body parser and other middleware failures: JSON answers with the right status, never a stack.
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    const status = httpStatusOfMiddlewareError(error);
    if (status >= 500) logger.error({ err: error }, 'request failed');
    const message =
      status === 413
        ? `Request body too large: at most ${config.limits.bodyLimitBytes} bytes.`
        : status === 400
          ? 'Malformed request body: expected JSON.'
          : 'Internal server error.';
    const code = status === 413 || status === 400 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
    if (!response.headersSent) response.status(status).json({ errors: [{ message, extensions: { code } }] });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    httpServer,
    async stop() {
      await apollo.stop();
    },
  };
}

function httpStatusOfMiddlewareError(error: unknown): number {
  if (error && typeof error === 'object') {
    const status =
      (error as { status?: unknown; statusCode?: unknown }).status ??
      (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 600) return status;
  }
  return 500;
}
