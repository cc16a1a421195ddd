/**
 * Trusted documents (`CAPGATE_TRUSTED_DOCUMENTS=allow-listed`): manifests generated here by GraphQL
 * Code Generator's client preset (`persisted-documents.json`) and in Apollo's persisted query
 * manifest format. A member key runs only their documents, by `documentId`, by Apollo's
 * `persistedQuery` hash (Apollo Client's link, GET) or by exact text, over HTTP, WebSocket and SSE;
 * anything else is FORBIDDEN (`reason: PERSISTED_QUERY_NOT_ALLOWED`) and APQ registers nothing. Admin
 * keys are exempt by default (GraphiQL, introspection).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { generate } from '@graphql-codegen/cli';
import { getIntrospectionQuery, getOperationAST, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { graphqlOk, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const CODEGEN_DOCUMENTS = `
query TrustedRoles {
  me {
    roles
  }
}

query TrustedTeam {
  me {
    team
    kind
  }
}
`;
const APOLLO_BODY = 'query ApolloListed { me { name } }';

interface Reply {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
}

async function post(url: string, key: string, body: unknown): Promise<Reply> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${key}`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Reply['body'] };
}

function wsRun(url: string, key: string, payload: Record<string, unknown>) {
  const client = wsClient(url, key);
  return new Promise<{ data?: unknown; errors?: unknown }>((resolve) => {
    let data: unknown;
    client.subscribe({ query: '', ...payload } as { query: string }, {
      next: (value) => (data = value.data),
      error: (errors) => resolve({ errors }),
      complete: () => resolve({ data }),
    });
  }).finally(() => client.dispose());
}

describe('trusted documents', () => {
  let app: TestApp;
  let member: string;
  let dir: string;
  /** Operation name → id in the codegen manifest. */
  const codegenIds = new Map<string, string>();
  let apolloId: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'capgate-trusted-'));
    await writeFile(path.join(dir, 'operations.graphql'), CODEGEN_DOCUMENTS);
    // The manifest a frontend build emits: GraphQL Code Generator's client preset, sha256 ids.
    await generate(
      {
        schema: 'schema/schema.graphql',
        documents: [path.join(dir, 'operations.graphql')],
        silent: true,
        generates: {
          [`${dir}/gql/`]: {
            preset: 'client',
            presetConfig: { persistedDocuments: { hashAlgorithm: 'sha256' }, fragmentMasking: false },
          },
        },
      },
      true,
    );
    const codegenManifest = JSON.parse(
      await readFile(path.join(dir, 'gql', 'persisted-documents.json'), 'utf8'),
    ) as Record<string, string>;
    for (const [id, body] of Object.entries(codegenManifest)) {
      codegenIds.set(getOperationAST(gql(body))!.name!.value, id);
    }
    expect([...codegenIds.keys()].sort()).toEqual(['TrustedRoles', 'TrustedTeam']);
    // Apollo's persisted query manifest format (what @apollo/generate-persisted-query-manifest writes).
    apolloId = sha256(APOLLO_BODY);
    await writeFile(
      path.join(dir, 'apollo-manifest.json'),
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: apolloId, name: 'ApolloListed', type: 'query', body: APOLLO_BODY }],
      }),
    );

    app = await startTestApp({
      env: {
        CAPGATE_TRUSTED_DOCUMENTS: 'allow-listed',
        CAPGATE_TRUSTED_DOCUMENTS_MANIFEST: `${dir}/gql/persisted-documents.json,${dir}/apollo-manifest.json`,
      },
    });
    const me = await graphqlOk<{ me: { team: string } }>(app.url, '{ me { team } }', { key: app.adminKey });
    const created = await graphqlOk<{ createApiKey: { key: string } }>(
      app.url,
      'mutation ($team: String!) { createApiKey(input: { team: $team, name: "frontend", roles: [MEMBER] }) { key } }',
      { key: app.adminKey, variables: { team: me.me.team } },
    );
    member = created.createApiKey.key;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('runs manifest documents by documentId, by hash and by exact text over HTTP', async () => {
    const rolesId = codegenIds.get('TrustedRoles')!;
    expect(await post(app.url, member, { documentId: rolesId })).toEqual({
      status: 200,
      body: { data: { me: { roles: ['MEMBER'] } } },
    });
    expect((await post(app.url, member, { documentId: `sha256:${rolesId}` })).body.data).toEqual({
      me: { roles: ['MEMBER'] },
    });
    const byHash = await post(app.url, member, {
      extensions: { persistedQuery: { version: 1, sha256Hash: codegenIds.get('TrustedTeam') } },
    });
    expect(byHash.body.data).toEqual({ me: { team: expect.any(String), kind: 'API_KEY' } });
    const byText = await post(app.url, member, { query: APOLLO_BODY });
    expect(byText.body.data).toEqual({ me: { name: 'frontend' } });
  });

  it('serves Apollo Client persisted-query GETs with the manifest ids', async () => {
    const client = new ApolloClient({
      link: createPersistedQueryLink({
        // What @apollo/persisted-query-lists does: the manifest's id for each operation.
        generateHash: (document: DocumentNode) =>
          getOperationAST(document)?.name?.value === 'ApolloListed' ? apolloId : 'unknown',
        useGETForHashedQueries: true,
      }).concat(new HttpLink({ uri: `${app.url}/graphql`, headers: { authorization: `Bearer ${member}` } })),
      cache: new InMemoryCache({ addTypename: false }),
    });
    try {
      const result = await client.query<{ me: { name: string } }>({
        query: gql(APOLLO_BODY),
        fetchPolicy: 'no-cache',
      });
      expect(result.data.me.name).toBe('frontend');
    } finally {
      client.stop();
    }
  });

  it('refuses any other document, never registers it through APQ, and does not validate it', async () => {
    const arbitrary = '{ me { roles name } }';
    const refused = await post(app.url, member, { query: arbitrary });
    expect(refused.status).toBe(403);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'PERSISTED_QUERY_NOT_ALLOWED',
    });
    // A document that would fail validation is refused before validation (no schema details leak).
    const invalid = await post(app.url, member, { query: '{ noSuchField }' });
    expect(invalid.body.errors?.[0]?.extensions?.reason).toBe('PERSISTED_QUERY_NOT_ALLOWED');

    // APQ's register step: refused, and the hash stays unknown afterwards, for the admin too.
    const persistedQuery = { version: 1, sha256Hash: sha256(arbitrary) };
    const register = await post(app.url, member, { query: arbitrary, extensions: { persistedQuery } });
    expect(register.body.errors?.[0]?.extensions?.reason).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    const adminRegister = await post(app.url, app.adminKey, {
      query: arbitrary,
      extensions: { persistedQuery },
    });
    expect(adminRegister.body.data).toEqual({ me: { roles: ['ADMIN'], name: expect.any(String) } });
    const lookup = await post(app.url, member, { extensions: { persistedQuery } });
    expect(lookup.status).toBe(400);
    expect(lookup.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    const adminLookup = await post(app.url, app.adminKey, { extensions: { persistedQuery } });
    expect(adminLookup.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');

    const unknownId = await post(app.url, member, { documentId: 'sha256:0000' });
    expect(unknownId.status).toBe(400);
    expect(unknownId.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknownId.body.errors?.[0]?.message).toMatch(/Unknown document id "sha256:0000"/);

    // An id with a different text beside it is the client's error, not a way to run that text.
    const mismatch = await post(app.url, member, {
      documentId: codegenIds.get('TrustedRoles'),
      query: arbitrary,
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors?.[0]?.message).toMatch(/does not match the trusted document/);
  });

  it('lets admin keys run any document and introspect; member keys cannot introspect', async () => {
    const introspection = await post(app.url, app.adminKey, { query: getIntrospectionQuery() });
    expect(introspection.status).toBe(200);
    expect((introspection.body.data as { __schema?: unknown }).__schema).toBeDefined();
    const memberIntrospection = await post(app.url, member, { query: getIntrospectionQuery() });
    expect(memberIntrospection.status).toBe(403);
    const unauthenticated = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ documentId: codegenIds.get('TrustedRoles') }),
    });
    expect(unauthenticated.status).toBe(401);
  });

  it('applies the same rules over WebSocket and SSE', async () => {
    const rolesId = codegenIds.get('TrustedRoles')!;
    expect(await wsRun(app.url, member, { documentId: rolesId })).toEqual({
      data: { me: { roles: ['MEMBER'] } },
    });
    expect(
      await wsRun(app.url, member, { extensions: { persistedQuery: { version: 1, sha256Hash: apolloId } } }),
    ).toEqual({ data: { me: { name: 'frontend' } } });
    const refused = await wsRun(app.url, member, { query: '{ me { roles name } }' });
    expect(refused.errors).toEqual([
      expect.objectContaining({
        extensions: { code: 'FORBIDDEN', reason: 'PERSISTED_QUERY_NOT_ALLOWED' },
      }),
    ]);
    expect((await wsRun(app.url, app.adminKey, { query: '{ me { roles name } }' })).data).toEqual({
      me: { roles: ['ADMIN'], name: expect.any(String) },
    });

    const sse = await fetch(`${app.url}/graphql/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${member}`,
      },
      body: JSON.stringify({ documentId: rolesId }),
    });
    expect(sse.status).toBe(200);
    expect(await sse.text()).toContain('"roles":["MEMBER"]');
    const sseRefused = await fetch(`${app.url}/graphql/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${member}`,
      },
      body: JSON.stringify({ query: '{ me { roles name } }' }),
    });
    expect(sseRefused.status).toBe(403);
    expect(await sseRefused.text()).toContain('PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('runs a trusted document over SSE by a GET with only its documentId', async () => {
    const rolesId = codegenIds.get('TrustedRoles')!;
    const get = (url: string) =>
      fetch(url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${member}` } });
    for (const url of [
      `${app.url}/graphql/stream?documentId=${rolesId}`,
      `${app.url}/graphql?documentId=sha256%3A${rolesId}`,
    ]) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
      const body = await response.text();
      expect(body).toContain('"roles":["MEMBER"]');
      expect(body).toContain('event: complete');
    }
    // By Apollo's hash in `extensions`, also with no query text.
    const extensions = encodeURIComponent(
      JSON.stringify({ persistedQuery: { version: 1, sha256Hash: codegenIds.get('TrustedTeam') } }),
    );
    const byHash = await get(`${app.url}/graphql/stream?extensions=${extensions}`);
    expect(byHash.status).toBe(200);
    expect(await byHash.text()).toContain('"kind":"API_KEY"');
    const unknown = await get(`${app.url}/graphql/stream?documentId=sha256%3A0000`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(/Unknown document id/);
  });

  it('stops at start on a malformed manifest, naming the problem; a manifest file is optional', async () => {
    const base = {
      MONGODB_URI: 'mongodb://127.0.0.1:1/x',
      CAPGATE_MASTER_KEY: Buffer.alloc(32).toString('base64'),
    };
    // No file: the allow list starts empty and admins register manifests at run time.
    const fileless = loadConfig({ ...base, CAPGATE_TRUSTED_DOCUMENTS: 'allow-listed' });
    expect(fileless.graphql.trustedDocuments.mode).toBe('allow-listed');
    expect(fileless.graphql.trustedDocuments.documents.size).toBe(0);
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, JSON.stringify({ abc: 'query { me { roles }' }));
    let thrown: unknown;
    try {
      loadConfig({ ...base, CAPGATE_TRUSTED_DOCUMENTS: 'true', CAPGATE_TRUSTED_DOCUMENTS_MANIFEST: broken });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).message).toMatch(/broken\.json: document "abc" does not parse/);
    expect(() => loadConfig({ ...base, CAPGATE_TRUSTED_DOCUMENTS: 'sometimes' })).toThrow(
      /CAPGATE_TRUSTED_DOCUMENTS/,
    );
    expect(loadConfig(base).graphql.trustedDocuments.mode).toBe('off');
  });
});
