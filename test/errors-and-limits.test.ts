/**
 * What a client sees when things go wrong: masked internal errors, request limits answered with 400
 * and BAD_USER_INPUT (never 500), transport refusals (413, 405, batching, CSRF), no schema leaks in
 * production over HTTP and WebSocket, and the WebSocket Origin check.
 */
import { print } from 'graphql';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeDocument, MyRolesDocument } from './generated/graphql.js';
import { collect, graphql, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function post(app: TestApp, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminKey}`, ...headers },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: JSON.parse(text) as RawResponse['json'],
  };
}

const postQuery = (app: TestApp, query: string) => post(app, JSON.stringify({ query }));

function aliasesQuery(count: number): string {
  return `{ ${Array.from({ length: count }, (_, index) => `a${index}: __typename`).join(' ')} }`;
}

/** Opens a WebSocket to /graphql and reports whether the upgrade was accepted. */
function openWebSocket(
  app: TestApp,
  origin: string | undefined,
): Promise<{ opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${app.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
      headers: origin === undefined ? {} : { origin },
    });
    socket.once('open', () => {
      socket.close(1000);
      resolve({ opened: true });
    });
    socket.once('unexpected-response', (request, response) => {
      resolve({ opened: false, status: response.statusCode });
      request.destroy();
    });
    socket.once('error', () => resolve({ opened: false }));
  });
}

function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/mongodb(\+srv)?:\/\//);
  expect(text).not.toMatch(/\bat .+\(.*:\d+:\d+\)/); // stack frames
  expect(text).not.toMatch(/\/(work|home|tmp|usr|app)\//);
  expect(text).not.toMatch(/node_modules|\.ts:\d|\.js:\d/);
  expect(text).not.toMatch(/force closed|Mongo|mongoose/i);
}

describe('internal errors', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('are masked as INTERNAL_SERVER_ERROR with a request id, on HTTP and WebSocket', async () => {
    // The bootstrap key has never been used, so authenticating it must read MongoDB — which is gone.
    await app.services.store.connection.close(true);

    const response = await post(app, JSON.stringify({ query: print(MeDocument) }));
    expect(response.status).toBe(500);
    const error = response.json.errors?.[0];
    expect(error?.message).toBe('Internal server error.');
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error?.extensions?.requestId).toBe(response.headers.get('x-request-id'));
    expect(Object.keys(error?.extensions ?? {}).sort()).toEqual(['code', 'requestId']);
    expectNoInternals(response.text);

    const client = wsClient(app.url, app.adminKey);
    const outcome = await collect(client, print(MyRolesDocument)).done;
    const closed = outcome.error as { code?: number; reason?: string };
    expect(closed.code).toBe(4401);
    expect(closed.reason).toBe('Unauthorized: INTERNAL_SERVER_ERROR');
    await client.dispose();
  });
});

describe('request limits and transport refusals', () => {
  let app: TestApp;
  let cheapApp: TestApp;
  let shallowApp: TestApp;
  beforeAll(async () => {
    [app, cheapApp, shallowApp] = await Promise.all([
      startTestApp(),
      startTestApp({ env: { CAPGATE_MAX_COST: '3' } }),
      startTestApp({ env: { CAPGATE_MAX_DEPTH: '2' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([app?.stop(), cheapApp?.stop(), shallowApp?.stop()]);
  });

  it('refuses a query deeper than the depth limit with 400 BAD_USER_INPUT, and allows the limit', async () => {
    // No query of Capgate's own schema reaches 12 levels, and introspection is bounded by its own
    // rules (test/introspection.test.ts), so a lower limit exercises the rule.
    const deep = await graphql(shallowApp.url, '{ me { team { name } } }', { key: shallowApp.adminKey });
    expect(deep.status).toBe(400);
    expect(deep.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(deep.errors?.[0]?.message).toMatch(/too deep: 3 levels, at most 2/);

    const atLimit = await graphql(shallowApp.url, '{ me { name } }', { key: shallowApp.adminKey });
    expect(atLimit.status).toBe(200);
    expect(atLimit.errors).toBeUndefined();
  });

  it('refuses more than 50 aliases with 400 BAD_USER_INPUT, and allows 50', async () => {
    const tooMany = await postQuery(app, aliasesQuery(51));
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.json.errors?.[0]?.message).toMatch(/Too many aliases/);

    const atLimit = await postQuery(app, aliasesQuery(50));
    expect(atLimit.status).toBe(200);
    expect(Object.keys(atLimit.json.data as object)).toHaveLength(50);
  });

  it('refuses a document of more than 5,000 tokens with 400 BAD_USER_INPUT (a parse error, not a 500)', async () => {
    const response = await postQuery(app, `{ ${'__typename '.repeat(5000)}}`);
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.json.errors?.[0]?.message).toMatch(/Document contains more tha[nt] 5000 tokens/); // graphql-js spells it "that";
  });

  it('refuses a query above the cost limit with 400 BAD_USER_INPUT over HTTP and WebSocket', async () => {
    const cheap = await graphql(cheapApp.url, MyRolesDocument, { key: cheapApp.adminKey });
    expect(cheap.status).toBe(200);

    const expensive = await graphql(cheapApp.url, MeDocument, { key: cheapApp.adminKey });
    expect(expensive.status).toBe(400);
    expect(expensive.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(expensive.errors?.[0]?.message).toMatch(/too expensive/);

    const client = wsClient(cheapApp.url, cheapApp.adminKey);
    const outcome = await collect(client, print(MeDocument)).done;
    const errors = outcome.error as Array<{ message: string; extensions?: { code?: string } }>;
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors[0]?.message).toMatch(/too expensive/);
    await client.dispose();
  });

  it('answers 413 to a body over 10 MB, as JSON', async () => {
    const body = JSON.stringify({
      query: '{ __typename }',
      variables: { padding: 'x'.repeat(10 * 1024 * 1024) },
    });
    const response = await post(app, body);
    expect(response.status).toBe(413);
    expect(response.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a batched (array) request with 400', async () => {
    const response = await post(
      app,
      JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    );
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.message).toMatch(/batching/i);
  });

  it('refuses a mutation over GET with 405 and Allow: POST', async () => {
    const url = new URL(`${app.url}/graphql`);
    url.searchParams.set('query', 'mutation { __typename }');
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${app.adminKey}`, 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('blocks simple (CSRF-able) requests that carry neither Authorization nor a preflight header with 400', async () => {
    const url = new URL(`${app.url}/graphql`);
    url.searchParams.set('query', print(MyRolesDocument));

    const simpleGet = await fetch(url);
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/Cross-Site Request Forgery/);

    const simplePost = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: print(MyRolesDocument) }),
    });
    expect(simplePost.status).toBe(400);
    expect(await simplePost.text()).toMatch(/Cross-Site Request Forgery/);

    const preflighted = await fetch(url, {
      headers: { authorization: `Bearer ${app.adminKey}`, 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('lets a GET query that carries Authorization pass the CSRF check (browsers preflight that header)', async () => {
    const url = new URL(`${app.url}/graphql`);
    url.searchParams.set('query', print(MyRolesDocument));
    const response = await fetch(url, { headers: { authorization: `Bearer ${app.adminKey}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: { roles: ['ADMIN'] } } });
  });

  it('shows introspection and field suggestions outside production', async () => {
    const introspection = await postQuery(app, '{ __schema { queryType { name } } }');
    expect(introspection.status).toBe(200);
    const typo = await postQuery(app, '{ mee { id } }');
    expect(typo.json.errors?.[0]?.message).toMatch(/Did you mean "me"\?/);
  });
});

describe('the WebSocket Origin check', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a foreign Origin and accepts the same origin or none', async () => {
    expect(await openWebSocket(app, 'https://evil.example')).toEqual({ opened: false, status: 401 });
    expect(await openWebSocket(app, `http://127.0.0.1:${app.port}`)).toEqual({ opened: true });
    expect(await openWebSocket(app, undefined)).toEqual({ opened: true });
  });

  it('accepts an origin listed in CAPGATE_ALLOWED_ORIGINS', async () => {
    const allowing = await startTestApp({ env: { CAPGATE_ALLOWED_ORIGINS: 'https://console.example' } });
    try {
      expect(await openWebSocket(allowing, 'https://console.example')).toEqual({ opened: true });
      expect(await openWebSocket(allowing, 'https://evil.example')).toMatchObject({ opened: false });
    } finally {
      await allowing.stop();
    }
  });
});

describe('in production', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { NODE_ENV: 'production' } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses introspection over HTTP with 400 BAD_USER_INPUT', async () => {
    const response = await postQuery(app, '{ __schema { queryType { name } } }');
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.text).toMatch(/introspection/i);
    expect(response.json.data).toBeUndefined();
  });

  it('gives no "Did you mean" suggestions over HTTP', async () => {
    const response = await postQuery(app, '{ mee { nam } }');
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.message).toBe('Cannot query field "mee" on type "Query".');
    expect(response.text).not.toMatch(/Did you mean/);
  });

  it('refuses introspection and gives no suggestions over WebSocket', async () => {
    const client = wsClient(app.url, app.adminKey);
    try {
      const introspection = await collect(client, '{ __schema { queryType { name } } }').done;
      const introspectionErrors = introspection.error as Array<{
        message: string;
        extensions?: { code?: string };
      }>;
      expect(introspectionErrors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(introspectionErrors[0]?.message).toMatch(/introspection has been disabled/);
      expect(introspection.results).toEqual([]);

      const typo = await collect(client, '{ me { nam } }').done;
      const typoErrors = typo.error as Array<{ message: string }>;
      expect(typoErrors[0]?.message).toBe('Cannot query field "nam" on type "Principal".');
      expect(JSON.stringify(typoErrors)).not.toMatch(/Did you mean/);

      const ordinary = await collect<{ me: { roles: string[] } }>(client, print(MyRolesDocument)).done;
      expect(ordinary.results[0]?.data?.me.roles).toEqual(['ADMIN']);
    } finally {
      await client.dispose();
    }
  });
});
