/** Runs a capability for a GraphQL resolver: principal, request id and abort signal from the context. */
import type { GraphQLContext } from '../graphql/context.js';
import type { InvocationResult } from './capability.types.js';
import { optionsFrom, type InvokeOptionsInput } from './capability.graphql-types.js';

export function invokeFromContext(
  context: GraphQLContext,
  capability: string,
  input: unknown,
  options: InvokeOptionsInput | undefined | null,
): Promise<InvocationResult> {
  return context.services.invocation.invoke({
    capability,
    input,
    options: optionsFrom(options),
    principal: context.principal,
    requestId: context.requestId,
    signal: context.signal,
    frontDoor: 'graphql',
  });
}

/** GraphQL input objects are class instances with possibly-undefined fields; capabilities take plain JSON. */
export function plain<T extends object>(input: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
}
