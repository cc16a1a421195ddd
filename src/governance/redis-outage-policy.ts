/**
 * What governance does when Redis fails (README "Redis outage policy"):
 * - budgets fail closed: a reservation (or spend read) that cannot reach Redis is refused at once
 *   with a typed, retryable `ServiceUnavailableError` (GOVERNANCE_UNAVAILABLE): never an unmetered
 *   run, never a hang (the command connection has a command timeout and no offline queue);
 * - rate limits fail open: the request goes on, a warning is logged and
 *   `capgate_governance_degraded_total{feature="rate_limit"}` counts it.
 * - Redis back empty (restarted without persistence, flushed): budget counters are rebuilt from
 *   the usage records in MongoDB before anything is admitted against them; meanwhile budgeted
 *   requests get GOVERNANCE_UNAVAILABLE at once (budget/budget-rebuild.ts, which lists what is not
 *   guaranteed). Usage records the lost usage stream held are appended again by the instance that
 *   appended them (usage/stream-usage.recorder.ts): none is lost unless that instance dies too
 *   before they are drained.
 * The first two are wrappers around the stores, so the stores themselves stay unaware of them.
 * AppErrors (BUDGET_EXCEEDED, RATE_LIMITED) pass through unchanged: only infrastructure failures
 * are mapped.
 */
import { Counter, type Registry } from 'prom-client';
import { isAppError } from '../errors/app-error.js';
import { ServiceUnavailableError } from '../errors/service-unavailable.js';
import type { Logger } from '../infra/logger.js';
import type { BudgetStore } from './budget/budget.types.js';
import type { Admission, RateLimiter } from './rate-limit/rate-limit.types.js';

export interface DegradedCounter {
  inc(labels: { feature: 'budget' | 'rate_limit'; outcome: 'refused' | 'allowed' | 'unsettled' }): void;
}

export function degradedCounter(registry: Registry | undefined): DegradedCounter {
  if (!registry) return { inc: () => {} };
  const counter = new Counter({
    name: 'capgate_governance_degraded_total',
    help: 'Governance checks that could not reach Redis: budgets refused (fail closed), rate limits allowed (fail open).',
    labelNames: ['feature', 'outcome'],
    registers: [registry],
  });
  return { inc: (labels) => counter.inc(labels) };
}

/** Every method of the budget store: an infrastructure failure becomes GOVERNANCE_UNAVAILABLE. */
export function failClosedBudgets(
  store: BudgetStore,
  options: { logger: Logger; degraded: DegradedCounter },
): BudgetStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...parameters: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          if (isAppError(error)) throw error;
          const settling = property === 'settle' || property === 'release';
          options.degraded.inc({ feature: 'budget', outcome: settling ? 'unsettled' : 'refused' });
          options.logger.warn(
            { err: error, operation: String(property) },
            'budget store unavailable: failing closed',
          );
          throw new ServiceUnavailableError(
            'GOVERNANCE_UNAVAILABLE',
            'Budgets cannot be checked right now (their store is unavailable); retry shortly.',
            { cause: error },
          );
        }
      };
    },
  });
}

const unmetered: Admission = { settleTokens: async () => {} };

/** An infrastructure failure admits the request (unmetered), logged and counted. */
export function failOpenRateLimiter(
  limiter: RateLimiter,
  options: { logger: Logger; degraded: DegradedCounter },
): RateLimiter {
  const admissionOf = (admission: Admission): Admission => ({
    ...(admission.status ? { status: admission.status } : {}),
    settleTokens: (tokens) =>
      admission.settleTokens(tokens).catch((error: unknown) => {
        if (isAppError(error)) throw error;
        options.logger.warn({ err: error }, 'rate limiter unavailable: token usage not counted');
      }),
  });
  return {
    async admit(rules, estimatedTokens) {
      try {
        return admissionOf(await limiter.admit(rules, estimatedTokens));
      } catch (error) {
        if (isAppError(error)) throw error;
        options.degraded.inc({ feature: 'rate_limit', outcome: 'allowed' });
        options.logger.warn({ err: error }, 'rate limiter unavailable: failing open');
        return unmetered;
      }
    },
  };
}
