/**
 * What every transport that runs graphql-js itself (graphql-ws, GraphQL over SSE, multipart HTTP
 * subscriptions) does before executing an operation, so they share Apollo's behaviour: authenticate
 * the key, resolve persisted documents, parse with the token bound, validate with the same rules
 * (limits, introspection policy, cost), and build the same context. Failures come back as
 * GraphQLErrors with the HTTP status they deserve; each transport formats them with the one mapper.
 */
import { randomUUID } from 'node:crypto';
import {
  GraphQLError,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type OperationTypeNode,
} from 'graphql';
import { coerceVariables } from './ws-variables.js';
import { storeUnavailableFrom } from '../errors/service-unavailable.js';
import { isAppError } from '../errors/app-error.js';
import { recordValidatedOperation } from '../infra/request-context.js';
import type { Principal } from '../governance/auth/principal.js';
import type { Services } from '../services.js';
import { createContext, type GraphQLContext } from './context.js';
import { parserMaxTokens } from './introspection-limits.js';
import { allRules } from './limits.js';
import type { TrustedDocuments } from './persisted-queries/trusted-documents.js';

/** A GraphQL request as the transports receive it (the GraphQL-over-HTTP request parameters). */
export interface OperationRequest {
  query?: string | null;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
  /** A trusted document's id (the GraphQL-over-HTTP persisted documents convention). */
  documentId?: unknown;
}

export type PreparedOperation =
  | {
      ok: true;
      args: ExecutionArgs & { contextValue: GraphQLContext };
      operation: OperationTypeNode;
      /** Abort when the client goes away or the operation completes: stops upstream model calls. */
      controller: AbortController;
    }
  | { ok: false; status: number; errors: GraphQLError[] };

export interface OperationPreparerOptions {
  schema: GraphQLSchema;
  services: Services;
  /** Turns a request into a document (persisted operations, trusted documents); default: parse `query`. */
  resolveDocument?: (request: OperationRequest) => Promise<DocumentNode>;
  /** Trusted documents mode: decides first; a refused document is never parsed or validated. */
  trustedDocuments?: TrustedDocuments;
}

function requestError(message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status } } });
}

export class OperationPreparer {
  constructor(private readonly options: OperationPreparerOptions) {}

  /** Authenticates an `Authorization` value; an AppError becomes a GraphQLError with its status. */
  async authenticate(
    authorization: string | undefined,
  ): Promise<{ ok: true; principal: Principal } | { ok: false; status: number; errors: GraphQLError[] }> {
    try {
      return { ok: true, principal: await this.options.services.auth.authenticate(authorization) };
    } catch (thrown) {
      const error = isAppError(thrown) ? thrown : storeUnavailableFrom(thrown);
      if (!error) throw thrown;
      return {
        ok: false,
        status: error.httpStatus,
        errors: [new GraphQLError(error.message, { originalError: error })],
      };
    }
  }

  async prepare(input: {
    principal: Principal;
    request: OperationRequest;
    transport: GraphQLContext['transport'];
    requestId?: string;
  }): Promise<PreparedOperation> {
    const { schema, services } = this.options;
    const { config, logger } = services;
    const { request, principal } = input;
    let document: DocumentNode;
    try {
      const decision = this.options.trustedDocuments?.decide(request, principal, request.operationName);
      if (decision?.kind === 'trusted') document = decision.document;
      else if (decision?.kind === 'untrusted' && !decision.apq) {
        document = parseQuery(request.query, config.limits.maxTokens);
      } else {
        document = this.options.resolveDocument
          ? await this.options.resolveDocument(request)
          : parseQuery(request.query, config.limits.maxTokens);
      }
    } catch (error) {
      if (error instanceof GraphQLError) return { ok: false, status: statusOf(error), errors: [error] };
      if (isAppError(error)) {
        return {
          ok: false,
          status: error.httpStatus,
          errors: [new GraphQLError(error.message, { originalError: error })],
        };
      }
      throw error;
    }
    const variables = request.variables ?? undefined;
    const errors = validate(
      schema,
      document,
      allRules(config.limits, config.graphql.introspection, variables),
      {
        maxErrors: config.limits.maxValidationErrors,
      },
    );
    if (errors.length > 0) return { ok: false, status: 400, errors: [...errors] };
    const operation = getOperationAST(document, request.operationName ?? undefined);
    if (!operation) {
      return {
        ok: false,
        status: 400,
        errors: [requestError('Could not determine which operation to run.')],
      };
    }
    // As Apollo does on HTTP: variables that do not fit their types are the client's error.
    const variableErrors = coerceVariables(schema, document, request.operationName, variables);
    if (variableErrors) return { ok: false, status: 400, errors: variableErrors };
    recordValidatedOperation(operation.name?.value);
    const requestId = input.requestId ?? randomUUID();
    const controller = new AbortController();
    return {
      ok: true,
      operation: operation.operation,
      controller,
      args: {
        schema,
        document,
        operationName: request.operationName ?? undefined,
        variableValues: variables,
        contextValue: createContext({
          requestId,
          principal,
          logger: logger.child({ requestId, transport: input.transport }),
          services,
          signal: controller.signal,
          transport: input.transport,
        }),
      },
    };
  }
}

/** Parses a request's `query` with the token bound (introspection has its own allowance). */
export function parseQuery(query: string | null | undefined, maxTokens: number): DocumentNode {
  if (typeof query !== 'string' || query.trim() === '') {
    throw requestError('The request has no GraphQL document (`query`).');
  }
  return parse(query, { maxTokens: parserMaxTokens(maxTokens) });
}

function statusOf(error: GraphQLError): number {
  const http = error.extensions.http as { status?: unknown } | undefined;
  return typeof http?.status === 'number' ? http.status : 400;
}
