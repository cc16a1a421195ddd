import { randomUUID } from 'node:crypto';
import { createPubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Topics } from '../infra/pubsub.js';
import { RedisModelHealth } from './redis-model-health.js';

/** Two "instances" of the shared health, on their own Redis connections, sharing one pub/sub. */
describe('RedisModelHealth', () => {
  let redis: Redis;
  const instances: RedisModelHealth[] = [];
  const prefix = `capgate:test:{health-${randomUUID().slice(0, 8)}}:`;
  const policy = { failureThreshold: 3, openMs: 300, maxOpenMs: 1_200 };

  beforeAll(async () => {
    redis = new Redis(inject('redisUrl'), { enableAutoPipelining: true });
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  function pair(): [RedisModelHealth, RedisModelHealth] {
    const pubSub = createPubSub<Topics>();
    const make = () =>
      new RedisModelHealth({
        redis,
        pubSub,
        keyPrefix: prefix,
        policy,
        refreshIntervalMs: 100,
        flushIntervalMs: 20,
      });
    const created: [RedisModelHealth, RedisModelHealth] = [make(), make()];
    instances.push(...created);
    return created;
  }

  async function until(check: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('opens the breaker for every instance when failures are recorded on one', async () => {
    const [a, b] = pair();
    const model = `m-${randomUUID()}`;
    for (let index = 0; index < 3; index++) a.recordFailure(model, 10, true);
    await a.flush();
    expect(a.isAvailable(model)).toBe(false);
    await until(() => !b.isAvailable(model), 'instance b sees the open breaker');
    expect(b.snapshot(model)).toMatchObject({ healthy: false, state: 'open', errorRate: 1 });
    expect(b.admit(model, 1_000)).toBe('rejected');
  });

  it('lets exactly one probe through a half-open breaker across instances, and closes it on success', async () => {
    const [a, b] = pair();
    const model = `m-${randomUUID()}`;
    for (let index = 0; index < 3; index++) a.recordFailure(model, 10, true);
    await a.flush();
    await until(
      () => a.snapshot(model).state === 'half-open' && b.snapshot(model).state === 'half-open',
      'half-open',
    );
    const admissions = await Promise.all([
      a.admit(model, 5_000),
      b.admit(model, 5_000),
      a.admit(model, 5_000),
    ]);
    expect(admissions.filter((admission) => admission === 'probe')).toHaveLength(1);
    const prober = admissions[1] === 'probe' ? b : a;
    prober.recordSuccess(model, 25);
    await prober.flush();
    await until(
      () => a.snapshot(model).state === 'closed' && b.snapshot(model).state === 'closed',
      'closed everywhere',
    );
    expect(a.admit(model, 5_000)).toBe('admitted');
  });

  it('reopens the breaker when the probe fails', async () => {
    const [a] = pair();
    const model = `m-${randomUUID()}`;
    for (let index = 0; index < 3; index++) a.recordFailure(model, 10, true);
    await a.flush();
    await until(() => a.snapshot(model).state === 'half-open', 'half-open');
    expect(await a.admit(model, 5_000)).toBe('probe');
    a.recordFailure(model, 10, true);
    await a.flush();
    expect(a.snapshot(model).state).toBe('open');
    expect(a.admit(model, 5_000)).toBe('rejected');
  });

  it('shares the latency EWMA and median between instances', async () => {
    const [a, b] = pair();
    const model = `m-${randomUUID()}`;
    a.recordSuccess(model, 100);
    a.recordSuccess(model, 200);
    b.recordSuccess(model, 300);
    await Promise.all([a.flush(), b.flush()]);
    await until(
      () => a.snapshot(model).latencyMsP50 === 200 && b.snapshot(model).latencyMsP50 === 200,
      'shared median',
    );
    const ewma = b.snapshot(model).latencyMsEwma!;
    expect(ewma).toBeGreaterThan(100);
    expect(ewma).toBeLessThan(300);
    expect(a.snapshot(model).latencyMsEwma).toBe(ewma);
    expect(a.snapshot(model).errorRate).toBe(0);
  });
});
