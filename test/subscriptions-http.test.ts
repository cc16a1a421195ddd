/**
 * Subscriptions over HTTP, driven by the official clients: GraphQL over SSE with `graphql-sse`
 * (distinct connections mode on /graphql and /graphql/stream, single connection mode) and Apollo
 * Client over HttpLink (multipart subscriptions). Each receives `invokeStream` events ending with
 * exactly one terminal event, with the same key check, limits and error mapper as HTTP and WS. A
 * subscription on a plain POST gets 400 naming the transports that work.
 */
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core';
import { createClient, type ExecutionResult } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface StreamEvent {
  runId: string;
  type: string;
  delta: string | null;
  output: { summary?: string } | null;
}

const text =
  'Capgate routes capabilities to models. It keeps costs under control with budgets. Teams love the typed contracts. ' +
  'Breakers stop traffic to failing providers. Streams deliver text as soon as it is produced.';
const invokeStream = `subscription Stream($input: JSON!) {
  invokeStream(capability: "summarize", input: $input) { runId type delta output }
}`;
const variables = { input: { text, maxSentences: 2 } };
const terminal = (events: StreamEvent[]) =>
  events.filter((event) => event.type === 'COMPLETED' || event.type === 'FAILED');

function sseEvents(
  url: string,
  key: string | undefined,
  options: { singleConnection?: boolean; query?: string } = {},
): Promise<{ events: StreamEvent[]; results: unknown[]; error?: unknown }> {
  const client = createClient({
    url,
    singleConnection: options.singleConnection ?? false,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
  });
  const results: Array<ExecutionResult<Record<string, unknown>, unknown>> = [];
  return new Promise((resolve) => {
    const finish = (error?: unknown) => {
      client.dispose();
      const events = results.flatMap((result) =>
        result.data ? [(result.data as { invokeStream: StreamEvent }).invokeStream] : [],
      );
      resolve({ events, results, ...(error === undefined ? {} : { error }) });
    };
    client.subscribe(
      { query: options.query ?? invokeStream, variables },
      { next: (value) => results.push(value), error: finish, complete: () => finish() },
    );
  });
}

function expectOneCompletedStream(events: StreamEvent[]): void {
  expect(events[0]?.type).toBe('STARTED');
  expect(events.some((event) => event.type === 'DELTA')).toBe(true);
  expect(terminal(events)).toHaveLength(1);
  expect(events.at(-1)?.type).toBe('COMPLETED');
  expect(events.at(-1)?.output?.summary).toBeTruthy();
  expect(new Set(events.map((event) => event.runId)).size).toBe(1);
}

describe('subscriptions over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ redis: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('streams invokeStream to a graphql-sse client in distinct connections mode on /graphql/stream and /graphql', async () => {
    for (const path of ['/graphql/stream', '/graphql']) {
      const { events, error } = await sseEvents(`${app.url}${path}`, app.adminKey);
      expect(error).toBeUndefined();
      expectOneCompletedStream(events);
    }
  });

  it('streams invokeStream to a graphql-sse client in single connection mode', async () => {
    const { events, error } = await sseEvents(`${app.url}/graphql/stream`, app.adminKey, {
      singleConnection: true,
    });
    expect(error).toBeUndefined();
    expectOneCompletedStream(events);
  });

  it('streams invokeStream to Apollo Client over HttpLink (multipart subscriptions)', async () => {
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${app.url}/graphql`, headers: { authorization: `Bearer ${app.adminKey}` } }),
      cache: new InMemoryCache(),
    });
    const events: StreamEvent[] = [];
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe<{ invokeStream: StreamEvent }>({ query: gql(invokeStream), variables }).subscribe({
        next: (result) => {
          if (result.data) events.push(result.data.invokeStream);
        },
        error: resolve,
        complete: () => resolve(undefined),
      });
    });
    expect(error).toBeUndefined();
    expectOneCompletedStream(events);
    client.stop();
  });

  it('answers multipart subscriptions with multipart/mixed parts and the closing boundary', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json',
        authorization: `Bearer ${app.adminKey}`,
      },
      body: JSON.stringify({ query: invokeStream, variables }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(
      /^multipart\/mixed; boundary="graphql"; subscriptionSpec=1\.0/,
    );
    const body = await response.text();
    expect(body.endsWith('\r\n--graphql--\r\n')).toBe(true);
    const parts = body
      .split('\r\n--graphql')
      .slice(1, -1)
      .map(
        (part) =>
          JSON.parse(part.slice(part.indexOf('\r\n\r\n'))) as {
            payload?: { data?: { invokeStream: StreamEvent } };
          },
      );
    const events = parts.flatMap((part) => (part.payload?.data ? [part.payload.data.invokeStream] : []));
    expectOneCompletedStream(events);
  });

  it('refuses a missing or wrong key with 401 UNAUTHENTICATED on SSE and multipart, before any stream', async () => {
    const sse = await fetch(`${app.url}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: invokeStream, variables }),
    });
    expect(sse.status).toBe(401);
    const sseBody = (await sse.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(sseBody.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');

    const multipart = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'multipart/mixed;subscriptionSpec=1.0,application/json',
        authorization: 'Bearer cg_not_a_real_key_000000000000',
      },
      body: JSON.stringify({ query: invokeStream, variables }),
    });
    expect(multipart.status).toBe(401);
    const multipartBody = (await multipart.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(multipartBody.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');

    const { events, error } = await sseEvents(`${app.url}/graphql/stream`, undefined);
    expect(events).toEqual([]);
    expect(String(error)).toMatch(/401/);
  });

  it('applies the same validation and limits (400 BAD_USER_INPUT) on SSE and multipart', async () => {
    const tooManyAliases = `subscription { ${Array.from({ length: 51 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    for (const accept of ['text/event-stream', 'multipart/mixed;subscriptionSpec=1.0,application/json']) {
      for (const query of [tooManyAliases, 'subscription { invokeStream { nope } }']) {
        const response = await fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${app.adminKey}` },
          body: JSON.stringify({ query, variables }),
        });
        expect(response.status).toBe(400);
        const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
        expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
      }
    }
  });

  it('streams a FAILED run with its error code over SSE, still exactly one terminal event', async () => {
    const { events, error } = await sseEvents(`${app.url}/graphql/stream`, app.adminKey, {
      query: `subscription { invokeStream(capability: "summarize", input: { nope: 1 }) { runId type delta output errorCode } }`,
    });
    expect(error).toBeUndefined();
    expect(terminal(events)).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'FAILED', errorCode: 'BAD_USER_INPUT' });
  });

  it('answers a subscription sent as a plain POST with 400 naming the supported transports, never 500', async () => {
    const response = await graphql(app.url, invokeStream, { key: app.adminKey, variables });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/graphql-transport-ws/);
    expect(response.errors?.[0]?.message).toMatch(/text\/event-stream/);
    expect(response.errors?.[0]?.message).toMatch(/multipart\/mixed;subscriptionSpec=1\.0/);
  });

  it('leaves queries with a multipart Accept header to the ordinary HTTP handler', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'multipart/mixed;subscriptionSpec=1.0,application/json',
        authorization: `Bearer ${app.adminKey}`,
      },
      body: JSON.stringify({ query: '{ me { roles } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: { roles: ['ADMIN'] } } });
  });
});
