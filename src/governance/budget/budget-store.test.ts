import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetExceededError } from '../../errors/app-error.js';
import type { BudgetStoreOptions } from './budget-plan.js';
import type { BudgetRule, BudgetStore } from './budget.types.js';
import { MemoryBudgetStore } from './memory-budget.store.js';
import { RedisBudgetStore } from './redis-budget.store.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const YEAR = new Date().getUTCFullYear() + 1;
const at = (iso: string): Date => new Date(`${YEAR}-${iso}Z`);
const NOON = at('11-22T12:00:00');

const rule = (overrides: Partial<BudgetRule> = {}): BudgetRule => ({
  scope: 'TEAM',
  target: `team-${randomUUID()}`,
  limitUsd: 1,
  period: 'DAILY',
  mode: 'HARD',
  ...overrides,
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Two stores over one backend: two Redis clients for Redis (two "instances"), one object for memory. */
interface Backend {
  name: string;
  create(options?: BudgetStoreOptions): [BudgetStore, BudgetStore];
}

const clients: Redis[] = [];
const keyPrefix = `test:budget:${randomUUID()}:`;

const backends: Backend[] = [
  {
    name: 'MemoryBudgetStore',
    create: (options) => {
      const store = new MemoryBudgetStore(options);
      return [store, store];
    },
  },
  {
    name: 'RedisBudgetStore',
    create: (options) => {
      const [first, second] = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
      clients.push(first, second);
      return [
        new RedisBudgetStore({ redis: first, keyPrefix, ...options }),
        new RedisBudgetStore({ redis: second, keyPrefix, ...options }),
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

describe.each(backends)('$name', (backend) => {
  let stores: [BudgetStore, BudgetStore];
  beforeAll(() => {
    stores = backend.create();
  });

  it('lets exactly limit/estimate of 60 concurrent reservations through a HARD budget', async () => {
    const budget = rule({ limitUsd: 1 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, index) => stores[index % 2]!.reserve([budget], 0.1, NOON)),
    );
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(outcomes.length - rejected.length).toBe(10);
    for (const outcome of rejected) expect(outcome.reason).toBeInstanceOf(BudgetExceededError);
    expect(await stores[0].spent(budget, NOON)).toEqual({ spentUsd: 0, reservedUsd: 1 });
  });

  it('never commits more than the limit plus one estimate when 60 requests run concurrently', async () => {
    const budget = rule({ limitUsd: 1 });
    let admitted = 0;
    let committedMax = 0;
    await Promise.all(
      Array.from({ length: 60 }, async (_, index) => {
        const store = stores[index % 2]!;
        await sleep(index % 7);
        const reservation = await store.reserve([budget], 0.1, NOON).catch(() => undefined);
        if (reservation === undefined) return;
        admitted += 1;
        const { spentUsd, reservedUsd } = await store.spent(budget, NOON);
        committedMax = Math.max(committedMax, spentUsd + reservedUsd);
        await sleep(1 + (index % 5));
        if (index % 6 === 0) await store.release(reservation);
        else await store.settle(reservation, 0.1 * (0.5 + (index % 5) / 10));
      }),
    );
    const { spentUsd, reservedUsd } = await stores[0].spent(budget, NOON);
    expect(admitted).toBeGreaterThanOrEqual(10);
    expect(reservedUsd).toBe(0);
    expect(spentUsd).toBeLessThanOrEqual(1 + 0.1);
    expect(committedMax).toBeLessThanOrEqual(1 + 0.1);
  });

  it('settles to the actual cost and releases to nothing, once per reservation', async () => {
    const budget = rule({ limitUsd: 5 });
    const settled = await stores[0].reserve([budget], 0.3, NOON);
    expect(await stores[1].spent(budget, NOON)).toEqual({ spentUsd: 0, reservedUsd: 0.3 });
    await stores[0].settle(settled, 0.25);
    await stores[0].settle(settled, 0.25);
    await stores[0].release(settled);
    expect(await stores[1].spent(budget, NOON)).toEqual({ spentUsd: 0.25, reservedUsd: 0 });

    const released = await stores[1].reserve([budget], 0.4, NOON);
    await stores[1].release(released);
    await stores[1].settle(released, 9);
    expect(await stores[0].spent(budget, NOON)).toEqual({ spentUsd: 0.25, reservedUsd: 0 });
  });

  it('adds amounts in integer micro-dollars, without float drift', async () => {
    const budget = rule({ limitUsd: 100 });
    for (let index = 0; index < 100; index += 1) {
      await stores[index % 2]!.settle(await stores[index % 2]!.reserve([budget], 0.1, NOON), 0.1);
    }
    expect((await stores[0].spent(budget, NOON)).spentUsd).toBe(10);
  });

  it('lets a SOFT budget be exceeded and reports it', async () => {
    const soft = rule({ limitUsd: 0.25, mode: 'SOFT' });
    const first = await stores[0].reserve([soft], 0.1, NOON);
    const second = await stores[1].reserve([soft], 0.1, NOON);
    const third = await stores[0].reserve([soft], 0.1, NOON);
    expect([first.softExceeded, second.softExceeded]).toEqual([[], []]);
    expect(third.softExceeded).toEqual([soft]);
    expect((await stores[0].spent(soft, NOON)).reservedUsd).toBeCloseTo(0.3, 6);
  });

  it('reserves on every scope or on none, and names the HARD scope that refused', async () => {
    const org = rule({ scope: 'ORG', limitUsd: 100 });
    const team = rule({ scope: 'TEAM', limitUsd: 0.15 });
    const key = rule({ scope: 'KEY', limitUsd: 0.05, mode: 'SOFT' });
    const first = await stores[0].reserve([org, team, key], 0.1, NOON);
    expect(first.softExceeded).toEqual([key]);
    await expect(stores[1].reserve([org, team, key], 0.1, NOON)).rejects.toThrowError(
      expect.objectContaining({
        code: 'BUDGET_EXCEEDED',
        message: expect.stringContaining(`daily budget of TEAM "${team.target}" ($0.15) has $0.05 left`),
      }),
    );
    for (const scoped of [org, team, key]) {
      expect(await stores[0].spent(scoped, NOON)).toEqual({ spentUsd: 0, reservedUsd: 0.1 });
    }
  });

  it('keeps DAILY and MONTHLY spend in separate UTC calendar periods', async () => {
    const target = `team-${randomUUID()}`;
    const daily = rule({ target, period: 'DAILY', limitUsd: 10 });
    const monthly = rule({ target, period: 'MONTHLY', limitUsd: 10 });
    const spend = async (when: Date, usd: number): Promise<void> => {
      await stores[0].settle(await stores[0].reserve([daily, monthly], usd, when), usd);
    };
    await spend(at('11-22T23:59:59'), 1);
    await spend(at('11-23T00:00:00'), 2);
    expect((await stores[1].spent(daily, at('11-22T08:00:00'))).spentUsd).toBe(1);
    expect((await stores[1].spent(daily, at('11-23T08:00:00'))).spentUsd).toBe(2);
    expect((await stores[1].spent(monthly, at('11-30T23:00:00'))).spentUsd).toBe(3);
    await spend(at('12-01T00:00:00'), 4);
    expect((await stores[1].spent(daily, at('12-01T08:00:00'))).spentUsd).toBe(4);
    expect((await stores[1].spent(monthly, at('12-31T23:00:00'))).spentUsd).toBe(4);
  });

  it('charges a call to the period it was reserved in, even when it settles after midnight', async () => {
    const budget = rule({ limitUsd: 10 });
    const reservation = await stores[0].reserve([budget], 1, at('11-22T23:59:59'));
    await stores[1].settle(reservation, 0.5);
    expect(await stores[0].spent(budget, at('11-22T10:00:00'))).toEqual({ spentUsd: 0.5, reservedUsd: 0 });
    expect(await stores[0].spent(budget, at('11-23T10:00:00'))).toEqual({ spentUsd: 0, reservedUsd: 0 });
  });

  it('frees reservations that were never settled once their TTL has passed', async () => {
    const [store, other] = backend.create({ reservationTtlMs: 60_000 });
    const budget = rule({ limitUsd: 0.2 });
    const crashed = await store.reserve([budget], 0.2, NOON);
    await expect(other.reserve([budget], 0.1, new Date(NOON.getTime() + 59_000))).rejects.toThrow(
      BudgetExceededError,
    );
    const later = new Date(NOON.getTime() + 61_000);
    const fresh = await other.reserve([budget], 0.1, later);
    expect(await store.spent(budget, later)).toEqual({ spentUsd: 0, reservedUsd: 0.1 });
    // The crashed call comes back late: its cost is booked, its expired hold is not freed twice.
    await store.settle(crashed, 0.05);
    expect(await store.spent(budget, later)).toEqual({ spentUsd: 0.05, reservedUsd: 0.1 });
    await other.release(fresh);
    expect(await store.spent(budget, later)).toEqual({ spentUsd: 0.05, reservedUsd: 0 });
  });

  it('rejects negative and non-finite amounts', async () => {
    await expect(stores[0].reserve([rule()], -1, NOON)).rejects.toThrow(RangeError);
    await expect(stores[0].reserve([rule()], Number.NaN, NOON)).rejects.toThrow(RangeError);
  });
});

describe('RedisBudgetStore keys', () => {
  it('carry the period and expire a day after the period ends', async () => {
    const redis = new Redis(REDIS_URL);
    clients.push(redis);
    const store = new RedisBudgetStore({ redis, keyPrefix });
    const target = `team-${randomUUID()}`;
    const reservation = await store.reserve(
      [rule({ target, period: 'DAILY' }), rule({ target, period: 'MONTHLY' })],
      0.1,
      NOON,
    );
    await store.settle(reservation, 0.1);
    const daily = `${keyPrefix}budget:TEAM:${target}:${YEAR}-11-22`;
    const monthly = `${keyPrefix}budget:TEAM:${target}:${YEAR}-11`;
    expect(await redis.hgetall(daily)).toEqual({ spent: '100000', reserved: '0' });
    expect(await redis.hgetall(monthly)).toEqual({ spent: '100000', reserved: '0' });
    const dayEnds = at('11-23T00:00:00').getTime() + 24 * 3_600_000;
    const monthEnds = at('12-01T00:00:00').getTime() + 24 * 3_600_000;
    expect(Math.abs((await redis.pttl(daily)) - (dayEnds - Date.now()))).toBeLessThan(5_000);
    expect(Math.abs((await redis.pttl(monthly)) - (monthEnds - Date.now()))).toBeLessThan(5_000);
  });
});
