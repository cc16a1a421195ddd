/** Small, strict readers for capability inputs that arrive as JSON (`invoke`) or typed GraphQL input. */
import { BadUserInputError } from '../errors/app-error.js';
import { INPUT_LIMITS } from './input-limits.js';

/** Inputs larger than this are refused before any work (the body limit is the outer bound). */
export const MAX_TEXT_CHARACTERS = INPUT_LIMITS.textCharacters;

export function asObject(raw: unknown, what = 'input'): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new BadUserInputError(`${what} must be an object.`);
  return raw as Record<string, unknown>;
}

export function requiredText(
  object: Record<string, unknown>,
  field: string,
  options: { allowEmpty?: boolean } = {},
): string {
  const value = object[field];
  if (typeof value !== 'string') throw new BadUserInputError(`input.${field} must be a string.`);
  if (!options.allowEmpty && value.trim() === '')
    throw new BadUserInputError(`input.${field} must not be empty.`);
  if (value.length > MAX_TEXT_CHARACTERS) {
    throw new BadUserInputError(`input.${field} is too long: at most ${MAX_TEXT_CHARACTERS} characters.`);
  }
  return value;
}

export function optionalString(object: Record<string, unknown>, field: string): string | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadUserInputError(`input.${field} must be a string.`);
  return value;
}

export function optionalInteger(
  object: Record<string, unknown>,
  field: string,
  minimum: number,
  maximum: number,
): number | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw new BadUserInputError(`input.${field} must be an integer from ${minimum} to ${maximum}.`);
  }
  return value;
}

export function optionalBoolean(object: Record<string, unknown>, field: string): boolean | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new BadUserInputError(`input.${field} must be a boolean.`);
  return value;
}

export function optionalEnum<T extends string>(
  object: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
): T | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new BadUserInputError(`input.${field} must be one of ${allowed.join(', ')}.`);
  }
  return value as T;
}

/** Parses a model's JSON answer, tolerating a fenced code block around it. */
export function parseJsonAnswer(text: string): unknown {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(trimmed);
  const body = fenced?.[1] ?? trimmed;
  try {
    return JSON.parse(body);
  } catch {
    const start = body.indexOf('{');
    const end = body.lastIndexOf('}');
    if (start >= 0 && end > start) return JSON.parse(body.slice(start, end + 1));
    throw new Error('The answer is not valid JSON.');
  }
}

/** Renders `{{input.field}}` / `{{input.a.b}}` / `{{input}}` placeholders; objects are inserted as JSON. */
export function renderTemplate(template: string, input: unknown): string {
  return renderPlaceholders(template, { input });
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*)((?:\.[\w$-]+)*)\s*\}\}/g;

/**
 * Renders `{{root.a.b}}` placeholders whose root is a key of `context` (others stay as written):
 * missing values render empty, strings as they are, anything else as JSON. Workflows map step inputs
 * with it (`{{steps.retrieve.output.chunks}}`), custom capabilities their prompts (`{{input.x}}`).
 */
export function renderPlaceholders(template: string, context: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (match, root: string, path: string) => {
    if (!Object.hasOwn(context, root)) return match;
    const value = valueAtPath(context[root], path);
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** The value at a dotted path (`.a.0.b`) inside `value`, or undefined. */
export function valueAtPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.').filter(Boolean)) {
    if (!current || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
