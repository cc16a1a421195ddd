/**
 * Revoking a key reaches its open WebSockets on every instance: two instances share the database and
 * Redis; a key holds a subscription and a streaming run on the instance it was not revoked on. Both
 * sockets close with 4403, the subscription stops delivering, and the run ends FAILED.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { collect, graphqlOk, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createKey, createTeam, REVOKE_KEY, uniqueName, waitFor } from './governance-fixtures.js';

function closedWith(client: Client): Promise<number> {
  return new Promise((resolve) => {
    client.on('closed', (event) => resolve((event as { code: number }).code));
  });
}

describe('revoking a key closes its WebSockets on every instance', () => {
  const id = randomUUID().slice(0, 8);
  const modelName = `wsr-${id}/slow`;
  let first: TestApp;
  let second: TestApp;
  let fake: FakeServer;
  let teamName: string;

  beforeAll(async () => {
    first = await startTestApp({ redis: true });
    second = await startTestApp({ redis: true, database: first.database, masterKey: first.masterKey });
    teamName = (await createTeam(first, uniqueName('wsr'))).name;
    // A stream of 200 chunks, 50 ms apart: still running when the key is revoked.
    fake = await startOpenAiFake({
      scenario: { type: 'reply', text: 'word '.repeat(200).trim(), chunks: 200, chunkIntervalMs: 50 },
    });
    await graphqlOk(
      first.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: first.adminKey,
        variables: {
          provider: { name: `wsr-${id}`, kind: 'OPENAI_COMPATIBLE', baseUrl: fake.url },
          model: {
            name: modelName,
            provider: `wsr-${id}`,
            upstreamModel: 'slow',
            pricing: { inputPer1M: 1, outputPer1M: 1 },
          },
        },
      },
    );
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await fake?.close();
  });

  it('closes a subscription and a running stream with 4403, and the run ends FAILED', async () => {
    const { key, id: keyId } = await createKey(first.url, first.adminKey, teamName, ['MAINTAINER']);
    const alerts = wsClient(second.url, key);
    const streaming = wsClient(second.url, key);
    const alertsClosed = closedWith(alerts);
    const streamClosed = closedWith(streaming);
    try {
      const subscription = collect(alerts, 'subscription { budgetAlerts { scope } }');
      const events: Array<{ runId: string; type: string; errorCode?: string; message?: string }> = [];
      const stream = new Promise<unknown>((resolve) => {
        streaming.subscribe<{
          invokeStream: { runId: string; type: string; errorCode?: string; message?: string };
        }>(
          {
            query: `subscription S($input: JSON!) { invokeStream(capability: "summarize", input: $input, options: { model: "${modelName}" }) { runId type errorCode message } }`,
            variables: { input: { text: 'Revocation must reach open sockets. Streams end cleanly.' } },
          },
          {
            next: ({ data }) => events.push(data!.invokeStream),
            error: resolve,
            complete: () => resolve(undefined),
          },
        );
      });
      await waitFor(() => (events.some((event) => event.type === 'DELTA') ? true : undefined), 10_000);
      const runId = events[0]!.runId;

      await graphqlOk(first.url, REVOKE_KEY, { key: first.adminKey, variables: { id: keyId } });

      expect(await alertsClosed).toBe(4403);
      expect(await streamClosed).toBe(4403);
      expect(await stream).toMatchObject({ code: 4403 });
      expect((await subscription.done).error).toMatchObject({ code: 4403 });
      expect(events.some((event) => event.type === 'COMPLETED')).toBe(false);

      // The run's log (readable from any instance) ends with exactly one terminal event: FAILED.
      const history = await waitFor(async () => {
        const stored = await first.services.runEvents.history(runId);
        return stored.some((event) => event.type === 'FAILED' || event.type === 'COMPLETED')
          ? stored
          : undefined;
      }, 10_000);
      const terminal = history.filter((event) => event.type === 'FAILED' || event.type === 'COMPLETED');
      expect(terminal).toHaveLength(1);
      expect(terminal[0]).toMatchObject({ type: 'FAILED', errorCode: 'UNAUTHENTICATED' });
    } finally {
      await alerts.dispose();
      await streaming.dispose();
    }
  });

  it('leaves the sockets of other keys open', async () => {
    const revokedKey = await createKey(first.url, first.adminKey, teamName, ['VIEWER']);
    const keptKey = await createKey(first.url, first.adminKey, teamName, ['VIEWER']);
    const kept = wsClient(second.url, keptKey.key);
    try {
      await collect(kept, '{ me { id } }').done;
      await graphqlOk(first.url, REVOKE_KEY, { key: first.adminKey, variables: { id: revokedKey.id } });
      const after = await collect<{ me: { id: string } }>(kept, '{ me { id } }').done;
      expect(after.error).toBeUndefined();
      expect(after.results[0]?.data?.me.id).toBe(keptKey.id);
    } finally {
      await kept.dispose();
    }
  });
});
