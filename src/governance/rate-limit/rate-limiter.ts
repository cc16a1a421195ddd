/**
 * Rate limits on rate-limiter-flexible counters: RateLimiterRedis over the injected ioredis client
 * (shared by every instance), or RateLimiterMemory in single-instance mode.
 *
 * The library is used as an atomic fixed-window counter, and the limit is compared here with the
 * count it returns. So there is one counter object per (kind, scope) — six in all, built on first
 * use — instead of one limiter per target and limit: nothing is built per request or per API key,
 * there is no cache to invalidate when an admin changes a limit (the next request is judged by the
 * new limit against what the window already holds, in Redis and in memory alike), and a lowered
 * limit applies at once. Each count is atomic (INCRBY in a Lua script), so concurrent requests on
 * any number of instances never get more than the limit admitted.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../errors/app-error.js';
import {
  rateLimitStatusOf,
  type Admission,
  type RateLimiter,
  type RateLimitRule,
  type RateLimitScope,
  type RateLimitStatus,
} from './rate-limit.types.js';

export interface RateLimiterOptions {
  /** Shared counters in Redis; without it, counters live in this process. */
  redis?: Redis;
  /** Prepended to every Redis key, e.g. `capgate:rl:` (keys are `<prefix><kind>:<scope>:<target>`). */
  keyPrefix: string;
}

export type CounterKind = 'requests' | 'tokens';

interface Charge {
  rule: RateLimitRule;
  kind: CounterKind;
  counter: RateLimiterAbstract;
  limit: number;
  points: number;
}

export const WINDOW_SECONDS = 60;
const WINDOW_MS = WINDOW_SECONDS * 1000;
const NO_TOKENS: Admission = { settleTokens: async () => {} };

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const counters = new Map<string, RateLimiterAbstract>();

  const counterFor = (kind: CounterKind, scope: RateLimitScope): RateLimiterAbstract => {
    const name = `${kind}:${scope}`;
    let counter = counters.get(name);
    if (counter === undefined) {
      // The library never rejects on its own: `points` is out of reach, the limit is checked in `admit`.
      const settings = { keyPrefix: `${options.keyPrefix}${name}`, points: Number.MAX_SAFE_INTEGER };
      counter =
        options.redis === undefined
          ? new RateLimiterMemory({ ...settings, duration: WINDOW_SECONDS })
          : new RateLimiterRedis({ ...settings, duration: WINDOW_SECONDS, storeClient: options.redis });
      counters.set(name, counter);
    }
    return counter;
  };
  // Every counter exists before the first request: RateLimiterRedis defines its Lua command on the
  // injected client when constructed, and a command defined while an auto-pipeline is pending fails
  // inside ioredis.
  for (const kind of ['requests', 'tokens'] as const) {
    for (const scope of ['ORG', 'TEAM', 'KEY'] as const) counterFor(kind, scope);
  }

  return {
    async admit(rules, estimatedTokens) {
      const tokens = Math.max(0, Math.ceil(estimatedTokens));
      const charges: Charge[] = [];
      for (const rule of rules) {
        if (rule.requestsPerMinute != null) {
          const counter = counterFor('requests', rule.scope);
          charges.push({ rule, kind: 'requests', counter, limit: rule.requestsPerMinute, points: 1 });
        }
        if (rule.tokensPerMinute != null) {
          if (tokens > rule.tokensPerMinute) throw tooLargeError(rule, rule.tokensPerMinute, tokens);
          const counter = counterFor('tokens', rule.scope);
          charges.push({ rule, kind: 'tokens', counter, limit: rule.tokensPerMinute, points: tokens });
        }
      }
      if (charges.length === 0) return NO_TOKENS;

      const outcomes = await Promise.allSettled(
        charges.map((charge) => charge.counter.consume(charge.rule.target, charge.points)),
      );
      let exceeded: Charge | undefined;
      let retryAfterMs = 0;
      let storeError: unknown;
      outcomes.forEach((outcome, index) => {
        const charge = charges[index] as Charge;
        if (outcome.status === 'rejected') {
          storeError ??= outcome.reason;
        } else if (outcome.value.consumedPoints > charge.limit) {
          exceeded ??= charge;
          retryAfterMs = Math.max(retryAfterMs, outcome.value.msBeforeNext);
        }
      });
      if (exceeded === undefined && storeError === undefined) {
        const startedAt = Date.now();
        const tokenCharges = charges.flatMap((charge, index) => {
          const outcome = outcomes[index];
          if (charge.kind !== 'tokens' || outcome?.status !== 'fulfilled') return [];
          return [{ charge, windowEndsAt: startedAt + outcome.value.msBeforeNext }];
        });
        const status = rateLimitStatusOf(
          charges.flatMap((charge, index) => {
            const outcome = outcomes[index];
            if (outcome?.status !== 'fulfilled') return [];
            const { consumedPoints, msBeforeNext } = outcome.value;
            return [
              { kind: charge.kind, limit: charge.limit, consumed: consumedPoints, resetMs: msBeforeNext },
            ];
          }),
        );
        return tokenCharges.length === 0
          ? { status, settleTokens: NO_TOKENS.settleTokens }
          : new TokenAdmission(tokens, tokenCharges, status);
      }

      await Promise.allSettled(
        charges.map((charge, index) =>
          outcomes[index]?.status === 'fulfilled' && charge.points > 0
            ? charge.counter.reward(charge.rule.target, charge.points)
            : undefined,
        ),
      );
      if (exceeded === undefined) throw storeError;
      throw exceededError(exceeded, retryAfterMs);
    },
  };
}

class TokenAdmission implements Admission {
  private settled = false;

  constructor(
    private readonly estimatedTokens: number,
    private readonly charges: readonly { charge: Charge; windowEndsAt: number }[],
    readonly status: RateLimitStatus,
  ) {}

  async settleTokens(actualTokens: number): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    const difference = Math.max(0, Math.ceil(actualTokens)) - this.estimatedTokens;
    if (difference === 0) return;
    const now = Date.now();
    await Promise.all(
      this.charges.map(({ charge, windowEndsAt }) => {
        if (difference > 0) return charge.counter.penalty(charge.rule.target, difference);
        // Giving back tokens in a window that did not take them would credit the next minute.
        return now < windowEndsAt ? charge.counter.reward(charge.rule.target, -difference) : undefined;
      }),
    );
  }
}

function describeLimit({ rule, kind, limit }: Pick<Charge, 'rule' | 'kind' | 'limit'>): string {
  return `${rule.scope} "${rule.target}" allows ${limit} ${kind} per minute`;
}

/** The error of a request over `charge`'s limit (shared with the one-script Redis admission). */
export function exceededError(
  charge: Pick<Charge, 'rule' | 'kind' | 'limit'>,
  retryAfterMs: number,
): RateLimitedError {
  const wait = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new RateLimitedError(
    `Rate limit exceeded: ${describeLimit(charge)}; retry in ${wait} s.`,
    retryAfterMs,
    {
      extensions: { scope: charge.rule.scope, target: charge.rule.target, limit: `${charge.kind}PerMinute` },
    },
    { kind: charge.kind, limit: charge.limit },
  );
}

/** The error of a request whose estimate alone exceeds a token limit. */
export function tooLargeError(rule: RateLimitRule, limit: number, tokens: number): RateLimitedError {
  return new RateLimitedError(
    `Rate limit exceeded: ${describeLimit({ rule, kind: 'tokens', limit })}, and this request alone is ` +
      `estimated at ${tokens} tokens; it cannot be admitted unless the limit is raised.`,
    WINDOW_MS,
    { extensions: { scope: rule.scope, target: rule.target, limit: 'tokensPerMinute' } },
    { kind: 'tokens', limit },
  );
}
