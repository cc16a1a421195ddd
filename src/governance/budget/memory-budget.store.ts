/**
 * Budgets in process memory, for single-instance mode: the same semantics as the Redis store
 * (atomic all-or-nothing reserve, purge of expired reservations on the buckets a call touches,
 * counters dropped after their period), made atomic by doing each operation synchronously.
 */
import { randomUUID } from 'node:crypto';
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

interface Counter {
  spentMicros: number;
  reservedMicros: number;
  /** Reservations in flight: id → estimate and expiry. Insertion order is expiry order (one TTL). */
  reservations: Map<string, { micros: number; expiresAtMs: number }>;
  expiresAtMs: number;
}

const SWEEP_INTERVAL_MS = 60_000;

export class MemoryBudgetStore implements BudgetStore {
  private readonly counters = new Map<string, Counter>();
  private readonly finished = new WeakSet<Reservation>();
  private readonly reservationTtlMs: number;
  private readonly retainAfterPeriodMs: number;
  private nextSweepAtMs = 0;

  constructor(options: BudgetStoreOptions = {}) {
    this.reservationTtlMs = options.reservationTtlMs ?? DEFAULT_RESERVATION_TTL_MS;
    this.retainAfterPeriodMs = options.retainAfterPeriodMs ?? DEFAULT_RETAIN_AFTER_PERIOD_MS;
  }

  async reserve(rules: readonly BudgetRule[], estimateUsd: number, now = new Date()): Promise<Reservation> {
    const estimateMicros = usdToMicros(estimateUsd, 'estimateUsd');
    const nowMs = now.getTime();
    this.sweepExpiredCounters(nowMs);
    const { buckets, checks } = planBudget(rules, now, this.retainAfterPeriodMs);
    const counters = buckets.map((bucket) => this.counterOf(bucket, nowMs));
    const usedMicros = counters.map((counter) => counter.spentMicros + counter.reservedMicros);

    const softExceeded: BudgetRule[] = [];
    let hardHeadroomMicros: number | undefined;
    for (const { rule, bucketIndex, limitMicros } of checks) {
      const used = usedMicros[bucketIndex] ?? 0;
      const left = limitMicros - used - estimateMicros;
      if (rule.mode === 'HARD' && left >= 0) hardHeadroomMicros = Math.min(hardHeadroomMicros ?? left, left);
      if (left >= 0) continue;
      if (rule.mode === 'HARD') throw budgetExceededError(rule, used, estimateMicros);
      softExceeded.push(rule);
    }

    const id = randomUUID();
    const expiresAt = new Date(nowMs + this.reservationTtlMs);
    for (const counter of counters) {
      counter.reservedMicros += estimateMicros;
      counter.reservations.set(id, { micros: estimateMicros, expiresAtMs: expiresAt.getTime() });
    }
    return {
      id,
      estimateMicros,
      buckets,
      softExceeded,
      expiresAt,
      ...(hardHeadroomMicros !== undefined ? { hardHeadroomMicros } : {}),
    };
  }

  async settle(reservation: Reservation, actualUsd: number): Promise<void> {
    this.finish(reservation, usdToMicros(actualUsd, 'actualUsd'));
  }

  async release(reservation: Reservation): Promise<void> {
    this.finish(reservation, 0);
  }

  async spent(rule: BudgetRule, now = new Date()): Promise<BudgetSpend> {
    const [bucket] = planBudget([rule], now, this.retainAfterPeriodMs).buckets;
    const counter = bucket === undefined ? undefined : this.counters.get(bucketId(bucket));
    if (counter === undefined) return { spentUsd: 0, reservedUsd: 0 };
    purgeExpiredReservations(counter, now.getTime());
    return { spentUsd: microsToUsd(counter.spentMicros), reservedUsd: microsToUsd(counter.reservedMicros) };
  }

  private finish(reservation: Reservation, actualMicros: number): void {
    if (this.finished.has(reservation)) return;
    this.finished.add(reservation);
    for (const bucket of reservation.buckets) {
      const counter = this.counters.get(bucketId(bucket));
      if (counter === undefined) {
        if (actualMicros > 0) this.counterOf(bucket, Date.now()).spentMicros += actualMicros;
        continue;
      }
      const held = counter.reservations.get(reservation.id);
      if (held !== undefined) {
        counter.reservations.delete(reservation.id);
        counter.reservedMicros -= held.micros;
      }
      counter.spentMicros += actualMicros;
    }
  }

  private counterOf(bucket: BudgetBucket, nowMs: number): Counter {
    const id = bucketId(bucket);
    let counter = this.counters.get(id);
    if (counter === undefined) {
      counter = {
        spentMicros: 0,
        reservedMicros: 0,
        reservations: new Map(),
        expiresAtMs: bucket.expiresAt.getTime(),
      };
      this.counters.set(id, counter);
    } else {
      purgeExpiredReservations(counter, nowMs);
    }
    return counter;
  }

  /** Drops counters whose period (plus retention) is over; at most once a minute. */
  private sweepExpiredCounters(nowMs: number): void {
    if (nowMs < this.nextSweepAtMs) return;
    this.nextSweepAtMs = nowMs + SWEEP_INTERVAL_MS;
    for (const [id, counter] of this.counters) {
      if (counter.expiresAtMs <= nowMs) this.counters.delete(id);
    }
  }
}

function purgeExpiredReservations(counter: Counter, nowMs: number): void {
  for (const [id, held] of counter.reservations) {
    if (held.expiresAtMs > nowMs) return;
    counter.reservations.delete(id);
    counter.reservedMicros -= held.micros;
  }
}
