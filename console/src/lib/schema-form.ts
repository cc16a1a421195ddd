/**
 * Schema-to-form: turns a capability's input JSON Schema into the fields the playground draws, and the
 * values typed into them back into the JSON input the API takes. Only the shapes a form can show well
 * are fields (strings, numbers, integers, booleans, enums, arrays of scalars, nested objects); anything
 * else is a JSON field the user types as JSON, so every schema can be run.
 */

export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  format?: string;
};

export type FieldKind = 'text' | 'textarea' | 'number' | 'integer' | 'boolean' | 'enum' | 'list' | 'json';

export interface ScalarField {
  kind: FieldKind;
  /** Dotted path from the root, e.g. `options.style`. */
  path: string;
  name: string;
  label: string;
  description?: string;
  required: boolean;
  options?: string[];
  /** For `list`: the item kind (text, number, integer, enum). */
  itemKind?: 'text' | 'number' | 'integer';
  minimum?: number;
  maximum?: number;
  defaultValue?: unknown;
}

export interface GroupField {
  kind: 'group';
  path: string;
  name: string;
  label: string;
  description?: string;
  required: boolean;
  fields: FormField[];
}

export type FormField = ScalarField | GroupField;

/** Form values: one string (or boolean) per scalar field path, as the inputs hold them. */
export type FormValues = Record<string, string | boolean>;

/** Properties whose names say they hold long text get a textarea. */
const LONG_TEXT = /^(text|content|body|document|prompt|query|question|message|input|description|context)s?$/i;

function primaryType(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null');
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  if (schema.enum) return 'enum';
  return undefined;
}

function humanize(name: string): string {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function fieldFor(
  name: string,
  schema: JsonSchema,
  path: string,
  required: boolean,
  depth: number,
): FormField {
  const base = {
    path,
    name,
    label: schema.title ?? humanize(name),
    required,
    ...(schema.description ? { description: schema.description } : {}),
  };
  const withDefault = schema.default !== undefined ? { defaultValue: schema.default } : {};
  if (schema.enum && schema.enum.every((value) => typeof value === 'string'))
    return { ...base, ...withDefault, kind: 'enum', options: schema.enum as string[] };
  const type = primaryType(schema);
  switch (type) {
    case 'string':
      return {
        ...base,
        ...withDefault,
        kind: LONG_TEXT.test(name) || (schema.maxLength ?? 0) > 200 ? 'textarea' : 'text',
      };
    case 'number':
    case 'integer':
      return {
        ...base,
        ...withDefault,
        kind: type,
        ...(schema.minimum !== undefined ? { minimum: schema.minimum } : {}),
        ...(schema.maximum !== undefined ? { maximum: schema.maximum } : {}),
      };
    case 'boolean':
      return { ...base, ...withDefault, kind: 'boolean' };
    case 'array': {
      const items = schema.items ?? {};
      const itemType = primaryType(items);
      if (items.enum && items.enum.every((value) => typeof value === 'string'))
        return { ...base, ...withDefault, kind: 'list', itemKind: 'text', options: items.enum as string[] };
      if (itemType === 'string' || itemType === 'number' || itemType === 'integer')
        return { ...base, ...withDefault, kind: 'list', itemKind: itemType === 'string' ? 'text' : itemType };
      return { ...base, ...withDefault, kind: 'json' };
    }
    case 'object':
      if (schema.properties && depth < 4)
        return { ...base, kind: 'group', fields: fieldsOf(schema, path, depth + 1) };
      return { ...base, ...withDefault, kind: 'json' };
    default:
      return { ...base, ...withDefault, kind: 'json' };
  }
}

function fieldsOf(schema: JsonSchema, prefix: string, depth: number): FormField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) =>
    fieldFor(name, property ?? {}, prefix ? `${prefix}.${name}` : name, required.has(name), depth),
  );
}

/**
 * The fields of an input schema. A schema that is not an object with properties (or no schema) is one
 * JSON field for the whole input (path ``).
 */
export function formFromSchema(schema: unknown): FormField[] {
  if (!schema || typeof schema !== 'object') return [jsonRoot()];
  const root = schema as JsonSchema;
  if (primaryType(root) !== 'object' || !root.properties || Object.keys(root.properties).length === 0)
    return [jsonRoot()];
  return fieldsOf(root, '', 0);
}

function jsonRoot(): ScalarField {
  return { kind: 'json', path: '', name: 'input', label: 'Input (JSON)', required: true };
}

/** The starting values: schema defaults, else empty. */
export function initialValues(fields: FormField[]): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (field.kind === 'group') Object.assign(values, initialValues(field.fields));
    else if (field.kind === 'boolean') values[field.path] = field.defaultValue === true;
    else if (field.defaultValue === undefined) values[field.path] = field.path === '' ? '{}' : '';
    else if (field.kind === 'list' && Array.isArray(field.defaultValue))
      values[field.path] = field.defaultValue.join('\n');
    else if (field.kind === 'json') values[field.path] = JSON.stringify(field.defaultValue, null, 2);
    else values[field.path] = String(field.defaultValue);
  }
  return values;
}

export interface BuildResult {
  input: unknown;
  /** Problems by field path: shown next to the field. */
  errors: Record<string, string>;
}

function scalarValue(kind: 'text' | 'number' | 'integer', raw: string, label: string): unknown {
  if (kind === 'text') return raw;
  const number = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(number)) throw new Error(`${label}: not a number`);
  if (kind === 'integer' && !Number.isInteger(number)) throw new Error(`${label}: not a whole number`);
  return number;
}

function buildInto(
  target: Record<string, unknown>,
  fields: FormField[],
  values: FormValues,
  errors: Record<string, string>,
) {
  for (const field of fields) {
    if (field.kind === 'group') {
      const nested: Record<string, unknown> = {};
      buildInto(nested, field.fields, values, errors);
      if (Object.keys(nested).length > 0 || field.required) target[field.name] = nested;
      continue;
    }
    const raw = values[field.path];
    if (field.kind === 'boolean') {
      // An unticked optional box is left out (the capability's default applies).
      if (raw === true || field.required) target[field.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    if (text.trim() === '') {
      if (field.required) errors[field.path] = `${field.label} is required`;
      continue;
    }
    try {
      switch (field.kind) {
        case 'text':
        case 'textarea':
        case 'enum':
          target[field.name] = text;
          break;
        case 'number':
        case 'integer': {
          const value = scalarValue(field.kind, text, field.label) as number;
          if (field.minimum !== undefined && value < field.minimum)
            throw new Error(`${field.label}: at least ${field.minimum}`);
          if (field.maximum !== undefined && value > field.maximum)
            throw new Error(`${field.label}: at most ${field.maximum}`);
          target[field.name] = value;
          break;
        }
        case 'list':
          target[field.name] = text
            .split(/\n|,/)
            .map((item) => item.trim())
            .filter((item) => item !== '')
            .map((item) => scalarValue(field.itemKind ?? 'text', item, field.label));
          break;
        case 'json':
          try {
            target[field.name] = JSON.parse(text);
          } catch (error) {
            throw new Error(`${field.label}: not valid JSON (${(error as Error).message})`);
          }
          break;
      }
    } catch (error) {
      errors[field.path] = (error as Error).message;
    }
  }
}

/** The JSON input from the form's values, with a message for each field that cannot be read. */
export function buildInput(fields: FormField[], values: FormValues): BuildResult {
  const errors: Record<string, string> = {};
  const [only] = fields;
  if (fields.length === 1 && only && only.kind === 'json' && only.path === '') {
    const text = String(values[''] ?? '');
    try {
      return { input: JSON.parse(text), errors };
    } catch (error) {
      return { input: undefined, errors: { '': `Input: not valid JSON (${(error as Error).message})` } };
    }
  }
  const input: Record<string, unknown> = {};
  buildInto(input, fields, values, errors);
  return { input, errors };
}
