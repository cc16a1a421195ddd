/**
 * What both budget stores share: money conversion, the buckets and checks a set of rules makes for
 * one instant, and the error a failed HARD check becomes.
 */
import { BudgetExceededError } from '../../errors/app-error.js';
import { periodEnd, periodKey } from '../period.js';
import type { BudgetBucket, BudgetRule } from './budget.types.js';

export const MICROS_PER_USD = 1_000_000;

export const DEFAULT_RESERVATION_TTL_MS = 15 * 60_000;
export const DEFAULT_RETAIN_AFTER_PERIOD_MS = 24 * 3_600_000;

export interface BudgetStoreOptions {
  /**
   * How long an unsettled reservation holds its money. Longer than the slowest call you allow
   * (a call that outlives it is still booked at settle, but the budget was briefly under-counted).
   * Default 15 minutes.
   */
  reservationTtlMs?: number;
  /** How long counters stay after their period ends, for late settles and reporting. Default 24 hours. */
  retainAfterPeriodMs?: number;
}

/** Rounds US dollars to integer micro-dollars. Rejects negative and non-finite amounts. */
export function usdToMicros(usd: number, what: string): number {
  if (!Number.isFinite(usd) || usd < 0)
    throw new RangeError(`${what} must be a finite, non-negative amount of USD`);
  return Math.round(usd * MICROS_PER_USD);
}

export function microsToUsd(micros: number): number {
  return micros / MICROS_PER_USD;
}

export interface BudgetCheck {
  rule: BudgetRule;
  /** Index into `BudgetPlan.buckets`. */
  bucketIndex: number;
  limitMicros: number;
}

export interface BudgetPlan {
  /** One per distinct (scope, target, period), in the order the rules first name them. */
  buckets: BudgetBucket[];
  /** One per rule, in rule order. */
  checks: BudgetCheck[];
}

/** The buckets and checks of `rules` at `now`; buckets expire `retainAfterPeriodMs` after their period. */
export function planBudget(rules: readonly BudgetRule[], now: Date, retainAfterPeriodMs: number): BudgetPlan {
  const buckets: BudgetBucket[] = [];
  const indexOf = new Map<string, number>();
  const checks = rules.map((rule): BudgetCheck => {
    const key = periodKey(rule.period, now);
    const id = `${rule.scope}:${rule.target}:${key}`;
    let bucketIndex = indexOf.get(id);
    if (bucketIndex === undefined) {
      bucketIndex = buckets.length;
      indexOf.set(id, bucketIndex);
      const expiresAt = new Date(periodEnd(rule.period, now).getTime() + retainAfterPeriodMs);
      buckets.push({
        scope: rule.scope,
        target: rule.target,
        period: rule.period,
        periodKey: key,
        expiresAt,
      });
    }
    return { rule, bucketIndex, limitMicros: usdToMicros(rule.limitUsd, 'limitUsd') };
  });
  return { buckets, checks };
}

/**
 * A bucket's storage id, `SCOPE:target:periodKey`. The period key is last and never holds a colon,
 * so ids of different buckets cannot collide whatever the target contains.
 */
export function bucketId(bucket: BudgetBucket): string {
  return `${bucket.scope}:${bucket.target}:${bucket.periodKey}`;
}

export function budgetExceededError(
  rule: BudgetRule,
  usedMicros: number,
  estimateMicros: number,
): BudgetExceededError {
  const leftMicros = Math.max(0, usdToMicros(rule.limitUsd, 'limitUsd') - usedMicros);
  const period = rule.period === 'DAILY' ? 'daily' : 'monthly';
  return new BudgetExceededError(
    `Budget exceeded: the ${period} budget of ${rule.scope} "${rule.target}" (${formatUsd(rule.limitUsd)}) has ` +
      `${formatUsd(microsToUsd(leftMicros))} left, and this request is estimated at ${formatUsd(microsToUsd(estimateMicros))}.`,
    { extensions: { scope: rule.scope, target: rule.target, period: rule.period, limitUsd: rule.limitUsd } },
  );
}

function formatUsd(usd: number): string {
  return usd >= 1 || usd === 0 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(6).replace(/0{1,4}$/, '')}`;
}
