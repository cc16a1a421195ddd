/**
 * `Query.usage` over what the recorder wrote: known events recorded through the instance's own
 * recorder, flushed to the real engine, then read back as a client would, grouped several ways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { governanceOf } from '../src/governance/admin/governance.js';
import type { UsageEvent } from '../src/usage/usage.types.js';
import {
  errorCode,
  graphql,
  graphqlOk,
  teamWithRoleKeys,
  USAGE,
  type RoleKeys,
} from './governance-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Row {
  key: Record<string, string>;
  requests: number;
  errors: number;
  cachedRequests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMsAvg: number;
  latencyMsP95: number;
}

const FROM = '2026-02-01T00:00:00Z';
const TO = '2026-02-02T23:59:59Z';

describe('usage analytics', () => {
  let app: TestApp;
  let teamA: { id: string; name: string };
  let teamB: { id: string; name: string };
  let keysA: RoleKeys;

  const usage = async (key: string, variables: Record<string, unknown>) =>
    (
      await graphqlOk<{ usage: Row[] }>(app.url, USAGE, {
        key,
        variables: { from: FROM, to: TO, ...variables },
      })
    ).usage;

  beforeAll(async () => {
    app = await startTestApp();
    ({ team: teamA, keys: keysA } = await teamWithRoleKeys(app, 'usage-a'));
    ({ team: teamB } = await teamWithRoleKeys(app, 'usage-b'));
    const base = (overrides: Partial<UsageEvent>): UsageEvent => ({
      runId: `run_${Math.random().toString(36).slice(2)}`,
      at: new Date('2026-02-01T10:00:00Z'),
      orgId: 'org_default',
      teamId: teamA.id,
      keyId: 'key_a1',
      capability: 'summarize',
      capabilityVersion: 1,
      model: 'local/x',
      provider: 'local',
      inputTokens: 10,
      outputTokens: 5,
      costUsd: 0.01,
      latencyMs: 40,
      status: 'ok',
      cached: false,
      frontDoor: 'graphql',
      ...overrides,
    });
    const recorder = governanceOf(app.services).usage;
    // Team A, summarize, day 1: 19 calls of 40 ms and one of 400 ms (which failed); one served from cache.
    for (let index = 0; index < 19; index++) recorder.record(base({ cached: index === 0 }));
    recorder.record(base({ latencyMs: 400, status: 'error', errorCode: 'TIMEOUT' }));
    // Team A, classify, day 2: 4 calls.
    for (let index = 0; index < 4; index++) {
      recorder.record(
        base({
          at: new Date('2026-02-02T23:00:00Z'),
          capability: 'classify',
          model: 'acme/y',
          provider: 'acme',
          inputTokens: 100,
          outputTokens: 10,
          costUsd: 0.5,
          latencyMs: 100,
          keyId: 'key_a2',
        }),
      );
    }
    // Team B, summarize, day 1: 3 calls.
    for (let index = 0; index < 3; index++) {
      recorder.record(
        base({ teamId: teamB.id, keyId: 'key_b', inputTokens: 1, outputTokens: 1, costUsd: 1, latencyMs: 5 }),
      );
    }
    // Outside the range.
    recorder.record(base({ at: new Date('2026-01-31T23:59:59Z') }));
    recorder.record(base({ at: new Date('2026-02-03T00:00:00Z') }));
    await recorder.flush();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('sums everything in the range into one row when grouped by nothing', async () => {
    const [total, ...rest] = await usage(app.adminKey, { groupBy: [] });
    expect(rest).toEqual([]);
    expect(total).toMatchObject({
      key: {},
      requests: 27,
      errors: 1,
      cachedRequests: 1,
      inputTokens: 603,
      outputTokens: 143,
    });
    expect(total!.costUsd).toBeCloseTo(20 * 0.01 + 4 * 0.5 + 3, 9);
  });

  it('groups by team (by name) and by capability and day', async () => {
    const byTeam = await usage(app.adminKey, { groupBy: ['TEAM'] });
    expect(Object.fromEntries(byTeam.map((row) => [row.key.team, row.requests]))).toEqual({
      [teamA.name]: 24,
      [teamB.name]: 3,
    });

    const byCapabilityAndDay = await usage(app.adminKey, { groupBy: ['CAPABILITY', 'DAY'] });
    expect(byCapabilityAndDay.map((row) => [row.key, row.requests])).toEqual([
      [{ capability: 'classify', day: '2026-02-02' }, 4],
      [{ capability: 'summarize', day: '2026-02-01' }, 23],
    ]);

    const byProvider = await usage(app.adminKey, { groupBy: ['PROVIDER'] });
    expect(byProvider.map((row) => [row.key, row.requests, row.costUsd])).toEqual([
      [{ provider: 'acme' }, 4, 2],
      [{ provider: 'local' }, 23, expect.closeTo(20 * 0.01 + 3, 9)],
    ]);
    const byProviderAndDay = await usage(app.adminKey, { groupBy: ['DAY', 'PROVIDER'], team: teamB.name });
    expect(byProviderAndDay.map((row) => [row.key, row.requests])).toEqual([
      [{ day: '2026-02-01', provider: 'local' }, 3],
    ]);

    const byModel = await usage(app.adminKey, { groupBy: ['MODEL', 'KEY'], capability: 'summarize' });
    expect(byModel.map((row) => [row.key, row.requests])).toEqual([
      [{ model: 'local/x', key: 'key_a1' }, 20],
      [{ model: 'local/x', key: 'key_b' }, 3],
    ]);
  });

  it('computes the average from the latency sum and the p95 from the histogram', async () => {
    const rows = await usage(app.adminKey, { groupBy: ['TEAM', 'CAPABILITY'], team: teamA.name });
    const summarize = rows.find((row) => row.key.capability === 'summarize');
    expect(summarize?.latencyMsAvg).toBeCloseTo((19 * 40 + 400) / 20, 9);
    // Rank 19 of 20 is the last call in the (25, 50] ms bucket: its upper edge.
    expect(summarize?.latencyMsP95).toBeCloseTo(50, 9);
    const classify = rows.find((row) => row.key.capability === 'classify');
    expect(classify).toMatchObject({ requests: 4, latencyMsAvg: 100 });
    // Rank 3.8 of 4 calls in the (50, 100] ms bucket, interpolated: 50 + 50 × 3.8 / 4.
    expect(classify?.latencyMsP95).toBeCloseTo(97.5, 9);
  });

  it('counts whole UTC days: any instant of a day covers that day', async () => {
    const [row] = await usage(app.adminKey, {
      groupBy: [],
      from: '2026-02-02T10:00:00Z',
      to: '2026-02-02T10:00:01Z',
    });
    expect(row?.requests).toBe(4);
    expect(
      await usage(app.adminKey, { groupBy: [], from: '2025-01-01T00:00:00Z', to: '2025-01-02T00:00:00Z' }),
    ).toEqual([]);
  });

  it("shows a team member only its own team's usage", async () => {
    for (const key of [keysA.VIEWER, keysA.MEMBER]) {
      const rows = await usage(key, { groupBy: ['TEAM'] });
      expect(rows.map((row) => [row.key.team, row.requests])).toEqual([[teamA.name, 24]]);
    }
    const other = await graphql(app.url, USAGE, {
      key: keysA.MAINTAINER,
      variables: { from: FROM, to: TO, groupBy: ['TEAM'], team: teamB.name },
    });
    expect(errorCode(other)).toBe('FORBIDDEN');
    const onlyB = await usage(app.adminKey, { groupBy: ['TEAM'], team: teamB.name });
    expect(onlyB.map((row) => row.key.team)).toEqual([teamB.name]);
  });

  it('refuses an inverted or oversized range', async () => {
    const inverted = await graphql(app.url, USAGE, {
      key: app.adminKey,
      variables: { from: TO, to: FROM, groupBy: [] },
    });
    expect(errorCode(inverted)).toBe('BAD_USER_INPUT');
    const huge = await graphql(app.url, USAGE, {
      key: app.adminKey,
      variables: { from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', groupBy: [] },
    });
    expect(errorCode(huge)).toBe('BAD_USER_INPUT');
  });

  it('groups rollups written before the provider was kept under an empty provider, beside new ones', async () => {
    // A rollup as the recorder wrote it before PROVIDER existed: six-part id, no provider field.
    const day = '2026-03-01';
    await app.services.store.connection.collection('usageRollups').insertOne({
      _id: JSON.stringify(['org_default', teamA.id, 'key_old', 'summarize', 'local/x', day]),
      orgId: 'org_default',
      teamId: teamA.id,
      keyId: 'key_old',
      capability: 'summarize',
      model: 'local/x',
      day,
      requests: 2,
      errorCount: 0,
      cachedRequests: 0,
      overBudgetRequests: 0,
      inputTokens: 2,
      outputTokens: 2,
      costUsd: 0,
      latencySumMs: 20,
      latencyMaxMs: 10,
      h: { le10: 2 },
    } as never);
    const recorder = governanceOf(app.services).usage;
    recorder.record({
      runId: 'run_new_provider',
      at: new Date(`${day}T08:00:00Z`),
      orgId: 'org_default',
      teamId: teamA.id,
      keyId: 'key_old',
      capability: 'summarize',
      capabilityVersion: 1,
      model: 'local/x',
      provider: 'local',
      inputTokens: 1,
      outputTokens: 1,
      costUsd: 0,
      latencyMs: 5,
      status: 'ok',
      cached: false,
      frontDoor: 'graphql',
    });
    await recorder.flush();
    const range = { from: `${day}T00:00:00Z`, to: `${day}T23:59:59Z` };
    expect(
      (await usage(app.adminKey, { groupBy: ['PROVIDER'], ...range })).map((row) => [row.key, row.requests]),
    ).toEqual([
      [{ provider: '' }, 2],
      [{ provider: 'local' }, 1],
    ]);
    // Other groupings still add both up.
    const [byModel] = await usage(app.adminKey, { groupBy: ['MODEL'], ...range });
    expect(byModel).toMatchObject({ key: { model: 'local/x' }, requests: 3 });
  });

  it('writes usage buffered at shutdown before the instance stops', async () => {
    const other = await startTestApp({ database: app.database, masterKey: app.masterKey });
    const recorder = governanceOf(other.services).usage;
    for (let index = 0; index < 5; index++) {
      recorder.record({
        runId: `late_${index}`,
        at: new Date('2026-02-05T12:00:00Z'),
        orgId: 'org_default',
        teamId: teamB.id,
        keyId: 'key_late',
        capability: 'analyze',
        capabilityVersion: 1,
        model: 'local/z',
        provider: 'local',
        inputTokens: 1,
        outputTokens: 1,
        costUsd: 0,
        latencyMs: 1,
        status: 'ok',
        cached: false,
        frontDoor: 'v1',
      });
    }
    await other.stop();
    const [row] = await usage(app.adminKey, {
      groupBy: [],
      from: '2026-02-05T00:00:00Z',
      to: '2026-02-05T00:00:00Z',
    });
    expect(row?.requests).toBe(5);
  });
});
