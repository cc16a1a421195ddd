/**
 * Budgets in Redis, shared by every instance. Reserve, settle and read run the budget scripts of
 * redis-budget.scripts.ts (the same ones as the one-round-trip admission), so the all-or-nothing
 * check across scopes is atomic. With a `rebuild`, counters Redis lost are rebuilt from the usage
 * records before they are used again (budget-rebuild.ts); meanwhile calls fail closed.
 *
 * Crashed processes: every reservation is also a member of its bucket's sorted set, scored by its
 * expiry. Each reserve (and read) first purges the expired members of the buckets it touches and
 * takes their estimates off `reserved`. That keeps the cleanup inside the script that needs a
 * correct `reserved` (no sweeper process to run, no window in which a stale hold blocks a budget
 * longer than the TTL), costs one ZRANGEBYSCORE on an index that holds only requests in flight,
 * and lets settle tell a live reservation from a purged one (ZREM returns 0), so money is never
 * freed twice.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  bucketId,
  budgetExceededError,
  DEFAULT_RESERVATION_TTL_MS,
  DEFAULT_RETAIN_AFTER_PERIOD_MS,
  microsToUsd,
  planBudget,
  usdToMicros,
  type BudgetStoreOptions,
} from './budget-plan.js';
import type { BudgetBucket, BudgetRule, BudgetSpend, BudgetStore, Reservation } from './budget.types.js';
import type { BudgetRebuild } from './budget-rebuild.js';
import { ADMIT_SCRIPT, LuaScript, READ_SCRIPT, SETTLE_SCRIPT } from './redis-budget.scripts.js';

export interface RedisBudgetStoreOptions extends BudgetStoreOptions {
  redis: Redis;
  /**
   * Prepended to every key, e.g. `capgate:`. On Redis Cluster it must hold a hash tag
   * (`capgate:{budget}:`): one script touches the keys of several scopes, which must share a slot.
   */
  keyPrefix: string;
  /** Detects counters Redis lost and rebuilds them from usage (without it, empty counters count from zero). */
  rebuild?: BudgetRebuild;
}

const reserveScript = new LuaScript(ADMIT_SCRIPT);
const settleScript = new LuaScript(SETTLE_SCRIPT);
const readScript = new LuaScript(READ_SCRIPT);

export class RedisBudgetStore implements BudgetStore {
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly reservationTtlMs: number;
  private readonly retainAfterPeriodMs: number;
  private readonly finished = new WeakSet<Reservation>();
  private readonly rebuild: BudgetRebuild | undefined;

  constructor(options: RedisBudgetStoreOptions) {
    this.redis = options.redis;
    this.rebuild = options.rebuild;
    this.keyPrefix = options.keyPrefix;
    this.reservationTtlMs = options.reservationTtlMs ?? DEFAULT_RESERVATION_TTL_MS;
    this.retainAfterPeriodMs = options.retainAfterPeriodMs ?? DEFAULT_RETAIN_AFTER_PERIOD_MS;
  }

  async reserve(rules: readonly BudgetRule[], estimateUsd: number, now = new Date()): Promise<Reservation> {
    const estimateMicros = usdToMicros(estimateUsd, 'estimateUsd');
    const { buckets, checks } = planBudget(rules, now, this.retainAfterPeriodMs);
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + this.reservationTtlMs);
    if (buckets.length === 0) return { id, estimateMicros, buckets, softExceeded: [], expiresAt };

    // The admission script with no rate-limit charges.
    const args: (string | number)[] = [
      buckets.length,
      0,
      this.rebuild ? 1 : 0,
      now.getTime(),
      estimateMicros,
      memberOf(id, estimateMicros),
      expiresAt.getTime(),
    ];
    for (const bucket of buckets) args.push(unixSeconds(bucket));
    for (const check of checks)
      args.push(check.bucketIndex + 1, check.limitMicros, check.rule.mode === 'HARD' ? 1 : 0);

    const run = () => reserveScript.run(this.redis, this.withEpoch(this.keysOf(buckets)), args);
    let result = (await run()) as number[];
    if (result[0] === 3 && this.rebuild) {
      await this.rebuild.recover();
      result = (await run()) as number[];
      if (result[0] === 3) throw this.rebuild.unavailable();
    }
    const [status = 0, ...rest] = result;
    if (status === 0) {
      const [failed = 1, usedMicros = 0] = rest;
      const check = checks[failed - 1];
      if (check === undefined) throw new Error(`Budget script named an unknown rule ${failed}`);
      throw budgetExceededError(check.rule, usedMicros, estimateMicros);
    }
    const [headroom = -1, softCount = 0, ...soft] = rest;
    const softExceeded = soft.slice(0, softCount).flatMap((index) => checks[index - 1]?.rule ?? []);
    return {
      id,
      estimateMicros,
      buckets,
      softExceeded,
      expiresAt,
      ...(headroom >= 0 ? { hardHeadroomMicros: headroom } : {}),
    };
  }

  async settle(reservation: Reservation, actualUsd: number): Promise<void> {
    await this.finish(reservation, usdToMicros(actualUsd, 'actualUsd'));
  }

  async release(reservation: Reservation): Promise<void> {
    await this.finish(reservation, 0);
  }

  async spent(rule: BudgetRule, now = new Date()): Promise<BudgetSpend> {
    const { buckets } = planBudget([rule], now, this.retainAfterPeriodMs);
    const read = () =>
      readScript.run(this.redis, this.withEpoch(this.keysOf(buckets)), [now.getTime(), this.rebuild ? 1 : 0]);
    let result = (await read()) as [number, (string | null)?, (string | null)?];
    if (result[0] === 3 && this.rebuild) {
      await this.rebuild.recover();
      result = (await read()) as [number, (string | null)?, (string | null)?];
      if (result[0] === 3) throw this.rebuild.unavailable();
    }
    const [, spent, reserved] = result;
    return { spentUsd: microsToUsd(Number(spent ?? 0)), reservedUsd: microsToUsd(Number(reserved ?? 0)) };
  }

  private async finish(reservation: Reservation, actualMicros: number): Promise<void> {
    if (this.finished.has(reservation) || reservation.buckets.length === 0) return;
    this.finished.add(reservation);
    // The settlement script with one run and no token counters.
    const args: (string | number)[] = [
      1,
      this.rebuild ? 1 : 0,
      reservation.buckets.length,
      0,
      memberOf(reservation.id, reservation.estimateMicros),
      reservation.estimateMicros,
      actualMicros,
    ];
    for (const bucket of reservation.buckets) args.push(unixSeconds(bucket));
    args.push(0, 0);
    try {
      await settleScript.run(this.redis, this.withEpoch(this.keysOf(reservation.buckets)), args);
    } catch (error) {
      this.finished.delete(reservation);
      throw error;
    }
  }

  private withEpoch(keys: string[]): string[] {
    return this.rebuild ? [...keys, this.rebuild.epochKey] : keys;
  }

  /** Per bucket: its totals hash, then its reservations sorted set. */
  private keysOf(buckets: readonly BudgetBucket[]): string[] {
    return buckets.flatMap((bucket) => {
      const totals = `${this.keyPrefix}budget:${bucketId(bucket)}`;
      return [totals, `${totals}:reservations`];
    });
  }
}

function memberOf(reservationId: string, estimateMicros: number): string {
  return `${reservationId}:${estimateMicros}`;
}

function unixSeconds(bucket: BudgetBucket): number {
  return Math.ceil(bucket.expiresAt.getTime() / 1000);
}
