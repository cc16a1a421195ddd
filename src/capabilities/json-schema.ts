/**
 * JSON Schema validation (ajv, draft 2020-12 compatible defaults) for custom capability inputs and
 * outputs. Validators are compiled once per schema object and cached.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { BadUserInputError } from '../errors/app-error.js';

const require = createRequire(import.meta.url);
// ajv and ajv-formats are CommonJS; their default exports need this to type-check under NodeNext.
const Ajv = require('ajv') as typeof import('ajv').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false, coerceTypes: false });
addFormats(ajv);

const validators = new WeakMap<object, ValidateFunction>();

/** Throws BadUserInputError when `schema` is not a usable JSON Schema. */
export function assertValidSchema(schema: unknown, what: string): asserts schema is Record<string, unknown> {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new BadUserInputError(`${what} must be a JSON Schema object.`);
  }
  try {
    ajv.compile(schema);
  } catch (error) {
    throw new BadUserInputError(`${what} is not a valid JSON Schema: ${(error as Error).message}`);
  }
}

export function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
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
  return validate(value) ? undefined : describeErrors(validate.errors);
}
