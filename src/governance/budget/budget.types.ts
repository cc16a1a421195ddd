import type { CalendarPeriod } from '../period.js';

export type BudgetScope = 'ORG' | 'TEAM' | 'KEY';

/**
 * - `HARD`: a request whose estimated cost would take the period's spend (plus what is reserved
 *   by requests in flight) over the limit is rejected with `BudgetExceededError`.
 * - `SOFT`: the request goes ahead; the reservation lists the rule in `softExceeded`, so the caller
 *   flags the usage and raises an alert.
 */
export type BudgetMode = 'HARD' | 'SOFT';

/** One configured budget: at most `limitUsd` per UTC calendar day or month for one org, team or key. */
export interface BudgetRule {
  scope: BudgetScope;
  /** The org, team or API key id the budget applies to. */
  target: string;
  /** US dollars per period; amounts are kept as integer micro-dollars, so finer precision is rounded. */
  limitUsd: number;
  period: CalendarPeriod;
  mode: BudgetMode;
}

/** The counter of one (scope, target, period) for one calendar period, e.g. TEAM t1 on 2026-11-22. */
export interface BudgetBucket {
  scope: BudgetScope;
  target: string;
  period: CalendarPeriod;
  /** `YYYY-MM-DD` (DAILY) or `YYYY-MM` (MONTHLY), in UTC. */
  periodKey: string;
  /** When the counter may be dropped: the end of the period plus the store's retention. */
  expiresAt: Date;
}

/**
 * Money held for one request on every bucket its rules touch. The buckets are fixed at reserve
 * time, so a call that starts before midnight UTC and ends after it is charged to the period it
 * started in. Settle or release it exactly once; later calls with the same object are no-ops.
 */
export interface Reservation {
  readonly id: string;
  /** The estimate held on every bucket, in integer micro-dollars. */
  readonly estimateMicros: number;
  readonly buckets: readonly BudgetBucket[];
  /** SOFT rules this request takes (or keeps) over their limit. Empty when none. */
  readonly softExceeded: readonly BudgetRule[];
  /**
   * What the tightest HARD rule has left after this reservation, in integer micro-dollars; absent
   * when no HARD rule applies. The request may spend its estimate plus this much without taking
   * that budget over its limit (the cap on `max_tokens` is derived from it).
   */
  readonly hardHeadroomMicros?: number;
  /**
   * After this instant an unsettled reservation (its process crashed, say) is purged and its money
   * freed by the next operation on the same bucket. A later settle still books the actual cost.
   */
  readonly expiresAt: Date;
}

export interface BudgetSpend {
  /** Settled cost in the current period, in US dollars. */
  spentUsd: number;
  /** Cost held by reservations in flight (not yet settled, released or expired), in US dollars. */
  reservedUsd: number;
}

/**
 * Budget enforcement across instances. Atomic: a reservation either holds its estimate on every
 * bucket its rules touch, or on none (and then a HARD rule was in the way).
 */
export interface BudgetStore {
  /**
   * Holds `estimateUsd` on every bucket of `rules` for the periods containing `now`, after checking
   * every HARD rule: spent + reserved + estimate ≤ limit. Throws `BudgetExceededError` naming the
   * first HARD rule that fails; nothing is held then. Rules with the same scope, target and period
   * share one bucket.
   */
  reserve(rules: readonly BudgetRule[], estimateUsd: number, now?: Date): Promise<Reservation>;
  /** Books the actual cost of a finished call: reserved −= estimate, spent += actual. */
  settle(reservation: Reservation, actualUsd: number): Promise<void>;
  /** Gives the estimate back after a call that failed before it cost anything: reserved −= estimate. */
  release(reservation: Reservation): Promise<void>;
  /** Spend of the rule's bucket for the period containing `now`. */
  spent(rule: BudgetRule, now?: Date): Promise<BudgetSpend>;
}
