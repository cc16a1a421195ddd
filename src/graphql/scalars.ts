import { GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { INPUT_LIMITS, jsonDepthWithin } from '../capabilities/input-limits.js';

function withinDepth(value: unknown): unknown {
  if (!jsonDepthWithin(value, INPUT_LIMITS.json.depth)) {
    // Refused while variables are coerced: a 400 with BAD_USER_INPUT, before any resolver recurses into it.
    throw new GraphQLError(`JSON values may be nested at most ${INPUT_LIMITS.json.depth} levels deep.`);
  }
  return value;
}

/** `JSON`: any JSON value, at most `INPUT_LIMITS.json.depth` levels deep. */
export const JSONScalar = new GraphQLScalarType({
  ...JSONResolver.toConfig(),
  description: `${JSONResolver.description ?? 'A JSON value.'} At most ${INPUT_LIMITS.json.depth} levels deep.`,
  parseValue: (value: unknown) => withinDepth(JSONResolver.parseValue(value)),
  parseLiteral: (node: ValueNode, variables?: { [key: string]: unknown } | null) =>
    withinDepth(JSONResolver.parseLiteral(node, variables)),
});
/** `DateTime`: an RFC 3339 date-time string. */
export const DateTimeScalar = DateTimeResolver;
