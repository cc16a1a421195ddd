/**
 * Budgets and rate limits as the request path sees them: every rule of every org held in memory,
 * indexed by (org, scope, target), so `rulesFor(principal)` is synchronous and never reads MongoDB.
 * Writes reload this instance and publish `GOVERNANCE_SETTINGS_CHANGED` so every instance reloads;
 * a periodic refresh catches a missed message.
 */
import type { Logger } from '../../infra/logger.js';
import { listen, type AppPubSub } from '../../infra/pubsub.js';
import type { BudgetRecord } from '../../store/models/budget.model.js';
import type { BudgetRepository } from '../../store/repos/budget.repo.js';
import type { RateLimitRepository } from '../../store/repos/rate-limit.repo.js';
import type { Principal } from '../auth/principal.js';
import type { BudgetRule, BudgetScope } from '../budget/budget.types.js';
import type { RateLimitRule } from '../rate-limit/rate-limit.types.js';
import { Topic } from '../../infra/topics.js';

export const GOVERNANCE_SETTINGS_CHANGED = Topic.governanceSettingsChanged;

export interface PrincipalRules {
  budgetRules: BudgetRule[];
  rateLimitRules: RateLimitRule[];
}

interface Snapshot {
  budgets: Map<string, BudgetRule[]>;
  rateLimits: Map<string, RateLimitRule>;
}

const indexKey = (orgId: string, scope: BudgetScope, targetId: string) =>
  `${orgId}\u0000${scope}\u0000${targetId}`;

export class GovernanceSettings {
  private snapshot: Snapshot = { budgets: new Map(), rateLimits: new Map() };
  private reloading: Promise<void> | undefined;
  private stopListening: (() => void) | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      budgets: Pick<BudgetRepository, 'all'>;
      rateLimits: Pick<RateLimitRepository, 'all'>;
      pubSub: AppPubSub;
      logger: Logger;
      refreshIntervalMs?: number;
    },
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.stopListening = listen(
      this.options.pubSub,
      GOVERNANCE_SETTINGS_CHANGED,
      () => this.reload(),
      (error) => this.options.logger.error({ err: error }, 'governance settings reload failed'),
    );
    this.refreshTimer = setInterval(() => {
      this.reload().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'governance settings refresh failed'),
      );
    }, this.options.refreshIntervalMs ?? 30_000);
    this.refreshTimer.unref();
  }

  stop(): void {
    this.stopListening?.();
    clearInterval(this.refreshTimer);
  }

  /**
   * The budget and rate-limit rules that apply to a request of `principal`: those of its org, its
   * team (by id) and its key (by id). Rule targets are ids, as `BudgetRule.target` documents.
   */
  rulesFor(principal: Pick<Principal, 'orgId' | 'teamId' | 'id'>): PrincipalRules {
    const keys = [
      indexKey(principal.orgId, 'ORG', principal.orgId),
      indexKey(principal.orgId, 'TEAM', principal.teamId),
      indexKey(principal.orgId, 'KEY', principal.id),
    ];
    const budgetRules = keys.flatMap((key) => this.snapshot.budgets.get(key) ?? []);
    const rateLimitRules = keys.flatMap((key) => this.snapshot.rateLimits.get(key) ?? []);
    return { budgetRules, rateLimitRules };
  }

  /** Every budget rule of every org (the spend rebuild needs them all). */
  allBudgetRules(): BudgetRule[] {
    return [...this.snapshot.budgets.values()].flat();
  }

  /** After a write: reload here and tell the other instances. */
  async changed(): Promise<void> {
    await this.reload();
    this.options.pubSub.publish(GOVERNANCE_SETTINGS_CHANGED, Date.now());
  }

  /** Loads every rule; bursts of invalidations coalesce, and a load always follows the last one. */
  async reload(): Promise<void> {
    const previous = this.reloading;
    const next = (async () => {
      await previous?.catch(() => {});
      this.snapshot = await this.load();
    })();
    this.reloading = next;
    await next;
  }

  private async load(): Promise<Snapshot> {
    const [budgetRecords, rateLimitRecords] = await Promise.all([
      this.options.budgets.all(),
      this.options.rateLimits.all(),
    ]);
    const budgets = new Map<string, BudgetRule[]>();
    for (const record of budgetRecords) {
      const key = indexKey(record.orgId, record.scope, record.targetId);
      const rule = budgetRuleOf(record);
      budgets.set(key, [...(budgets.get(key) ?? []), rule]);
    }
    const rateLimits = new Map<string, RateLimitRule>();
    for (const record of rateLimitRecords) {
      if (record.requestsPerMinute == null && record.tokensPerMinute == null) continue;
      rateLimits.set(indexKey(record.orgId, record.scope, record.targetId), {
        scope: record.scope,
        target: record.targetId,
        requestsPerMinute: record.requestsPerMinute,
        tokensPerMinute: record.tokensPerMinute,
      });
    }
    return { budgets, rateLimits };
  }
}

/** The rule a stored budget enforces (targets are ids). */
export function budgetRuleOf(record: BudgetRecord): BudgetRule {
  return {
    scope: record.scope,
    target: record.targetId,
    limitUsd: record.limitUsd,
    period: record.period,
    mode: record.mode,
  };
}
