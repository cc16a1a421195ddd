/**
 * The role × operation matrix of the governance API: ADMIN, MAINTAINER, MEMBER and VIEWER keys of
 * team A, and a MAINTAINER key of team B, against every governance mutation and query. Each cell is
 * either allowed or FORBIDDEN; allowed reads never show another team's data to a non-admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/governance/auth/principal.js';
import {
  API_KEYS,
  AUDIT_LOG,
  BUDGETS,
  CREATE_KEY,
  CREATE_TEAM,
  createKey,
  errorCode,
  graphql,
  RATE_LIMITS,
  REVOKE_KEY,
  SET_BUDGET,
  SET_RATE_LIMIT,
  TEAMS,
  teamWithRoleKeys,
  uniqueName,
  USAGE,
  type RoleKeys,
} from './governance-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Caller = Role | 'OTHER_TEAM';
const callers: Caller[] = ['ADMIN', 'MAINTAINER', 'MEMBER', 'VIEWER', 'OTHER_TEAM'];
type Outcome = 'ok' | 'FORBIDDEN';
const allowed = (...permitted: Caller[]): Record<Caller, Outcome> =>
  Object.fromEntries(
    callers.map((caller) => [caller, permitted.includes(caller) ? 'ok' : 'FORBIDDEN']),
  ) as Record<Caller, Outcome>;

describe('governance authorization matrix', () => {
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
    // Something of team A's to see (or not): a budget, a rate limit, an audit trail.
    await graphql(app.url, SET_BUDGET, {
      key: app.adminKey,
      variables: { scope: 'TEAM', target: teamA.name, limitUsd: 5, period: 'DAILY', mode: 'SOFT' },
    });
    await graphql(app.url, SET_RATE_LIMIT, {
      key: app.adminKey,
      variables: { scope: 'TEAM', target: teamA.name, rpm: 100 },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function outcome(
    caller: Caller,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Outcome> {
    const response = await graphql(app.url, query, { key: keyOf(caller), variables });
    const code = errorCode(response);
    if (code === undefined) return 'ok';
    if (code === 'FORBIDDEN') return 'FORBIDDEN';
    throw new Error(`unexpected answer for ${caller}: ${JSON.stringify(response.errors)}`);
  }

  const matrix: Array<{
    operation: string;
    expected: Record<Caller, Outcome>;
    run: (caller: Caller) => Promise<Outcome>;
  }> = [
    {
      operation: 'createTeam',
      expected: allowed('ADMIN'),
      run: (caller) => outcome(caller, CREATE_TEAM, { name: uniqueName('new') }),
    },
    {
      operation: 'createApiKey for team A (VIEWER role)',
      expected: allowed('ADMIN', 'MAINTAINER'),
      run: (caller) => outcome(caller, CREATE_KEY, { team: teamA.name, name: 'k', roles: ['VIEWER'] }),
    },
    {
      operation: 'createApiKey for team A granting MAINTAINER',
      expected: allowed('ADMIN', 'MAINTAINER'),
      run: (caller) => outcome(caller, CREATE_KEY, { team: teamA.name, name: 'k', roles: ['MAINTAINER'] }),
    },
    {
      operation: 'createApiKey for team A granting ADMIN (above a MAINTAINER)',
      expected: allowed('ADMIN'),
      run: (caller) => outcome(caller, CREATE_KEY, { team: teamA.name, name: 'k', roles: ['ADMIN'] }),
    },
    {
      operation: 'createApiKey for team B (the other team, on its own team)',
      expected: allowed('ADMIN', 'OTHER_TEAM'),
      run: (caller) => outcome(caller, CREATE_KEY, { team: teamB.name, name: 'k', roles: ['MEMBER'] }),
    },
    {
      operation: 'revokeApiKey of a team A key',
      expected: allowed('ADMIN', 'MAINTAINER'),
      run: async (caller) => {
        const victim = await createKey(app.url, app.adminKey, teamA.name, ['MEMBER']);
        return outcome(caller, REVOKE_KEY, { id: victim.id });
      },
    },
    {
      operation: 'revokeApiKey of a team A ADMIN key',
      expected: allowed('ADMIN'),
      run: async (caller) => {
        const victim = await createKey(app.url, app.adminKey, teamA.name, ['ADMIN']);
        return outcome(caller, REVOKE_KEY, { id: victim.id });
      },
    },
    {
      operation: 'apiKeys of team A',
      expected: allowed('ADMIN', 'MAINTAINER'),
      run: (caller) => outcome(caller, API_KEYS, { team: teamA.name }),
    },
    {
      operation: 'setBudget TEAM A',
      expected: allowed('ADMIN'),
      run: (caller) =>
        outcome(caller, SET_BUDGET, {
          scope: 'TEAM',
          target: teamA.name,
          limitUsd: 5,
          period: 'DAILY',
          mode: 'SOFT',
        }),
    },
    {
      operation: 'setBudget ORG',
      expected: allowed('ADMIN'),
      run: (caller) =>
        outcome(caller, SET_BUDGET, {
          scope: 'ORG',
          target: 'org_default',
          limitUsd: 1000,
          period: 'MONTHLY',
          mode: 'SOFT',
        }),
    },
    {
      operation: 'setBudget KEY (team A MEMBER key)',
      expected: allowed('ADMIN', 'MAINTAINER'),
      run: (caller) =>
        outcome(caller, SET_BUDGET, {
          scope: 'KEY',
          target: keysA.ids.MEMBER,
          limitUsd: 1,
          period: 'DAILY',
          mode: 'HARD',
        }),
    },
    {
      operation: 'setRateLimit TEAM A',
      expected: allowed('ADMIN'),
      run: (caller) => outcome(caller, SET_RATE_LIMIT, { scope: 'TEAM', target: teamA.name, rpm: 100 }),
    },
    {
      operation: 'setRateLimit KEY (team A VIEWER key)',
      expected: allowed('ADMIN', 'MAINTAINER'),
      run: (caller) =>
        outcome(caller, SET_RATE_LIMIT, { scope: 'KEY', target: keysA.ids.VIEWER, rpm: 10, tpm: 1000 }),
    },
    {
      operation: 'usage of team A',
      expected: allowed('ADMIN', 'MAINTAINER', 'MEMBER', 'VIEWER'),
      run: (caller) =>
        outcome(caller, USAGE, {
          from: '2026-01-01T00:00:00Z',
          to: '2026-01-02T00:00:00Z',
          groupBy: ['DAY'],
          team: teamA.name,
        }),
    },
    {
      operation: 'auditLog',
      expected: allowed('ADMIN', 'MAINTAINER', 'OTHER_TEAM'),
      run: (caller) => outcome(caller, AUDIT_LOG, { first: 5 }),
    },
    {
      operation: 'teams, budgets, rateLimits',
      expected: allowed('ADMIN', 'MAINTAINER', 'MEMBER', 'VIEWER', 'OTHER_TEAM'),
      run: async (caller) => {
        const outcomes = [
          await outcome(caller, TEAMS),
          await outcome(caller, BUDGETS),
          await outcome(caller, RATE_LIMITS),
        ];
        return outcomes.every((value) => value === 'ok') ? 'ok' : 'FORBIDDEN';
      },
    },
  ];

  describe.each(matrix)('$operation', ({ expected, run }) => {
    it.each(callers)('%s', async (caller) => {
      expect(await run(caller)).toBe(expected[caller]);
    });
  });
});
