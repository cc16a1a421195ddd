/**
 * Apollo Server for `POST`/`GET /graphql`, hardened: limits, CSRF prevention, no landing page (it
 * loads from a CDN), introspection and suggestions off in production, the one error mapper.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { getComplexity } from './query-complexity.js';
import type { Server } from 'node:http';
import type { Logger } from '../infra/logger.js';
import { currentRequestId, recordValidatedOperation } from '../infra/request-context.js';
import type { GraphQLContext } from './context.js';
import { formatError } from './format-error.js';
import { parserMaxTokens } from './introspection-limits.js';
import { costEstimators, staticRules, type OperationLimits } from './limits.js';
import { trustedDocumentsPlugin } from './persisted-queries/trusted-documents.js';

export function createApolloServer(options: {
  schema: GraphQLSchema;
  httpServer: Server;
  limits: OperationLimits;
  production: boolean;
  /** Introspection on (outside production by default; `CAPGATE_INTROSPECTION`). */
  introspection: boolean;
  logger: Logger;
  /** Runs while Apollo drains, before the HTTP server closes (e.g. closing WebSockets). */
  drain: () => Promise<void>;
  shutdownTimeoutMs: number;
  /** Automatic persisted queries (sha256 → query), shared with the other transports; Redis when configured. */
  persistedQueryCache: KeyValueCache<string>;
  /** Trusted documents on: the decision made with the context is applied before Apollo's APQ step. */
  trustedDocuments?: boolean;
}): ApolloServer<GraphQLContext> {
  const { schema, limits, production, introspection, logger } = options;
  return new ApolloServer<GraphQLContext>({
    schema,
    introspection,
    hideSchemaDetailsFromClientErrors: production,
    // A request carrying `Authorization` cannot be a CSRF: browsers preflight it (the header is not
    // CORS-safelisted), and every Capgate operation needs it. Apollo's own two headers still count.
    csrfPrevention: {
      requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', 'authorization'],
    },
    // `src/main.ts` owns SIGINT/SIGTERM and stops everything in order (server, then stores). Apollo's
    // own handler would race it, and a second concurrent `stop()` never returns in Apollo 5.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    persistedQueries: { cache: options.persistedQueryCache },
    includeStacktraceInErrorResponses: false,
    // The token limit proper (introspection not counted) is the `maxTokensRule` validation rule.
    parseOptions: { maxTokens: parserMaxTokens(limits.maxTokens) },
    validationOptions: { maxErrors: limits.maxValidationErrors },
    validationRules: staticRules(limits, introspection),
    formatError: (formatted, error) =>
      formatError(formatted, error, { logger, requestId: currentRequestId(), hideSchemaDetails: production }),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({
        httpServer: options.httpServer,
        stopGracePeriodMillis: options.shutdownTimeoutMs,
      }),
      {
        async serverWillStart() {
          return { drainServer: options.drain };
        },
      },
      costLimitPlugin(schema, limits.maxCost),
      subscriptionTransportPlugin(),
      ...(options.trustedDocuments ? [trustedDocumentsPlugin()] : []),
      {
        // Reached only by authenticated requests whose operation passed every check.
        async requestDidStart() {
          return {
            async executionDidStart({ operation }) {
              // Undefined when `operationName` names no operation (graphql-js then answers the error).
              if (operation) recordValidatedOperation(operation.name?.value);
            },
          };
        },
      },
    ],
  });
}

/** Query cost needs the variables, so it is checked once the operation is known (answers 400). */
function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<GraphQLContext> {
  const estimators = costEstimators();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators,
            });
          } catch (error) {
            // getComplexity coerces the variables first: invalid ones are the client's error (400).
            throw new GraphQLError((error as Error).message, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
          if (cost > maxCost) {
            throw new GraphQLError(`Query is too expensive: cost ${cost}, at most ${maxCost}.`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

export const SUBSCRIPTION_TRANSPORTS_MESSAGE =
  'Subscriptions are not served over plain HTTP requests. Use WebSocket (graphql-ws, subprotocol ' +
  'graphql-transport-ws, on /graphql), Server-Sent Events (graphql-sse: Accept: text/event-stream on ' +
  '/graphql or /graphql/stream), or multipart HTTP (Accept: multipart/mixed;subscriptionSpec=1.0).';

/** A subscription reaching Apollo came without a streaming transport: 400 naming the ones that work. */
function subscriptionTransportPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') {
            throw new GraphQLError(SUBSCRIPTION_TRANSPORTS_MESSAGE, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
