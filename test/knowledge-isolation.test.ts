import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/governance/auth/principal.js';
import {
  AUDIT_LOG,
  CREATE_KEY,
  createTeam,
  errorCode,
  graphql,
  graphqlOk,
  uniqueName,
} from './governance-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const RETRIEVE = `mutation R($input: RetrieveInput!) { retrieve(input: $input) { chunks { documentId text } } }`;
const INGEST = `mutation I($base: String!, $docs: [DocumentInput!]!) {
  ingestDocuments(input: { knowledgeBase: $base, documents: $docs }) { documents { id } chunkCount }
}`;
const CREATE_BASE =
  'mutation C($name: String!) { createKnowledgeBase(input: { name: $name }) { knowledgeBase { name } } }';
const KNOWLEDGE_BASES = '{ knowledgeBases { nodes: edges { node { name documentCount } } } }';

const originalText = 'Refunds are issued within 14 days of purchase. Contact support with your order number.';

describe('knowledge bases are isolated by team', () => {
  let app: TestApp;
  let base: string;
  let teamA: { id: string; name: string };
  const keys: Record<string, string> = {};

  async function keyFor(team: string, role: Role): Promise<string> {
    const data = await graphqlOk<{ createApiKey: { key: string } }>(app.url, CREATE_KEY, {
      key: app.adminKey,
      variables: { team, name: `${role} key`, roles: [role] },
    });
    return data.createApiKey.key;
  }

  function retrieveAs(key: string, knowledgeBase: string) {
    return graphql<{ retrieve: { chunks: { documentId: string; text: string }[] } }>(app.url, RETRIEVE, {
      key,
      variables: { input: { knowledgeBase, query: 'refund order', topK: 3 } },
    });
  }

  beforeAll(async () => {
    app = await startTestApp();
    teamA = await createTeam(app, uniqueName('kb-a'));
    const teamB = await createTeam(app, uniqueName('kb-b'));
    [keys.aMaintainer, keys.aMember, keys.bMaintainer, keys.bMember, keys.bViewer] = await Promise.all([
      keyFor(teamA.name, 'MAINTAINER'),
      keyFor(teamA.name, 'MEMBER'),
      keyFor(teamB.name, 'MAINTAINER'),
      keyFor(teamB.name, 'MEMBER'),
      keyFor(teamB.name, 'VIEWER'),
    ]);
    base = uniqueName('kb');
    await graphqlOk(app.url, CREATE_BASE, { key: keys.aMaintainer, variables: { name: base } });
    await graphqlOk(app.url, INGEST, {
      key: keys.aMaintainer,
      variables: { base, docs: [{ id: 'refunds', text: originalText }] },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers another team's MEMBER NOT_FOUND on retrieve, exactly like an unknown base", async () => {
    const foreign = await retrieveAs(keys.bMember!, base);
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    expect(foreign.data?.retrieve ?? null).toBeNull();
    const unknownName = uniqueName('kb-missing');
    const unknown = await retrieveAs(keys.bMember!, unknownName);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(foreign.errors?.[0]?.message.replace(base, '<name>')).toBe(
      unknown.errors?.[0]?.message.replace(unknownName, '<name>'),
    );
  });

  it("lets the owning team's MEMBER retrieve, and still refuses the other team once the base is cached", async () => {
    const own = await retrieveAs(keys.aMember!, base);
    expect(own.errors).toBeUndefined();
    expect(own.data?.retrieve.chunks[0]).toMatchObject({ documentId: 'refunds' });
    expect(errorCode(await retrieveAs(keys.bMember!, base))).toBe('NOT_FOUND');
  });

  it("answers another team's MAINTAINER NOT_FOUND on ingestDocuments and leaves the document unchanged", async () => {
    const overwrite = await graphql(app.url, INGEST, {
      key: keys.bMaintainer,
      variables: { base, docs: [{ id: 'refunds', text: 'Refunds are never issued, whatever the order.' }] },
    });
    expect(errorCode(overwrite)).toBe('NOT_FOUND');
    const own = await retrieveAs(keys.aMember!, base);
    expect(own.data?.retrieve.chunks.map((chunk) => chunk.text).join(' ')).toBe(originalText);
  });

  it('lists the base to its own team and to org ADMINs only', async () => {
    const names = async (key: string) =>
      (
        await graphqlOk<{ knowledgeBases: { nodes: { node: { name: string } }[] } }>(
          app.url,
          KNOWLEDGE_BASES,
          {
            key,
          },
        )
      ).knowledgeBases.nodes.map((edge) => edge.node.name);
    expect(await names(keys.bViewer!)).not.toContain(base);
    expect(await names(keys.bMaintainer!)).not.toContain(base);
    expect(await names(keys.aMember!)).toContain(base);
    expect(await names(app.adminKey)).toContain(base);
  });

  it('lets an org ADMIN of another team retrieve from the base', async () => {
    const admin = await retrieveAs(app.adminKey, base);
    expect(admin.errors).toBeUndefined();
    expect(admin.data?.retrieve.chunks[0]).toMatchObject({ documentId: 'refunds' });
  });

  it('audits ingestDocuments with the document count and ids, never the texts', async () => {
    const data = await graphqlOk<{
      auditLog: {
        edges: {
          node: { action: string; target: string; actorTeamId: string; summary: Record<string, unknown> };
        }[];
      };
    }>(app.url, AUDIT_LOG, { key: app.adminKey, variables: { action: 'ingestDocuments', first: 50 } });
    const entries = data.auditLog.edges.map((edge) => edge.node).filter((node) => node.target === base);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'ingestDocuments',
      actorTeamId: teamA.id,
      summary: { documents: 1, documentIds: ['refunds'] },
    });
    expect(JSON.stringify(entries[0]!.summary)).not.toContain('Refunds are');
  });
});
