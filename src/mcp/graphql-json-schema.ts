/**
 * JSON Schemas of the built-in capabilities, read from their typed GraphQL contract: the `input`
 * argument of the capability's mutation (`summarize(input: SummarizeInput!)`) and its result type
 * without `meta` (how the run was served, which MCP reports elsewhere). One source of truth: the
 * schema the GraphQL API serves, descriptions included.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLEnumType,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

type JsonSchema = Record<string, unknown>;

/** How deep nested types are expanded (the built-in contracts are 3 levels at most). */
const MAX_DEPTH = 8;

export interface CapabilitySchemas {
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
}

/** The schemas of the mutation named `capability`, or undefined when there is no such typed mutation. */
export function schemasOfTypedCapability(
  schema: GraphQLSchema,
  capability: string,
): CapabilitySchemas | undefined {
  const field = schema.getMutationType()?.getFields()[capability];
  const input = field?.args.find((arg) => arg.name === 'input');
  if (!field || !input) return undefined;
  const inputSchema = inputSchemaOf(input.type, 0);
  if (inputSchema.type !== 'object') return undefined;
  const result = getNamedType(field.type);
  if (!isObjectType(result)) return { inputSchema };
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, resultField] of Object.entries(result.getFields())) {
    if (name === 'meta') continue;
    properties[name] = described(outputSchemaOf(resultField.type, 1), resultField.description);
    if (isNonNullType(resultField.type)) required.push(name);
  }
  return {
    inputSchema,
    outputSchema: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) },
  };
}

function inputSchemaOf(type: GraphQLInputType, depth: number): JsonSchema {
  if (isNonNullType(type)) return inputSchemaOf(type.ofType, depth);
  if (isListType(type)) return { type: 'array', items: inputSchemaOf(type.ofType, depth) };
  if (isScalarType(type)) return scalarSchema(type.name);
  if (isEnumType(type)) return described({ type: 'string', enum: enumValues(type) }, type.description);
  if (!isInputObjectType(type) || depth >= MAX_DEPTH) return {};
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(type.getFields())) {
    properties[name] = described(inputSchemaOf(field.type, depth + 1), field.description);
    if (isNonNullType(field.type) && field.defaultValue === undefined) required.push(name);
  }
  return described(
    { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false },
    type.description,
  );
}

/** Nullable output fields may be null; non-null ones may not. */
function outputSchemaOf(type: GraphQLOutputType, depth: number): JsonSchema {
  if (isNonNullType(type)) return nonNullOutputSchemaOf(type.ofType, depth);
  const inner = nonNullOutputSchemaOf(type, depth);
  return Object.keys(inner).length === 0 ? inner : { anyOf: [inner, { type: 'null' }] };
}

function nonNullOutputSchemaOf(type: GraphQLOutputType, depth: number): JsonSchema {
  if (isNonNullType(type)) return nonNullOutputSchemaOf(type.ofType, depth);
  if (isListType(type)) return { type: 'array', items: outputSchemaOf(type.ofType, depth) };
  if (isScalarType(type)) return scalarSchema(type.name);
  if (isEnumType(type)) return { type: 'string', enum: enumValues(type) };
  if (!isObjectType(type) || depth >= MAX_DEPTH) return {};
  const properties: Record<string, JsonSchema> = {};
  for (const [name, field] of Object.entries(type.getFields()))
    properties[name] = described(outputSchemaOf(field.type, depth + 1), field.description);
  // Fields a resolver computes are not in the capability's output: none is required below the top.
  return { type: 'object', properties };
}

/** The values a capability sees and answers: the enum's internal values (its names when they are not strings). */
function enumValues(type: GraphQLEnumType): string[] {
  return type.getValues().map((value) => (typeof value.value === 'string' ? value.value : value.name));
}

function scalarSchema(name: string): JsonSchema {
  switch (name) {
    case 'String':
    case 'ID':
      return { type: 'string' };
    case 'Int':
      return { type: 'integer' };
    case 'Float':
      return { type: 'number' };
    case 'Boolean':
      return { type: 'boolean' };
    case 'DateTime':
      return { type: 'string', format: 'date-time' };
    default:
      return {}; // JSON and other custom scalars: any value
  }
}

function described(schema: JsonSchema, description: string | null | undefined): JsonSchema {
  return description ? { ...schema, description } : schema;
}
