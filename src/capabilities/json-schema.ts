/**
 * JSON Schema validation (ajv, draft 2020-12 compatible defaults) for custom capability inputs and
 * outputs. A schema is checked once, at registration ({@link assertValidSchema}): bounded in size,
 * property count and depth, compiled, and probed for recursion that never consumes input. Validators
 * are compiled once per schema *content* (a SHA-256 of its JSON), so registry reloads, which build
 * new schema objects, reuse them. Every compilation gets its own ajv instance: `$id`s are scoped to
 * the one schema that declares them, so two capabilities (or two teams) can use the same `$id`, and
 * a reload never meets "schema already exists". `pattern` and `patternProperties` run on the
 * linear-time engine (RE2 semantics).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { BadUserInputError } from '../errors/app-error.js';
import { LinearRegex, UnsupportedPatternError } from '../infra/linear-regex.js';

const require = createRequire(import.meta.url);
// ajv and ajv-formats are CommonJS; their default exports need this to type-check under NodeNext.
const Ajv = require('ajv') as typeof import('ajv').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

/** Bounds on a custom capability's inputSchema / outputSchema. */
export const JSON_SCHEMA_LIMITS = {
  /** Bytes of the schema as JSON. */
  bytes: 65_536,
  /** Keys under every `properties` / `patternProperties` / `$defs` object, added up. */
  properties: 256,
  /** Nesting of objects and arrays. */
  depth: 32,
  /** Compiled validators kept in memory (least recently used dropped first). */
  cachedValidators: 1_000,
} as const;

const linearRegExp = Object.assign((pattern: string) => LinearRegex.compile(pattern), {
  code: 'linearRegExp',
});

function newAjv() {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    useDefaults: false,
    coerceTypes: false,
    code: { regExp: linearRegExp },
  });
  addFormats(ajv);
  return ajv;
}

const validatorsByContent = new Map<string, ValidateFunction>();
const validatorsByObject = new WeakMap<object, ValidateFunction>();
let compilations = 0;

/** How many schemas were compiled since start (tests check that reloads do not recompile). */
export function schemaCompilations(): number {
  return compilations;
}

/** Throws BadUserInputError when `schema` is not a usable JSON Schema within the limits. */
export function assertValidSchema(schema: unknown, what: string): asserts schema is Record<string, unknown> {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new BadUserInputError(`${what} must be a JSON Schema object.`);
  }
  const problem = sizeProblem(schema);
  if (problem) throw new BadUserInputError(`${what} is too large: ${problem}.`);
  let validate: ValidateFunction;
  try {
    validate = validatorFor(schema as Record<string, unknown>);
  } catch (error) {
    const reason =
      error instanceof UnsupportedPatternError
        ? `a pattern is refused: ${error.message}`
        : (error as Error).message.slice(0, 300);
    throw new BadUserInputError(`${what} is not a valid JSON Schema: ${reason}`);
  }
  // A reference cycle that consumes nothing (`{"$ref": "#"}`) recurses forever on any value.
  for (const probe of [null, 0, '', [], {}, [[]], { a: {} }]) {
    if (runValidator(validate, probe) === 'too-deep') {
      throw new BadUserInputError(
        `${what} is not a valid JSON Schema: it refers to itself without descending into the value.`,
      );
    }
  }
}

/** The compiled validator of a schema, shared by every schema object with the same content. */
export function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const known = validatorsByObject.get(schema);
  if (known) return known;
  const key = createHash('sha256').update(JSON.stringify(schema)).digest('base64url');
  let validate = validatorsByContent.get(key);
  if (validate) {
    validatorsByContent.delete(key);
  } else {
    validate = newAjv().compile(schema);
    compilations += 1;
    if (validatorsByContent.size >= JSON_SCHEMA_LIMITS.cachedValidators) {
      const oldest = validatorsByContent.keys().next().value;
      if (oldest !== undefined) validatorsByContent.delete(oldest);
    }
  }
  validatorsByContent.set(key, validate);
  validatorsByObject.set(schema, validate);
  return validate;
}

/** Human-readable list of what failed, e.g. `/text must be string; must have required property 'lang'`. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 10)
    .map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`.trim())
    .join('; ');
}

/** Returns undefined when valid, otherwise the description of what failed. */
export function validateAgainst(schema: Record<string, unknown>, value: unknown): string | undefined {
  const validate = validatorFor(schema);
  const outcome = runValidator(validate, value);
  if (outcome === 'valid') return undefined;
  if (outcome === 'too-deep') return '(root) is nested too deeply to validate';
  return describeErrors(validate.errors);
}

function runValidator(validate: ValidateFunction, value: unknown): 'valid' | 'invalid' | 'too-deep' {
  try {
    return validate(value) ? 'valid' : 'invalid';
  } catch (error) {
    if (error instanceof RangeError) return 'too-deep';
    throw error;
  }
}

/** Walks the schema without recursion; returns what exceeds the limits, if anything. */
function sizeProblem(schema: object): string | undefined {
  const bytes = Buffer.byteLength(JSON.stringify(schema));
  if (bytes > JSON_SCHEMA_LIMITS.bytes) {
    return `${bytes} bytes (at most ${JSON_SCHEMA_LIMITS.bytes})`;
  }
  let properties = 0;
  const stack: Array<{ value: unknown; depth: number; key: string | undefined }> = [
    { value: schema, depth: 1, key: undefined },
  ];
  while (stack.length > 0) {
    const { value, depth, key } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > JSON_SCHEMA_LIMITS.depth) return `nested deeper than ${JSON_SCHEMA_LIMITS.depth} levels`;
    const entries = Array.isArray(value)
      ? value.map((item) => [undefined, item] as const)
      : Object.entries(value);
    if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions') {
      properties += entries.length;
      if (properties > JSON_SCHEMA_LIMITS.properties) {
        return `more than ${JSON_SCHEMA_LIMITS.properties} properties`;
      }
    }
    for (const [childKey, child] of entries) stack.push({ value: child, depth: depth + 1, key: childKey });
  }
  return undefined;
}
