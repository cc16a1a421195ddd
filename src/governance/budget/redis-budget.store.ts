/**
 * Budgets in Redis, shared by every instance. Reserve, settle and release are one Lua script each
 * (see redis-budget.scripts.ts), so the all-or-nothing check across scopes is atomic.
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
import { LuaScript, READ_SCRIPT, RESERVE_SCRIPT, SETTLE_SCRIPT } from './redis-budget.scripts.js';

export interface RedisBudgetStoreOptions extends BudgetStoreOptions {
  redis: Redis;
  /**
   * Prepended to every key, e.g. `capgate:`. On Redis Cluster it must hold a hash tag
   * (`capgate:{budget}:`): one script touches the keys of several scopes, which must share a slot.
   */
  keyPrefix: string;
}

const reserveScript = new LuaScript(RESERVE_SCRIPT);
const settleScript = new LuaScript(SETTLE_SCRIPT);
const readScript = new LuaScript(READ_SCRIPT);

export class RedisBudgetStore implements BudgetStore {
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly reservationTtlMs: number;
  private readonly retainAfterPeriodMs: number;
  private readonly finished = new WeakSet<Reservation>();

  constructor(options: RedisBudgetStoreOptions) {
    this.redis = options.redis;
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

    const args: (string | number)[] = [
      now.getTime(),
      estimateMicros,
      memberOf(id, estimateMicros),
      expiresAt.getTime(),
    ];
    for (const bucket of buckets) args.push(unixSeconds(bucket));
    for (const check of checks)
      args.push(check.bucketIndex + 1, check.limitMicros, check.rule.mode === 'HARD' ? 1 : 0);

    const result = await reserveScript.run(this.redis, this.keysOf(buckets), args);
    const [status = 0, ...rest] = result as number[];
    if (status === 0) {
      const [failed = 1, usedMicros = 0] = rest;
      const check = checks[failed - 1];
      if (check === undefined) throw new Error(`Budget script named an unknown rule ${failed}`);
      throw budgetExceededError(check.rule, usedMicros, estimateMicros);
    }
    const [headroom = -1, ...soft] = rest;
    const softExceeded = soft.flatMap((index) => checks[index - 1]?.rule ?? []);
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
    const result = await readScript.run(this.redis, this.keysOf(buckets), [now.getTime()]);
    const [spent, reserved] = result as (string | null)[];
    return { spentUsd: microsToUsd(Number(spent ?? 0)), reservedUsd: microsToUsd(Number(reserved ?? 0)) };
  }

  private async finish(reservation: Reservation, actualMicros: number): Promise<void> {
    if (this.finished.has(reservation) || reservation.buckets.length === 0) return;
    this.finished.add(reservation);
    const args: (string | number)[] = [
      memberOf(reservation.id, reservation.estimateMicros),
      reservation.estimateMicros,
      actualMicros,
    ];
    for (const bucket of reservation.buckets) args.push(unixSeconds(bucket));
    try {
      await settleScript.run(this.redis, this.keysOf(reservation.buckets), args);
    } catch (error) {
      this.finished.delete(reservation);
      throw error;
    }
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
