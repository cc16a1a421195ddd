/**
 * Runs as stored data: every run (invoke, typed mutations, startRun, invokeStream, /v1) ends COMPLETED
 * or FAILED in `run(id)` and `runs(...)`, with its meta; inputs and outputs only under the
 * capability's logging policy, masked; visible to the owning team and org admins only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { createKey, createTeam, errorCode } from './governance-fixtures.js';
import { collect, graphql, graphqlOk, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface RunRow {
  id: string;
  internalId: string;
  capability: string;
  status: string;
  team: string | null;
  frontDoor: string | null;
  model: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  usage: { inputTokens: number; outputTokens: number; costUsd: number; latencyMs: number } | null;
  attempts: { model: string; ok: boolean }[] | null;
  input: unknown;
  output: unknown;
}

const RUN_FIELDS =
  'id internalId capability status team frontDoor model errorCode errorMessage usage { inputTokens outputTokens costUsd latencyMs } attempts { model ok } input output';
const RUN = `query ($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`;
const RUNS = `query ($first: Int, $after: String, $filter: RunFilter) {
  runs(first: $first, after: $after, filter: $filter) {
    totalCount edges { cursor node { ${RUN_FIELDS} } } pageInfo { hasNextPage endCursor }
  }
}`;

async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`never: ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('runs as stored data', () => {
  const id = randomUUID().slice(0, 8);
  const modelName = `rq-${id}/gpt`;
  const logged = `logged-${id}`;
  const quiet = `quiet-${id}`;
  let app: TestApp;
  let upstream: FakeServer;
  let memberA: string;
  let memberB: string;
  let teamA: string;

  const runOf = (key: string, runId: string) =>
    graphql<{ run: RunRow }>(app.url, RUN, { key, variables: { id: runId } });
  const settled = (key: string, runId: string) =>
    eventually(
      () => runOf(key, runId),
      (response) => response.data?.run?.status === 'COMPLETED' || response.data?.run?.status === 'FAILED',
      `run ${runId} ended`,
    ).then((response) => response.data!.run);

  beforeAll(async () => {
    upstream = await startOpenAiFake({
      scenario: { type: 'reply', text: 'Reach me at ops@example.com any time.' },
    });
    app = await startTestApp();
    const key = app.adminKey;
    await graphqlOk(
      app.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key,
        variables: {
          provider: { name: `rq-${id}`, kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          model: {
            name: modelName,
            provider: `rq-${id}`,
            upstreamModel: 'gpt',
            pricing: { inputPer1M: 1, outputPer1M: 2 },
          },
        },
      },
    );
    const common = {
      inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
      promptTemplate: 'Answer: {{input.text}}',
      implementations: [{ model: modelName }],
    };
    const registered = await graphqlOk<{
      registerCapability: { capability: { logging: { inputs: boolean; outputs: boolean } } };
    }>(
      app.url,
      `mutation ($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { logging { inputs outputs } } } }`,
      { key, variables: { input: { name: logged, ...common, logging: { inputs: true, outputs: true } } } },
    );
    expect(registered.registerCapability.capability.logging).toEqual({ inputs: true, outputs: true });
    await graphqlOk(
      app.url,
      `mutation { setMaskingPolicy(input: { capability: "${logged}", detectors: [EMAIL], mode: REDACT }) { capability { name } } }`,
      { key },
    );
    const quietCapability = await graphqlOk<{
      registerCapability: { capability: { logging: { inputs: boolean } } };
    }>(
      app.url,
      `mutation ($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { logging { inputs outputs } } } }`,
      { key, variables: { input: { name: quiet, ...common } } },
    );
    expect(quietCapability.registerCapability.capability.logging).toEqual({ inputs: false, outputs: false });
    teamA = (await createTeam(app, `runs-a-${id}`)).name;
    const teamB = (await createTeam(app, `runs-b-${id}`)).name;
    memberA = (await createKey(app.url, key, teamA, ['MEMBER'])).key;
    memberB = (await createKey(app.url, key, teamB, ['MEMBER'])).key;
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
  });

  it('stores a completed invoke with its meta, and the masked input and output its logging policy keeps', async () => {
    const data = await graphqlOk<{ invoke: { meta: { runId: string } } }>(
      app.url,
      `mutation { invoke(capability: "${logged}", input: { text: "mail jane@example.com" }) { output meta { runId } } }`,
      { key: memberA },
    );
    const run = await settled(memberA, data.invoke.meta.runId);
    expect(run).toMatchObject({
      capability: logged,
      status: 'COMPLETED',
      team: teamA,
      frontDoor: 'graphql',
      model: modelName,
      errorCode: null,
      attempts: [{ model: modelName, ok: true }],
    });
    expect(run.usage!.inputTokens).toBeGreaterThan(0);
    expect(run.usage!.costUsd).toBeGreaterThan(0);
    expect(JSON.stringify(run.input)).not.toContain('jane@example.com');
    expect(run.input).toEqual({ text: expect.stringContaining('mail ') });
    expect(typeof run.output).toBe('string');
    expect(run.output).toContain('Reach me at');
    expect(run.output).not.toContain('ops@example.com');
  });

  it('keeps neither input nor output without a logging policy, and records FAILED runs with their error', async () => {
    const ok = await graphqlOk<{ invoke: { meta: { runId: string } } }>(
      app.url,
      `mutation { invoke(capability: "${quiet}", input: { text: "hello" }) { meta { runId } } }`,
      { key: memberA },
    );
    const run = await settled(memberA, ok.invoke.meta.runId);
    expect(run).toMatchObject({ status: 'COMPLETED', input: null, output: null });

    upstream.enqueue({ type: 'error', status: 400, message: 'bad request upstream' });
    const client = wsClient(app.url, memberA);
    try {
      const { done } = collect<{ invokeStream: { runId: string; type: string } }>(
        client,
        `subscription { invokeStream(capability: "${quiet}", input: { text: "boom" }) { runId type } }`,
      );
      const { results } = await done;
      const events = results.map((result) => result.data!.invokeStream);
      expect(events.at(-1)!.type).toBe('FAILED');
      const failed = await settled(memberA, events[0]!.runId);
      expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'PROVIDER_ERROR', frontDoor: 'graphql' });
      expect(failed.errorMessage).toBeTruthy();
      expect(failed.attempts).toEqual([{ model: modelName, ok: false }]);
    } finally {
      await client.dispose();
    }
  });

  it('moves a startRun run from STARTED to COMPLETED (never "running" forever)', async () => {
    upstream.enqueue({ type: 'reply', text: 'slow answer', delayMs: 600 });
    const started = await graphqlOk<{ startRun: { id: string; status: string } }>(
      app.url,
      `mutation { startRun(capability: "${quiet}", input: { text: "later" }) { id status } }`,
      { key: memberA },
    );
    expect(started.startRun.status).toBe('STARTED');
    const midway = await eventually(
      () => runOf(memberA, started.startRun.id),
      (response) => response.data?.run !== undefined,
      'the STARTED record is stored',
    );
    expect(['STARTED', 'COMPLETED']).toContain(midway.data!.run.status);
    expect((await settled(memberA, started.startRun.id)).status).toBe('COMPLETED');
  });

  it('stores a startRun refused before it started (bad input) as FAILED', async () => {
    const started = await graphqlOk<{ startRun: { id: string } }>(
      app.url,
      `mutation { startRun(capability: "${quiet}", input: { wrong: 1 }) { id } }`,
      { key: memberA },
    );
    const run = await settled(memberA, started.startRun.id);
    expect(run).toMatchObject({ status: 'FAILED', errorCode: 'BAD_USER_INPUT', capability: quiet });
  });

  it('hides a run from other teams (NOT_FOUND) and shows it to org admins', async () => {
    const data = await graphqlOk<{ invoke: { meta: { runId: string } } }>(
      app.url,
      `mutation { invoke(capability: "${quiet}", input: { text: "private" }) { meta { runId } } }`,
      { key: memberA },
    );
    const runId = data.invoke.meta.runId;
    await settled(memberA, runId);
    expect(errorCode(await runOf(memberB, runId))).toBe('NOT_FOUND');
    expect(errorCode(await runOf(memberA, 'run_does-not-exist'))).toBe('NOT_FOUND');
    expect((await runOf(app.adminKey, runId)).data?.run.team).toBe(teamA);
    const listedByB = await graphqlOk<{ runs: { edges: { node: RunRow }[] } }>(app.url, RUNS, {
      key: memberB,
    });
    expect(listedByB.runs.edges.map((edge) => edge.node.internalId)).not.toContain(runId);
    // node(id:) applies the same visibility: the owner and admins get it, another team gets null.
    const own = await runOf(memberA, runId);
    const globalId = own.data!.run.id;
    expect(globalId).not.toBe(runId);
    expect(own.data!.run.internalId).toBe(runId);
    const NODE = 'query ($id: ID!) { node(id: $id) { __typename id ... on Run { internalId status } } }';
    expect((await graphqlOk(app.url, NODE, { key: memberA, variables: { id: globalId } })).node).toEqual({
      __typename: 'Run',
      id: globalId,
      internalId: runId,
      status: 'COMPLETED',
    });
    expect(
      (await graphqlOk(app.url, NODE, { key: app.adminKey, variables: { id: globalId } })).node,
    ).not.toBeNull();
    expect((await graphqlOk(app.url, NODE, { key: memberB, variables: { id: globalId } })).node).toBeNull();
    // run(id:) takes the global id too; an id of another type is BAD_USER_INPUT.
    expect((await runOf(memberA, globalId)).data?.run.internalId).toBe(runId);
    const teamNodeId = Buffer.from(`Team:${runId}`).toString('base64url');
    expect(errorCode(await runOf(memberA, teamNodeId))).toBe('BAD_USER_INPUT');
    const otherTeam = await graphql(app.url, RUNS, { key: memberB, variables: { filter: { team: teamA } } });
    expect(errorCode(otherTeam)).toBe('FORBIDDEN');
  });

  it('lists the caller team runs newest first, page by page, filtered by capability, status and time', async () => {
    const before = new Date();
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      const data = await graphqlOk<{ invoke: { meta: { runId: string } } }>(
        app.url,
        `mutation { invoke(capability: "${logged}", input: { text: "page ${index}" }) { meta { runId } } }`,
        { key: memberA },
      );
      ids.push(data.invoke.meta.runId);
    }
    const filter = { capability: logged, status: 'COMPLETED', from: before.toISOString() };
    await eventually(
      () =>
        graphqlOk<{ runs: { totalCount: number } }>(app.url, RUNS, { key: memberA, variables: { filter } }),
      (data) => data.runs.totalCount === 5,
      'five runs listed',
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const data: {
        runs: { edges: { node: RunRow }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      } = await graphqlOk(app.url, RUNS, { key: memberA, variables: { first: 2, after, filter } });
      seen.push(...data.runs.edges.map((edge) => edge.node.internalId));
      expect(data.runs.pageInfo.hasNextPage).toBe(page < 2);
      after = data.runs.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());
    const none = await graphqlOk<{ runs: { totalCount: number } }>(app.url, RUNS, {
      key: memberA,
      variables: { filter: { ...filter, status: 'FAILED' } },
    });
    expect(none.runs.totalCount).toBe(0);
    const future = await graphqlOk<{ runs: { totalCount: number } }>(app.url, RUNS, {
      key: memberA,
      variables: { filter: { capability: logged, from: new Date(Date.now() + 60_000).toISOString() } },
    });
    expect(future.runs.totalCount).toBe(0);
  });

  it('answers BAD_USER_INPUT for a malformed cursor, a page size out of range and from after to', async () => {
    expect(
      errorCode(await graphql(app.url, RUNS, { key: memberA, variables: { after: 'not-a-cursor' } })),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await graphql(app.url, RUNS, { key: memberA, variables: { first: 101 } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await graphql(app.url, RUNS, { key: memberA, variables: { first: 0 } }))).toBe(
      'BAD_USER_INPUT',
    );
    const reversed = { from: new Date().toISOString(), to: new Date(Date.now() - 1000).toISOString() };
    expect(errorCode(await graphql(app.url, RUNS, { key: memberA, variables: { filter: reversed } }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('records /v1 runs too', async () => {
    const response = await fetch(`${app.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${memberA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: modelName, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    const data = await eventually(
      () =>
        graphqlOk<{ runs: { edges: { node: RunRow }[] } }>(app.url, RUNS, {
          key: memberA,
          variables: { first: 1 },
        }),
      (page) => page.runs.edges[0]?.node.frontDoor === 'v1',
      'the /v1 run is listed',
    );
    expect(data.runs.edges[0]!.node).toMatchObject({ status: 'COMPLETED', model: modelName });
  });

  it('deletes runs older than the retention period', async () => {
    const data = await graphqlOk<{ invoke: { meta: { runId: string } } }>(
      app.url,
      `mutation { invoke(capability: "${quiet}", input: { text: "old" }) { meta { runId } } }`,
      { key: memberA },
    );
    await settled(memberA, data.invoke.meta.runId);
    const { RunRetention } = await import('../src/runs/run-retention.js');
    const retention = new RunRetention({
      runs: app.services.store.runs,
      logger: app.services.logger,
      retentionDays: 30,
    });
    expect(await retention.purge(new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    expect(await retention.purge(new Date(Date.now() + 31 * 86_400_000))).toBeGreaterThan(0);
    expect(errorCode(await runOf(memberA, data.invoke.meta.runId))).toBe('NOT_FOUND');
  });
});
