import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../infra/logger.js';
import { RunLeases } from './run-leases.js';

describe('RunLeases (Redis)', () => {
  const redis = new Redis(inject('redisUrl'));
  const keyPrefix = `capgate:test:{runs}:${randomUUID().slice(0, 8)}:`;
  const logger = createLogger('silent');
  const leases = (leaseMs = 200) => new RunLeases({ redis, keyPrefix, leaseMs, logger });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('hands a lapsed lease, with its data, to exactly one of the instances that claim it', async () => {
    const dead = leases();
    const runId = `run_${randomUUID()}`;
    dead.hold(runId, { orgId: 'o', teamId: 't', capability: 'summarize' });
    await redis.ping(); // the hold is written
    const survivors = [leases(), leases(), leases()];
    expect((await survivors[0]!.claimLapsed()).map((lease) => lease.runId)).not.toContain(runId);
    await sleep(250);
    const claims = await Promise.all(survivors.map((survivor) => survivor.claimLapsed()));
    const winners = claims.flat().filter((lease) => lease.runId === runId);
    expect(winners).toEqual([{ runId, orgId: 'o', teamId: 't', capability: 'summarize' }]);
  });

  it('keeps a renewed lease, and forgets a released one', async () => {
    const alive = leases();
    alive.start();
    const other = leases();
    const running = `run_${randomUUID()}`;
    const finished = `run_${randomUUID()}`;
    alive.hold(running, { orgId: 'o', teamId: 't', capability: 'c' });
    alive.hold(finished, { orgId: 'o', teamId: 't', capability: 'c' });
    alive.release(finished);
    await sleep(500);
    const claimed = (await other.claimLapsed()).map((lease) => lease.runId);
    expect(claimed).not.toContain(running);
    expect(claimed).not.toContain(finished);
    alive.stop();
    await sleep(250);
    expect((await other.claimLapsed()).map((lease) => lease.runId)).toContain(running);
  });

  it('never claims a lease its own instance still holds', async () => {
    const self = leases();
    const runId = `run_${randomUUID()}`;
    self.hold(runId, { orgId: 'o', teamId: 't', capability: 'c' });
    await sleep(250);
    expect((await self.claimLapsed()).map((lease) => lease.runId)).not.toContain(runId);
    self.release(runId);
  });
});
