import { randomUUID } from 'node:crypto';
import { createPubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { RunEventPayload } from '../capabilities/capability.types.js';
import type { AppPubSub, Topics } from '../infra/pubsub.js';
import type { RunTopic } from '../infra/topics.js';
import {
  InProcessRunEventLog,
  MAX_EVENTS_PER_RUN,
  RedisRunEventLog,
  type SequencedRunEvent,
} from './run-event-log.js';
import { followRun } from './run-follower.js';

const event = (runId: string, type: RunEventPayload['type'], delta?: string): RunEventPayload => ({
  runId,
  type,
  at: new Date().toISOString(),
  ...(delta === undefined ? {} : { delta }),
});

async function drain(iterator: AsyncIterableIterator<SequencedRunEvent>): Promise<SequencedRunEvent[]> {
  const events: SequencedRunEvent[] = [];
  for await (const item of iterator) events.push(item);
  return events;
}

/** A pub/sub that loses the messages `drop` says to, as Redis does before SUBSCRIBE is active. */
function lossy(drop: (payload: SequencedRunEvent) => boolean): AppPubSub {
  const inner = createPubSub<Topics>();
  return {
    publish: (topic: RunTopic, payload: SequencedRunEvent) => {
      if (!drop(payload)) inner.publish(topic, payload);
    },
    subscribe: (topic: RunTopic) => inner.subscribe(topic),
  } as AppPubSub;
}

describe('followRun', () => {
  it('replays what happened, then follows live, in order and without duplicates', async () => {
    const pubSub = createPubSub<Topics>();
    const log = new InProcessRunEventLog(pubSub);
    const runId = `run_${randomUUID()}`;
    log.append(event(runId, 'STARTED'));
    log.append(event(runId, 'DELTA', 'Hel'));
    const followed = drain(followRun(runId, log, pubSub));
    log.append(event(runId, 'DELTA', 'lo'));
    log.append(event(runId, 'COMPLETED'));
    const events = await followed;
    expect(events.map((item) => [item.seq, item.type, item.delta])).toEqual([
      [1, 'STARTED', undefined],
      [2, 'DELTA', 'Hel'],
      [3, 'DELTA', 'lo'],
      [4, 'COMPLETED', undefined],
    ]);
  });

  it('fills a gap from the log when a live message was lost', async () => {
    const pubSub = lossy((payload) => payload.seq === 2);
    const log = new InProcessRunEventLog(pubSub);
    const runId = `run_${randomUUID()}`;
    const followed = drain(followRun(runId, log, pubSub));
    await new Promise((resolve) => setTimeout(resolve, 5));
    log.append(event(runId, 'STARTED'));
    log.append(event(runId, 'DELTA', 'lost live, kept in the log'));
    log.append(event(runId, 'COMPLETED'));
    expect((await followed).map((item) => item.seq)).toEqual([1, 2, 3]);
  });

  it('still ends when the final event itself was lost live (polls the log)', async () => {
    const pubSub = lossy((payload) => payload.type === 'COMPLETED');
    const log = new InProcessRunEventLog(pubSub);
    const runId = `run_${randomUUID()}`;
    const followed = drain(followRun(runId, log, pubSub, { pollIntervalMs: 50 }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    log.append(event(runId, 'STARTED'));
    log.append(event(runId, 'COMPLETED'));
    expect((await followed).map((item) => item.type)).toEqual(['STARTED', 'COMPLETED']);
  });

  it('stops following when the consumer leaves', async () => {
    const pubSub = createPubSub<Topics>();
    const log = new InProcessRunEventLog(pubSub);
    const runId = `run_${randomUUID()}`;
    const iterator = followRun(runId, log, pubSub);
    log.append(event(runId, 'STARTED'));
    expect((await iterator.next()).value?.type).toBe('STARTED');
    await iterator.return?.();
    expect((await iterator.next()).done).toBe(true);
  });
});

describe('RedisRunEventLog', () => {
  const redis = new Redis(inject('redisUrl'), { enableAutoPipelining: true });
  const prefix = `capgate:test:run:${randomUUID().slice(0, 8)}:`;
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('replays from any seq, and keeps the final event of a run longer than the cap', async () => {
    const log = new RedisRunEventLog(redis, createPubSub<Topics>(), prefix);
    const runId = `run_${randomUUID()}`;
    log.append(event(runId, 'STARTED'));
    for (let index = 0; index < MAX_EVENTS_PER_RUN; index++) log.append(event(runId, 'DELTA', 'x'));
    log.append(event(runId, 'COMPLETED'));
    const all = await log.history(runId);
    expect(all).toHaveLength(MAX_EVENTS_PER_RUN + 1);
    expect(all.at(-1)).toMatchObject({ type: 'COMPLETED', seq: MAX_EVENTS_PER_RUN + 2 });
    const tail = await log.history(runId, MAX_EVENTS_PER_RUN - 2);
    expect(tail.map((item) => item.seq)).toEqual([
      MAX_EVENTS_PER_RUN - 1,
      MAX_EVENTS_PER_RUN,
      MAX_EVENTS_PER_RUN + 2,
    ]);
  });
});
