/**
 * Trusted documents registered at run time: an org admin registers a client manifest on instance A
 * (`registerTrustedDocuments`), and instance B — same database, same Redis — runs it without a
 * restart; removal (`removeTrustedDocuments`) reaches B the same way. The manifest file read at
 * start keeps working beside them. Non-admins get FORBIDDEN, a bad manifest BAD_USER_INPUT listing
 * each problem, and in both cases nothing is stored. Both mutations are audited.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createTeam, uniqueName, waitFor } from './governance-fixtures.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const FILE_DOCUMENT = 'query FromFile { me { roles } }';
const WEB_DOCUMENT = 'query WebTeam { me { team } }';
const WEB_SECOND = 'query WebName { me { name } }';

const REGISTER = `mutation ($input: RegisterTrustedDocumentsInput!) {
  registerTrustedDocuments(input: $input) { trustedDocuments { id documentId document source manifest createdAt } } }`;
const REMOVE = `mutation ($input: RemoveTrustedDocumentsInput!) {
  removeTrustedDocuments(input: $input) { removedTrustedDocumentIds } }`;
const LIST = `{ trustedDocuments(first: 100) { totalCount edges { node { id documentId source manifest } } } }`;

async function run(app: TestApp, key: string, body: Record<string, unknown>) {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${key}`,
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: unknown;
      errors?: Array<{ extensions?: Record<string, unknown> }>;
    },
  };
}

describe('trusted documents registered by an admin at run time, across instances', () => {
  let a: TestApp;
  let b: TestApp;
  let member: string;
  let maintainer: string;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'capgate-trusted-admin-'));
    const manifest = path.join(dir, 'persisted-documents.json');
    await writeFile(manifest, JSON.stringify({ [sha256(FILE_DOCUMENT)]: FILE_DOCUMENT }));
    const env = { CAPGATE_TRUSTED_DOCUMENTS: 'allow-listed', CAPGATE_TRUSTED_DOCUMENTS_MANIFEST: manifest };
    a = await startTestApp({ redis: true, env });
    b = await startTestApp({ redis: true, env, database: a.database, masterKey: a.masterKey });
    const team = await createTeam(a, uniqueName('trusted'));
    member = (await createKey(a.url, a.adminKey, team.name, ['MEMBER'])).key;
    maintainer = (await createKey(a.url, a.adminKey, team.name, ['MAINTAINER'])).key;
  }, 120_000);

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('registers a manifest on A that B enforces without a restart; the file manifest keeps working', async () => {
    const webId = sha256(WEB_DOCUMENT);
    expect((await run(b, member, { documentId: webId })).status).toBe(400); // unknown id so far
    expect((await run(b, member, { query: WEB_DOCUMENT })).status).toBe(403);

    const registered = await graphqlOk<{
      registerTrustedDocuments: {
        trustedDocuments: Array<{ documentId: string; document: string; source: string; manifest: string }>;
      };
    }>(a.url, REGISTER, {
      key: a.adminKey,
      variables: {
        input: {
          name: 'web@1.0.0',
          manifest: {
            format: 'apollo-persisted-query-manifest',
            version: 1,
            operations: [
              { id: webId, name: 'WebTeam', type: 'query', body: WEB_DOCUMENT },
              { id: `sha256:${sha256(WEB_SECOND)}`, name: 'WebName', type: 'query', body: WEB_SECOND },
              // Already trusted by the file, with the same text: kept as it is.
              { id: sha256(FILE_DOCUMENT), name: 'FromFile', type: 'query', body: FILE_DOCUMENT },
            ],
          },
        },
      },
    });
    expect(
      registered.registerTrustedDocuments.trustedDocuments.map((document) => [
        document.documentId,
        document.source,
      ]),
    ).toEqual([
      [webId, 'REGISTERED'],
      [sha256(WEB_SECOND), 'REGISTERED'],
      [sha256(FILE_DOCUMENT), 'MANIFEST_FILE'],
    ]);

    // A applies it at once; B when the change reaches it (pub/sub), with no restart.
    expect((await run(a, member, { documentId: webId })).body.data).toEqual({
      me: { team: expect.any(String) },
    });
    await waitFor(
      async () => ((await run(b, member, { documentId: webId })).status === 200 ? true : undefined),
      20_000,
    );
    expect((await run(b, member, { documentId: `sha256:${webId}` })).body.data).toEqual({
      me: { team: expect.any(String) },
    });
    expect((await run(b, member, { query: WEB_SECOND })).body.data).toEqual({
      me: { name: expect.any(String) },
    });
    expect((await run(b, member, { documentId: sha256(FILE_DOCUMENT) })).body.data).toEqual({
      me: { roles: ['MEMBER'] },
    });
    // Other documents are still refused.
    expect((await run(b, member, { query: '{ me { roles name } }' })).status).toBe(403);

    const listed = await graphqlOk<{
      trustedDocuments: {
        totalCount: number;
        edges: Array<{ node: { documentId: string; source: string } }>;
      };
    }>(b.url, LIST, { key: b.adminKey });
    expect(listed.trustedDocuments.totalCount).toBe(3);

    const audit = await graphqlOk<{
      auditLog: { edges: Array<{ node: { action: string; target: string } }> };
    }>(
      a.url,
      `{ auditLog(first: 20, action: "registerTrustedDocuments") { edges { node { action target } } } }`,
      { key: a.adminKey },
    );
    expect(audit.auditLog.edges.map((edge) => edge.node)).toContainEqual({
      action: 'registerTrustedDocuments',
      target: 'web@1.0.0',
    });
  });

  it('refuses non-admins with FORBIDDEN and stores nothing', async () => {
    const document = 'query NotByYou { me { kind } }';
    for (const key of [member, maintainer]) {
      const refused = await graphql(a.url, REGISTER, {
        key,
        variables: { input: { manifest: { [sha256(document)]: document } } },
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const removal = await graphql(a.url, REMOVE, {
        key,
        variables: { input: { documentIds: [sha256(WEB_DOCUMENT)] } },
      });
      expect(removal.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await run(a, member, { query: document })).status).toBe(403);
    expect(
      await a.services.store.connection
        .collection('trustedDocuments')
        .countDocuments({ _id: sha256(document) as never }),
    ).toBe(0);
  });

  it('refuses a bad manifest with BAD_USER_INPUT naming each problem, and stores none of it', async () => {
    const good = 'query WouldBeFine { me { kind } }';
    const before = await a.services.store.connection.collection('trustedDocuments').countDocuments();
    const bad = await graphql(a.url, REGISTER, {
      key: a.adminKey,
      variables: {
        input: {
          manifest: {
            [sha256(good)]: good,
            broken: 'query { me { roles }',
            empty: '',
            // An id the file already gives to another text.
            [sha256(FILE_DOCUMENT)]: '{ me { name } }',
          },
        },
      },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const problems = bad.errors![0]!.extensions!.problems as string[];
    expect(problems).toEqual([
      expect.stringMatching(/document "broken" does not parse/),
      'entry "empty" has no document text',
      `id "${sha256(FILE_DOCUMENT)}" names another document that is already trusted`,
    ]);
    for (const manifest of [[1, 2], 'nope', {}]) {
      const refused = await graphql(a.url, REGISTER, { key: a.adminKey, variables: { input: { manifest } } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await a.services.store.connection.collection('trustedDocuments').countDocuments()).toBe(before);
    expect((await run(a, member, { query: good })).status).toBe(403);
  });

  it('removes registered documents on B, and A refuses them again; file documents stay', async () => {
    const removed = await graphqlOk<{ removeTrustedDocuments: { removedTrustedDocumentIds: string[] } }>(
      b.url,
      REMOVE,
      { key: b.adminKey, variables: { input: { manifest: 'web@1.0.0' } } },
    );
    expect(removed.removeTrustedDocuments.removedTrustedDocumentIds).toHaveLength(2);
    expect((await run(b, member, { query: WEB_DOCUMENT })).status).toBe(403);
    await waitFor(
      async () => ((await run(a, member, { query: WEB_DOCUMENT })).status === 403 ? true : undefined),
      20_000,
    );
    expect((await run(a, member, { documentId: sha256(WEB_SECOND) })).status).toBe(400);
    expect((await run(a, member, { documentId: sha256(FILE_DOCUMENT) })).status).toBe(200);
    const fromFile = await graphql(a.url, REMOVE, {
      key: a.adminKey,
      variables: { input: { documentIds: [sha256(FILE_DOCUMENT)] } },
    });
    expect(fromFile.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nothing = await graphqlOk<{ removeTrustedDocuments: { removedTrustedDocumentIds: string[] } }>(
      a.url,
      REMOVE,
      { key: a.adminKey, variables: { input: { documentIds: ['abc123'] } } },
    );
    expect(nothing.removeTrustedDocuments.removedTrustedDocumentIds).toEqual([]);
    const audit = await graphqlOk<{ auditLog: { edges: Array<{ node: { action: string } }> } }>(
      a.url,
      `{ auditLog(first: 20, action: "removeTrustedDocuments") { edges { node { action } } } }`,
      { key: a.adminKey },
    );
    expect(audit.auditLog.edges.length).toBeGreaterThanOrEqual(1);
  });
});
