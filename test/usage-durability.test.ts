/**
 * Usage is durable as the answer leaves: an instance killed with SIGKILL right after answering loses
 * no usage record (they are in the Redis usage stream, drained by the surviving instance), and no
 * record is stored or counted twice, even when a dead consumer's records are taken over or an entry
 * is delivered twice.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { encodeUsageRecord, USAGE_FIELD, usageStreamKeys } from '../src/usage/usage-stream.js';
import type { UsageEventRecord } from '../src/store/models/usage-event.model.js';
import { graphqlOk } from './support/graphql-client.js';
import { startInstanceProcess, type InstanceProcess } from './support/instance-process.js';
import { mongoUriFor, startTestApp, type TestApp } from './support/test-app.js';
import { createKey, createTeam, uniqueName, waitFor } from './governance-fixtures.js';

const SUMMARIZE = `mutation S($text: String!) { summarize(input: { text: $text }) { summary meta { runId } } }`;

describe('usage survives a crash, once', () => {
  let survivor: TestApp;
  let crashing: InstanceProcess | undefined;
  let teamName: string;

  beforeAll(async () => {
    survivor = await startTestApp({ redis: true, env: { CAPGATE_USAGE_CLAIM_IDLE_MS: '1000' } });
    teamName = (await createTeam(survivor, uniqueName('dur'))).name;
  });
  afterAll(async () => {
    crashing?.child.kill('SIGKILL');
    await survivor?.stop();
  });

  const eventsOfKey = (keyId: string) =>
    survivor.services.store.connection.collection<UsageEventRecord>('usageEvents').find({ keyId }).toArray();

  it('keeps every answered request of an instance killed with SIGKILL, without duplicates', async () => {
    const { key, id: keyId } = await createKey(survivor.url, survivor.adminKey, teamName, ['MEMBER']);
    crashing = await startInstanceProcess({
      PORT: '0',
      HOST: '127.0.0.1',
      MONGODB_URI: mongoUriFor(survivor.database),
      REDIS_URL: inject('redisUrl'),
      CAPGATE_MASTER_KEY: survivor.masterKey,
      CAPGATE_BOOTSTRAP_ADMIN_KEY: survivor.adminKey,
      CAPGATE_DATA_DIR: survivor.dataDir,
      // The in-process buffer would hold these records for a minute: only the stream can save them.
      CAPGATE_USAGE_FLUSH_MS: '60000',
    });
    const answered: string[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async (_, worker) => {
        for (let index = 0; index < 15; index++) {
          const data = await graphqlOk<{ summarize: { meta: { runId: string } } }>(crashing!.url, SUMMARIZE, {
            key,
            variables: { text: `Request ${worker}-${index} is answered. Its usage must survive a crash.` },
          });
          answered.push(data.summarize.meta.runId);
        }
      }),
    );
    crashing.child.kill('SIGKILL');
    expect(await crashing.exited).toBe('SIGKILL');

    const stored = await waitFor(async () => {
      const events = await eventsOfKey(keyId);
      return events.length >= answered.length ? events : undefined;
    }, 20_000);
    const runIds = stored.map((event) => event.runId);
    expect(new Set(runIds).size).toBe(runIds.length);
    expect(runIds.sort()).toEqual([...answered].sort());
  }, 120_000);

  it('takes over the records a dead consumer read, and stores a redelivered record once', async () => {
    const redis = survivor.services.redis!.command;
    const { stream, group } = usageStreamKeys('capgate:', survivor.database);
    const keyId = `dead-${randomUUID()}`;
    const record = (index: number): UsageEventRecord => ({
      _id: randomUUID(),
      runId: `run_${randomBytes(8).toString('hex')}_${index}`,
      at: new Date(),
      orgId: 'org-dead',
      teamId: 'team-dead',
      keyId,
      capability: 'summarize',
      capabilityVersion: 1,
      model: 'local/extractive-summarizer',
      provider: 'local',
      inputTokens: 10,
      outputTokens: 5,
      costUsd: 0.001,
      latencyMs: 3,
      status: 'ok',
      cached: false,
      overBudget: false,
      frontDoor: 'graphql',
    });
    const records = [record(1), record(2), record(3)];
    // A consumer that reads the entries and dies before writing them.
    await redis.xgroup('CREATECONSUMER', stream, group, 'dead-instance');
    for (const entry of records) await redis.xadd(stream, '*', USAGE_FIELD, encodeUsageRecord(entry));
    // The same record delivered twice (an append retried after a lost reply).
    await redis.xadd(stream, '*', USAGE_FIELD, encodeUsageRecord(records[0]!));
    const read = (await redis.xreadgroup(
      'GROUP',
      group,
      'dead-instance',
      'COUNT',
      100,
      'STREAMS',
      stream,
      '>',
    )) as Array<[string, unknown[]]> | null;
    expect(read?.[0]?.[1].length ?? 0).toBeGreaterThan(0);

    // Written and counted in the rollups (the last step of a drained batch).
    await waitFor(async () => {
      const events = await eventsOfKey(keyId);
      return events.length >= 3 && events.every((event) => event.rolledUp === true) ? events : undefined;
    }, 20_000);
    // The stream is fully acknowledged: nothing of these left to write later.
    await waitFor(async () => ((await redis.xlen(stream)) === 0 ? true : undefined), 10_000);
    expect((await eventsOfKey(keyId)).length).toBe(3);
    const rollups = await survivor.services.store.connection
      .collection<{ requests: number }>('usageRollups')
      .find({ keyId })
      .toArray();
    expect(rollups.reduce((sum, rollup) => sum + rollup.requests, 0)).toBe(3);
  });
});
