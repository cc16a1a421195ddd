/**
 * Admission for one run, on the request path: rate limits (requests now, tokens estimated then
 * corrected) and budgets (the estimated cost reserved atomically before the call, settled to the
 * actual cost after, released on failure). Rules come from an in-memory provider (no MongoDB read).
 */
import type { Principal } from './auth/principal.js';
import type { BudgetRule, BudgetStore, Reservation } from './budget/index.js';
import type { RateLimiter, RateLimitRule } from './rate-limit/index.js';

export interface GovernanceRules {
  budgetRules: BudgetRule[];
  rateLimitRules: RateLimitRule[];
}

/** Synchronous, served from a cache kept by the governance admin service. */
export type RulesProvider = (principal: Principal) => GovernanceRules;

export interface RunAdmission {
  /** SOFT budgets this run goes over (the run is allowed and flagged). */
  softExceeded: readonly BudgetRule[];
  /** The budget money held, if any rule applies (a lost run's lease carries it, to be released). */
  readonly reservation?: Reservation;
  settle(actual: { tokens: number; costUsd: number }): Promise<void>;
  release(actualTokens: number): Promise<void>;
}

export class GovernanceGate {
  constructor(
    private readonly options: {
      budgets: BudgetStore;
      rateLimiter: RateLimiter;
      rules: () => RulesProvider;
    },
  ) {}

  /** Throws RateLimitedError or BudgetExceededError; otherwise holds the estimate until settled. */
  async admit(principal: Principal, estimate: { tokens: number; costUsd: number }): Promise<RunAdmission> {
    const rules = this.options.rules()(principal);
    const admission =
      rules.rateLimitRules.length > 0
        ? await this.options.rateLimiter.admit(rules.rateLimitRules, estimate.tokens)
        : undefined;
    let reservation: Reservation | undefined;
    if (rules.budgetRules.length > 0) {
      try {
        reservation = await this.options.budgets.reserve(rules.budgetRules, estimate.costUsd);
      } catch (error) {
        // A request refused for budget does not count against the token rate.
        await admission?.settleTokens(0);
        throw error;
      }
    }
    const budgets = this.options.budgets;
    return {
      softExceeded: reservation?.softExceeded ?? [],
      reservation,
      async settle(actual) {
        await Promise.all([
          admission?.settleTokens(actual.tokens),
          reservation ? budgets.settle(reservation, actual.costUsd) : undefined,
        ]);
      },
      async release(actualTokens) {
        await Promise.all([
          admission?.settleTokens(actualTokens),
          reservation ? budgets.release(reservation) : undefined,
        ]);
      },
    };
  }
}
