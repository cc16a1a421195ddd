/**
 * graphql-ws on the same port and path as HTTP, with the same schema, authentication, validation
 * rules and error masking: Apollo's settings do not reach it by themselves (PITFALLS.md).
 * Authentication happens at `connection_init` and again (from cache) for every operation; when a key
 * is revoked (on any instance), the sockets it opened here are closed with 4403 and their operations
 * aborted, so open subscriptions stop and in-flight streams end FAILED.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { isAppError, UnauthenticatedError } from '../errors/app-error.js';
import { storeUnavailableFrom } from '../errors/service-unavailable.js';
import type { KeyRevocations } from '../governance/auth/key-revocations.js';
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

/** Close code for a socket whose key was revoked (graphql-ws `CloseCode.Forbidden`). */
export const REVOKED_CLOSE_CODE = 4403;

export function createWebSocketServer(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  services: Services;
  preparer: OperationPreparer;
  /** Revocations heard by this instance; without it, a revoked key stops only at its next operation. */
  revocations?: KeyRevocations;
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
  // Open sockets per API key id, to close them when the key is revoked.
  const socketsByKey = new Map<string, Map<import('ws').WebSocket, ConnectionState>>();
  const track = (keyId: string, socket: import('ws').WebSocket, state: ConnectionState) => {
    let sockets = socketsByKey.get(keyId);
    if (!sockets) socketsByKey.set(keyId, (sockets = new Map()));
    sockets.set(socket, state);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0 && socketsByKey.get(keyId) === sockets) socketsByKey.delete(keyId);
    });
  };
  const closeSocketsOf = (keyId: string) => {
    const sockets = socketsByKey.get(keyId);
    if (!sockets) return;
    socketsByKey.delete(keyId);
    const reason = new UnauthenticatedError('This API key has been revoked.');
    for (const [socket, state] of sockets) {
      // Aborted first, with the revocation as the reason: in-flight streams end FAILED saying why.
      for (const controller of state.operations.values()) controller.abort(reason);
      socket.close(REVOKED_CLOSE_CODE, 'Forbidden: API key revoked');
    }
    logger.info({ keyId, sockets: sockets.size }, 'closed the WebSockets of a revoked key');
  };
  const stopListening = options.revocations?.onRevoked(closeSocketsOf);

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
          if (state.principal.kind === 'apiKey') track(state.principal.id, ctx.extra.socket, state);
          return true;
        } catch (thrown) {
          const unavailable = storeUnavailableFrom(thrown);
          if (unavailable) {
            // Not the client's fault: 1013 "try again later", so clients reconnect.
            ctx.extra.socket.close(1013, `Try again later: ${unavailable.reason}`);
            return false;
          }
          const error = thrown;
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
      stopListening?.();
      await cleanup.dispose();
    },
  };
}
