import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../errors/app-error.js';
import type { RateLimiter, RateLimitRule } from './rate-limit.types.js';
import { createRateLimiter } from './rate-limiter.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `test:rl:${randomUUID()}:`;
const clients: Redis[] = [];

/** Two limiters over one backend: two clients on one prefix for Redis ("two instances"), one for memory. */
const backends: { name: string; create(): [RateLimiter, RateLimiter] }[] = [
  {
    name: 'in memory',
    create: () => {
      const limiter = createRateLimiter({ keyPrefix });
      return [limiter, limiter];
    },
  },
  {
    name: 'on Redis, two instances',
    create: () => {
      const [first, second] = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
      clients.push(first, second);
      return [
        createRateLimiter({ redis: first, keyPrefix }),
        createRateLimiter({ redis: second, keyPrefix }),
      ];
    },
  },
];

afterAll(async () => {
  const [client] = clients;
  if (client !== undefined) {
    const keys = await client.keys(`${keyPrefix}*`);
    if (keys.length > 0) await client.del(...keys);
  }
  await Promise.all(clients.map((redis) => redis.quit()));
});

const rule = (overrides: Partial<RateLimitRule> = {}): RateLimitRule => ({
  scope: 'KEY',
  target: `key-${randomUUID()}`,
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<RateLimitedError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(RateLimitedError);
  return error as RateLimitedError;
}

describe.each(backends)('createRateLimiter $name', ({ create }) => {
  const [first, second] = create();

  it('admits requestsPerMinute requests, shared by both instances, then rejects with a sensible retryAfterMs', async () => {
    const limit = rule({ requestsPerMinute: 5 });
    for (let index = 0; index < 5; index += 1) await (index % 2 === 0 ? first : second).admit([limit], 0);
    const error = await rejection(second.admit([limit], 0));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toContain(`KEY "${limit.target}" allows 5 requests per minute`);
    expect(error.retryAfterMs).toBeGreaterThan(55_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(error.extensions).toMatchObject({ retryAfterMs: error.retryAfterMs, limit: 'requestsPerMinute' });
    await rejection(first.admit([limit], 0));
  });

  it('admits exactly the limit out of 40 concurrent requests', async () => {
    const limit = rule({ requestsPerMinute: 10 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? first : second).admit([limit], 0)),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(10);
  });

  it('counts estimated tokens up front and corrects them to the actual count', async () => {
    const limit = rule({ tokensPerMinute: 1000 });
    const early = await first.admit([limit], 400);
    await second.admit([limit], 400);
    const error = await rejection(first.admit([limit], 400));
    expect(error.message).toContain('allows 1000 tokens per minute');
    await early.settleTokens(100); // 300 tokens given back: 500 used
    await early.settleTokens(0); // settled once only
    const late = await second.admit([limit], 400); // 900 used
    await late.settleTokens(500); // 100 more charged: 1000 used
    await rejection(first.admit([limit], 1));
  });

  it('rejects a request whose estimate alone exceeds the token limit', async () => {
    const error = await rejection(first.admit([rule({ tokensPerMinute: 100 })], 101));
    expect(error.message).toContain('this request alone is estimated at 101 tokens');
  });

  it('checks every rule and counts a rejected request nowhere', async () => {
    const org = rule({ scope: 'ORG', requestsPerMinute: 3 });
    const team = rule({ scope: 'TEAM', requestsPerMinute: 1, tokensPerMinute: 10_000 });
    await first.admit([org, team], 10);
    const error = await rejection(second.admit([org, team], 10));
    expect(error.message).toContain(`TEAM "${team.target}" allows 1 requests per minute`);
    // The rejected attempt took nothing from the org: two more requests still fit.
    await first.admit([org], 0);
    await second.admit([org], 0);
    await rejection(first.admit([org], 0));
  });

  it('applies a changed limit at once, to what the window already holds', async () => {
    const target = `key-${randomUUID()}`;
    for (let index = 0; index < 3; index += 1)
      await first.admit([{ scope: 'KEY', target, requestsPerMinute: 10 }], 0);
    await rejection(second.admit([{ scope: 'KEY', target, requestsPerMinute: 3 }], 0));
    await first.admit([{ scope: 'KEY', target, requestsPerMinute: 4 }], 0);
  });

  it('keeps scopes and targets apart and ignores rules without limits', async () => {
    const target = `id-${randomUUID()}`;
    await first.admit([{ scope: 'KEY', target, requestsPerMinute: 1 }], 0);
    await first.admit([{ scope: 'TEAM', target, requestsPerMinute: 1 }], 0);
    await first.admit([{ scope: 'KEY', target: `${target}-other`, requestsPerMinute: 1 }], 0);
    await first.admit([{ scope: 'KEY', target, requestsPerMinute: null, tokensPerMinute: null }], 10_000);
  });
});
