/**
 * Workflows without Redis (`REDIS_URL` unset): the in-process step runner runs a multi-step DAG with a
 * forEach fan-out, retries a step whose upstream fails, and ends a run FAILED when a step's retries
 * run out (its dependants never start). Also: `workflowRun(id)`, `workflowEvents` and
 * `cancelWorkflowRun` take the internal run id as well as the global one, and the workflow
 * connections page backward (`last`/`before`).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer, type RecordedRequest } from './fakes/index.js';
import { collect, graphql, graphqlOk, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const REGISTER = `mutation ($input: RegisterWorkflowInput!) { registerWorkflow(input: $input) { workflow { name } } }`;
const RUN = `mutation ($input: RunWorkflowInput!) { runWorkflow(input: $input) { run { id internalId status } } }`;
const EVENTS = `subscription ($runId: ID!) { workflowEvents(runId: $runId) {
  seq type step item delta output errorCode message } }`;
const RUN_QUERY = `query ($id: ID!) { workflowRun(id: $id) {
  id internalId status output errorCode errorMessage steps { name status attempts output errorCode } } }`;

interface WorkflowEvent {
  seq: number;
  type: string;
  step: string | null;
  item: number | null;
  output: unknown;
  errorCode: string | null;
}

interface StoredRun {
  id: string;
  internalId: string;
  status: string;
  output: unknown;
  errorCode: string | null;
  errorMessage: string | null;
  steps: Array<{ name: string; status: string; attempts: number; output: unknown; errorCode: string | null }>;
}

const lastUserText = (request: RecordedRequest): string => {
  const body = request.body as { messages: Array<{ role: string; content: string }> };
  return body.messages.filter((message) => message.role === 'user').at(-1)!.content;
};

const text =
  'The river delta flooded in spring. Farmers moved their herds to the hills. ' +
  'Engineers later built levees along the banks. The levees held during the next flood.';

describe('workflows with the in-process step runner (no Redis)', () => {
  const id = randomUUID().slice(0, 8);
  const model = `wfip-${id}/gpt`;
  const echo = `wfip-echo-${id}`;
  let app: TestApp;
  let upstream: FakeServer;

  /** Starts a run and follows its events (by the run id given) to the terminal one. */
  async function runAndFollow(name: string, input: unknown, followBy: 'id' | 'internalId' = 'id') {
    const started = await graphqlOk<{
      runWorkflow: { run: { id: string; internalId: string; status: string } };
    }>(app.url, RUN, { key: app.adminKey, variables: { input: { name, input } } });
    const { run } = started.runWorkflow;
    const client = wsClient(app.url, app.adminKey);
    const { done } = collect<{ workflowEvents: WorkflowEvent }>(client, EVENTS, { runId: run[followBy] });
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      done,
      new Promise<'stuck'>((resolve) => (timer = setTimeout(() => resolve('stuck'), 60_000))),
    ]);
    clearTimeout(timer);
    await client.dispose();
    if (outcome === 'stuck') throw new Error(`the run did not end: ${JSON.stringify(await stored(run.id))}`);
    expect(outcome.error).toBeUndefined();
    return { run, events: outcome.results.map((result) => result.data!.workflowEvents) };
  }

  const stored = async (runId: string) =>
    (
      await graphqlOk<{ workflowRun: StoredRun }>(app.url, RUN_QUERY, {
        key: app.adminKey,
        variables: { id: runId },
      })
    ).workflowRun;

  const register = (input: Record<string, unknown>) =>
    graphqlOk(app.url, REGISTER, { key: app.adminKey, variables: { input } });

  beforeAll(async () => {
    upstream = await startOpenAiFake({
      scenario: { type: 'reply', text: (request) => `Done: ${lastUserText(request)}` },
    });
    app = await startTestApp();
    expect(app.services.config.redisUrl).toBeUndefined();
    await graphqlOk(
      app.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: app.adminKey,
        variables: {
          provider: { name: `wfip-${id}`, kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          model: {
            name: model,
            provider: `wfip-${id}`,
            upstreamModel: 'gpt',
            pricing: { inputPer1M: 1, outputPer1M: 1 },
          },
        },
      },
    );
    await graphqlOk(
      app.url,
      `mutation C($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { name } } }`,
      {
        key: app.adminKey,
        variables: {
          input: {
            name: echo,
            inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
            promptTemplate: 'Echo {{input.text}}',
            implementations: [{ model }],
            routing: { strategy: 'FALLBACK', maxAttempts: 1 },
          },
        },
      },
    );
    // The local NLP models load on first use (a pause of the event loop): load them before any stream.
    await graphqlOk(app.url, `mutation { summarize(input: { text: "${text}" }) { summary } }`, {
      key: app.adminKey,
    });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
  });

  it('runs a multi-step DAG with a forEach fan-out in process: COMPLETED once, each step once', async () => {
    await register({
      name: `fan-${id}`,
      inputSchema: {
        type: 'object',
        required: ['items', 'text'],
        properties: { items: { type: 'array', items: { type: 'string' } }, text: { type: 'string' } },
      },
      steps: [
        { name: 'each', capability: echo, forEach: '/input/items', concurrency: 2, input: { text: '/item' } },
        { name: 'summary', capability: 'summarize', input: { text: '/input/text', maxSentences: 1 } },
        {
          name: 'final',
          capability: echo,
          input: { text: 'Summary: {{steps.summary.output.summary}}' },
          dependsOn: ['each'],
        },
      ],
      output: { each: '/steps/each/output', final: '/steps/final/output' },
    });
    upstream.reset();
    const items = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
    // Followed by the run's internal id: workflowEvents takes either form.
    const { run, events } = await runAndFollow(`fan-${id}`, { items, text }, 'internalId');
    expect(events.filter((event) => event.type === 'COMPLETED' || event.type === 'FAILED')).toHaveLength(1);
    expect(events.at(-1)!.type).toBe('COMPLETED');
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const types = events.map((event) => `${event.type}${event.step ? `:${event.step}` : ''}`);
    for (const step of ['each', 'summary', 'final']) {
      expect(types.filter((type) => type === `STEP_STARTED:${step}`)).toHaveLength(1);
      expect(types.filter((type) => type === `STEP_COMPLETED:${step}`)).toHaveLength(1);
    }
    expect(types.indexOf('STEP_COMPLETED:each')).toBeLessThan(types.indexOf('STEP_STARTED:final'));
    expect(types.indexOf('STEP_COMPLETED:summary')).toBeLessThan(types.indexOf('STEP_STARTED:final'));
    const output = events.at(-1)!.output as { each: string[]; final: string };
    expect(output.each).toEqual(items.map((item) => `Done: Echo ${item}`));
    expect(output.final).toMatch(/^Done: Echo Summary: \S/);
    // One upstream call per item and one for `final`: nothing ran twice.
    expect(upstream.requests).toHaveLength(items.length + 1);

    const byInternal = await stored(run.internalId);
    const byGlobal = await stored(run.id);
    expect(byInternal).toEqual(byGlobal);
    expect(byInternal.status).toBe('COMPLETED');
    expect(byInternal.steps.map((step) => [step.name, step.status, step.attempts])).toEqual([
      ['each', 'COMPLETED', items.length],
      ['summary', 'COMPLETED', 1],
      ['final', 'COMPLETED', 1],
    ]);
  });

  it('retries a failing step and completes; ends FAILED once when the retries run out', async () => {
    await register({
      name: `retry-${id}`,
      inputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
      steps: [{ name: 'flaky', capability: echo, input: { text: '/input/text' }, retries: 2 }],
    });
    upstream.reset();
    upstream.enqueue(
      { type: 'error', status: 500, message: 'upstream hiccup 1' },
      { type: 'error', status: 500, message: 'upstream hiccup 2' },
    );
    const recovered = await runAndFollow(`retry-${id}`, { text: 'third time lucky' });
    expect(recovered.events.at(-1)).toMatchObject({
      type: 'COMPLETED',
      output: 'Done: Echo third time lucky',
    });
    expect(recovered.events.filter((event) => event.type === 'STEP_FAILED')).toHaveLength(0);
    expect(upstream.requests).toHaveLength(3);
    const flaky = (await stored(recovered.run.id)).steps[0]!;
    expect(flaky).toMatchObject({ status: 'COMPLETED', attempts: 3 });

    await register({
      name: `doomed-${id}`,
      inputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
      steps: [
        { name: 'flaky', capability: echo, input: { text: '/input/text' }, retries: 1 },
        { name: 'after', capability: echo, input: { text: '/steps/flaky/output' } },
      ],
    });
    upstream.reset();
    upstream.enqueue(
      { type: 'error', status: 500, message: 'down 1' },
      { type: 'error', status: 500, message: 'down 2' },
    );
    const failed = await runAndFollow(`doomed-${id}`, { text: 'never' });
    const terminal = failed.events.filter((event) => event.type === 'COMPLETED' || event.type === 'FAILED');
    expect(terminal).toHaveLength(1);
    expect(terminal[0]).toMatchObject({ type: 'FAILED', errorCode: 'PROVIDER_ERROR' });
    expect(failed.events.filter((event) => event.type === 'STEP_FAILED')).toEqual([
      expect.objectContaining({ step: 'flaky', errorCode: 'PROVIDER_ERROR' }),
    ]);
    expect(failed.events.some((event) => event.step === 'after')).toBe(false);
    expect(upstream.requests).toHaveLength(2);
    const run = await stored(failed.run.internalId);
    expect(run.status).toBe('FAILED');
    expect(run.errorMessage).toMatch(/Step "flaky" failed/);
    expect(run.steps.map((step) => [step.name, step.status, step.attempts])).toEqual([
      ['flaky', 'FAILED', 2],
      ['after', 'PENDING', 0],
    ]);
  });

  it('takes the internal run id in workflowRun and cancelWorkflowRun; a malformed id is BAD_USER_INPUT', async () => {
    await register({
      name: `slow-${id}`,
      inputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
      steps: [{ name: 'wait', capability: echo, input: { text: '/input/text' } }],
    });
    upstream.enqueue({ type: 'hang' });
    const started = await graphqlOk<{ runWorkflow: { run: { id: string; internalId: string } } }>(
      app.url,
      RUN,
      {
        key: app.adminKey,
        variables: { input: { name: `slow-${id}`, input: { text: 'forever' } } },
      },
    );
    const { internalId, id: globalId } = started.runWorkflow.run;
    expect(internalId).toMatch(/^wfrun_/);
    const cancelled = await graphqlOk<{ cancelWorkflowRun: { run: { id: string; status: string } } }>(
      app.url,
      `mutation ($input: CancelWorkflowRunInput!) { cancelWorkflowRun(input: $input) { run { id status } } }`,
      { key: app.adminKey, variables: { input: { id: internalId } } },
    );
    expect(cancelled.cancelWorkflowRun.run).toEqual({ id: globalId, status: 'CANCELLED' });
    expect((await stored(internalId)).status).toBe('CANCELLED');
    const malformed = await graphql(app.url, RUN_QUERY, {
      key: app.adminKey,
      variables: { id: 'not an id' },
    });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await graphql(app.url, RUN_QUERY, { key: app.adminKey, variables: { id: 'wfrun_nope' } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('pages workflow runs and workflows backward with last/before', async () => {
    const RUNS = `query ($first: Int, $after: String, $last: Int, $before: String) {
      workflowRuns(first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id } } } }`;
    type RunsPage = {
      workflowRuns: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
        edges: Array<{ node: { id: string } }>;
      };
    };
    const runs = async (variables: Record<string, unknown>) =>
      (await graphqlOk<RunsPage>(app.url, RUNS, { key: app.adminKey, variables })).workflowRuns;
    const all = (await runs({ first: 100 })).edges.map((edge) => edge.node.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const first = await runs({ first: 2 });
    const second = await runs({ first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((edge) => edge.node.id)).toEqual(all.slice(2, 4));
    const back = await runs({ last: 2, before: second.pageInfo.startCursor });
    expect(back.edges.map((edge) => edge.node.id)).toEqual(all.slice(0, 2));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(back.totalCount).toBe(all.length);
    const oldest = await runs({ last: 1 });
    expect(oldest.edges.map((edge) => edge.node.id)).toEqual([all.at(-1)]);
    expect(oldest.pageInfo.hasPreviousPage).toBe(true);
    const both = await graphql(app.url, RUNS, { key: app.adminKey, variables: { first: 1, last: 1 } });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await graphql(app.url, RUNS, {
      key: app.adminKey,
      variables: { last: 1, before: 'x!' },
    });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'before' });

    const WORKFLOWS = `query ($first: Int, $last: Int, $before: String) {
      workflows(first: $first, last: $last, before: $before) {
        pageInfo { hasPreviousPage startCursor } edges { node { name } } } }`;
    type WorkflowsPage = {
      workflows: {
        pageInfo: { hasPreviousPage: boolean; startCursor: string };
        edges: Array<{ node: { name: string } }>;
      };
    };
    const names = (
      await graphqlOk<WorkflowsPage>(app.url, WORKFLOWS, { key: app.adminKey, variables: { first: 100 } })
    ).workflows.edges.map((edge) => edge.node.name);
    const lastTwo = (
      await graphqlOk<WorkflowsPage>(app.url, WORKFLOWS, { key: app.adminKey, variables: { last: 2 } })
    ).workflows;
    expect(lastTwo.edges.map((edge) => edge.node.name)).toEqual(names.slice(-2));
    expect(lastTwo.pageInfo.hasPreviousPage).toBe(names.length > 2);
    const beforeThose = (
      await graphqlOk<WorkflowsPage>(app.url, WORKFLOWS, {
        key: app.adminKey,
        variables: { last: 1, before: lastTwo.pageInfo.startCursor },
      })
    ).workflows;
    expect(beforeThose.edges.map((edge) => edge.node.name)).toEqual(names.slice(-3, -2));
  });
});
