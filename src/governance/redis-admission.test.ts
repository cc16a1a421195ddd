import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetExceededError, RateLimitedError } from '../errors/app-error.js';
import type { BudgetRule } from './budget/budget.types.js';
import { RedisBudgetStore } from './budget/redis-budget.store.js';
import type { RateLimitRule } from './rate-limit/rate-limit.types.js';
import { RedisAdmission } from './redis-admission.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisAdmission (rate limits + budget in one script, settlements batched)', () => {
  const prefix = `test:admission:${randomUUID()}:`;
  const rateKeyPrefix = `${prefix}rl:`;
  const budgetKeyPrefix = `${prefix}{budget}:`;
  let redis: Redis;
  let admission: RedisAdmission;
  let budgets: RedisBudgetStore;

  const budget = (limitUsd: number, mode: BudgetRule['mode'] = 'HARD'): BudgetRule => ({
    scope: 'TEAM',
    target: `team-${randomUUID()}`,
    limitUsd,
    period: 'DAILY',
    mode,
  });
  const rate = (overrides: Partial<RateLimitRule>): RateLimitRule => ({
    scope: 'KEY',
    target: `key-${randomUUID()}`,
    ...overrides,
  });
  const counter = async (kind: string, rule: RateLimitRule) =>
    Number((await redis.get(`${rateKeyPrefix}${kind}:${rule.scope}:${rule.target}`)) ?? 0);

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { lazyConnect: false });
    admission = new RedisAdmission({ redis, rateKeyPrefix, budgetKeyPrefix });
    budgets = new RedisBudgetStore({ redis, keyPrefix: budgetKeyPrefix });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('refuses the request over a rate limit without counting it anywhere', async () => {
    const limit = rate({ requestsPerMinute: 2, tokensPerMinute: 1000 });
    const team = budget(1);
    for (let index = 0; index < 2; index++) await admission.admit([limit], 100, [team], 0.01);
    const refused = admission.admit([limit], 100, [team], 0.01);
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ retryAfterMs: expect.any(Number) });
    expect(await counter('requests', limit)).toBe(2);
    expect(await counter('tokens', limit)).toBe(200);
    expect(await budgets.spent(team)).toEqual({ spentUsd: 0, reservedUsd: 0.02 });
  });

  it('counts a request refused by a HARD budget, but not its tokens, and reports the headroom', async () => {
    const limit = rate({ requestsPerMinute: 10, tokensPerMinute: 1000 });
    const team = budget(0.05);
    const admitted = await admission.admit([limit], 50, [team], 0.03);
    expect(admitted.reservation?.hardHeadroomMicros).toBe(20_000);
    await expect(admission.admit([limit], 50, [team], 0.03)).rejects.toBeInstanceOf(BudgetExceededError);
    expect(await counter('requests', limit)).toBe(2);
    expect(await counter('tokens', limit)).toBe(50);
  });

  it('settles every run of a tick in one call, to the exact cost, correcting the token counters', async () => {
    const limit = rate({ tokensPerMinute: 100_000 });
    const team = budget(10);
    const runs = await Promise.all(
      Array.from({ length: 20 }, () => admission.admit([limit], 100, [team], 0.1)),
    );
    expect(await budgets.spent(team)).toEqual({ spentUsd: 0, reservedUsd: 2 });
    const commands: string[] = [];
    const monitor = await redis.monitor();
    monitor.on('monitor', (_time: unknown, args: string[]) => {
      if (args[0]?.toLowerCase() === 'evalsha' && args.some((arg) => arg.includes(limit.target)))
        commands.push(args[0]);
    });
    await Promise.all(
      runs.map((run, index) => run.settle({ tokens: index % 2 === 0 ? 60 : 130, costUsd: 0.05 })),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    monitor.disconnect();
    expect(commands).toHaveLength(1);
    expect(await budgets.spent(team)).toEqual({ spentUsd: 1, reservedUsd: 0 });
    // 10 × 60 + 10 × 130 tokens were used of 20 × 100 estimated.
    expect(await counter('tokens', limit)).toBe(1900);
    // Settling twice books nothing more.
    await runs[0]!.settle({ tokens: 1000, costUsd: 5 });
    expect(await budgets.spent(team)).toEqual({ spentUsd: 1, reservedUsd: 0 });
  });
});
