/**
 * graphql-ws executes with graphql-js, which reports variables that do not fit their types as
 * execution errors without a code (then masked as INTERNAL_SERVER_ERROR). Apollo, on HTTP, reports
 * them as BAD_USER_INPUT. Coercing them before execution gives WebSocket clients the same error.
 */
import {
  GraphQLError,
  getOperationAST,
  getVariableValues,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

export function coerceVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): GraphQLError[] | undefined {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, {
    maxErrors: 50,
  });
  if (!coerced.errors) return undefined;
  return coerced.errors.map(
    (error) =>
      new GraphQLError(error.message, {
        nodes: error.nodes,
        extensions: { code: 'BAD_USER_INPUT' },
      }),
  );
}
