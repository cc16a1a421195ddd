/** The request id of the current async call chain, for logs and masked error answers. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestState {
  requestId: string;
  /**
   * Set once a GraphQL operation passed authentication and validation: its name, or `''` when it has
   * none. Metrics label only such operations, so anonymous or invalid requests cannot mint labels.
   */
  operation?: string;
}

export const requestStore = new AsyncLocalStorage<RequestState>();

/** Records that the current request's GraphQL operation was authenticated and validated. */
export function recordValidatedOperation(name: string | undefined): void {
  const state = requestStore.getStore();
  if (state) state.operation = name ?? '';
}

export function currentRequestId(): string | undefined {
  return requestStore.getStore()?.requestId;
}

/** Accepts a caller's `x-request-id` when it is short and plain; otherwise makes one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : randomUUID();
}
