/**
 * Admission in one Redis round trip: the rate-limit counters of every rule and the budget
 * reservation of every bucket in one Lua script per request, and the settlements (token correction
 * + budget settle) of one event-loop tick in one script for all of them. Same keys and semantics as
 * the separate stores (rate-limiter.ts, redis-budget.store.ts), and the same scripts as the budget
 * store (budget/redis-budget.scripts.ts): a request over a rate limit is not
 * counted; one refused by a HARD budget counts as a request but not its tokens; settle books the
 * exact cost, gives back unused tokens only to the window that took them.
 *
 * Measured: before, a governed request made up to five Redis calls (request count, token count,
 * reserve, token correction, settle); now two, and the settles of concurrent requests share one.
 * On Redis Cluster, the rate-limit and budget prefixes must share one hash tag.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  bucketId,
  budgetExceededError,
  DEFAULT_RESERVATION_TTL_MS,
  DEFAULT_RETAIN_AFTER_PERIOD_MS,
  planBudget,
  usdToMicros,
} from './budget/budget-plan.js';
import type { BudgetBucket, BudgetRule, Reservation } from './budget/budget.types.js';
import type { BudgetRebuild } from './budget/budget-rebuild.js';
import { ADMIT_SCRIPT, LuaScript, SETTLE_SCRIPT } from './budget/redis-budget.scripts.js';
import { exceededError, tooLargeError, WINDOW_SECONDS, type CounterKind } from './rate-limit/rate-limiter.js';
import {
  rateLimitStatusOf,
  type RateLimitRule,
  type RateLimitStatus,
} from './rate-limit/rate-limit.types.js';

const admitScript = new LuaScript(ADMIT_SCRIPT);
const settleScript = new LuaScript(SETTLE_SCRIPT);
/** Settlements per script call at most (a backlog is split). */
const MAX_BATCH = 128;

interface Charge {
  rule: RateLimitRule;
  kind: CounterKind;
  limit: number;
  points: number;
  key: string;
}

export interface CombinedAdmission {
  reservation: Reservation | undefined;
  /** The caller's rate-limit standing after this request was counted. */
  status: RateLimitStatus;
  /** Books the actual usage: tokens corrected, cost settled (0 = release). Once; later calls no-ops. */
  settle(actual: { tokens: number; costUsd: number }): Promise<void>;
}

interface PendingSettlement {
  keys: string[];
  args: (string | number)[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class RedisAdmission {
  private readonly redis: Redis;
  private readonly rateKeyPrefix: string;
  private readonly budgetKeyPrefix: string;
  private readonly rebuild: BudgetRebuild | undefined;
  private pending: PendingSettlement[] = [];
  private flushScheduled = false;

  constructor(options: {
    redis: Redis;
    rateKeyPrefix: string;
    budgetKeyPrefix: string;
    /** Budget counters Redis lost are rebuilt from usage before admitting against them. */
    rebuild?: BudgetRebuild;
  }) {
    this.redis = options.redis;
    this.rateKeyPrefix = options.rateKeyPrefix;
    this.budgetKeyPrefix = options.budgetKeyPrefix;
    this.rebuild = options.rebuild;
  }

  /** Throws RateLimitedError or BudgetExceededError; otherwise holds the estimate until settled. */
  async admit(
    rateRules: readonly RateLimitRule[],
    estimatedTokens: number,
    budgetRules: readonly BudgetRule[],
    estimateUsd: number,
    now = new Date(),
  ): Promise<CombinedAdmission> {
    const tokens = Math.max(0, Math.ceil(estimatedTokens));
    const charges = this.chargesOf(rateRules, tokens);
    const estimateMicros = usdToMicros(estimateUsd, 'estimateUsd');
    const { buckets, checks } = planBudget(budgetRules, now, DEFAULT_RETAIN_AFTER_PERIOD_MS);
    const id = randomUUID();
    const member = `${id}:${estimateMicros}`;
    const expiresAt = new Date(now.getTime() + DEFAULT_RESERVATION_TTL_MS);
    const budgetKeys = this.budgetKeysOf(buckets);

    const args: (string | number)[] = [
      buckets.length,
      charges.length,
      this.rebuild ? 1 : 0,
      now.getTime(),
      estimateMicros,
      member,
      expiresAt.getTime(),
    ];
    for (const bucket of buckets) args.push(unixSeconds(bucket));
    for (const charge of charges)
      args.push(charge.points, charge.limit, WINDOW_SECONDS, charge.kind === 'tokens' ? 1 : 0);
    for (const check of checks)
      args.push(check.bucketIndex + 1, check.limitMicros, check.rule.mode === 'HARD' ? 1 : 0);

    const keys = [...budgetKeys, ...charges.map((charge) => charge.key)];
    if (this.rebuild) keys.push(this.rebuild.epochKey);
    let started = Date.now();
    let result = (await admitScript.run(this.redis, keys, args)) as number[];
    if (result[0] === 3 && this.rebuild) {
      // Redis lost the budget counters: nothing was counted; rebuild them (or fail closed).
      await this.rebuild.recover();
      started = Date.now();
      result = (await admitScript.run(this.redis, keys, args)) as number[];
      if (result[0] === 3) throw this.rebuild.unavailable();
    }
    const [status = 0, first = 0, second = 0] = result;
    if (status === 2) {
      const charge = charges[first - 1];
      if (!charge) throw new Error(`Admission script named an unknown charge ${first}`);
      throw exceededError(charge, second);
    }
    if (status === 0) {
      const check = checks[first - 1];
      if (!check) throw new Error(`Admission script named an unknown rule ${first}`);
      throw budgetExceededError(check.rule, second, estimateMicros);
    }
    const softCount = result[2] ?? 0;
    const softExceeded = result.slice(3, 3 + softCount).flatMap((index) => checks[index - 1]?.rule ?? []);
    const windows = result.slice(3 + softCount, 3 + softCount + charges.length);
    const counts = result.slice(3 + softCount + charges.length);
    const rateLimits = rateLimitStatusOf(
      charges.map((charge, index) => ({
        kind: charge.kind,
        limit: charge.limit,
        consumed: counts[index] ?? 0,
        resetMs: windows[index] ?? 0,
      })),
    );
    const reservation: Reservation | undefined =
      buckets.length === 0
        ? undefined
        : {
            id,
            estimateMicros,
            buckets,
            softExceeded,
            expiresAt,
            ...(first >= 0 ? { hardHeadroomMicros: first } : {}),
          };
    const tokenKeys: { key: string; windowEndsAt: number }[] = [];
    charges.forEach((charge, index) => {
      if (charge.kind === 'tokens')
        tokenKeys.push({ key: charge.key, windowEndsAt: started + (windows[index] ?? 0) });
    });

    let settled = false;
    return {
      reservation,
      status: rateLimits,
      settle: async (actual) => {
        if (settled || (buckets.length === 0 && tokenKeys.length === 0)) return;
        settled = true;
        const difference = Math.max(0, Math.ceil(actual.tokens)) - tokens;
        const actualMicros = usdToMicros(actual.costUsd, 'actualUsd');
        const nowMs = Date.now();
        // Tokens are given back only to the window that took them (else the next minute gains).
        const keys = tokenKeys.filter((token) => difference > 0 || nowMs < token.windowEndsAt);
        const settleArgs: (string | number)[] = [
          buckets.length,
          keys.length,
          member,
          estimateMicros,
          actualMicros,
        ];
        for (const bucket of buckets) settleArgs.push(unixSeconds(bucket));
        settleArgs.push(difference, WINDOW_SECONDS);
        try {
          await this.enqueue([...budgetKeys, ...keys.map((token) => token.key)], settleArgs);
        } catch (error) {
          settled = false;
          throw error;
        }
      },
    };
  }

  private chargesOf(rules: readonly RateLimitRule[], tokens: number): Charge[] {
    const charges: Charge[] = [];
    for (const rule of rules) {
      if (rule.requestsPerMinute != null)
        charges.push({
          rule,
          kind: 'requests',
          limit: rule.requestsPerMinute,
          points: 1,
          key: this.counterKey('requests', rule),
        });
      if (rule.tokensPerMinute != null) {
        if (tokens > rule.tokensPerMinute) throw tooLargeError(rule, rule.tokensPerMinute, tokens);
        charges.push({
          rule,
          kind: 'tokens',
          limit: rule.tokensPerMinute,
          points: tokens,
          key: this.counterKey('tokens', rule),
        });
      }
    }
    return charges;
  }

  /** rate-limiter-flexible's key for the same counter: `<prefix><kind>:<scope>:<target>`. */
  private counterKey(kind: CounterKind, rule: RateLimitRule): string {
    return `${this.rateKeyPrefix}${kind}:${rule.scope}:${rule.target}`;
  }

  private budgetKeysOf(buckets: readonly BudgetBucket[]): string[] {
    return buckets.flatMap((bucket) => {
      const totals = `${this.budgetKeyPrefix}budget:${bucketId(bucket)}`;
      return [totals, `${totals}:reservations`];
    });
  }

  /** Queues one settlement; every settlement of this tick goes in one script call. */
  private enqueue(keys: string[], args: (string | number)[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ keys, args, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    for (let start = 0; start < batch.length; start += MAX_BATCH) {
      const part = batch.slice(start, start + MAX_BATCH);
      const keys = part.flatMap((settlement) => settlement.keys);
      if (this.rebuild) keys.push(this.rebuild.epochKey);
      const args = [part.length, this.rebuild ? 1 : 0, ...part.flatMap((settlement) => settlement.args)];
      settleScript.run(this.redis, keys, args).then(
        () => part.forEach((settlement) => settlement.resolve()),
        (error: unknown) => part.forEach((settlement) => settlement.reject(error)),
      );
    }
  }
}

function unixSeconds(bucket: BudgetBucket): number {
  return Math.ceil(bucket.expiresAt.getTime() / 1000);
}
