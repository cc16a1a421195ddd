/**
 * Redis restarted empty (no persistence), on a private redis-server: the period's budget spend is
 * rebuilt from the usage records in MongoDB (not restarted from zero), budgeted requests fail closed
 * with a typed error while it is rebuilt, and usage records appended to the usage stream but not yet
 * drained into MongoDB when Redis lost them are appended again by their instance, stored once.
 */
import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongo } from '../src/store/connection.js';
import { usageEventModel } from '../src/store/models/usage-event.model.js';
import { usageRollupModel } from '../src/store/models/usage-rollup.model.js';
import { createStore, type Store } from '../src/store/store.js';
import { BufferedUsageRecorder } from '../src/usage/buffered-usage.recorder.js';
import { StreamUsageRecorder } from '../src/usage/stream-usage.recorder.js';
import { usageStreamKeys } from '../src/usage/usage-stream.js';
import { UsageStreamDrainer } from '../src/usage/usage-stream.drainer.js';
import type { UsageEvent } from '../src/usage/usage.types.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { redisServerProcess } from './support/redis-server-process.js';
import { registerUpstream, type Upstream } from './support/register-upstreams.js';
import { mongoUriFor, startTestApp, uniqueDatabaseName, type TestApp } from './support/test-app.js';
import { createKey, createTeam, SET_BUDGET, uniqueName, waitFor } from './governance-fixtures.js';

const SUMMARIZE = `mutation S($text: String!) { summarize(input: { text: $text }) { meta { runId } } }`;
const logger = pino({ level: 'silent' });
const redis = redisServerProcess(6450 + Math.floor(Math.random() * 40));

beforeAll(() => redis.start());
afterAll(() => redis.stop());

/** The usage collections, read directly to check what the store's `UsageRepository` wrote. */
function usageModels(connection: Connection) {
  return { usageEvents: usageEventModel(connection), usageRollups: usageRollupModel(connection) };
}
type UsageModels = ReturnType<typeof usageModels>;

describe('budget spend after Redis restarted empty', () => {
  let first: TestApp;
  let second: TestApp;
  let upstream: Upstream;
  let team: { id: string; name: string };
  let key: string;

  beforeAll(async () => {
    const env = { REDIS_URL: redis.url };
    first = await startTestApp({ env });
    second = await startTestApp({ env, database: first.database, masterKey: first.masterKey });
    upstream = await registerUpstream(first, 'OPENAI_COMPATIBLE');
    await graphqlOk(
      first.url,
      `mutation ($impls: [ImplementationInput!]!) { setImplementations(input: { capability: "summarize", implementations: $impls }) { capability { version } } }`,
      { key: first.adminKey, variables: { impls: [{ model: upstream.model }] } },
    );
    team = await createTeam(first, uniqueName('rebuild'));
    key = (await createKey(first.url, first.adminKey, team.name, ['MEMBER'])).key;
    await graphqlOk(first.url, SET_BUDGET, {
      key: first.adminKey,
      variables: { scope: 'TEAM', target: team.name, limitUsd: 5, period: 'DAILY', mode: 'HARD' },
    });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await upstream?.fake.close();
  });

  const usageCost = async () => {
    const events = await first.services.store.connection
      .collection<{ costUsd: number }>('usageEvents')
      .find({ teamId: team.id })
      .toArray();
    return { count: events.length, cost: events.reduce((sum, event) => sum + event.costUsd, 0) };
  };
  const spent = async () => {
    const data = await graphqlOk<{
      budgets: { edges: Array<{ node: { target: string; spentUsd: number } }> };
    }>(first.url, '{ budgets(first: 100) { edges { node { target spentUsd } } } }', { key: first.adminKey });
    return data.budgets.edges.find(({ node }) => node.target === team.name)?.node.spentUsd ?? 0;
  };
  /** Waits until the budget's spend equals the sum of the team's usage cost (count records first). */
  const converged = (records: number) =>
    waitFor(async () => {
      const usage = await usageCost();
      if (usage.count < records) return undefined;
      const now = await spent().catch(() => -1);
      return Math.abs(now - usage.cost) < 1e-6 ? { spent: now, ...usage } : undefined;
    }, 20_000);

  it('rebuilds the spend from MongoDB and fails closed, typed, while it does', async () => {
    for (let index = 0; index < 6; index++) {
      const app = index % 2 === 0 ? first : second;
      await graphqlOk(app.url, SUMMARIZE, { key, variables: { text: `Spend ${index} before the restart.` } });
    }
    const before = await converged(6);
    expect(before.spent).toBeGreaterThan(0);

    await redis.stop();
    await redis.start();

    // Budgeted requests are refused fast with the typed, retryable error until the spend is rebuilt.
    const refusedAt = Date.now();
    const refused = await graphql(first.url, SUMMARIZE, {
      key,
      variables: { text: 'Right after the restart.' },
    });
    expect(Date.now() - refusedAt).toBeLessThan(1500);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      reason: 'GOVERNANCE_UNAVAILABLE',
      retryable: true,
    });

    const served = await waitFor(async () => {
      const response = await graphql(second.url, SUMMARIZE, {
        key,
        variables: { text: 'After the rebuild.' },
      });
      return response.data?.summarize ? response : undefined;
    }, 20_000);
    expect(served.errors).toBeUndefined();

    // The spend was not restarted from zero: it is every usage record's cost, the new one included.
    const after = await converged(7);
    expect(after.spent).toBeGreaterThan(before.spent);
  }, 90_000);
});

describe('usage records in the stream when Redis lost it', () => {
  let connection: Connection;
  let store: Store;
  let models: UsageModels;
  const database = uniqueDatabaseName();

  beforeAll(async () => {
    connection = await connectMongo(mongoUriFor(database));
    store = createStore(connection);
    await store.syncIndexes();
    models = usageModels(connection);
  });
  afterAll(async () => {
    await connection?.close();
  });

  const event = (index: number): UsageEvent => ({
    runId: `run_lost_${index}`,
    at: new Date(),
    orgId: 'org_lost',
    teamId: 'team_lost',
    keyId: 'key_lost',
    capability: 'summarize',
    capabilityVersion: 1,
    model: 'm',
    provider: 'p',
    inputTokens: 10,
    outputTokens: 5,
    costUsd: 0.001,
    latencyMs: 3,
    status: 'ok',
    cached: false,
    frontDoor: 'graphql',
  });

  it('appends them again after the restart; each is stored and counted once', async () => {
    const writer = store.usage;
    const keys = usageStreamKeys('capgate:', database);
    const command = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const appender = new Redis(redis.url, { enableAutoPipelining: false, maxRetriesPerRequest: 1 });
    for (const client of [command, appender]) client.on('error', () => {});
    const drainerOf = () =>
      new UsageStreamDrainer({
        redis: command,
        streamKey: keys.stream,
        group: keys.group,
        consumer: `c-${Math.random()}`,
        writer,
        logger,
        pollMs: 50,
      });
    // Appended, never drained before Redis dies: this instance's drainer is not started.
    const idle = drainerOf();
    const fallback = new BufferedUsageRecorder({ writer, logger, flushIntervalMs: 3_600_000 });
    const recorder = new StreamUsageRecorder({
      redis: appender,
      streamKey: keys.stream,
      epochKey: keys.epoch,
      fallback,
      drainer: idle,
      stored: (ids) => writer.rolledUp(ids),
      logger,
      checkIntervalMs: 100,
    });
    await recorder.start();
    for (let index = 0; index < 20; index++) recorder.record(event(index));
    await waitFor(async () => (recorder.pending === 20 ? true : undefined), 5000);
    expect(await command.xlen(keys.stream)).toBe(20);

    await redis.stop();
    await redis.start();

    // The recorder notices the lost epoch and appends its 20 records again.
    await waitFor(
      async () => ((await command.xlen(keys.stream).catch(() => 0)) === 20 ? true : undefined),
      15_000,
    );
    const draining = drainerOf();
    await draining.start();
    try {
      const stored = await waitFor(async () => {
        const count = await models.usageEvents.countDocuments({ teamId: 'team_lost' });
        return count >= 20 ? count : undefined;
      }, 15_000);
      expect(stored).toBe(20);
      await waitFor(async () => (recorder.pending === 0 ? true : undefined), 10_000);
      const rollups = await models.usageRollups.find({ teamId: 'team_lost' }).lean();
      expect(rollups.reduce((sum, rollup) => sum + rollup.requests, 0)).toBe(20);
      expect(await models.usageEvents.countDocuments({ teamId: 'team_lost', rolledUp: true })).toBe(20);
    } finally {
      await draining.stop();
      await recorder.stop();
      command.disconnect();
    }
  }, 60_000);
});
