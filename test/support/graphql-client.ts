/** Minimal GraphQL-over-HTTP and graphql-ws clients for tests, driving Capgate as a client would. */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>;
}

export async function graphql<T = Record<string, unknown>, V = Record<string, unknown>>(
  url: string,
  query: string | DocumentNode | TypedDocumentNode<T, V>,
  options: { key?: string; variables?: V; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({
      query: typeof query === 'string' ? query : print(query),
      variables: options.variables,
    }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** Like `graphql`, but fails the test on any error and returns `data`. */
export async function graphqlOk<T = Record<string, unknown>, V = Record<string, unknown>>(
  url: string,
  query: string | DocumentNode | TypedDocumentNode<T, V>,
  options: { key?: string; variables?: V } = {},
): Promise<T> {
  const response = await graphql<T, V>(url, query, options);
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL error (${response.status}): ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}

export function wsClient(url: string, key: string | undefined, options: { lazy?: boolean } = {}): Client {
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    lazy: options.lazy ?? true,
    retryAttempts: 0,
  });
}

/** Collects every `next` payload of one operation until it completes or errors. */
export function collect<T>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): {
  done: Promise<{ results: Array<{ data?: T; errors?: unknown[] }>; error?: unknown }>;
  results: Array<{ data?: T; errors?: unknown[] }>;
} {
  const results: Array<{ data?: T; errors?: unknown[] }> = [];
  const done = new Promise<{ results: typeof results; error?: unknown }>((resolve) => {
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => results.push(value as { data?: T; errors?: unknown[] }),
        error: (error) => resolve({ results, error }),
        complete: () => resolve({ results }),
      },
    );
  });
  return { done, results };
}
