/**
 * Rebuilds a JSON value with every string value passed through `transform`, at any depth.
 * Object keys are kept as they are (including `__proto__`, defined as an own property), and
 * values that are not JSON containers or strings (numbers, booleans, null, class instances) are
 * returned untouched.
 */
export function mapJsonStrings(value: unknown, transform: (text: string) => string): unknown {
  if (typeof value === 'string') return transform(value);
  if (Array.isArray(value)) return value.map((item: unknown) => mapJsonStrings(item, transform));
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapJsonStrings(item, transform)]),
    );
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
