import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';

type FetchFunction = typeof globalThis.fetch;
type FetchInit = NonNullable<Parameters<FetchFunction>[1]>;

/** Statuses whose responses have no body (the `Response` constructor rejects one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A `fetch` for SDKs that accept a custom one (the AI SDK providers), built on `dispatcher.request`
 * of a keep-alive undici dispatcher instead of the global `fetch`, which spends most of its time in
 * spec machinery a server-to-server call does not need (see PITFALLS.md). It supports what those
 * SDKs send: a URL string, a method, plain headers, a string or byte body and an abort signal.
 * Redirects are not followed. An abort rejects with `signal.reason`, like the global `fetch`.
 */
export function createUndiciFetch(dispatcher: Dispatcher): FetchFunction {
  return async (input, init) => {
    if (typeof input !== 'string' && !(input instanceof URL)) {
      throw new TypeError('This fetch accepts a URL, not a Request object.');
    }
    const url = typeof input === 'string' ? new URL(input) : input;
    const response = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: init?.method?.toUpperCase() ?? 'GET',
      headers: toHeaderRecord(init?.headers),
      body: toRequestBody(init?.body),
      signal: init?.signal ?? null,
    });

    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.append(name, value);
    }
    let body: ReadableStream<Uint8Array> | null = null;
    if (NULL_BODY_STATUSES.has(response.statusCode)) await response.body.dump();
    else body = Readable.toWeb(response.body) as ReadableStream<Uint8Array>;
    return new Response(body, { status: response.statusCode, statusText: response.statusText, headers });
  };
}

function toHeaderRecord(headers: FetchInit['headers']): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  const record: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (name !== undefined && value !== undefined)
      record[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return record;
}

function toRequestBody(body: FetchInit['body']): string | Uint8Array | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('This fetch sends string or byte bodies only.');
}
