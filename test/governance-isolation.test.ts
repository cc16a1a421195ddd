/**
 * Tenant isolation and input checks of the governance API: non-admins read only their own team,
 * never learn whether another team exists, and never see a key or its hash in a listing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_KEYS,
  BUDGETS,
  CREATE_KEY,
  CREATE_TEAM,
  createKey,
  errorCode,
  graphql,
  RATE_LIMITS,
  SET_BUDGET,
  SET_RATE_LIMIT,
  TEAMS,
  teamWithRoleKeys,
  type RoleKeys,
  nodesOf,
  type Conn,
} from './governance-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Caller = 'MAINTAINER' | 'VIEWER' | 'OTHER_TEAM';

describe('governance tenant isolation and validation', () => {
  let app: TestApp;
  let teamA: { id: string; name: string };
  let teamB: { id: string; name: string };
  let keysA: RoleKeys;
  let keyB: string;
  const keyOf = (caller: Caller) => (caller === 'OTHER_TEAM' ? keyB : keysA[caller]);

  beforeAll(async () => {
    app = await startTestApp();
    ({ team: teamA, keys: keysA } = await teamWithRoleKeys(app, 'alpha'));
    const b = await teamWithRoleKeys(app, 'bravo');
    teamB = b.team;
    keyB = b.keys.MAINTAINER;
    await graphql(app.url, SET_BUDGET, {
      key: app.adminKey,
      variables: { scope: 'TEAM', target: teamA.name, limitUsd: 5, period: 'DAILY', mode: 'SOFT' },
    });
    await graphql(app.url, SET_RATE_LIMIT, {
      key: keysA.MAINTAINER,
      variables: { scope: 'KEY', target: keysA.ids.MEMBER, rpm: 100 },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('shows non-admins only their own team in teams, apiKeys, budgets and rateLimits', async () => {
    for (const caller of ['MAINTAINER', 'VIEWER', 'OTHER_TEAM'] as const) {
      const ownTeam = caller === 'OTHER_TEAM' ? teamB : teamA;
      const key = keyOf(caller);
      const teams = await graphql<{ teams: Conn<{ name: string }> }>(app.url, TEAMS, { key });
      expect(nodesOf(teams.data?.teams).map((team) => team.name)).toEqual([ownTeam.name]);
      const budgets = await graphql<{ budgets: Conn<{ targetId: string }> }>(app.url, BUDGETS, { key });
      const limits = await graphql<{ rateLimits: Conn<{ targetId: string }> }>(app.url, RATE_LIMITS, {
        key,
      });
      for (const setting of [...nodesOf(budgets.data?.budgets), ...nodesOf(limits.data?.rateLimits)]) {
        expect([ownTeam.id, ...Object.values(caller === 'OTHER_TEAM' ? {} : keysA.ids)]).toContain(
          setting.targetId,
        );
      }
      if (caller !== 'OTHER_TEAM')
        expect(nodesOf(budgets.data?.budgets).some((budget) => budget.targetId === teamA.id)).toBe(true);
      else expect(nodesOf(budgets.data?.budgets)).toEqual([]);
    }
    const ownKeys = await graphql<{ apiKeys: Conn<{ team: string }> }>(app.url, API_KEYS, {
      key: keysA.MAINTAINER,
    });
    expect(nodesOf(ownKeys.data?.apiKeys).length).toBeGreaterThan(0);
    expect(new Set(nodesOf(ownKeys.data?.apiKeys).map((key) => key.team))).toEqual(new Set([teamA.name]));
    const everything = await graphql<{ apiKeys: Conn<{ team: string }> }>(app.url, API_KEYS, {
      key: app.adminKey,
    });
    expect(new Set(nodesOf(everything.data?.apiKeys).map((key) => key.team))).toEqual(
      new Set(['admins', teamA.name, teamB.name]),
    );
    const teams = await graphql<{ teams: Conn<{ name: string }> }>(app.url, TEAMS, { key: app.adminKey });
    expect(nodesOf(teams.data?.teams).map((team) => team.name)).toEqual(
      expect.arrayContaining(['admins', teamA.name, teamB.name]),
    );
  });

  it('never lists the hash or the key itself', async () => {
    const response = await graphql(app.url, '{ apiKeys { edges { node { id prefix } } } }', {
      key: app.adminKey,
    });
    expect(JSON.stringify(response)).not.toMatch(/cg_[A-Za-z0-9_-]{20,}/);
    const hash = await graphql(app.url, '{ apiKeys { edges { node { hash } } } }', { key: app.adminKey });
    expect(errorCode(hash)).toBe('BAD_USER_INPUT');
  });

  it('answers FORBIDDEN to non-admins naming another team, whether or not it exists', async () => {
    for (const team of [teamB.name, 'no-such-team']) {
      const keys = await graphql(app.url, API_KEYS, { key: keysA.MAINTAINER, variables: { team } });
      expect(errorCode(keys)).toBe('FORBIDDEN');
      const created = await graphql(app.url, CREATE_KEY, {
        key: keysA.MAINTAINER,
        variables: { team, name: 'x', roles: ['VIEWER'] },
      });
      expect(errorCode(created)).toBe('FORBIDDEN');
    }
    const missing = await graphql(app.url, API_KEYS, {
      key: app.adminKey,
      variables: { team: 'no-such-team' },
    });
    expect(errorCode(missing)).toBe('NOT_FOUND');
  });

  it('validates what it is given', async () => {
    const past = await graphql(app.url, CREATE_KEY, {
      key: app.adminKey,
      variables: { team: teamA.name, name: 'x', roles: ['VIEWER'], expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(errorCode(past)).toBe('BAD_USER_INPUT');
    const noRoles = await graphql(app.url, CREATE_KEY, {
      key: app.adminKey,
      variables: { team: teamA.name, name: 'x', roles: [] },
    });
    expect(errorCode(noRoles)).toBe('BAD_USER_INPUT');
    const duplicate = await graphql(app.url, CREATE_TEAM, {
      key: app.adminKey,
      variables: { name: teamA.name },
    });
    expect(errorCode(duplicate)).toBe('CONFLICT');
    const negative = await graphql(app.url, SET_BUDGET, {
      key: app.adminKey,
      variables: { scope: 'TEAM', target: teamA.name, limitUsd: -1, period: 'DAILY', mode: 'HARD' },
    });
    expect(errorCode(negative)).toBe('BAD_USER_INPUT');
    const badLimit = await graphql(app.url, SET_RATE_LIMIT, {
      key: app.adminKey,
      variables: { scope: 'TEAM', target: teamA.name, rpm: -3 },
    });
    expect(errorCode(badLimit)).toBe('BAD_USER_INPUT');
    const unknownKey = await graphql(app.url, SET_BUDGET, {
      key: app.adminKey,
      variables: { scope: 'KEY', target: 'key_nope', limitUsd: 1, period: 'DAILY', mode: 'HARD' },
    });
    expect(errorCode(unknownKey)).toBe('NOT_FOUND');
  });

  it('creates keys that work at once, with the granted roles and team', async () => {
    const created = await createKey(app.url, keysA.MAINTAINER, teamA.name, ['MEMBER', 'VIEWER', 'MEMBER']);
    const me = await graphql<{ me: { team: string; roles: string[] } }>(app.url, '{ me { team roles } }', {
      key: created.key,
    });
    expect(me.data?.me).toEqual({ team: teamA.name, roles: ['MEMBER', 'VIEWER'] });
  });
});
