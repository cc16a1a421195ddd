/**
 * Alerts for SOFT budget overruns. The invocation pipeline calls `raise` when a reservation lists
 * `softExceeded` rules; the alert is published on `BUDGET_ALERT_TOPIC` (every instance's
 * `budgetAlerts` subscribers see it) at most once per `minIntervalMs` per budget and period on this
 * instance, so a busy team over its limit is told, not flooded.
 */
import type { Logger } from '../../infra/logger.js';
import type { AppPubSub } from '../../infra/pubsub.js';
import type { Principal } from '../auth/principal.js';
import type { BudgetRule, BudgetStore } from '../budget/budget.types.js';
import { periodKey } from '../period.js';
import { Topic } from '../../infra/topics.js';

export const BUDGET_ALERT_TOPIC = Topic.budgetAlert;

/** What crosses pub/sub (JSON: dates as ISO strings). */
export interface BudgetAlertPayload {
  orgId: string;
  /** The team the budget belongs to; absent for ORG budgets (only org ADMINs see those). */
  teamId?: string;
  scope: BudgetRule['scope'];
  /** Org id, team id or key id. */
  target: string;
  period: BudgetRule['period'];
  periodKey: string;
  limitUsd: number;
  mode: BudgetRule['mode'];
  /** Settled spend of the period when the alert was raised. */
  spentUsd: number;
  /** The key whose request went over. */
  keyId: string;
  runId?: string;
  capability?: string;
  at: string;
}

export interface BudgetAlertDetails {
  runId?: string;
  capability?: string;
}

export class BudgetAlerts {
  private readonly lastRaised = new Map<string, number>();

  constructor(
    private readonly options: {
      pubSub: AppPubSub;
      budgetStore: BudgetStore;
      logger: Logger;
      /** Minimum time between two alerts for the same budget and period (per instance). Default 60 s. */
      minIntervalMs?: number;
    },
  ) {}

  /** Never throws and never waits: the request that went over is not slowed down. */
  raise(principal: Principal, rules: readonly BudgetRule[], details: BudgetAlertDetails = {}): void {
    const now = new Date();
    for (const rule of rules) {
      if (rule.mode !== 'SOFT') continue;
      const key = `${principal.orgId}|${rule.scope}|${rule.target}|${periodKey(rule.period, now)}`;
      const last = this.lastRaised.get(key);
      if (last !== undefined && now.getTime() - last < (this.options.minIntervalMs ?? 60_000)) continue;
      this.lastRaised.set(key, now.getTime());
      if (this.lastRaised.size > 10_000)
        this.lastRaised.delete(this.lastRaised.keys().next().value as string);
      void this.publish(principal, rule, details, now).catch((error: unknown) =>
        this.options.logger.error(
          { err: error, scope: rule.scope, target: rule.target },
          'budget alert failed',
        ),
      );
    }
  }

  private async publish(
    principal: Principal,
    rule: BudgetRule,
    details: BudgetAlertDetails,
    now: Date,
  ): Promise<void> {
    const { spentUsd } = await this.options.budgetStore.spent(rule, now);
    const teamId = rule.scope === 'TEAM' ? rule.target : rule.scope === 'KEY' ? principal.teamId : undefined;
    const payload: BudgetAlertPayload = {
      orgId: principal.orgId,
      ...(teamId ? { teamId } : {}),
      scope: rule.scope,
      target: rule.target,
      period: rule.period,
      periodKey: periodKey(rule.period, now),
      limitUsd: rule.limitUsd,
      mode: rule.mode,
      spentUsd,
      keyId: principal.id,
      ...details,
      at: now.toISOString(),
    };
    this.options.logger.warn({ budget: payload }, 'SOFT budget exceeded');
    this.options.pubSub.publish(BUDGET_ALERT_TOPIC, payload);
  }
}

/** Who sees an alert: org ADMINs of its org; everyone else only their own team's. */
export function canSeeBudgetAlert(
  principal: Principal,
  payload: BudgetAlertPayload,
  isAdmin: boolean,
): boolean {
  if (payload.orgId !== principal.orgId) return false;
  return isAdmin || (payload.teamId !== undefined && payload.teamId === principal.teamId);
}
