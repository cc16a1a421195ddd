/**
 * GraphQL over HTTP (https://graphql.github.io/graphql-over-http/): the official audit suite of the
 * `graphql-http` package run against a live instance, plus our own checks of the MUSTs that apply.
 *
 * Every Capgate operation needs an API key, so the audits' requests carry `Authorization`; GET
 * requests also carry `apollo-require-preflight`, which CSRF prevention asks of GETs (a browser
 * cannot send it cross-origin without a CORS preflight). Both are what a real client sends.
 */
import { print } from 'graphql';
import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeDocument, MyRolesDocument } from './generated/graphql.js';
import { graphql } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

function endpoint(): string {
  return `${app.url}/graphql`;
}

/** fetch as a client of Capgate: authenticated, and preflight-marked on GET. */
const clientFetch: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${app.adminKey}`);
  if ((init.method ?? 'GET').toUpperCase() === 'GET') headers.set('apollo-require-preflight', 'true');
  return fetch(input, { ...init, headers });
};

/**
 * SHOULD/MAY audits that Capgate knowingly does not meet, with the reason. Any other SHOULD or MAY
 * failure fails the test, so a regression is noticed; an improvement just shortens this list.
 */
const knownDeviations: Record<string, string> = {
  // Apollo answers parse, validation and variable-coercion errors with 400 whatever the Accept
  // header; the spec prefers 200 for `application/json` (an accepted deviation, PITFALLS.md).
  '572B': 'document parsing failure with application/json → 400, not 200',
  FDE2: 'document validation failure with application/json → 400, not 200',
  '7B9B': 'variable coercion failure with application/json → 400, not 200',
};

describe('graphql-http server audits', () => {
  const audits = serverAudits({ url: endpoint, fetchFn: clientFetch });
  const mustAudits = audits.filter((audit) => audit.name.startsWith('MUST'));
  const otherAudits = audits.filter((audit) => !audit.name.startsWith('MUST'));

  it('has audits to run', () => {
    expect(mustAudits.length).toBeGreaterThan(10);
  });

  for (const audit of mustAudits) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    });
  }

  it('passes every SHOULD and MAY audit except the known deviations', async () => {
    const results: AuditResult[] = await Promise.all(otherAudits.map((audit) => audit.fn()));
    const failing = results.filter((result) => result.status !== 'ok');
    const report = failing.map(
      (result) => `${result.id} ${result.name} — ${'reason' in result ? result.reason : ''}`,
    );
    if (report.length > 0) console.info(`graphql-http SHOULD/MAY audits not met:\n  ${report.join('\n  ')}`);
    const unexpected = failing.filter((result) => !(result.id in knownDeviations)).map((result) => result.id);
    expect(unexpected, report.join('\n')).toEqual([]);
  });
});

describe('GraphQL over HTTP, checked directly', () => {
  const authorization = () => `Bearer ${app.adminKey}`;

  it('accepts POST application/json and answers application/json in UTF-8', async () => {
    const response = await fetch(endpoint(), {
      method: 'POST',
      headers: {
        authorization: authorization(),
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ query: print(MyRolesDocument) }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ data: { me: { roles: ['ADMIN'] } } });
  });

  it('answers application/graphql-response+json when the client accepts it', async () => {
    const response = await fetch(endpoint(), {
      method: 'POST',
      headers: {
        authorization: authorization(),
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
      },
      body: JSON.stringify({ query: print(MyRolesDocument), operationName: 'MyRoles', variables: null }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
  });

  it('runs typed documents through the test client', async () => {
    const response = await graphql(app.url, MeDocument, { key: app.adminKey });
    expect(response.status).toBe(200);
    expect(response.data?.me).toMatchObject({ kind: 'API_KEY', team: 'admins', roles: ['ADMIN'] });
  });

  it('runs queries over GET with query, operationName and variables in the URL', async () => {
    const url = new URL(endpoint());
    url.searchParams.set('query', 'query Typed($name: String!) { __type(name: $name) { name } }');
    url.searchParams.set('operationName', 'Typed');
    url.searchParams.set('variables', JSON.stringify({ name: 'Principal' }));
    const response = await fetch(url, {
      headers: {
        authorization: authorization(),
        'apollo-require-preflight': 'true',
        accept: 'application/json',
      },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __type: { name: 'Principal' } } });
  });

  it('answers 4xx with a JSON error for a missing query, a non-string query, invalid JSON and a non-JSON body', async () => {
    const cases: Array<{ body: string; contentType: string }> = [
      { body: JSON.stringify({ variables: {} }), contentType: 'application/json' },
      { body: JSON.stringify({ query: 42 }), contentType: 'application/json' },
      { body: JSON.stringify({ query: { kind: 'Document' } }), contentType: 'application/json' },
      { body: '{ "query": ', contentType: 'application/json' },
      { body: '<query>{ __typename }</query>', contentType: 'application/xml' },
    ];
    for (const { body, contentType } of cases) {
      const response = await fetch(endpoint(), {
        method: 'POST',
        headers: { authorization: authorization(), 'content-type': contentType },
        body,
      });
      expect(response.status, `${contentType} ${body}`).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const answer = (await response.json()) as {
        errors: Array<{ message: string; extensions: { code: string } }>;
      };
      expect(answer.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('leaves out `data` for a request error with application/graphql-response+json', async () => {
    const response = await fetch(endpoint(), {
      method: 'POST',
      headers: {
        authorization: authorization(),
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
      },
      body: JSON.stringify({ query: '{ me { ' }),
    });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as Record<string, unknown>;
    expect(answer).not.toHaveProperty('data');
    expect(answer.errors).toHaveLength(1);
  });

  it('refuses methods other than GET and POST with 405', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const response = await fetch(endpoint(), {
        method,
        headers: { authorization: authorization(), 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status, method).toBe(405);
    }
  });

  it('answers 401 UNAUTHENTICATED without a key, in the same JSON shape', async () => {
    const response = await fetch(endpoint(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const answer = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(answer.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
