/**
 * The lifecycle mutations: removing models and providers, deleting knowledge bases and documents,
 * renaming and deleting teams, rotating keys, removing rate limits. What is still in use is refused
 * with CONFLICT naming its users, bad requests change nothing, and every change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamModel } from '../src/store/models/team.model.js';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { AUDIT_LOG, createKey, createTeam, errorCode, uniqueName } from './governance-fixtures.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('lifecycle mutations', () => {
  let app: TestApp;
  let upstream: FakeServer;

  const latestAudit = async (action: string) => {
    const data = await graphqlOk<{
      auditLog: { edges: Array<{ node: { target: string; summary: Record<string, unknown> } }> };
    }>(app.url, AUDIT_LOG, { key: app.adminKey, variables: { action, first: 1 } });
    return data.auditLog.edges[0]?.node;
  };

  beforeAll(async () => {
    upstream = await startOpenAiFake();
    app = await startTestApp();
    await graphqlOk(
      app.url,
      `mutation ($p: RegisterProviderInput!, $m: RegisterModelInput!) {
        registerProvider(input: $p) { provider { id } }
        registerModel(input: $m) { model { id } }
      }`,
      {
        key: app.adminKey,
        variables: {
          p: { name: 'life-provider', kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          m: { name: 'life/model', provider: 'life-provider', upstreamModel: 'gpt-fake' },
        },
      },
    );
  });
  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
  });

  it('refuses to remove a model or provider in use, naming the users, then removes them once free', async () => {
    const setImplementations = (model: string) =>
      graphqlOk(
        app.url,
        `mutation ($model: String!) { setImplementations(input: { capability: "summarize", implementations: [{ model: $model }] }) { capability { id } } }`,
        { key: app.adminKey, variables: { model } },
      );
    await setImplementations('life/model');
    const inUse = await graphql(
      app.url,
      'mutation { removeModel(input: { name: "life/model" }) { removedModelId } }',
      {
        key: app.adminKey,
      },
    );
    expect(errorCode(inUse)).toBe('CONFLICT');
    expect(inUse.errors?.[0]?.message).toContain('"summarize"');
    expect(inUse.errors?.[0]?.extensions?.capabilities).toEqual(['summarize']);
    const provider = await graphql(
      app.url,
      'mutation { removeProvider(input: { name: "life-provider" }) { removedProviderId } }',
      { key: app.adminKey },
    );
    expect(errorCode(provider)).toBe('CONFLICT');
    expect(provider.errors?.[0]?.message).toContain('"life/model"');
    expect(app.services.registry.model('life/model')).toBeDefined();

    await setImplementations('local/extractive-summarizer');
    const removed = await graphqlOk<{ removeModel: { removedModelId: string } }>(
      app.url,
      'mutation { removeModel(input: { name: "life/model" }) { removedModelId } }',
      { key: app.adminKey },
    );
    const gone = await graphqlOk<{ node: unknown }>(app.url, 'query ($id: ID!) { node(id: $id) { id } }', {
      key: app.adminKey,
      variables: { id: removed.removeModel.removedModelId },
    });
    expect(gone.node).toBeNull();
    await graphqlOk(
      app.url,
      'mutation { removeProvider(input: { name: "life-provider" }) { removedProviderId } }',
      {
        key: app.adminKey,
      },
    );
    expect(app.services.registry.provider('life-provider')).toBeUndefined();
    expect(await latestAudit('removeModel')).toMatchObject({ target: 'life/model' });
    expect(await latestAudit('removeProvider')).toMatchObject({ target: 'life-provider' });
  });

  it('deletes documents and knowledge bases; an unknown document id deletes nothing', async () => {
    const base = uniqueName('kb');
    await graphqlOk(
      app.url,
      `mutation ($base: String!) {
        createKnowledgeBase(input: { name: $base }) { knowledgeBase { id } }
        ingestDocuments(input: { knowledgeBase: $base, documents: [
          { id: "a", text: "Refunds take fourteen days." }, { id: "b", text: "Shipping is free over fifty euros." }
        ] }) { knowledgeBase { documentCount } }
      }`,
      { key: app.adminKey, variables: { base } },
    );
    const unknown = await graphql(
      app.url,
      'mutation ($base: String!) { deleteDocuments(input: { knowledgeBase: $base, documentIds: ["a", "zzz"] }) { deletedDocumentIds } }',
      { key: app.adminKey, variables: { base } },
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toContain('"zzz"');
    const deleted = await graphqlOk<{
      deleteDocuments: { knowledgeBase: { documentCount: number }; deletedDocumentIds: string[] };
    }>(
      app.url,
      'mutation ($base: String!) { deleteDocuments(input: { knowledgeBase: $base, documentIds: ["a"] }) { knowledgeBase { documentCount } deletedDocumentIds } }',
      { key: app.adminKey, variables: { base } },
    );
    expect(deleted.deleteDocuments.knowledgeBase.documentCount).toBe(1);
    expect(deleted.deleteDocuments.deletedDocumentIds).toHaveLength(1);
    const retrieved = await graphqlOk<{ retrieve: { chunks: Array<{ documentId: string }> } }>(
      app.url,
      'mutation ($base: String!) { retrieve(input: { knowledgeBase: $base, query: "refunds fourteen days" }) { chunks { documentId } } }',
      { key: app.adminKey, variables: { base } },
    );
    expect(retrieved.retrieve.chunks.map((chunk) => chunk.documentId)).not.toContain('a');

    await graphqlOk(
      app.url,
      'mutation ($base: String!) { deleteKnowledgeBase(input: { name: $base }) { deletedKnowledgeBaseId } }',
      {
        key: app.adminKey,
        variables: { base },
      },
    );
    const after = await graphql(
      app.url,
      'mutation ($base: String!) { retrieve(input: { knowledgeBase: $base, query: "shipping" }) { chunks { documentId } } }',
      { key: app.adminKey, variables: { base } },
    );
    expect(errorCode(after)).toBe('NOT_FOUND');
    expect(await app.services.store.chunks.countDocuments({ knowledgeBase: base })).toBe(0);
    expect(await latestAudit('deleteKnowledgeBase')).toMatchObject({ target: base });
  });

  it('renames a team, and refuses to delete it while it has keys', async () => {
    const team = await createTeam(app, uniqueName('life'));
    const key = await createKey(app.url, app.adminKey, team.name, ['VIEWER']);
    const renamedTo = uniqueName('renamed');
    const renamed = await graphqlOk<{ renameTeam: { team: { name: string; internalId: string } } }>(
      app.url,
      'mutation ($team: String!, $name: String!) { renameTeam(input: { team: $team, name: $name }) { team { name internalId } } }',
      { key: app.adminKey, variables: { team: team.name, name: renamedTo } },
    );
    expect(renamed.renameTeam.team).toEqual({ name: renamedTo, internalId: team.id });
    const taken = await graphql(
      app.url,
      'mutation ($team: String!) { renameTeam(input: { team: $team, name: "admins" }) { team { name } } }',
      { key: app.adminKey, variables: { team: renamedTo } },
    );
    expect(errorCode(taken)).toBe('CONFLICT');

    const inUse = await graphql(
      app.url,
      'mutation ($team: String!) { deleteTeam(input: { team: $team }) { deletedTeamId } }',
      {
        key: app.adminKey,
        variables: { team: renamedTo },
      },
    );
    expect(errorCode(inUse)).toBe('CONFLICT');
    expect(inUse.errors?.[0]?.message).toMatch(/API key/);
    expect(await teamModel(app.services.store.connection).countDocuments({ _id: team.id })).toBe(1);

    await graphqlOk(
      app.url,
      'mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } } }',
      {
        key: app.adminKey,
        variables: { id: key.id },
      },
    );
    await graphqlOk(
      app.url,
      'mutation ($team: String!) { deleteTeam(input: { team: $team }) { deletedTeamId } }',
      {
        key: app.adminKey,
        variables: { team: renamedTo },
      },
    );
    expect(await teamModel(app.services.store.connection).countDocuments({ _id: team.id })).toBe(0);
    expect(await latestAudit('deleteTeam')).toMatchObject({ target: renamedTo });
  });

  it('rotates a key: a new secret shown once, the old one valid for the grace period only', async () => {
    const team = await createTeam(app, uniqueName('rotate'));
    const old = await createKey(app.url, app.adminKey, team.name, ['VIEWER']);
    const rotate = (id: string, grace: number) =>
      graphql<{
        rotateApiKey: {
          key: string;
          apiKey: { internalId: string };
          previousApiKey: { expiresAt: string | null; revokedAt: string | null };
        };
      }>(
        app.url,
        'mutation ($id: ID!, $grace: Int!) { rotateApiKey(input: { id: $id, gracePeriodSeconds: $grace }) { key apiKey { internalId } previousApiKey { expiresAt revokedAt } } }',
        { key: app.adminKey, variables: { id, grace } },
      );
    const tooLong = await rotate(old.id, 86_401);
    expect(errorCode(tooLong)).toBe('BAD_USER_INPUT');

    const startedAt = Date.now();
    const withGrace = await rotate(old.id, 3600);
    const rotated = withGrace.data!.rotateApiKey;
    expect(rotated.key).not.toBe(old.key);
    const graceEnd = Date.parse(rotated.previousApiKey.expiresAt!);
    expect(graceEnd).toBeGreaterThanOrEqual(startedAt + 3_599_000);
    expect(graceEnd).toBeLessThanOrEqual(Date.now() + 3_601_000);
    expect((await graphql(app.url, '{ me { id } }', { key: old.key })).status).toBe(200);
    expect(
      (await graphqlOk<{ me: { id: string } }>(app.url, '{ me { id } }', { key: rotated.key })).me.id,
    ).toBe(rotated.apiKey.internalId);

    const immediate = await rotate(rotated.apiKey.internalId, 0);
    expect(immediate.data!.rotateApiKey.previousApiKey.revokedAt).toBeTruthy();
    expect(errorCode(await graphql(app.url, '{ me { id } }', { key: rotated.key }))).toBe('UNAUTHENTICATED');
    expect((await graphql(app.url, '{ me { id } }', { key: immediate.data!.rotateApiKey.key })).status).toBe(
      200,
    );
    const again = await rotate(rotated.apiKey.internalId, 0);
    expect(errorCode(again)).toBe('CONFLICT');
    const entry = await latestAudit('rotateApiKey');
    expect(JSON.stringify(entry)).not.toContain(immediate.data!.rotateApiKey.key);
  });

  it('removes a rate limit', async () => {
    const team = await createTeam(app, uniqueName('limits'));
    await graphqlOk(
      app.url,
      'mutation ($t: String!) { setRateLimit(input: { scope: TEAM, target: $t, requestsPerMinute: 5 }) { rateLimit { id } } }',
      { key: app.adminKey, variables: { t: team.name } },
    );
    const removed = await graphqlOk<{ removeRateLimit: { removedRateLimitId: string | null } }>(
      app.url,
      'mutation ($t: String!) { removeRateLimit(input: { scope: TEAM, target: $t }) { removedRateLimitId } }',
      { key: app.adminKey, variables: { t: team.name } },
    );
    expect(removed.removeRateLimit.removedRateLimitId).toBeTruthy();
    const twice = await graphqlOk<{ removeRateLimit: { removedRateLimitId: string | null } }>(
      app.url,
      'mutation ($t: String!) { removeRateLimit(input: { scope: TEAM, target: $t }) { removedRateLimitId } }',
      { key: app.adminKey, variables: { t: team.name } },
    );
    expect(twice.removeRateLimit.removedRateLimitId).toBeNull();
    expect(await latestAudit('removeRateLimit')).toMatchObject({ summary: { removed: false } });
  });
});
