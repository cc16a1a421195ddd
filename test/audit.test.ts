/**
 * The audit trail: every governance mutation appends an entry (actor, action, target, request id,
 * a summary without secrets); `auditLog` pages newest first with opaque cursors, filters by action
 * and actor, and shows non-admins only their own team's entries. Nothing updates or deletes entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { governanceOf } from '../src/governance/admin/governance.js';
import { auditEntryModel } from '../src/store/models/audit-entry.model.js';
import {
  AUDIT_LOG,
  createKey,
  createTeam,
  errorCode,
  graphql,
  graphqlOk,
  meId,
  REVOKE_KEY,
  SET_BUDGET,
  SET_RATE_LIMIT,
  uniqueName,
} from './governance-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface AuditNode {
  id: string;
  at: string;
  action: string;
  target: string;
  actorKeyId: string;
  actorTeamId: string;
  actorTeam: string | null;
  teamId: string | null;
  summary: Record<string, unknown>;
  requestId: string;
}
interface AuditPage {
  auditLog: {
    edges: Array<{ cursor: string; node: AuditNode }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

async function fetchAll(
  url: string,
  key: string,
  variables: Record<string, unknown>,
  pageSize: number,
): Promise<AuditNode[]> {
  const nodes: AuditNode[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const data: AuditPage = await graphqlOk<AuditPage>(url, AUDIT_LOG, {
      key,
      variables: { ...variables, first: pageSize, after },
    });
    expect(data.auditLog.edges.length).toBeLessThanOrEqual(pageSize);
    nodes.push(...data.auditLog.edges.map((edge) => edge.node));
    if (!data.auditLog.pageInfo.hasNextPage) return nodes;
    after = data.auditLog.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

describe('audit log', () => {
  let app: TestApp;
  let adminId: string;
  let team: { id: string; name: string };
  let maintainer: { key: string; id: string };

  beforeAll(async () => {
    app = await startTestApp();
    adminId = await meId(app.url, app.adminKey);
    team = await createTeam(app, uniqueName('audited'));
    maintainer = await createKey(app.url, app.adminKey, team.name, ['MAINTAINER']);
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function latest(action: string): Promise<AuditNode> {
    const data = await graphqlOk<AuditPage>(app.url, AUDIT_LOG, {
      key: app.adminKey,
      variables: { first: 1, action },
    });
    const node = data.auditLog.edges[0]?.node;
    if (!node) throw new Error(`no ${action} entry`);
    return node;
  }

  it('records every governance mutation with actor, target, request id and no secrets', async () => {
    const requestId = uniqueName('req');
    const created = await graphql<{ createApiKey: { key: string; apiKey: { internalId: string } } }>(
      app.url,
      'mutation ($team: String!) { createApiKey(input: { team: $team, name: "ci", roles: [MEMBER] }) { key apiKey { internalId } } }',
      { key: app.adminKey, variables: { team: team.name }, headers: { 'x-request-id': requestId } },
    );
    const plaintext = created.data!.createApiKey.key;
    const keyId = created.data!.createApiKey.apiKey.internalId;
    await graphqlOk(app.url, REVOKE_KEY, { key: maintainer.key, variables: { id: keyId } });
    await graphqlOk(app.url, SET_BUDGET, {
      key: app.adminKey,
      variables: { scope: 'TEAM', target: team.name, limitUsd: 12.5, period: 'MONTHLY', mode: 'HARD' },
    });
    await graphqlOk(app.url, SET_RATE_LIMIT, {
      key: app.adminKey,
      variables: { scope: 'TEAM', target: team.name, rpm: 60 },
    });
    await graphqlOk(
      app.url,
      'mutation ($t: String!) { removeBudget(input: { scope: TEAM, target: $t, period: MONTHLY }) { removedBudgetId } }',
      {
        key: app.adminKey,
        variables: { t: team.name },
      },
    );

    const createTeamEntry = await latest('createTeam');
    expect(createTeamEntry).toMatchObject({
      target: team.name,
      actorKeyId: adminId,
      actorTeam: 'admins',
      teamId: team.id,
    });

    const keyEntry = await latest('createApiKey');
    expect(keyEntry).toMatchObject({ target: keyId, actorKeyId: adminId, teamId: team.id, requestId });
    expect(keyEntry.summary).toMatchObject({ team: team.name, name: 'ci', roles: ['MEMBER'] });
    expect(JSON.stringify(keyEntry)).not.toContain(plaintext);

    expect(await latest('revokeApiKey')).toMatchObject({
      target: keyId,
      actorKeyId: maintainer.id,
      actorTeamId: team.id,
      actorTeam: team.name,
    });
    expect(await latest('setBudget')).toMatchObject({
      target: `TEAM:${team.name}`,
      summary: { scope: 'TEAM', limitUsd: 12.5, period: 'MONTHLY', mode: 'HARD', targetId: team.id },
    });
    expect(await latest('setRateLimit')).toMatchObject({
      summary: { requestsPerMinute: 60, tokensPerMinute: null },
    });
    expect(await latest('removeBudget')).toMatchObject({ summary: { removed: true } });
  });

  it('redacts secrets that callers put into a summary', async () => {
    await governanceOf(app.services).audit.append({
      orgId: 'org_default',
      actorKeyId: adminId,
      actorTeamId: 'team_x',
      action: 'registerProvider',
      target: 'openai',
      summary: {
        name: 'openai',
        apiKey: 'sk-live-secret',
        headers: { authorization: 'Bearer abc' },
        baseUrl: 'https://x',
      },
      requestId: 'r1',
    });
    const entry = await latest('registerProvider');
    expect(entry.summary).toEqual({
      name: 'openai',
      apiKey: '[redacted]',
      headers: { authorization: '[redacted]' },
      baseUrl: 'https://x',
    });
  });

  it('pages newest first with opaque cursors, without gaps or repeats', async () => {
    const names = [];
    for (let index = 0; index < 7; index++)
      names.push((await createTeam(app, uniqueName(`page${index}`))).name);
    const all = await fetchAll(app.url, app.adminKey, { action: 'createTeam' }, 3);
    expect(new Set(all.map((node) => node.id)).size).toBe(all.length);
    const times = all.map((node) => Date.parse(node.at));
    expect([...times].sort((left, right) => right - left)).toEqual(times);
    expect(all.slice(0, 7).map((node) => node.target)).toEqual([...names].reverse());

    const first = await graphqlOk<AuditPage>(app.url, AUDIT_LOG, {
      key: app.adminKey,
      variables: { first: 2 },
    });
    expect(first.auditLog.pageInfo.hasNextPage).toBe(true);
    expect(first.auditLog.pageInfo.endCursor).toBe(first.auditLog.edges[1]?.cursor);
    expect(first.auditLog.pageInfo.endCursor).not.toContain(first.auditLog.edges[1]!.node.id);
  });

  it('filters by action and by actor', async () => {
    const byMaintainer = await fetchAll(app.url, app.adminKey, { actor: maintainer.id }, 50);
    expect(byMaintainer.length).toBeGreaterThan(0);
    expect(byMaintainer.every((node) => node.actorKeyId === maintainer.id)).toBe(true);
    const budgets = await fetchAll(app.url, app.adminKey, { action: 'setBudget' }, 50);
    expect(budgets.length).toBeGreaterThan(0);
    expect(budgets.every((node) => node.action === 'setBudget')).toBe(true);
  });

  it('shows a team MAINTAINER only the entries of its own team', async () => {
    const other = await createTeam(app, uniqueName('elsewhere'));
    const entries = await fetchAll(app.url, maintainer.key, {}, 20);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect([entry.actorTeamId, entry.teamId]).toContain(team.id);
    expect(entries.some((entry) => entry.target === other.name)).toBe(false);
  });

  it('answers BAD_USER_INPUT for a malformed cursor or page size', async () => {
    const cursor = await graphql(app.url, AUDIT_LOG, {
      key: app.adminKey,
      variables: { after: 'not-a-cursor' },
    });
    expect(errorCode(cursor)).toBe('BAD_USER_INPUT');
    const size = await graphql(app.url, AUDIT_LOG, { key: app.adminKey, variables: { first: 1000 } });
    expect(errorCode(size)).toBe('BAD_USER_INPUT');
  });

  it('is append-only: the model refuses updates and deletes', async () => {
    const model = auditEntryModel(app.services.store.connection);
    await expect(model.updateOne({}, { $set: { action: 'x' } })).rejects.toThrow(/append-only/);
    await expect(model.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await model.countDocuments()).toBeGreaterThan(0);
  });
});
