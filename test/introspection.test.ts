/**
 * Introspection works for the standard schema tools whenever it is on — the query of `graphql` with
 * every option, GraphQL Code Generator and graphql-inspector loading the running service's URL —
 * even with tight depth/alias/cost/token limits, because those limits do not count introspection.
 * Introspection has its own bounds instead, and stays off in production unless enabled.
 */
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { diff } from '@graphql-inspector/core';
import inspectorUrlLoader from '@graphql-inspector/url-loader';
import { loadSchema } from '@graphql-tools/load';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, graphql, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const fullIntrospectionQuery = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});

async function committedSchema() {
  return buildSchema(await readFile(path.resolve('schema/schema.graphql'), 'utf8'));
}

const sorted = (schema: GraphQLSchema) => printSchema(lexicographicSortSchema(schema));

/** graphql-inspector compares directive usages from SDL ASTs, which an introspected schema has not. */
async function schemaChanges(remote: GraphQLSchema) {
  const changes = await diff(await committedSchema(), remote);
  return changes.filter((change) => !change.type.startsWith('DIRECTIVE_USAGE'));
}

function nestedOfType(levels: number): string {
  return `{ __type(name: "Query") { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } }`;
}

describe('introspection with default limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers the standard introspection query with every option over HTTP, and buildClientSchema accepts it', async () => {
    const response = await graphql<IntrospectionQuery>(app.url, fullIntrospectionQuery, {
      key: app.adminKey,
    });
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
    const schema = buildClientSchema(response.data!);
    expect(sorted(schema)).toBe(sorted(await committedSchema()));
    expect(schema.getType('JSON')).toMatchObject({ specifiedByURL: expect.stringMatching(/ECMA-404/) });
  });

  it('answers it over WebSocket too', async () => {
    const client = wsClient(app.url, app.adminKey);
    try {
      const outcome = await collect<IntrospectionQuery>(client, fullIntrospectionQuery).done;
      expect(outcome.error).toBeUndefined();
      const schema = buildClientSchema(outcome.results[0]!.data!);
      expect(schema.getSubscriptionType()?.getFields().invokeStream).toBeDefined();
    } finally {
      await client.dispose();
    }
  });

  it('lets GraphQL Code Generator load the schema from the service URL with default settings', async () => {
    const output = path.join(await mkdtemp(path.join(tmpdir(), 'capgate-codegen-')), 'schema.graphql');
    const [file] = await generate(
      {
        schema: { [`${app.url}/graphql`]: { headers: { authorization: `Bearer ${app.adminKey}` } } },
        generates: { [output]: { plugins: ['schema-ast'] } },
        silent: true,
      },
      true,
    );
    expect(file?.filename).toBe(output);
    const loaded = buildSchema(await readFile(output, 'utf8'));
    expect(await schemaChanges(loaded)).toEqual([]);
  });

  it('lets graphql-inspector introspect the service URL, with no difference from the committed SDL', async () => {
    const remote = await loadSchema(`${app.url}/graphql`, {
      loaders: [inspectorUrlLoader],
      headers: { authorization: `Bearer ${app.adminKey}` },
    });
    expect(await schemaChanges(remote)).toEqual([]);
  });

  it('refuses two introspection fields in one operation with 400 BAD_USER_INPUT', async () => {
    const response = await graphql(
      app.url,
      '{ a: __type(name: "Query") { name } b: __type(name: "Mutation") { name } }',
      { key: app.adminKey },
    );
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/at most 1 per operation/);
  });

  it('bounds ofType nesting at 10, over HTTP and WebSocket', async () => {
    const atLimit = await graphql(app.url, nestedOfType(10), { key: app.adminKey });
    expect(atLimit.status).toBe(200);
    expect(atLimit.errors).toBeUndefined();

    const tooDeep = await graphql(app.url, nestedOfType(11), { key: app.adminKey });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooDeep.errors?.[0]?.message).toMatch(/ofType nested 11 times, at most 10/);

    const client = wsClient(app.url, app.adminKey);
    try {
      const outcome = await collect(client, nestedOfType(11)).done;
      const errors = outcome.error as Array<{ message: string; extensions?: { code?: string } }>;
      expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors[0]?.message).toMatch(/ofType nested 11 times/);
    } finally {
      await client.dispose();
    }
  });

  it('refuses a fields/type cycle deeper than graphql-js allows', async () => {
    const cycle =
      '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }';
    const response = await graphql(app.url, cycle, { key: app.adminKey });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/Maximum introspection depth exceeded/);
  });
});

describe('introspection with tight ordinary limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      env: {
        CAPGATE_MAX_DEPTH: '2',
        CAPGATE_MAX_ALIASES: '1',
        CAPGATE_MAX_COST: '2',
        CAPGATE_MAX_TOKENS: '40',
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('still answers the full introspection query, since the limits do not count it', async () => {
    const response = await graphql<IntrospectionQuery>(app.url, fullIntrospectionQuery, {
      key: app.adminKey,
    });
    expect(response.errors).toBeUndefined();
    expect(buildClientSchema(response.data!).getQueryType()?.name).toBe('Query');
  });

  it('still applies each limit to the ordinary part of an operation', async () => {
    const deep = await graphql(app.url, '{ me { team { name } } }', { key: app.adminKey });
    expect(deep.status).toBe(400);
    // Three fields also exceed the cost of 2 (the expanded-fields bound reports that first).
    expect(deep.errors?.map((error) => error.message)).toContainEqual(
      expect.stringMatching(/too deep: 3 levels, at most 2/),
    );

    const aliases = await graphql(app.url, '{ a: __typename b: __typename }', { key: app.adminKey });
    expect(aliases.status).toBe(400);
    expect(aliases.errors?.[0]?.message).toMatch(/Too many aliases/);

    const costly = await graphql(app.url, '{ __typename me { roles } }', { key: app.adminKey });
    expect(costly.status).toBe(400);
    expect(costly.errors?.[0]?.message).toMatch(/too expensive/);

    const long = await graphql(app.url, `{ ${'__typename '.repeat(40)}}`, { key: app.adminKey });
    expect(long.status).toBe(400);
    expect(long.errors?.[0]?.message).toMatch(/more than 40 tokens/);
  });
});

describe('introspection in production', () => {
  let closed: TestApp;
  let opened: TestApp;
  beforeAll(async () => {
    [closed, opened] = await Promise.all([
      startTestApp({ env: { NODE_ENV: 'production' } }),
      startTestApp({ env: { NODE_ENV: 'production', CAPGATE_INTROSPECTION: 'true' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([closed?.stop(), opened?.stop()]);
  });

  it('is off by default and on with CAPGATE_INTROSPECTION=true, over HTTP and WebSocket', async () => {
    const refused = await graphql(closed.url, fullIntrospectionQuery, { key: closed.adminKey });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/introspection is not allowed/);

    const allowed = await graphql<IntrospectionQuery>(opened.url, fullIntrospectionQuery, {
      key: opened.adminKey,
    });
    expect(allowed.errors).toBeUndefined();
    expect(buildClientSchema(allowed.data!).getMutationType()?.name).toBe('Mutation');

    const client = wsClient(opened.url, opened.adminKey);
    try {
      const outcome = await collect<IntrospectionQuery>(client, fullIntrospectionQuery).done;
      expect(outcome.error).toBeUndefined();
      expect(outcome.results[0]?.data?.__schema.queryType.name).toBe('Query');
    } finally {
      await client.dispose();
    }
  });
});
