/**
 * `Query.rateLimitHits`: requests refused by rate limits on two instances sharing Redis and the
 * database are counted by each instance and read back, summed, from either — per team, key, rule
 * and capability, in time buckets, with team members seeing their own team only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKey,
  createTeam,
  errorCode,
  graphql,
  graphqlOk,
  SET_RATE_LIMIT,
  uniqueName,
  waitFor,
} from './governance-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const INVOKE = `mutation ($capability: String!, $input: JSON!) {
  invoke(capability: $capability, input: $input) { output }
}`;
const HITS = `query ($from: DateTime!, $to: DateTime!, $interval: RateLimitHitInterval, $groupBy: [RateLimitHitDimension!], $team: String, $capability: String) {
  rateLimitHits(from: $from, to: $to, interval: $interval, groupBy: $groupBy, team: $team, capability: $capability) {
    start key hits
  }
}`;

interface HitRow {
  start: string;
  key: Record<string, string>;
  hits: number;
}

const TEXT =
  'The council approved the new library budget on Monday. Construction starts in spring. ' +
  'Residents asked for longer opening hours, and the council agreed to review them next year.';

describe('rate-limit hits', () => {
  let first: TestApp;
  let second: TestApp;
  let teamA: { id: string; name: string };
  let teamB: { id: string; name: string };
  let memberA: { key: string; id: string };
  let viewerA: { key: string; id: string };
  let memberB: { key: string; id: string };
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = () => new Date(Date.now() + 60_000).toISOString();

  const hits = async (key: string, variables: Record<string, unknown>) =>
    (
      await graphqlOk<{ rateLimitHits: HitRow[] }>(first.url, HITS, {
        key,
        variables: { from, to: to(), ...variables },
      })
    ).rateLimitHits;
  /** Hits summed over the time buckets, per group key. */
  const totals = (rows: HitRow[]) => {
    const sums: Record<string, number> = {};
    for (const row of rows) sums[JSON.stringify(row.key)] = (sums[JSON.stringify(row.key)] ?? 0) + row.hits;
    return sums;
  };
  /** Calls `summarize` `count` times as `key`, alternating instances; returns how many were refused. */
  const invokeMany = async (key: string, count: number) => {
    let refused = 0;
    for (let index = 0; index < count; index++) {
      const response = await graphql((index % 2 ? second : first).url, INVOKE, {
        key,
        variables: { capability: 'summarize', input: { text: `${TEXT} (${index})` } },
      });
      if (errorCode(response) === 'RATE_LIMITED') refused += 1;
      else expect(response.errors).toBeUndefined();
    }
    return refused;
  };

  beforeAll(async () => {
    first = await startTestApp({ redis: true });
    second = await startTestApp({ redis: true, database: first.database, masterKey: first.masterKey });
    teamA = await createTeam(first, uniqueName('hits-a'));
    teamB = await createTeam(first, uniqueName('hits-b'));
    memberA = await createKey(first.url, first.adminKey, teamA.name, ['MEMBER'], 'member a');
    viewerA = await createKey(first.url, first.adminKey, teamA.name, ['VIEWER'], 'viewer a');
    memberB = await createKey(first.url, first.adminKey, teamB.name, ['MEMBER'], 'member b');
    await graphqlOk(first.url, SET_RATE_LIMIT, {
      key: first.adminKey,
      variables: { scope: 'KEY', target: memberA.id, rpm: 3 },
    });
    await graphqlOk(first.url, SET_RATE_LIMIT, {
      key: first.adminKey,
      variables: { scope: 'TEAM', target: teamB.name, rpm: 2 },
    });
    // Both instances apply both limits (settings reach the second one over pub/sub).
    for (const app of [first, second]) {
      for (const principal of [
        { orgId: 'org_default', teamId: teamA.id, id: memberA.id },
        { orgId: 'org_default', teamId: teamB.id, id: memberB.id },
      ]) {
        await waitFor(
          () => (app.services.governance.rulesFor(principal).rateLimitRules.length > 0 ? true : undefined),
          15_000,
        );
      }
    }
  }, 120_000);

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('counts each refused request once, per team, key, rule and capability, from both instances', async () => {
    expect(await invokeMany(memberA.key, 7)).toBe(4);
    expect(await invokeMany(memberB.key, 5)).toBe(3);

    const expected = {
      [JSON.stringify({
        team: teamA.name,
        key: memberA.id,
        rule: `KEY ${memberA.id} requestsPerMinute`,
        capability: 'summarize',
      })]: 4,
      [JSON.stringify({
        team: teamB.name,
        key: memberB.id,
        rule: `TEAM ${teamB.name} requestsPerMinute`,
        capability: 'summarize',
      })]: 3,
    };
    // Each instance writes its counts every flush interval; read from the first, they add up.
    await expect
      .poll(
        async () =>
          totals(
            await hits(first.adminKey, {
              interval: 'MINUTE',
              groupBy: ['TEAM', 'KEY', 'RULE', 'CAPABILITY'],
            }),
          ),
        {
          timeout: 20_000,
        },
      )
      .toEqual(expected);

    const byTeam = await hits(first.adminKey, { interval: 'DAY', groupBy: ['TEAM'] });
    expect(totals(byTeam)).toEqual({
      [JSON.stringify({ team: teamA.name })]: 4,
      [JSON.stringify({ team: teamB.name })]: 3,
    });
    // Buckets start on the interval's boundary.
    const minutes = await hits(first.adminKey, { interval: 'MINUTE' });
    for (const row of minutes) expect(new Date(row.start).getTime() % 60_000).toBe(0);
    expect(minutes.reduce((sum, row) => sum + row.hits, 0)).toBe(7);
    expect(await hits(first.adminKey, { capability: 'classify' })).toEqual([]);
  });

  it("shows a team member its own team's hits only, and refuses another team's", async () => {
    for (const key of [memberA.key, viewerA.key]) {
      await expect
        .poll(async () => totals(await hits(key, { groupBy: ['TEAM'] })))
        .toEqual({
          [JSON.stringify({ team: teamA.name })]: 4,
        });
    }
    const other = await graphql(first.url, HITS, {
      key: viewerA.key,
      variables: { from, to: to(), team: teamB.name },
    });
    expect(errorCode(other)).toBe('FORBIDDEN');
    expect(totals(await hits(first.adminKey, { team: teamB.name, groupBy: ['KEY'] }))).toEqual({
      [JSON.stringify({ key: memberB.id })]: 3,
    });
  });

  it('refuses an inverted range and one of too many buckets', async () => {
    const inverted = await graphql(first.url, HITS, {
      key: first.adminKey,
      variables: { from: to(), to: from },
    });
    expect(errorCode(inverted)).toBe('BAD_USER_INPUT');
    const tooMany = await graphql(first.url, HITS, {
      key: first.adminKey,
      variables: { from: '2026-01-01T00:00:00Z', to: '2026-01-05T00:00:00Z', interval: 'MINUTE' },
    });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/At most 1500 minute buckets/);
  });
});
