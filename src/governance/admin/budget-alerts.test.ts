import { createPubSub } from '@graphql-yoga/subscription';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Topics } from '../../infra/pubsub.js';
import type { Principal } from '../auth/principal.js';
import { MemoryBudgetStore } from '../budget/index.js';
import type { BudgetRule } from '../budget/budget.types.js';
import {
  BUDGET_ALERT_TOPIC,
  BudgetAlerts,
  canSeeBudgetAlert,
  type BudgetAlertPayload,
} from './budget-alerts.js';

const principal: Principal = {
  kind: 'apiKey',
  id: 'key_1',
  name: 'ci',
  orgId: 'org_1',
  teamId: 'team_a',
  teamName: 'a',
  roles: ['MEMBER'],
};
const teamRule: BudgetRule = { scope: 'TEAM', target: 'team_a', limitUsd: 1, period: 'DAILY', mode: 'SOFT' };

function setup(minIntervalMs?: number) {
  const pubSub = createPubSub<Topics>();
  const budgetStore = new MemoryBudgetStore();
  const alerts = new BudgetAlerts({ pubSub, budgetStore, logger: pino({ level: 'silent' }), minIntervalMs });
  const published: BudgetAlertPayload[] = [];
  const iterator = pubSub.subscribe(BUDGET_ALERT_TOPIC)[Symbol.asyncIterator]();
  void (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      published.push(next.value as BudgetAlertPayload);
    }
  })();
  return { alerts, budgetStore, published, stop: () => iterator.return?.() };
}

describe('budget alerts', () => {
  it('publishes one alert per budget and period, with the spend so far, not one per request', async () => {
    const { alerts, budgetStore, published, stop } = setup();
    await budgetStore.settle(await budgetStore.reserve([teamRule], 0), 1.5);
    for (let index = 0; index < 5; index++) alerts.raise(principal, [teamRule], { runId: `run-${index}` });
    await expect.poll(() => published.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      orgId: 'org_1',
      teamId: 'team_a',
      scope: 'TEAM',
      target: 'team_a',
      spentUsd: 1.5,
      keyId: 'key_1',
      runId: 'run-0',
    });
    await stop();
  });

  it('ignores HARD rules and raises again after the interval', async () => {
    const { alerts, published, stop } = setup(0);
    alerts.raise(principal, [{ ...teamRule, mode: 'HARD' }]);
    alerts.raise(principal, [teamRule]);
    alerts.raise(principal, [teamRule]);
    await expect.poll(() => published.length).toBe(2);
    expect(published.every((alert) => alert.mode === 'SOFT')).toBe(true);
    await stop();
  });

  it('belongs to the budget team: KEY budgets to the key team, ORG budgets to org admins only', async () => {
    const { alerts, published, stop } = setup();
    alerts.raise(principal, [
      { ...teamRule, scope: 'KEY', target: 'key_1' },
      { ...teamRule, scope: 'ORG', target: 'org_1' },
    ]);
    await expect.poll(() => published.length).toBe(2);
    const [keyAlert, orgAlert] = [...published].sort((left, right) => left.scope.localeCompare(right.scope));
    expect(keyAlert?.teamId).toBe('team_a');
    expect(orgAlert?.teamId).toBeUndefined();
    expect(canSeeBudgetAlert(principal, keyAlert!, false)).toBe(true);
    expect(canSeeBudgetAlert(principal, orgAlert!, false)).toBe(false);
    expect(canSeeBudgetAlert(principal, orgAlert!, true)).toBe(true);
    expect(canSeeBudgetAlert({ ...principal, teamId: 'team_b' }, keyAlert!, false)).toBe(false);
    expect(canSeeBudgetAlert({ ...principal, orgId: 'org_2' }, keyAlert!, true)).toBe(false);
    await stop();
  });
});
