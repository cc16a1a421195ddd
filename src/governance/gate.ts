/**
 * Admission for one run, on the request path: rate limits (requests now, tokens estimated then
 * corrected) and budgets (the estimated cost reserved atomically before the call, settled to the
 * actual cost after, released on failure). Rules come from an in-memory provider (no MongoDB read).
 */
import { isAppError, RateLimitedError } from '../errors/app-error.js';
import type { Principal } from './auth/principal.js';
import { MICROS_PER_USD, type BudgetRule, type BudgetStore, type Reservation } from './budget/index.js';
import type { RateLimiter, RateLimitRule } from './rate-limit/index.js';
import type { RateLimitStatus } from './rate-limit/rate-limit.types.js';
import type { RedisAdmission } from './redis-admission.js';

export interface GovernanceRules {
  budgetRules: BudgetRule[];
  rateLimitRules: RateLimitRule[];
}

/** Synchronous, served from a cache kept by the governance admin service. */
export type RulesProvider = (principal: Principal) => GovernanceRules;

export interface RunAdmission {
  /** SOFT budgets this run goes over (the run is allowed and flagged). */
  softExceeded: readonly BudgetRule[];
  /**
   * The most this run may cost without taking a HARD budget over its limit: its reserved estimate
   * plus what the tightest HARD budget has left after it. Absent when no HARD budget applies.
   */
  hardCeilingUsd?: number;
  /** The budget money held, if any rule applies (a lost run's lease carries it, to be released). */
  readonly reservation?: Reservation;
  /** The caller's rate-limit standing after this run was counted; absent when no rule applies. */
  readonly rateLimits?: RateLimitStatus;
  settle(actual: { tokens: number; costUsd: number }): Promise<void>;
  release(actualTokens: number): Promise<void>;
}

export class GovernanceGate {
  constructor(
    private readonly options: {
      budgets: BudgetStore;
      rateLimiter: RateLimiter;
      rules: () => RulesProvider;
      /**
       * With Redis: rate limits and the budget reservation in one script per request, settlements
       * batched per tick (`budgets` and `rateLimiter` must use the same Redis and key prefixes).
       */
      combined?: RedisAdmission;
      /** Told of every request a rate limit refuses (counted for `rateLimitHits`); must not throw. */
      onRateLimited?: (principal: Principal, error: RateLimitedError, capability: string | undefined) => void;
    },
  ) {}

  /**
   * Throws RateLimitedError or BudgetExceededError; otherwise holds the estimate until settled.
   * `budgets: false` admits on rate limits alone, for a run that costs nothing (a local model).
   * `capability` names what is admitted (the capability, or an operation such as `embeddings.create`)
   * for the rate-limit hit counts.
   */
  async admit(
    principal: Principal,
    estimate: { tokens: number; costUsd: number },
    options: { budgets?: boolean; capability?: string } = {},
  ): Promise<RunAdmission> {
    try {
      return await this.admitOnce(principal, estimate, options);
    } catch (error) {
      if (error instanceof RateLimitedError)
        this.options.onRateLimited?.(principal, error, options.capability);
      throw error;
    }
  }

  private async admitOnce(
    principal: Principal,
    estimate: { tokens: number; costUsd: number },
    options: { budgets?: boolean },
  ): Promise<RunAdmission> {
    const rules = this.options.rules()(principal);
    const combined = this.options.combined;
    if (combined) {
      const budgetRules = options.budgets === false ? [] : rules.budgetRules;
      if (budgetRules.length > 0 || rules.rateLimitRules.length > 0) {
        const admitted = await combined
          .admit(rules.rateLimitRules, estimate.tokens, budgetRules, estimate.costUsd)
          .catch((error: unknown) => {
            // RATE_LIMITED and BUDGET_EXCEEDED stand. A Redis failure goes on to the per-store
            // path below, whose wrappers carry the outage policy (rate limits fail open, budgets
            // fail closed with a typed error: src/governance/redis-outage-policy.ts).
            if (isAppError(error)) throw error;
            return undefined;
          });
        if (admitted) {
          return runAdmission(
            admitted.reservation,
            admitted.settle,
            (tokens) => admitted.settle({ tokens, costUsd: 0 }),
            admitted.status,
          );
        }
      }
    }
    const admission =
      rules.rateLimitRules.length > 0
        ? await this.options.rateLimiter.admit(rules.rateLimitRules, estimate.tokens)
        : undefined;
    let reservation: Reservation | undefined;
    if (rules.budgetRules.length > 0 && options.budgets !== false) {
      try {
        reservation = await this.options.budgets.reserve(rules.budgetRules, estimate.costUsd);
      } catch (error) {
        // A request refused for budget does not count against the token rate.
        await admission?.settleTokens(0);
        throw error;
      }
    }
    const budgets = this.options.budgets;
    return runAdmission(
      reservation,
      async (actual) => {
        await Promise.all([
          admission?.settleTokens(actual.tokens),
          reservation ? budgets.settle(reservation, actual.costUsd) : undefined,
        ]);
      },
      async (actualTokens) => {
        await Promise.all([
          admission?.settleTokens(actualTokens),
          reservation ? budgets.release(reservation) : undefined,
        ]);
      },
      admission?.status,
    );
  }
}

function runAdmission(
  reservation: Reservation | undefined,
  settle: RunAdmission['settle'],
  release: RunAdmission['release'],
  rateLimits?: RateLimitStatus,
): RunAdmission {
  const headroom = reservation?.hardHeadroomMicros;
  return {
    softExceeded: reservation?.softExceeded ?? [],
    reservation,
    ...(rateLimits && (rateLimits.requests || rateLimits.tokens) ? { rateLimits } : {}),
    ...(reservation && headroom !== undefined
      ? { hardCeilingUsd: (reservation.estimateMicros + headroom) / MICROS_PER_USD }
      : {}),
    settle,
    release,
  };
}
