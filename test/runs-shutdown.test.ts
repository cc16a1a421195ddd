/**
 * A graceful shutdown does not abandon the runs `startRun` left running: they are aborted before
 * usage is flushed and Redis and MongoDB close, so a follower on another instance sees each end
 * with one FAILED event, and its usage is recorded.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { collect, graphqlOk, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const text = 'Capgate drains before it stops. Runs in flight end cleanly. Followers are told.';

describe('shutdown with detached runs in flight', () => {
  const id = randomUUID().slice(0, 8);
  const model = `rs-${id}/slow`;
  let upstream: FakeServer;
  let starting: TestApp;
  let following: TestApp;
  let startingStopped = false;

  beforeAll(async () => {
    upstream = await startOpenAiFake({ scenario: { type: 'reply', chunks: 20, chunkIntervalMs: 100 } });
    starting = await startTestApp({ redis: true });
    following = await startTestApp({
      redis: true,
      database: starting.database,
      masterKey: starting.masterKey,
    });
    await graphqlOk(
      starting.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: starting.adminKey,
        variables: {
          provider: { name: `rs-${id}`, kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          model: {
            name: model,
            provider: `rs-${id}`,
            upstreamModel: 'slow',
            pricing: { inputPer1M: 1, outputPer1M: 1 },
          },
        },
      },
    );
    await graphqlOk(
      starting.url,
      `mutation I($impls: [ImplementationInput!]!) { setImplementations(input: { capability: "summarize", implementations: $impls }) { capability { version } } }`,
      { key: starting.adminKey, variables: { impls: [{ model, priority: 0 }] } },
    );
  });

  afterAll(async () => {
    if (!startingStopped) await starting?.stop();
    await following?.stop();
    await upstream?.close();
  });

  it('ends a run in flight with one FAILED event for its followers, and records its usage', async () => {
    const started = await graphqlOk<{ startRun: { id: string; internalId: string } }>(
      starting.url,
      `mutation S($input: JSON!) { startRun(capability: "summarize", input: $input) { id internalId } }`,
      { key: starting.adminKey, variables: { input: { text } } },
    );
    // Followed by its global id; usage records keep the run's own id.
    const runId = started.startRun.id;
    const internalRunId = started.startRun.internalId;
    const client = wsClient(following.url, starting.adminKey);
    try {
      const { done, results } = collect<{ runEvents: { type: string; errorCode: string | null } }>(
        client,
        'subscription F($runId: ID!) { runEvents(runId: $runId) { type errorCode } }',
        { runId },
      );
      await expect
        .poll(() => results.filter((result) => result.data?.runEvents.type === 'DELTA').length, {
          timeout: 5_000,
        })
        .toBeGreaterThan(0);

      startingStopped = true;
      await starting.stop();

      const { error } = await done;
      expect(error).toBeUndefined();
      const events = results.map((result) => result.data!.runEvents);
      const terminal = events.filter((event) => event.type === 'COMPLETED' || event.type === 'FAILED');
      expect(terminal).toEqual([{ type: 'FAILED', errorCode: 'TIMEOUT' }]);
      expect(events.at(-1)!.type).toBe('FAILED');
    } finally {
      await client.dispose();
    }

    const usage = await following.services.store.connection
      .collection('usageEvents')
      .findOne({ runId: internalRunId });
    expect(usage).toMatchObject({ runId: internalRunId, model, status: 'error', errorCode: 'TIMEOUT' });
  });
});
