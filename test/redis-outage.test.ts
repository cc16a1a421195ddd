/**
 * The Redis outage policy, on a private redis-server that is stopped and restarted empty: budgets
 * fail closed with a typed, retryable error; rate limits fail open and are counted; after Redis is
 * back, pub/sub resumes and the caches resynchronize (a key revoked during the outage is refused by
 * the other instance), and governed requests are served again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { redisServerProcess } from './support/redis-server-process.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  createKey,
  createTeam,
  REVOKE_KEY,
  SET_BUDGET,
  SET_RATE_LIMIT,
  uniqueName,
  waitFor,
} from './governance-fixtures.js';

const SUMMARIZE =
  'mutation { summarize(input: { text: "Redis may fail. Budgets fail closed. Limits fail open." }) { summary } }';

const SUMMARIZE_RUN =
  'mutation { summarize(input: { text: "Usage recording resumes. Nothing waits forever." }) { meta { runId } } }';

describe('Redis outage policy', () => {
  const redis = redisServerProcess(6390 + Math.floor(Math.random() * 50));
  let first: TestApp;
  let second: TestApp;
  let budgeted: string;
  let limited: string;
  let revoked: { key: string; id: string };

  beforeAll(async () => {
    await redis.start();
    const env = { REDIS_URL: redis.url };
    first = await startTestApp({ env });
    second = await startTestApp({ env, database: first.database, masterKey: first.masterKey });
    const budgetTeam = (await createTeam(first, uniqueName('out-b'))).name;
    const limitTeam = (await createTeam(first, uniqueName('out-r'))).name;
    budgeted = (await createKey(first.url, first.adminKey, budgetTeam, ['MEMBER'])).key;
    const limitedKey = await createKey(first.url, first.adminKey, limitTeam, ['MEMBER']);
    limited = limitedKey.key;
    revoked = await createKey(first.url, first.adminKey, limitTeam, ['VIEWER']);
    await graphqlOk(first.url, SET_BUDGET, {
      key: first.adminKey,
      variables: { scope: 'TEAM', target: budgetTeam, limitUsd: 5, period: 'DAILY', mode: 'HARD' },
    });
    await graphqlOk(first.url, SET_RATE_LIMIT, {
      key: first.adminKey,
      variables: { scope: 'KEY', target: limitedKey.id, rpm: 1000 },
    });
    for (const key of [budgeted, limited]) await graphqlOk(first.url, SUMMARIZE, { key });
    await graphqlOk(second.url, '{ me { id } }', { key: revoked.key }); // cached by the second instance
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await redis.stop();
  });

  it('fails budgets closed and rate limits open while Redis is down, and recovers when it is back', async () => {
    await redis.stop();

    const refused = await graphql(first.url, SUMMARIZE, { key: budgeted });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      reason: 'GOVERNANCE_UNAVAILABLE',
      retryable: true,
    });

    const allowed = await graphql<{ summarize: { summary: string } }>(first.url, SUMMARIZE, { key: limited });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?.summarize.summary).toBeTruthy();
    const metrics = await (await fetch(`${first.url}/metrics`)).text();
    expect(metrics).toMatch(
      /capgate_governance_degraded_total\{feature="rate_limit",outcome="allowed"\} [1-9]/,
    );
    expect(metrics).toMatch(/capgate_governance_degraded_total\{feature="budget",outcome="refused"\} [1-9]/);

    // Revoked while pub/sub is down: the second instance cannot hear it now.
    await graphqlOk(first.url, REVOKE_KEY, { key: first.adminKey, variables: { id: revoked.id } });

    await redis.start();
    await waitFor(
      async () => ((await fetch(`${first.url}/readyz`)).status === 200 ? true : undefined),
      20_000,
    );
    // Resynchronized after the reconnect: the second instance refuses the key revoked meanwhile.
    const afterRevocation = await waitFor(async () => {
      const response = await graphql(second.url, '{ me { id } }', { key: revoked.key });
      return response.status === 401 ? response : undefined;
    }, 20_000);
    expect(afterRevocation.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const served = await waitFor(async () => {
      const response = await graphql<{ summarize: { summary: string } }>(first.url, SUMMARIZE, {
        key: budgeted,
      });
      return response.data?.summarize ? response : undefined;
    }, 20_000);
    expect(served.errors).toBeUndefined();

    // Redis came back empty: usage recording resumes (the stream's consumer group is recreated).
    const after = await graphqlOk<{ summarize: { meta: { runId: string } } }>(first.url, SUMMARIZE_RUN, {
      key: limited,
    });
    const stored = await waitFor(
      () =>
        first.services.store.connection
          .collection('usageEvents')
          .findOne({ runId: after.summarize.meta.runId })
          .then((event) => event ?? undefined),
      20_000,
    );
    expect(stored).toMatchObject({ runId: after.summarize.meta.runId, status: 'ok' });
  });
});
