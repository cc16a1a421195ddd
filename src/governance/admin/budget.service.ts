/**
 * Budget settings: `setBudget`/`removeBudget` write MongoDB, refresh every instance's rule cache and
 * append an audit entry; `list` adds the current period's spend from the `BudgetStore`.
 */
import { BadUserInputError } from '../../errors/app-error.js';
import type { BudgetRecord } from '../../store/models/budget.model.js';
import type { BudgetRepository } from '../../store/repos/budget.repo.js';
import type { Store } from '../../store/store.js';
import type { AuditLog } from '../../usage/usage.types.js';
import type { Principal } from '../auth/principal.js';
import type { BudgetMode, BudgetRule, BudgetScope, BudgetStore } from '../budget/budget.types.js';
import { periodKey, type CalendarPeriod } from '../period.js';
import { budgetRuleOf, type GovernanceSettings } from './governance-settings.js';
import { isOrgAdmin } from './access.js';
import { announceSettingChange, resolveScopeTarget, targetLabel } from './scope-target.js';
import type { TeamService } from './team.service.js';

export interface BudgetInput {
  scope: BudgetScope;
  target: string;
  limitUsd: number;
  period: CalendarPeriod;
  mode: BudgetMode;
}

export interface BudgetView extends BudgetRule {
  id: string;
  targetId: string;
  teamId?: string;
  /** The current period, e.g. `2026-11-22` or `2026-11`. */
  periodKey: string;
  spentUsd: number;
  reservedUsd: number;
  /** limit − spent − reserved, never below 0: what new requests may still use this period. */
  remainingUsd: number;
  updatedAt: Date;
}

const MAX_LIMIT_USD = 1e9;

export class BudgetService {
  constructor(
    private readonly options: {
      budgets: BudgetRepository;
      store: Pick<Store, 'organizations' | 'apiKeys'>;
      teams: TeamService;
      settings: GovernanceSettings;
      budgetStore: BudgetStore;
      audit: AuditLog;
    },
  ) {}

  async set(principal: Principal, input: BudgetInput, requestId: string): Promise<BudgetView> {
    if (!Number.isFinite(input.limitUsd) || input.limitUsd < 0 || input.limitUsd > MAX_LIMIT_USD) {
      throw new BadUserInputError(`limitUsd must be between 0 and ${MAX_LIMIT_USD}.`);
    }
    const target = await resolveScopeTarget(
      principal,
      input.scope,
      input.target,
      this.options,
      'set budgets',
    );
    const id = `${principal.orgId}:${target.scope}:${target.targetId}:${input.period}`;
    const record = await this.options.budgets.upsert(
      {
        _id: id,
        orgId: principal.orgId,
        scope: target.scope,
        targetId: target.targetId,
        period: input.period,
        ...(target.teamId ? { teamId: target.teamId } : {}),
      },
      { limitUsd: input.limitUsd, mode: input.mode, updatedBy: principal.id },
    );
    await announceSettingChange(this.options, principal, target, {
      action: 'setBudget',
      summary: { ...input, targetId: target.targetId },
      requestId,
    });
    return this.view(record, target.label);
  }

  /** Removes the budget of (scope, target, period); false when there was none. */
  async remove(
    principal: Principal,
    input: Pick<BudgetInput, 'scope' | 'target' | 'period'>,
    requestId: string,
  ): Promise<boolean> {
    const target = await resolveScopeTarget(
      principal,
      input.scope,
      input.target,
      this.options,
      'remove budgets',
    );
    const removed = await this.options.budgets.delete(
      `${principal.orgId}:${target.scope}:${target.targetId}:${input.period}`,
    );
    await announceSettingChange(this.options, principal, target, {
      action: 'removeBudget',
      summary: { ...input, targetId: target.targetId, removed },
      requestId,
    });
    return removed;
  }

  /** Org ADMINs: every budget of the org. Others: the budgets of their team and its keys. */
  async list(principal: Principal, now = new Date()): Promise<BudgetView[]> {
    const records = await this.options.budgets.list(
      principal.orgId,
      isOrgAdmin(principal) ? undefined : principal.teamId,
    );
    const teamNames = await this.options.teams.namesOf(
      records.filter((record) => record.scope === 'TEAM').map((record) => record.targetId),
    );
    return Promise.all(
      records.map((record) => this.view(record, targetLabel(record.scope, record.targetId, teamNames), now)),
    );
  }

  private async view(record: BudgetRecord, label: string, now = new Date()): Promise<BudgetView> {
    const rule = budgetRuleOf(record);
    const { spentUsd, reservedUsd } = await this.options.budgetStore.spent(rule, now);
    return {
      ...rule,
      id: record._id,
      target: label,
      targetId: record.targetId,
      ...(record.teamId ? { teamId: record.teamId } : {}),
      periodKey: periodKey(record.period, now),
      spentUsd,
      reservedUsd,
      remainingUsd: Math.max(0, record.limitUsd - spentUsd - reservedUsd),
      updatedAt: record.updatedAt,
    };
  }
}
