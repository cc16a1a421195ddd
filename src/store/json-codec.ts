/**
 * User-supplied JSON (capability schemas, custom inputs/outputs, metadata, provider headers) is
 * stored as a string: arbitrary keys with `.` or a leading `$`, nested arrays and NaN are not portable
 * to FerretDB (PORTABILITY.md).
 */
export function encodeJson(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : JSON.stringify(value);
}

export function decodeJson<T = unknown>(encoded: string | undefined | null): T | undefined {
  if (encoded === undefined || encoded === null || encoded === '') return undefined;
  return JSON.parse(encoded) as T;
}
