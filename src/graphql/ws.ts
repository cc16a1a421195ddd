/**
 * graphql-ws on the same port and path as HTTP, with the same schema, authentication, validation
 * rules and error masking: Apollo's settings do not reach it by themselves (PITFALLS.md).
 * Authentication happens at `connection_init` and again (from cache) for every operation, so a
 * revoked key stops at its next operation.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { isAppError } from '../errors/app-error.js';
import type { Principal } from '../governance/auth/principal.js';
import type { Services } from '../services.js';
import { authorizationFromConnectionParams } from './connection-params.js';
import { formatErrors } from './format-error.js';
import type { OperationPreparer } from './operation-preparation.js';
import { isOriginAllowed } from './origin.js';

interface ConnectionState {
  authorization?: string;
  principal?: Principal;
  operations: Map<string, AbortController>;
}

export function createWebSocketServer(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  services: Services;
  preparer: OperationPreparer;
}): { dispose(): Promise<void> } {
  const { schema, services, preparer } = options;
  const { config, logger, auth } = services;
  const webSocketServer = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: config.limits.bodyLimitBytes,
    verifyClient: ({ req }: { req: IncomingMessage }) =>
      isOriginAllowed(req.headers.origin, req.headers.host, config.allowedOrigins),
  });
  const states = new WeakMap<object, ConnectionState>();
  const stateOf = (extra: object): ConnectionState => {
    let state = states.get(extra);
    if (!state) states.set(extra, (state = { operations: new Map() }));
    return state;
  };

  const cleanup = useServer<
    Record<string, unknown>,
    { socket: import('ws').WebSocket; request: IncomingMessage }
  >(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          const state = stateOf(ctx.extra);
          state.authorization = authorizationFromConnectionParams(ctx.connectionParams);
          state.principal = await auth.authenticate(state.authorization);
          return true;
        } catch (error) {
          const reason = isAppError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
          if (!isAppError(error)) logger.error({ err: error }, 'websocket authentication failed');
          ctx.extra.socket.close(4401, `Unauthorized: ${reason}`);
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const state = stateOf(ctx.extra);
        const authenticated = await preparer.authenticate(state.authorization);
        if (!authenticated.ok) return authenticated.errors;
        const prepared = await preparer.prepare({
          principal: authenticated.principal,
          request: payload,
          transport: 'ws',
        });
        if (!prepared.ok) return prepared.errors;
        state.operations.set(id, prepared.controller);
        return prepared.args;
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors) return undefined;
        const requestId = (args.contextValue as { requestId?: string } | undefined)?.requestId;
        return {
          ...result,
          errors: formatErrors(result.errors, { logger, requestId, hideSchemaDetails: config.production }),
        };
      },
      onError: (_ctx, _id, _payload, errors) =>
        formatErrors(errors, { logger, hideSchemaDetails: config.production }),
      onComplete: (ctx, id) => {
        const state = stateOf(ctx.extra);
        state.operations.get(id)?.abort(new Error('subscription completed'));
        state.operations.delete(id);
      },
      onDisconnect: (ctx) => {
        for (const controller of stateOf(ctx.extra).operations.values()) {
          controller.abort(new Error('client disconnected'));
        }
      },
      onClose: (ctx) => {
        for (const controller of stateOf(ctx.extra).operations.values()) {
          controller.abort(new Error('client disconnected'));
        }
      },
    },
    webSocketServer,
  );

  return {
    async dispose() {
      await cleanup.dispose();
    },
  };
}
