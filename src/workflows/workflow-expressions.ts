/**
 * The mapping language of workflow step inputs, `when`, `forEach` and the workflow output. A mapping
 * is JSON; inside it:
 *
 * - a string that is a JSON Pointer into the run's context — `/input/question`,
 *   `/steps/retrieve/output/chunks/0/text`, `/item/text` (forEach), `/index`, `/number` — is replaced
 *   by the value there, whatever its type (a missing value drops the key);
 * - a string that is one `{{steps.retrieve.output.chunks}}` placeholder is replaced by the value;
 *   a string with placeholders among other text is rendered as text (the template engine custom
 *   capabilities use, `renderPlaceholders`);
 * - `{"$join": {"each": <ref>, "template": "…{{item.x}} [{{number}}]", "separator": " "}}` renders
 *   the template once per array item and joins the pieces;
 * - `{"$map": {"each": <ref>, "to": <mapping>}}` maps every array item (`/item`, `/index`, `/number`).
 *
 * The context is `{ input, steps: { <name>: { output } }, item, index, number }`; `number` is index + 1.
 */
import { renderPlaceholders, valueAtPath } from '../capabilities/input-validation.js';

export interface ExpressionContext {
  input: unknown;
  steps: Record<string, { output: unknown }>;
  item?: unknown;
  index?: number;
  number?: number;
}

/** What a reference points at: its root and the path segments below it. */
export interface Reference {
  root: 'input' | 'steps' | 'item' | 'index' | 'number';
  /** For `steps`: the step name. */
  step?: string;
  /** Below the root (for `steps`, below `/steps/<name>`, starting with `output`). */
  path: string[];
}

const ROOTS = new Set(['input', 'steps', 'item', 'index', 'number']);
const POINTER = /^\/(input|steps|item|index|number)(\/.*)?$/;
const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z_$][\w$]*)((?:\.[\w$-]+)*)\s*\}\}$/;
const ANY_PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*)((?:\.[\w$-]+)*)\s*\}\}/g;
/** Arrays that `forEach`, `$join` and `$map` walk, at most. */
export const MAX_ITEMS = 1000;

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function referenceOf(root: string, path: string[]): Reference | undefined {
  if (!ROOTS.has(root)) return undefined;
  if (root === 'steps') {
    const [step, ...rest] = path;
    return { root: 'steps', step: step ?? '', path: rest };
  }
  return { root: root as Reference['root'], path };
}

/** The reference a whole string stands for (a JSON Pointer, or one placeholder), if it is one. */
export function parseReference(text: string): Reference | undefined {
  const pointer = POINTER.exec(text);
  if (pointer) {
    const rest = (pointer[2] ?? '').split('/').slice(1).map(unescapePointer);
    return referenceOf(pointer[1]!, rest);
  }
  const placeholder = WHOLE_PLACEHOLDER.exec(text.trim());
  if (placeholder) return referenceOf(placeholder[1]!, placeholder[2]!.split('.').filter(Boolean));
  return undefined;
}

/** Every reference a mapping makes (pointers, placeholders inside text, `$join`/`$map` sources). */
export function referencesOf(mapping: unknown): Reference[] {
  const found: Reference[] = [];
  const walk = (value: unknown, insideEach: boolean): void => {
    if (typeof value === 'string') {
      const whole = parseReference(value);
      if (whole) found.push(whole);
      else
        for (const match of value.matchAll(ANY_PLACEHOLDER)) {
          const reference = referenceOf(match[1]!, match[2]!.split('.').filter(Boolean));
          if (reference) found.push(reference);
        }
      return;
    }
    if (Array.isArray(value)) return value.forEach((item) => walk(item, insideEach));
    if (value && typeof value === 'object') {
      const operator = eachOperator(value as Record<string, unknown>);
      if (operator) {
        walk(operator.each, insideEach);
        walk(operator.body, true);
        return;
      }
      for (const item of Object.values(value)) walk(item, insideEach);
    }
  };
  walk(mapping, false);
  return found;
}

interface EachOperator {
  kind: '$join' | '$map';
  each: unknown;
  body: unknown;
  separator: string;
}

function eachOperator(object: Record<string, unknown>): EachOperator | undefined {
  const keys = Object.keys(object);
  if (keys.length !== 1 || (keys[0] !== '$join' && keys[0] !== '$map')) return undefined;
  const kind = keys[0];
  const spec = object[kind] as Record<string, unknown> | undefined;
  if (!spec || typeof spec !== 'object') return undefined;
  return {
    kind,
    each: spec.each,
    body: kind === '$join' ? spec.template : spec.to,
    separator: typeof spec.separator === 'string' ? spec.separator : '\n',
  };
}

/** The value a reference points at in `context`, or undefined. */
export function valueOf(reference: Reference, context: ExpressionContext): unknown {
  if (reference.root === 'steps') {
    const step = context.steps[reference.step ?? ''];
    return step ? valueAtPath(step, reference.path.join('.')) : undefined;
  }
  return valueAtPath(context[reference.root], reference.path.join('.'));
}

/** The mapping with every reference replaced by its value in `context`. */
export function resolveMapping(mapping: unknown, context: ExpressionContext): unknown {
  if (typeof mapping === 'string') {
    const whole = parseReference(mapping);
    if (whole) return valueOf(whole, context);
    if (!mapping.includes('{{')) return mapping;
    return renderPlaceholders(mapping, context as unknown as Record<string, unknown>);
  }
  if (Array.isArray(mapping)) return mapping.map((item) => resolveMapping(item, context) ?? null);
  if (mapping && typeof mapping === 'object') {
    const operator = eachOperator(mapping as Record<string, unknown>);
    if (operator) {
      const items = arrayOf(resolveMapping(operator.each, context), operator.kind);
      const mapped = items.map((item, index) =>
        resolveMapping(operator.body, { ...context, item, index, number: index + 1 }),
      );
      return operator.kind === '$join'
        ? mapped
            .map((piece) => (typeof piece === 'string' ? piece : JSON.stringify(piece)))
            .join(operator.separator)
        : mapped;
    }
    const resolved: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(mapping)) {
      const next = resolveMapping(value, context);
      if (next !== undefined) resolved[key] = next;
    }
    return resolved;
  }
  return mapping;
}

/** The array a `forEach`, `$join` or `$map` walks; anything else is an error naming it. */
export function arrayOf(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${what} must refer to an array`);
  if (value.length > MAX_ITEMS) throw new Error(`${what} has more than ${MAX_ITEMS} items`);
  return value;
}

/** A `when` condition: the reference's value is truthy (an empty array or object is not); `!` negates. */
export function evaluateCondition(condition: string, context: ExpressionContext): boolean {
  const negated = condition.trim().startsWith('!');
  const reference = parseReference(negated ? condition.trim().slice(1).trim() : condition.trim());
  const value = reference ? valueOf(reference, context) : undefined;
  const truthy = Array.isArray(value)
    ? value.length > 0
    : value && typeof value === 'object'
      ? Object.keys(value).length > 0
      : Boolean(value);
  return negated ? !truthy : truthy;
}

/** The reference a `when` condition makes (undefined: not a reference). */
export function conditionReference(condition: string): Reference | undefined {
  const trimmed = condition.trim();
  return parseReference(trimmed.startsWith('!') ? trimmed.slice(1).trim() : trimmed);
}
