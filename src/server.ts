/**
 * The HTTP front: express 5 with `/healthz`, `/readyz`, `/metrics`, `/graphql` (Apollo) and the
 * graphql-ws WebSocket server on the same port and path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expressMiddleware } from '@as-integrations/express5';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { isAppError } from './errors/app-error.js';
import { storeUnavailableFrom } from './errors/service-unavailable.js';
import { createApolloServer } from './graphql/apollo.js';
import { createContext, type GraphQLContext } from './graphql/context.js';
import { isOriginAllowed } from './graphql/origin.js';
import { createMultipartSubscriptionHandler } from './graphql/multipart-subscriptions.js';
import { OperationPreparer } from './graphql/operation-preparation.js';
import { persistedQueryDocumentResolver } from './graphql/persisted-queries/persisted-document.resolver.js';
import { RedisKeyValueCache } from './graphql/persisted-queries/redis-key-value.cache.js';
import {
  asGraphQLError,
  TrustedDocuments,
  trustedDocumentRequestOf,
  withTrustedDocumentDecision,
  type TrustedDocumentDecision,
} from './graphql/persisted-queries/trusted-documents.js';
import { acceptsEventStream, createSseHandler } from './graphql/sse.js';
import { createWebSocketServer } from './graphql/ws.js';
import { mountConsoleRoutes } from './console/console.routes.js';
import { mountIdeRoutes } from './ide/ide.routes.js';
import type { FastRoute } from './infra/fast-routes.js';
import { requestIdFrom, requestStore } from './infra/request-context.js';
import type { KeyRevocations } from './governance/auth/key-revocations.js';
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
  /** Revocations heard by this instance: the WebSockets of a revoked key are closed (4403). */
  revocations?: KeyRevocations;
  /** Extra routes mounted before `/graphql` (metrics, and `/v1` preflights). */
  mountRoutes?: (app: express.Express) => void;
  /** Routes served before express (`/v1`): returns true when it took the request. */
  fastRoutes?: FastRoute;
  /** A document outside the trusted documents manifests ran (`log` mode, or an exempt admin key). */
  onUntrustedDocument?: (info: { operationName: string | undefined; exempt: boolean }) => void;
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

  // One APQ store for every transport: Redis when configured, so any instance knows every hash.
  const persistedQueryCache = services.redis
    ? new RedisKeyValueCache(services.redis.command, 'capgate:')
    : new InMemoryLRUCache<string>({ maxSize: 16 * 1024 * 1024 });
  const trustedConfig = config.graphql.trustedDocuments;
  const trustedDocuments =
    trustedConfig.mode === 'off'
      ? undefined
      : new TrustedDocuments({
          mode: trustedConfig.mode,
          documents: trustedConfig.documents,
          exemptAdmins: trustedConfig.exemptAdmins,
          onUntrusted: (info) => {
            logger.info(info, 'ran a document outside the trusted documents manifests');
            options.onUntrustedDocument?.(info);
          },
        });
  if (trustedDocuments) {
    logger.info(
      { mode: trustedDocuments.mode, documents: trustedDocuments.size },
      'trusted documents loaded',
    );
  }
  const preparer = new OperationPreparer({
    schema,
    services,
    ...(trustedDocuments ? { trustedDocuments } : {}),
    resolveDocument: persistedQueryDocumentResolver({
      cache: persistedQueryCache,
      maxTokens: config.limits.maxTokens,
    }),
  });
  const webSockets = createWebSocketServer({
    httpServer,
    schema,
    services,
    preparer,
    ...(options.revocations ? { revocations: options.revocations } : {}),
  });
  const apollo = createApolloServer({
    schema,
    httpServer,
    limits: config.limits,
    production: config.production,
    introspection: config.graphql.introspection,
    logger,
    drain: () => webSockets.dispose(),
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    persistedQueryCache,
    trustedDocuments: trustedDocuments !== undefined,
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

  mountIdeRoutes(app, { ide: config.graphql.ide });
  mountConsoleRoutes(app, {
    oidc: config.oidc?.console ? { issuer: config.oidc.issuer, ...config.oidc.console } : undefined,
  });

  // One CORS policy for every browser-facing API: preflights on `/v1/*` answer exactly as on `/graphql`.
  const corsMiddleware = createCorsMiddleware(config.allowedOrigins);
  app.use('/v1', corsMiddleware);

  options.mountRoutes?.(app);

  const jsonBody = express.json({
    limit: config.limits.bodyLimitBytes,
    type: ['application/json', 'application/graphql-response+json'],
  });
  const transportOptions = { preparer, logger, hideSchemaDetails: config.production };
  const sse = createSseHandler(transportOptions);
  // GraphQL over SSE (graphql-sse), both modes, at the path its client uses by default.
  app.use('/graphql/stream', corsMiddleware, jsonBody, (request: Request, response: Response) =>
    sse(request, response),
  );
  app.use(
    '/graphql',
    corsMiddleware,
    jsonBody,
    // Distinct connections mode on `/graphql` itself: `Accept: text/event-stream`.
    (request: Request, response: Response, next: NextFunction) => {
      if (request.path === '/' && acceptsEventStream(request.headers.accept)) void sse(request, response);
      else next();
    },
    createMultipartSubscriptionHandler(transportOptions),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphQLContext> => {
        const requestId = requestIdFrom(res.getHeader('x-request-id') as string | undefined);
        let principal;
        try {
          principal = await services.auth.authenticate(req.headers.authorization);
        } catch (thrown) {
          const error = storeUnavailableFrom(thrown) ?? thrown;
          if (!isAppError(error)) throw error;
          throw new GraphQLError(error.message, {
            originalError: error,
            extensions: { ...error.extensions, code: error.code, http: { status: error.httpStatus } },
          });
        }
        let decision: TrustedDocumentDecision | undefined;
        if (trustedDocuments) {
          const request = trustedDocumentRequestOf(req.method, req.body, req.query);
          try {
            decision = trustedDocuments.decide(request, principal, request.operationName);
          } catch (thrown) {
            if (!isAppError(thrown)) throw thrown;
            throw asGraphQLError(thrown);
          }
        }
        const controller = new AbortController();
        res.once('close', () => {
          if (!res.writableFinished) controller.abort(new Error('client disconnected'));
        });
        const context = createContext({
          requestId,
          principal,
          logger: logger.child({ requestId }),
          services,
          signal: controller.signal,
          transport: 'http',
        });
        return withTrustedDocumentDecision(context, decision);
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

/**
 * One CORS policy for every browser-facing API. `/v1` requests other than preflights skip express
 * (src/infra/fast-routes.ts), so the fast route runs the same middleware (it works on bare node:http).
 */
export function createCorsMiddleware(
  allowedOrigins: Services['config']['allowedOrigins'],
): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  return cors({
    origin: (origin, callback) => callback(null, isOriginAllowed(origin, undefined, allowedOrigins)),
    credentials: false,
    maxAge: 600,
  });
}
