/**
 * Rebuilds the budget spend counters from the usage records in MongoDB when Redis has lost them
 * (restarted empty, flushed, a key evicted). Redis holds one epoch key per database: `ready` while
 * the counters are complete. When it is missing, the admission script answers "not ready" (status
 * 3) instead of admitting against empty counters, and the caller comes here:
 *
 * 1. One instance takes the rebuild lock (SET NX PX); the others answer GOVERNANCE_UNAVAILABLE
 *    (retryable) at once: budgets fail closed, never open, while they are rebuilt.
 * 2. The holder resets the `spent` of every bucket of the configured budget rules (current periods)
 *    and sets the epoch to `rebuilding:<cutoff>`. From then on settlements book their spend again;
 *    before it (epoch missing) they did not, their usage records carry the cost instead.
 * 3. It waits `graceMs` for the usage records still on their way to MongoDB (in-process buffers
 *    flushed every second, records replayed from instances' memory after the usage stream was lost,
 *    the stream drained every 200 ms), then sums per bucket the `costUsd` of the usage records with
 *    `at` in [period start, cutoff) (`$match` + `$group`/`$sum`, portable to FerretDB).
 * 4. It adds those sums to the buckets and marks the epoch `ready` (one script, checked against the
 *    lock token and the epoch value, so a second rebuilder or a second loss cannot double-count).
 *
 * What is not guaranteed: a usage record that reaches MongoDB more than `graceMs` after the cutoff
 * (MongoDB down for longer, say) is left out of the rebuilt spend; a run is counted in the period of
 * its usage record's `at` (when it ended), not the one its reservation started in; a budget created
 * during the period counts spend since the period's start after a rebuild (from its creation
 * before); a record within the clock skew between instances of the cutoff may be counted twice or
 * not at all.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ServiceUnavailableError } from '../../errors/service-unavailable.js';
import type { Logger } from '../../infra/logger.js';
import type { UsageRepository } from '../../store/repos/usage.repo.js';
import { periodStart } from '../period.js';
import { bucketId, DEFAULT_RETAIN_AFTER_PERIOD_MS, MICROS_PER_USD, planBudget } from './budget-plan.js';
import type { BudgetBucket, BudgetRule, BudgetScope } from './budget.types.js';
import { BEGIN_REBUILD_SCRIPT, FINISH_REBUILD_SCRIPT, LuaScript } from './redis-budget.scripts.js';

const beginScript = new LuaScript(BEGIN_REBUILD_SCRIPT);
const finishScript = new LuaScript(FINISH_REBUILD_SCRIPT);

/** The usage cost of one scope target in [from, to). */
export interface SpendQuery {
  scope: BudgetScope;
  target: string;
  from: Date;
  to: Date;
}

/** Sums usage cost per query, in integer micro-dollars (same order as the queries). */
export type UsageSpend = (queries: readonly SpendQuery[]) => Promise<number[]>;

export interface BudgetRebuildOptions {
  redis: Redis;
  /** The budget key prefix (`capgate:{budget}:`): the epoch and lock share the buckets' hash tag. */
  keyPrefix: string;
  /** The MongoDB database whose usage records rebuild the counters (part of the epoch key). */
  database: string;
  /** Every configured budget rule (all orgs). */
  rules: () => readonly BudgetRule[];
  usageSpend: UsageSpend;
  logger: Logger;
  /** How long usage records on their way to MongoDB are waited for. Default 3 s. */
  graceMs?: number;
  /** How long a caller that started the rebuild waits for it before answering unavailable. Default 250 ms. */
  waitMs?: number;
}

const FIELD_OF_SCOPE: Record<BudgetScope, 'orgId' | 'teamId' | 'keyId'> = {
  ORG: 'orgId',
  TEAM: 'teamId',
  KEY: 'keyId',
};

export class BudgetRebuild {
  readonly epochKey: string;
  private readonly lockKey: string;
  private readonly graceMs: number;
  private readonly waitMs: number;
  private running: Promise<boolean> | undefined;

  constructor(private readonly options: BudgetRebuildOptions) {
    this.epochKey = `${options.keyPrefix}budget:epoch:${options.database}`;
    this.lockKey = `${options.keyPrefix}budget:rebuild:${options.database}`;
    this.graceMs = options.graceMs ?? 3000;
    this.waitMs = options.waitMs ?? 250;
  }

  /**
   * At startup: counters never marked ready (a new deployment, or Redis lost them) are rebuilt
   * before the instance serves (at once when no budget is configured; after the grace otherwise).
   * Never throws: a rebuild that fails or runs elsewhere is left to the first budgeted request.
   */
  async start(): Promise<void> {
    try {
      if ((await this.options.redis.get(this.epochKey)) === 'ready') return;
      await Promise.race([
        this.ensure(),
        new Promise((resolve) => setTimeout(resolve, this.graceMs + 5000).unref()),
      ]);
    } catch {
      // Redis unreachable at startup: the outage policy applies until it is back.
    }
  }

  /**
   * Called when a script said the counters are not ready: starts the rebuild on this instance unless
   * one runs here, waits `waitMs` for it, and throws GOVERNANCE_UNAVAILABLE if they are still not
   * ready (the caller retries once otherwise).
   */
  async recover(): Promise<void> {
    const ready = await Promise.race([
      this.ensure(),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), this.waitMs).unref()),
    ]);
    if (!ready) throw this.unavailable();
  }

  unavailable(): ServiceUnavailableError {
    return new ServiceUnavailableError(
      'GOVERNANCE_UNAVAILABLE',
      'Budgets are being rebuilt from the usage records (their counters were lost); retry shortly.',
    );
  }

  /** The rebuild in progress on this instance, or a new attempt; true once the counters are ready. */
  private ensure(): Promise<boolean> {
    this.running ??= this.rebuild()
      .catch((error: unknown) => {
        this.options.logger.warn({ err: error }, 'budget spend rebuild failed; the next request retries it');
        return false;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async rebuild(): Promise<boolean> {
    const { redis, logger } = this.options;
    const token = randomUUID();
    const lockMs = Math.max(30_000, this.graceMs * 4);
    if ((await redis.set(this.lockKey, token, 'PX', lockMs, 'NX')) !== 'OK') return false;
    const started = Date.now();
    try {
      const now = new Date();
      const rules = this.options.rules();
      const { buckets } = planBudget(rules, now, DEFAULT_RETAIN_AFTER_PERIOD_MS);
      const totals = buckets.map((bucket) => `${this.options.keyPrefix}budget:${bucketId(bucket)}`);
      const begun = (await beginScript.run(
        redis,
        [this.epochKey, this.lockKey, ...totals],
        [token, now.getTime(), ...buckets.map(unixSeconds)],
      )) as [number, string?];
      if (begun[0] === 2) return true;
      if (begun[0] !== 1) return false;
      const cutoff = new Date(Number(begun[1]));
      if (buckets.length > 0) {
        logger.warn({ buckets: buckets.length }, 'budget counters lost by Redis: rebuilding them from usage');
        const wait = cutoff.getTime() + this.graceMs - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const micros = await this.options.usageSpend(
        buckets.map((bucket) => ({
          scope: bucket.scope,
          target: bucket.target,
          from: periodStart(bucket.period, cutoff),
          to: cutoff,
        })),
      );
      const args: (string | number)[] = [token, `rebuilding:${cutoff.getTime()}`];
      buckets.forEach((bucket, index) => args.push(micros[index] ?? 0, unixSeconds(bucket)));
      const finished = await finishScript.run(redis, [this.epochKey, this.lockKey, ...totals], args);
      if (finished !== 1) return false;
      if (buckets.length > 0)
        logger.warn(
          { buckets: buckets.length, ms: Date.now() - started },
          'budget counters rebuilt from usage records',
        );
      return true;
    } finally {
      // Free the lock if it is still ours (the finish script frees it on success).
      await redis
        .eval(
          "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
          1,
          this.lockKey,
          token,
        )
        .catch(() => {});
    }
  }
}

/**
 * The `UsageSpend` of the stored usage events: one cost sum per distinct [from, to) window (one per
 * period among the rules), per (org, team, key), added up per scope target.
 */
export function storedUsageSpend(usage: Pick<UsageRepository, 'costByOwner'>): UsageSpend {
  return async (queries) => {
    const windows = new Map<string, SpendQuery[]>();
    for (const query of queries) {
      const id = `${query.from.getTime()}-${query.to.getTime()}`;
      windows.set(id, [...(windows.get(id) ?? []), query]);
    }
    const sums = new Map<SpendQuery, number>();
    for (const group of windows.values()) {
      const { from, to } = group[0]!;
      const targets = (scope: BudgetScope) => [
        ...new Set(group.filter((query) => query.scope === scope).map((query) => query.target)),
      ];
      const rows = await usage.costByOwner(from, to, {
        orgIds: targets('ORG'),
        teamIds: targets('TEAM'),
        keyIds: targets('KEY'),
      });
      for (const query of group) {
        const field = FIELD_OF_SCOPE[query.scope];
        const cost = rows
          .filter((row) => row[field] === query.target)
          .reduce((sum, row) => sum + row.costUsd, 0);
        sums.set(query, cost);
      }
    }
    return queries.map((query) => Math.round((sums.get(query) ?? 0) * MICROS_PER_USD));
  };
}

function unixSeconds(bucket: BudgetBucket): number {
  return Math.ceil(bucket.expiresAt.getTime() / 1000);
}
