import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectMongo } from '../src/store/connection.js';
import { usageEventModel } from '../src/store/models/usage-event.model.js';
import { usageRollupModel } from '../src/store/models/usage-rollup.model.js';
import { createStore, type Store } from '../src/store/store.js';
import { BufferedUsageRecorder } from '../src/usage/buffered-usage.recorder.js';
import { UsageRetention } from '../src/usage/usage-retention.js';
import { RollupWriteError, type UsageWriter } from '../src/usage/usage-writer.js';
import type { UsageEvent } from '../src/usage/usage.types.js';
import { mongoUriFor, uniqueDatabaseName } from './support/test-app.js';

const logger = pino({ level: 'silent' });
const DAY_MS = 86_400_000;

/** The usage collections, read directly to check what the store's `UsageRepository` wrote. */
function usageModels(connection: Connection) {
  return { usageEvents: usageEventModel(connection), usageRollups: usageRollupModel(connection) };
}
type UsageModels = ReturnType<typeof usageModels>;

function event(overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    runId: `run_${Math.random().toString(36).slice(2)}`,
    at: new Date('2026-03-10T12:00:00Z'),
    orgId: 'org_test',
    teamId: 'team_a',
    keyId: 'key_a',
    capability: 'summarize',
    capabilityVersion: 1,
    model: 'local/extractive-summarizer',
    provider: 'local',
    inputTokens: 100,
    outputTokens: 20,
    costUsd: 0.001,
    latencyMs: 40,
    status: 'ok',
    cached: false,
    frontDoor: 'graphql',
    ...overrides,
  };
}

async function totals(models: UsageModels) {
  const rollups = await models.usageRollups.find({}).lean();
  const sum = (field: 'requests' | 'errorCount' | 'inputTokens' | 'outputTokens' | 'costUsd') =>
    rollups.reduce((total, rollup) => total + rollup[field], 0);
  return {
    events: await models.usageEvents.countDocuments(),
    rollups: rollups.length,
    requests: sum('requests'),
    errors: sum('errorCount'),
    inputTokens: sum('inputTokens'),
    outputTokens: sum('outputTokens'),
    costUsd: sum('costUsd'),
  };
}

describe('usage recorder (real engine)', () => {
  let connection: Connection;
  let store: Store;
  let models: UsageModels;
  const recorders: BufferedUsageRecorder[] = [];
  const recorder = (options: Partial<ConstructorParameters<typeof BufferedUsageRecorder>[0]> = {}) => {
    const created = new BufferedUsageRecorder({
      writer: store.usage,
      logger,
      flushIntervalMs: 3_600_000,
      ...options,
    });
    recorders.push(created);
    return created;
  };

  beforeAll(async () => {
    connection = await connectMongo(mongoUriFor(uniqueDatabaseName()));
    store = createStore(connection);
    await store.syncIndexes();
    models = usageModels(connection);
  });
  beforeEach(async () => {
    await models.usageEvents.deleteMany({});
    await models.usageRollups.deleteMany({});
  });
  afterAll(async () => {
    for (const created of recorders) await created.stop();
    await connection?.close();
  });

  it('stores every event and rollups whose sums equal what was recorded', async () => {
    const usage = recorder();
    const events = [
      event({ inputTokens: 10, outputTokens: 1, costUsd: 0.5, latencyMs: 20 }),
      event({
        inputTokens: 20,
        outputTokens: 2,
        costUsd: 0.25,
        latencyMs: 200,
        status: 'error',
        errorCode: 'TIMEOUT',
      }),
      event({
        teamId: 'team_b',
        keyId: 'key_b',
        inputTokens: 30,
        outputTokens: 3,
        costUsd: 0.125,
        latencyMs: 70,
      }),
      event({
        at: new Date('2026-03-11T00:00:01Z'),
        inputTokens: 40,
        outputTokens: 4,
        costUsd: 1,
        latencyMs: 900,
      }),
    ];
    for (const recorded of events) usage.record(recorded);
    await usage.flush();

    expect(await totals(models)).toEqual({
      events: 4,
      rollups: 3, // team_a day 10 (two events), team_b day 10, team_a day 11
      requests: 4,
      errors: 1,
      inputTokens: 100,
      outputTokens: 10,
      costUsd: 1.875,
    });
    const merged = await models.usageRollups.findOne({ teamId: 'team_a', day: '2026-03-10' }).lean();
    expect(merged).toMatchObject({
      requests: 2,
      errorCount: 1,
      latencySumMs: 220,
      latencyMaxMs: 200,
      h: { le25: 1, le250: 1 },
    });
    const stored = await models.usageEvents.findOne({ runId: events[1]!.runId }).lean();
    expect(stored).toMatchObject({
      status: 'error',
      errorCode: 'TIMEOUT',
      overBudget: false,
      teamId: 'team_a',
    });
  });

  it('writes nothing twice when the same rollup grows across flushes', async () => {
    const usage = recorder();
    usage.record(event({ costUsd: 0.1 }));
    await usage.flush();
    usage.record(event({ costUsd: 0.2 }));
    usage.record(event({ costUsd: 0.3 }));
    await usage.flush();
    await usage.flush();
    const result = await totals(models);
    expect(result).toMatchObject({ events: 3, rollups: 1, requests: 3 });
    expect(result.costUsd).toBeCloseTo(0.6, 10);
  });

  it('loses nothing on stop: every buffered event is written', async () => {
    const usage = recorder({ batchSize: 50 });
    for (let index = 0; index < 237; index++)
      usage.record(event({ keyId: `key_${index % 7}`, inputTokens: index }));
    await usage.stop();
    const result = await totals(models);
    expect(result.events).toBe(237);
    expect(result.requests).toBe(237);
    expect(result.inputTokens).toBe((236 * 237) / 2);
    expect(usage.pending).toEqual({ events: 0, rollups: 0, droppedEvents: 0 });
  });

  it('flushes on its interval and as soon as a batch is full', async () => {
    const timed = recorder({ flushIntervalMs: 50 });
    timed.record(event());
    await expect.poll(() => models.usageEvents.countDocuments(), { timeout: 3_000 }).toBe(1);

    const batched = recorder({ batchSize: 10 });
    for (let index = 0; index < 10; index++) batched.record(event());
    await expect.poll(() => models.usageEvents.countDocuments(), { timeout: 3_000 }).toBe(11);
  });

  it('keeps what a failed flush could not write and writes it once on the next flush', async () => {
    const real = store.usage;
    let failInserts = 1;
    let failRollupsAfter: number | undefined = 1;
    const flaky: UsageWriter = {
      async insertEvents(events) {
        if (failInserts-- > 0) {
          await real.insertEvents(events.slice(0, 1)); // part of the batch got in before the failure
          throw new Error('connection reset');
        }
        await real.insertEvents(events);
      },
      async applyRollups(increments) {
        if (failRollupsAfter !== undefined) {
          const applied = failRollupsAfter;
          failRollupsAfter = undefined;
          await real.applyRollups(increments.slice(0, applied));
          throw new RollupWriteError(applied, { cause: new Error('primary stepped down') });
        }
        await real.applyRollups(increments);
      },
    };
    const usage = recorder({ writer: flaky });
    usage.record(event({ teamId: 't1', costUsd: 1 }));
    usage.record(event({ teamId: 't2', costUsd: 2 }));
    usage.record(event({ teamId: 't3', costUsd: 4 }));

    await expect(usage.flush()).rejects.toThrow('connection reset');
    expect(usage.pending).toMatchObject({ events: 3, rollups: 2 });
    usage.record(event({ teamId: 't1', costUsd: 8 }));
    await usage.flush();

    expect(await totals(models)).toEqual({
      events: 4,
      rollups: 3,
      requests: 4,
      errors: 0,
      inputTokens: 400,
      outputTokens: 80,
      costUsd: 15,
    });
  });

  it('bounds the raw-event buffer while writes fail, and never drops rollups', async () => {
    const failing: UsageWriter = {
      insertEvents: async () => {
        throw new Error('down');
      },
      applyRollups: async () => {
        throw new Error('down');
      },
    };
    const usage = recorder({ writer: failing, maxBufferedEvents: 10, stopAttempts: 1 });
    for (let index = 0; index < 25; index++) usage.record(event({ keyId: `key_${index % 3}` }));
    await expect(usage.flush()).rejects.toThrow('down');
    expect(usage.pending).toEqual({ events: 10, rollups: 3, droppedEvents: 15 });
  });

  it('never throws from record, even for malformed events', () => {
    const usage = recorder();
    expect(() =>
      usage.record(event({ latencyMs: Number.NaN, inputTokens: -5, at: new Date('nope') })),
    ).not.toThrow();
    expect(usage.pending.events).toBe(1);
  });

  it('retention deletes only the events older than the retention period', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const usage = recorder();
    usage.record(event({ runId: 'old', at: new Date(now.getTime() - 91 * DAY_MS) }));
    usage.record(event({ runId: 'edge', at: new Date(now.getTime() - 89 * DAY_MS) }));
    usage.record(event({ runId: 'new', at: new Date(now.getTime() - 1_000) }));
    await usage.flush();
    const retention = new UsageRetention({ usage: store.usage, logger, retentionDays: 90 });

    expect(await retention.purge(now)).toBe(1);
    const left = await models.usageEvents.find({}).lean();
    expect(left.map((stored) => stored.runId).sort()).toEqual(['edge', 'new']);
    expect(await models.usageRollups.countDocuments()).toBe(3); // rollups are kept
    expect(await retention.purge(now)).toBe(0);
  });
});
