/**
 * Budgets and rate limits as settings: stored, served to the request path from memory (`rulesFor`,
 * refreshed on every instance after a write), listed with the current spend, and SOFT overruns
 * delivered as `budgetAlerts` to the right subscribers only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { governanceOf } from '../src/governance/admin/governance.js';
import type { BudgetRule } from '../src/governance/budget/budget.types.js';
import { collect, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  BUDGETS,
  graphqlOk,
  principalOf,
  RATE_LIMITS,
  SET_BUDGET,
  SET_RATE_LIMIT,
  teamWithRoleKeys,
  waitFor,
  type RoleKeys,
  nodesOf,
  type Conn,
} from './governance-fixtures.js';

interface BudgetRow {
  scope: string;
  target: string;
  targetId: string;
  limitUsd: number;
  spentUsd: number;
  reservedUsd: number;
  remainingUsd: number;
  mode: string;
  period: string;
}

describe('budgets and rate limits', () => {
  let first: TestApp;
  let second: TestApp;
  let teamA: { id: string; name: string };
  let keysA: RoleKeys;
  let teamB: { id: string; name: string };
  let keysB: RoleKeys;

  beforeAll(async () => {
    first = await startTestApp({ redis: true });
    second = await startTestApp({ redis: true, database: first.database, masterKey: first.masterKey });
    ({ team: teamA, keys: keysA } = await teamWithRoleKeys(first, 'budget-a'));
    ({ team: teamB, keys: keysB } = await teamWithRoleKeys(first, 'budget-b'));
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('serves the rules of a principal from memory on every instance, right after a write', async () => {
    const member = await principalOf(first, keysA.MEMBER);
    expect(governanceOf(first.services).rulesFor(member)).toEqual({ budgetRules: [], rateLimitRules: [] });

    await graphqlOk(first.url, SET_BUDGET, {
      key: first.adminKey,
      variables: { scope: 'TEAM', target: teamA.name, limitUsd: 10, period: 'DAILY', mode: 'SOFT' },
    });
    await graphqlOk(first.url, SET_BUDGET, {
      key: keysA.MAINTAINER,
      variables: { scope: 'KEY', target: keysA.ids.MEMBER, limitUsd: 2, period: 'MONTHLY', mode: 'HARD' },
    });
    await graphqlOk(first.url, SET_RATE_LIMIT, {
      key: first.adminKey,
      variables: { scope: 'TEAM', target: teamA.id, rpm: 120, tpm: 50_000 },
    });

    const expected = {
      budgetRules: [
        { scope: 'TEAM', target: teamA.id, limitUsd: 10, period: 'DAILY', mode: 'SOFT' },
        { scope: 'KEY', target: keysA.ids.MEMBER, limitUsd: 2, period: 'MONTHLY', mode: 'HARD' },
      ],
      rateLimitRules: [{ scope: 'TEAM', target: teamA.id, requestsPerMinute: 120, tokensPerMinute: 50_000 }],
    };
    // The writing instance at once; the other as soon as the pub/sub message arrives.
    expect(governanceOf(first.services).rulesFor(member)).toEqual(expected);
    await expect
      .poll(() => governanceOf(second.services).rulesFor(member), { timeout: 3_000 })
      .toEqual(expected);
    // Other principals of the org get none of team A's rules.
    expect(governanceOf(second.services).rulesFor(await principalOf(second, keysB.MEMBER))).toEqual({
      budgetRules: [],
      rateLimitRules: [],
    });

    // Replacing and removing settings reaches the other instance too.
    await graphqlOk(first.url, SET_RATE_LIMIT, {
      key: first.adminKey,
      variables: { scope: 'TEAM', target: teamA.name },
    });
    await graphqlOk(first.url, SET_BUDGET, {
      key: first.adminKey,
      variables: { scope: 'TEAM', target: teamA.name, limitUsd: 20, period: 'DAILY', mode: 'HARD' },
    });
    await expect
      .poll(() => governanceOf(second.services).rulesFor(member), { timeout: 3_000 })
      .toEqual({
        budgetRules: [{ ...expected.budgetRules[0], limitUsd: 20, mode: 'HARD' }, expected.budgetRules[1]],
        rateLimitRules: [],
      });
    const limits = await graphqlOk<{ rateLimits: Conn<unknown> }>(second.url, RATE_LIMITS, {
      key: keysA.VIEWER,
    });
    expect(nodesOf(limits.rateLimits)).toEqual([]);
  });

  it("lists budgets with the current period's spend from the budget store", async () => {
    const member = await principalOf(first, keysA.MEMBER);
    const governance = governanceOf(first.services);
    const rules = governance.rulesFor(member).budgetRules;
    const reservation = await governance.budgetStore.reserve(rules, 0.5);
    await governance.budgetStore.settle(reservation, 0.75);
    const held = await governance.budgetStore.reserve(rules, 0.25);

    const budgets = nodesOf(
      (await graphqlOk<{ budgets: Conn<BudgetRow> }>(second.url, BUDGETS, { key: keysA.VIEWER })).budgets,
    );
    const byScope = Object.fromEntries(budgets.map((budget) => [budget.scope, budget]));
    expect(byScope.TEAM).toMatchObject({
      target: teamA.name,
      targetId: teamA.id,
      limitUsd: 20,
      spentUsd: 0.75,
      reservedUsd: 0.25,
      remainingUsd: 19,
    });
    expect(byScope.KEY).toMatchObject({
      target: keysA.ids.MEMBER,
      limitUsd: 2,
      spentUsd: 0.75,
      remainingUsd: 1,
    });
    await governance.budgetStore.release(held);

    const other = await graphqlOk<{ budgets: Conn<BudgetRow> }>(first.url, BUDGETS, { key: keysB.ADMIN });
    expect(nodesOf(other.budgets).some((budget) => budget.targetId === teamA.id)).toBe(true); // an org ADMIN sees all
    const isolated = await graphqlOk<{ budgets: Conn<BudgetRow> }>(first.url, BUDGETS, {
      key: keysB.MAINTAINER,
    });
    expect(nodesOf(isolated.budgets)).toEqual([]);
  });

  it('delivers SOFT budget alerts to the team and to org admins only, from any instance', async () => {
    const viewerA = wsClient(second.url, keysA.VIEWER, { lazy: false });
    const viewerB = wsClient(second.url, keysB.VIEWER, { lazy: false });
    const admin = wsClient(first.url, first.adminKey, { lazy: false });
    const query =
      'subscription { budgetAlerts { scope target teamId limitUsd spentUsd keyId runId capability at } }';
    type Alert = { budgetAlerts: { target: string; teamId: string | null; runId: string | null } };
    const seenByA = collect<Alert>(viewerA, query);
    const seenByB = collect<Alert>(viewerB, query);
    const seenByAdmin = collect<Alert>(admin, query);
    try {
      const memberA = await principalOf(first, keysA.MEMBER);
      const memberB = await principalOf(first, keysB.MEMBER);
      const soft = (target: string): BudgetRule => ({
        scope: 'KEY',
        target,
        limitUsd: 1,
        period: 'DAILY',
        mode: 'SOFT',
      });
      // Subscriptions go live asynchronously: raise fresh alerts until each subscriber has one.
      let round = 0;
      await waitFor(async () => {
        governanceOf(first.services).raiseBudgetAlert(memberA, [soft(`a-${round}`)], {
          runId: `run-a-${round}`,
          capability: 'summarize',
        });
        governanceOf(first.services).raiseBudgetAlert(memberB, [soft(`b-${round}`)], {
          runId: `run-b-${round}`,
        });
        round++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        const live = [seenByA, seenByB, seenByAdmin].every((seen) => seen.results.length > 0);
        const adminHasBoth = ['a-', 'b-'].every((prefix) =>
          seenByAdmin.results.some((result) => result.data?.budgetAlerts.target.startsWith(prefix)),
        );
        return live && adminHasBoth ? true : undefined;
      });

      const targets = (seen: typeof seenByA) =>
        seen.results.map((result) => result.data?.budgetAlerts.target ?? 'error');
      expect(targets(seenByA).every((target) => target.startsWith('a-'))).toBe(true);
      expect(targets(seenByB).every((target) => target.startsWith('b-'))).toBe(true);
      const alertA = seenByA.results[0]?.data?.budgetAlerts;
      expect(alertA).toMatchObject({ teamId: teamA.id });
      expect(alertA?.runId).toMatch(/^run-a-/);
      expect(seenByB.results[0]?.data?.budgetAlerts).toMatchObject({ teamId: teamB.id });
    } finally {
      await Promise.all([viewerA.dispose(), viewerB.dispose(), admin.dispose()]);
    }
  });
});
