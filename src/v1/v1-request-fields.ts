/** Field readers shared by the `/v1` request parsers: each problem is a 400 naming the parameter. */
import { BadUserInputError } from '../errors/app-error.js';

export function asObject(value: unknown, param?: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(param, `${param ?? 'The request body'} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

export function requiredString(object: Record<string, unknown>, name: string): string {
  const value = object[name];
  if (typeof value !== 'string' || value === '')
    throw invalid(name, `${name} is required and must be a string.`);
  return value;
}

export function optionalBoolean(object: Record<string, unknown>, name: string): boolean | undefined {
  const value = object[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(name, `${name} must be a boolean.`);
  return value;
}

export function optionalPositiveInteger(object: Record<string, unknown>, name: string): number | undefined {
  const value = object[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw invalid(name, `${name} must be a positive integer.`);
  return value;
}

export function invalid(param: string | undefined, message: string): BadUserInputError {
  return new BadUserInputError(message, param === undefined ? undefined : { extensions: { param } });
}
