/**
 * Validation of a JSON Schema as it is typed in the capability editor: JSON syntax (with line and
 * column) first, then the structure of the schema keywords a capability uses. The server checks the
 * schema again on save (its own limits: size, RE2 patterns…) and its message is shown too; this check
 * only makes the common mistakes visible before that, field by field.
 */

export interface SchemaProblem {
  /** JSON Pointer of the keyword at fault (`/properties/topic/type`), `` for the document. */
  pointer: string;
  message: string;
  line?: number;
  column?: number;
}

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_ONES = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
];
const NON_NEGATIVE = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'];
const NUMBERS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses JSON; a syntax error becomes a problem with its line and column where the engine says it. */
export function parseJson(text: string): { value?: unknown; problem?: SchemaProblem } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    const where = position
      ? lineAndColumn(text, Number(position[1]))
      : lineColumn
        ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
        : undefined;
    return {
      problem: {
        pointer: '',
        message: `Not valid JSON: ${message.replace(/^JSON\.parse: /, '')}`,
        ...(where ?? {}),
      },
    };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function checkSchema(schema: unknown, pointer: string, problems: SchemaProblem[]): void {
  if (typeof schema === 'boolean') return;
  if (!isObject(schema)) {
    problems.push({ pointer, message: 'a schema must be an object (or true/false)' });
    return;
  }
  const type = schema.type;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    if (types.length === 0) problems.push({ pointer: `${pointer}/type`, message: 'type: empty list' });
    for (const one of types) {
      if (typeof one !== 'string' || !TYPES.has(one))
        problems.push({
          pointer: `${pointer}/type`,
          message: `type: ${JSON.stringify(one)} is not a JSON Schema type (string, number, integer, boolean, object, array, null)`,
        });
    }
  }
  for (const key of SCHEMA_MAPS) {
    if (schema[key] === undefined) continue;
    const map = schema[key];
    if (!isObject(map)) {
      problems.push({ pointer: `${pointer}/${key}`, message: `${key}: must be an object of schemas` });
      continue;
    }
    for (const [name, sub] of Object.entries(map))
      checkSchema(sub, `${pointer}/${key}/${escape(name)}`, problems);
  }
  for (const key of SCHEMA_LISTS) {
    if (schema[key] === undefined) continue;
    const list = schema[key];
    if (!Array.isArray(list) || list.length === 0) {
      problems.push({ pointer: `${pointer}/${key}`, message: `${key}: must be a non-empty list of schemas` });
      continue;
    }
    list.forEach((sub, index) => checkSchema(sub, `${pointer}/${key}/${index}`, problems));
  }
  for (const key of SCHEMA_ONES) {
    if (schema[key] !== undefined) checkSchema(schema[key], `${pointer}/${key}`, problems);
  }
  if (schema.required !== undefined) {
    const required = schema.required;
    if (!Array.isArray(required) || required.some((name) => typeof name !== 'string')) {
      problems.push({
        pointer: `${pointer}/required`,
        message: 'required: must be a list of property names',
      });
    } else {
      if (new Set(required).size !== required.length)
        problems.push({ pointer: `${pointer}/required`, message: 'required: names a property twice' });
      const properties = isObject(schema.properties) ? schema.properties : {};
      for (const name of required as string[]) {
        if (!(name in properties) && schema.additionalProperties === false)
          problems.push({
            pointer: `${pointer}/required`,
            message: `required: "${name}" is not in properties, and additionalProperties is false`,
          });
      }
    }
  }
  if (schema.enum !== undefined && (!Array.isArray(schema.enum) || schema.enum.length === 0))
    problems.push({ pointer: `${pointer}/enum`, message: 'enum: must be a non-empty list of values' });
  for (const key of NON_NEGATIVE) {
    const value = schema[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0))
      problems.push({ pointer: `${pointer}/${key}`, message: `${key}: must be a whole number ≥ 0` });
  }
  for (const key of NUMBERS) {
    const value = schema[key];
    if (value !== undefined && typeof value !== 'number')
      problems.push({ pointer: `${pointer}/${key}`, message: `${key}: must be a number` });
  }
  if (
    typeof schema.minimum === 'number' &&
    typeof schema.maximum === 'number' &&
    schema.minimum > schema.maximum
  )
    problems.push({ pointer: `${pointer}/minimum`, message: 'minimum: greater than maximum' });
  if (schema.pattern !== undefined) {
    if (typeof schema.pattern !== 'string')
      problems.push({ pointer: `${pointer}/pattern`, message: 'pattern: must be a string' });
    else
      try {
        new RegExp(schema.pattern, 'u');
      } catch (error) {
        problems.push({ pointer: `${pointer}/pattern`, message: `pattern: ${(error as Error).message}` });
      }
  }
}

export interface CheckOptions {
  /** The input schema of a custom capability must describe an object (its fields are the form). */
  requireObject?: boolean;
  /** An empty text is allowed (an optional schema). */
  optional?: boolean;
}

/** Everything wrong with the schema text, in document order; empty when it is usable. */
export function checkSchemaText(text: string, options: CheckOptions = {}): SchemaProblem[] {
  if (text.trim() === '')
    return options.optional ? [] : [{ pointer: '', message: 'A JSON Schema is required' }];
  const { value, problem } = parseJson(text);
  if (problem) return [problem];
  const problems: SchemaProblem[] = [];
  checkSchema(value, '', problems);
  if (options.requireObject && isObject(value) && value.type !== 'object')
    problems.unshift({ pointer: '/type', message: 'type: the input schema must be "object"' });
  return problems;
}
