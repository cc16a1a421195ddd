/**
 * Orphaned runs (issue 15, item 6): two instances share one database and Redis; the one executing a
 * long streamed run is killed with SIGKILL (a child process). Its run's lease lapses, the surviving
 * instance ends the run FAILED INSTANCE_LOST for the follower it already had and for new followers,
 * marks the run record FAILED, and releases the budget reservation so the team's next request is
 * admitted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../src/infra/project-root.js';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { createKey, createTeam, errorCode, SET_BUDGET } from './governance-fixtures.js';
import { collect, graphql, graphqlOk, wsClient } from './support/graphql-client.js';
import { mongoUriFor, startTestApp, type TestApp } from './support/test-app.js';

const LEASE_MS = 1500;

interface FollowedEvent {
  seq: number | null;
  type: string;
  delta: string | null;
  errorCode: string | null;
}

const FOLLOW = `subscription ($runId: ID!) { runEvents(runId: $runId) { type delta errorCode } }`;

/** Starts `node src/main.ts` (compiled on the fly) against the survivor's database and Redis. */
async function startChildInstance(survivor: TestApp): Promise<{ child: ChildProcess; url: string }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'capgate-child-'));
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
    cwd: projectRoot(),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      HOST: '127.0.0.1',
      MONGODB_URI: mongoUriFor(survivor.database),
      REDIS_URL: inject('redisUrl'),
      CAPGATE_MASTER_KEY: survivor.masterKey,
      CAPGATE_BOOTSTRAP_ADMIN_KEY: survivor.adminKey,
      CAPGATE_DATA_DIR: dataDir,
      CAPGATE_RUN_LEASE_MS: String(LEASE_MS),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  for (;;) {
    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
    if (url) return { child, url };
    if (child.exitCode !== null || Date.now() - started > 90_000) {
      child.kill('SIGKILL');
      throw new Error(`the child instance did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('orphaned runs: the instance running a run dies', () => {
  const id = randomUUID().slice(0, 8);
  const modelName = `or-${id}/slow`;
  const capability = `slow-${id}`;
  let survivor: TestApp;
  let upstream: FakeServer;
  let child: ChildProcess | undefined;
  let childUrl: string;
  let member: string;

  beforeAll(async () => {
    // A slow streamed answer: 100 chunks, 200 ms apart (20 s), far longer than the test waits.
    upstream = await startOpenAiFake({
      scenario: { type: 'reply', text: 'word '.repeat(100), chunks: 100, chunkIntervalMs: 200 },
    });
    survivor = await startTestApp({ redis: true, env: { CAPGATE_RUN_LEASE_MS: String(LEASE_MS) } });
    const key = survivor.adminKey;
    await graphqlOk(
      survivor.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key,
        variables: {
          provider: { name: `or-${id}`, kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          // $1,000 per million tokens: one run's reservation is a large share of the budget below.
          model: {
            name: modelName,
            provider: `or-${id}`,
            upstreamModel: 'slow',
            pricing: { inputPer1M: 1000, outputPer1M: 1000 },
          },
        },
      },
    );
    await graphqlOk(
      survivor.url,
      `mutation ($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { name } } }`,
      {
        key,
        variables: {
          input: {
            name: capability,
            inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
            promptTemplate: 'Write at length about {{input.text}}.',
            implementations: [{ model: modelName }],
          },
        },
      },
    );
    const team = await createTeam(survivor, `orphans-${id}`);
    member = (await createKey(survivor.url, key, team.name, ['MEMBER'])).key;
    await graphqlOk(survivor.url, SET_BUDGET, {
      key,
      variables: { scope: 'TEAM', target: team.name, limitUsd: 0.5, period: 'DAILY', mode: 'HARD' },
    });
    ({ child, url: childUrl } = await startChildInstance(survivor));
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await survivor?.stop();
    await upstream?.close();
  });

  it('ends the run FAILED INSTANCE_LOST for followers old and new, and frees its reservation', async () => {
    const invoke = (url: string) =>
      graphql(url, `mutation { invoke(capability: "${capability}", input: { text: "leases" }) { output } }`, {
        key: member,
      });
    const started = await graphqlOk<{ startRun: { id: string } }>(
      childUrl,
      `mutation { startRun(capability: "${capability}", input: { text: "leases" }) { id } }`,
      { key: member },
    );
    const runId = started.startRun.id;

    // A follower on the surviving instance, in the middle of the stream.
    const follower = wsClient(survivor.url, member);
    const followed = collect<{ runEvents: FollowedEvent }>(follower, FOLLOW, { runId });
    const deadline = Date.now() + 30_000;
    while (!followed.results.some((result) => result.data?.runEvents.type === 'DELTA')) {
      if (Date.now() > deadline) throw new Error(`no DELTA followed: ${JSON.stringify(followed.results)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The run holds its reservation: the team's next request does not fit the budget.
    expect(errorCode(await invoke(survivor.url))).toBe('BUDGET_EXCEEDED');

    child!.kill('SIGKILL');
    const { results, error } = await followed.done;
    await follower.dispose();
    expect(error).toBeUndefined();
    const events = results.map((result) => result.data!.runEvents);
    const terminal = events.filter((event) => event.type === 'COMPLETED' || event.type === 'FAILED');
    expect(terminal).toEqual([{ type: 'FAILED', delta: null, errorCode: 'INSTANCE_LOST' }]);
    expect(events.at(-1)!.type).toBe('FAILED');

    // A follower that comes later replays the run to the same end.
    const late = wsClient(survivor.url, member);
    try {
      const replay = await collect<{ runEvents: FollowedEvent }>(late, FOLLOW, { runId }).done;
      const replayed = replay.results.map((result) => result.data!.runEvents);
      expect(replayed[0]!.type).toBe('STARTED');
      expect(replayed.at(-1)).toMatchObject({ type: 'FAILED', errorCode: 'INSTANCE_LOST' });
    } finally {
      await late.dispose();
    }

    // The run record says so too.
    const record = await graphqlOk<{ run: { status: string; errorCode: string } }>(
      survivor.url,
      `query ($id: ID!) { run(id: $id) { status errorCode } }`,
      { key: member, variables: { id: runId } },
    );
    expect(record.run).toEqual({ status: 'FAILED', errorCode: 'INSTANCE_LOST' });

    // The reservation was released: the team's next request is admitted and served.
    upstream.enqueue({ type: 'reply', text: 'short answer' });
    const next = await invoke(survivor.url);
    expect(next.errors).toBeUndefined();
    expect(next.data).toEqual({ invoke: { output: 'short answer' } });
  });
});
