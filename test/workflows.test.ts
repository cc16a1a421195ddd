/**
 * Workflows end to end on one instance with Redis (steps from the BullMQ queue): registration
 * validated whole, a run that returns at once and streams its step events to a graphql-ws client,
 * per-step usage tagged with the workflow and run, `when` and `forEach`, cancellation, and the
 * built-in `answer-with-citations` offline with citations that point to the retrieved chunks.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createTeam, uniqueName } from './governance-fixtures.js';
import { collect, graphql, graphqlOk, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const REGISTER = `mutation ($input: RegisterWorkflowInput!) {
  registerWorkflow(input: $input) { workflow { id name version status steps { name capability } } } }`;
const RUN = `mutation ($input: RunWorkflowInput!) { runWorkflow(input: $input) { run { id internalId status } } }`;
const EVENTS = `subscription ($runId: ID!) { workflowEvents(runId: $runId) {
  seq type step item delta output errorCode message usage { costUsd } } }`;
const RUN_QUERY = `query ($id: ID!) { workflowRun(id: $id) {
  id status output errorCode errorMessage steps { name status attempts output errorCode usage { inputTokens } } } }`;

interface WorkflowEvent {
  seq: number;
  type: string;
  step: string | null;
  item: number | null;
  delta: string | null;
  output: unknown;
  errorCode: string | null;
}

const text =
  'The river delta flooded in spring. Farmers moved their herds to the hills. ' +
  'Engineers later built levees along the banks. The levees held during the next flood.';

async function runAndFollow(app: TestApp, key: string, name: string, input: unknown) {
  const started = await graphqlOk<{
    runWorkflow: { run: { id: string; internalId: string; status: string } };
  }>(app.url, RUN, { key, variables: { input: { name, input } } });
  const client = wsClient(app.url, key);
  const { done } = collect<{ workflowEvents: WorkflowEvent }>(client, EVENTS, {
    runId: started.runWorkflow.run.id,
  });
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    done,
    new Promise<'stuck'>((resolve) => (timer = setTimeout(() => resolve('stuck'), 20_000))),
  ]);
  clearTimeout(timer);
  if (outcome === 'stuck') {
    const stored = await graphql(app.url, RUN_QUERY, { key, variables: { id: started.runWorkflow.run.id } });
    throw new Error(`the run did not end: ${JSON.stringify(stored.data)}`);
  }
  const { results, error } = outcome;
  await client.dispose();
  expect(error).toBeUndefined();
  return { run: started.runWorkflow.run, events: results.map((result) => result.data!.workflowEvents) };
}

describe('workflows', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ redis: true });
    // The local NLP models load on first use (a pause of the event loop); load them before any stream.
    await graphqlOk(app.url, `mutation { summarize(input: { text: "${text}" }) { summary } }`, {
      key: app.adminKey,
    });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('lists every registration problem at once and stores nothing', async () => {
    const response = await graphql(app.url, REGISTER, {
      key: app.adminKey,
      variables: {
        input: {
          name: 'broken-flow',
          inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
          steps: [
            { name: 'a', capability: 'no-such-capability', input: { text: '/input/text' } },
            { name: 'b', capability: 'summarize', input: { text: '/steps/c/output/summary' } },
            { name: 'c', capability: 'summarize', input: { text: '/steps/b/output/summary' } },
            { name: 'd', capability: 'classify', input: { text: '/input/text', labels: 42 } },
            { name: 'e', capability: 'retrieve', input: { query: '/input/text' } },
          ],
          output: { summary: '/steps/zzz/output/summary' },
        },
      },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const problems = response.errors![0]!.extensions!.problems as string[];
    const joined = problems.join('\n');
    expect(joined).toContain('unknown capability "no-such-capability"');
    expect(joined).toMatch(/cycle \((b → c → b|c → b → c)\)/);
    expect(joined).toContain(
      'steps[3] (d).input.labels: "classify" expects array, the mapping gives integer',
    );
    expect(joined).toContain('steps[4] (e).input.knowledgeBase: required by "retrieve" and not mapped');
    expect(joined).toContain('output: refers to unknown step "zzz"');
    const stored = await graphqlOk<{ workflow: unknown }>(
      app.url,
      `{ workflow(name: "broken-flow") { name } }`,
      {
        key: app.adminKey,
      },
    );
    expect(stored.workflow).toBeNull();
  });

  it('runs a 3-step workflow: returns at once, streams step events, ends COMPLETED once, tags usage per step', async () => {
    await graphqlOk(app.url, REGISTER, {
      key: app.adminKey,
      variables: {
        input: {
          name: 'digest',
          description: 'Summarize, analyze the summary, classify the original.',
          inputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
          steps: [
            { name: 'summary', capability: 'summarize', input: { text: '/input/text', maxSentences: 2 } },
            {
              name: 'analysis',
              capability: 'analyze',
              input: { text: '{{steps.summary.output.summary}}', aspects: ['STATS'] },
            },
            {
              name: 'topic',
              capability: 'classify',
              input: { text: 'Summary: {{steps.summary.output.summary}}', labels: ['weather', 'cooking'] },
              dependsOn: ['analysis'],
            },
          ],
          output: {
            summary: '/steps/summary/output/summary',
            words: '/steps/analysis/output/stats/words',
            topic: '/steps/topic/output/label',
          },
        },
      },
    });
    const { run, events } = await runAndFollow(app, app.adminKey, 'digest', { text });
    expect(run.status).toBe('RUNNING');
    const types = events.map((event) => `${event.type}${event.step ? `:${event.step}` : ''}`);
    expect(types[0]).toBe('STARTED');
    for (const step of ['summary', 'analysis', 'topic']) {
      expect(types).toContain(`STEP_STARTED:${step}`);
      expect(types).toContain(`STEP_COMPLETED:${step}`);
    }
    expect(types.indexOf('STEP_COMPLETED:summary')).toBeLessThan(types.indexOf('STEP_STARTED:analysis'));
    expect(types.indexOf('STEP_COMPLETED:analysis')).toBeLessThan(types.indexOf('STEP_STARTED:topic'));
    expect(events.filter((event) => event.type === 'COMPLETED' || event.type === 'FAILED')).toHaveLength(1);
    expect(events.at(-1)!.type).toBe('COMPLETED');
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const output = events.at(-1)!.output as { summary: string; words: number; topic: string };
    expect(output.summary.length).toBeGreaterThan(0);
    expect(output.words).toBeGreaterThan(0);
    expect(['weather', 'cooking']).toContain(output.topic);

    const stored = await graphqlOk<{
      workflowRun: { status: string; steps: Array<{ name: string; status: string }> };
    }>(app.url, RUN_QUERY, { key: app.adminKey, variables: { id: run.id } });
    expect(stored.workflowRun.status).toBe('COMPLETED');
    expect(stored.workflowRun.steps.map((step) => step.status)).toEqual([
      'COMPLETED',
      'COMPLETED',
      'COMPLETED',
    ]);
    // Workflow and WorkflowRun are Nodes: node(id:) with the visibility of their own queries.
    const NODE = `query ($run: ID!, $workflow: ID!) {
      run: node(id: $run) { __typename id ... on WorkflowRun { status workflow } }
      workflow: node(id: $workflow) { __typename id ... on Workflow { name } }
    }`;
    const workflowId = (
      await graphqlOk<{ workflow: { id: string } }>(app.url, `{ workflow(name: "digest") { id } }`, {
        key: app.adminKey,
      })
    ).workflow.id;
    const nodes = await graphqlOk<{
      run: { __typename: string; id: string; status: string; workflow: string } | null;
      workflow: { __typename: string; id: string; name: string } | null;
    }>(app.url, NODE, { key: app.adminKey, variables: { run: run.id, workflow: workflowId } });
    expect(nodes.run).toEqual({
      __typename: 'WorkflowRun',
      id: run.id,
      status: 'COMPLETED',
      workflow: 'digest',
    });
    expect(nodes.workflow).toEqual({ __typename: 'Workflow', id: workflowId, name: 'digest' });
    const outsider = await createKey(
      app.url,
      app.adminKey,
      (await createTeam(app, uniqueName('wf-other'))).name,
      ['MEMBER'],
    );
    const hidden = await graphqlOk<{ run: unknown; workflow: { name: string } | null }>(app.url, NODE, {
      key: outsider.key,
      variables: { run: run.id, workflow: workflowId },
    });
    expect(hidden.run).toBeNull(); // another team's run
    expect(hidden.workflow).toMatchObject({ name: 'digest' }); // registered for the whole org

    await app.services.usage!.flush();
    const usage = await app.services.store.connection
      .collection('usageEvents')
      .find({ workflowRunId: run.internalId })
      .toArray();
    expect(usage.map((event) => event.workflowStep).sort()).toEqual(['analysis', 'summary', 'topic']);
    expect(usage.every((event) => event.workflow === 'digest' && event.frontDoor === 'workflow')).toBe(true);
  });

  it('skips a step whose `when` is false and fans out with forEach', async () => {
    await graphqlOk(app.url, REGISTER, {
      key: app.adminKey,
      variables: {
        input: {
          name: 'fan-out',
          inputSchema: {
            type: 'object',
            required: ['texts'],
            properties: { texts: { type: 'array', items: { type: 'string' } }, deep: { type: 'boolean' } },
          },
          steps: [
            {
              name: 'each',
              capability: 'analyze',
              forEach: '/input/texts',
              concurrency: 2,
              input: { text: '/item', aspects: ['STATS'] },
            },
            { name: 'deep', capability: 'summarize', when: '/input/deep', input: { text: '/input/texts/0' } },
          ],
          output: {
            words: { $map: { each: '/steps/each/output', to: '/item/stats/words' } },
            deep: '/steps/deep/output',
          },
        },
      },
    });
    const { events } = await runAndFollow(app, app.adminKey, 'fan-out', {
      texts: ['one two', 'three four five', 'six'],
    });
    expect(events.map((event) => `${event.type}${event.step ? `:${event.step}` : ''}`)).toContain(
      'STEP_SKIPPED:deep',
    );
    expect(events.at(-1)).toMatchObject({ type: 'COMPLETED', output: { words: [2, 3, 1], deep: null } });
  });

  it('refuses input that does not match the inputSchema, and unknown workflows', async () => {
    const bad = await graphql(app.url, RUN, {
      key: app.adminKey,
      variables: { input: { name: 'digest', input: { text: 5 } } },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await graphql(app.url, RUN, {
      key: app.adminKey,
      variables: { input: { name: 'nope', input: {} } },
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answer-with-citations answers offline with [n] markers pointing to the retrieved chunks', async () => {
    await graphqlOk(
      app.url,
      `mutation { createKnowledgeBase(input: { name: "atlas", description: "facts" }) { knowledgeBase { name } } }`,
      { key: app.adminKey },
    );
    await graphqlOk(
      app.url,
      `mutation I($docs: [DocumentInput!]!) { ingestDocuments(input: { knowledgeBase: "atlas", documents: $docs }) { documents { id } } }`,
      {
        key: app.adminKey,
        variables: {
          docs: [
            {
              id: 'volcano',
              title: 'Volcanoes',
              text: 'Volcanoes erupt molten lava from the mantle. Lava cools into basalt rock.',
            },
            {
              id: 'glacier',
              title: 'Glaciers',
              text: 'Glaciers are rivers of ice that carve valleys. Glaciers retreat when the climate warms.',
            },
            {
              id: 'desert',
              title: 'Deserts',
              text: 'Deserts receive little rain. Cacti store water in their stems.',
            },
          ],
        },
      },
    );
    const { events } = await runAndFollow(app, app.adminKey, 'answer-with-citations', {
      knowledgeBase: 'atlas',
      question: 'How do glaciers carve valleys of ice?',
      topK: 2,
    });
    const completed = events.at(-1)!;
    expect(completed.type).toBe('COMPLETED');
    const output = completed.output as {
      answer: string;
      citations: Array<{ marker: number; documentId: string; chunkId: string; text: string }>;
    };
    expect(output.citations.length).toBeGreaterThan(0);
    expect(output.citations[0]!.documentId).toBe('glacier');
    // Each marker [n] follows a sentence taken from citations[n-1].
    const pieces = [...output.answer.matchAll(/(.+?) \[(\d+)\]/g)];
    expect(pieces.length).toBe(output.citations.length);
    for (const [, sentence, marker] of pieces) {
      const cited = output.citations[Number(marker) - 1]!;
      expect(cited.marker).toBe(Number(marker));
      expect(cited.text).toContain(sentence!.trim());
    }
  });

  it('is a capability to callers: invoke, invokeStream and a /v1 model name', async () => {
    const invoked = await graphqlOk<{
      invoke: { output: { topic: string }; meta: { capability: string; provider: string } };
    }>(
      app.url,
      `mutation ($input: JSON!) { invoke(capability: "digest", input: $input) { output meta { capability provider } } }`,
      { key: app.adminKey, variables: { input: { text } } },
    );
    expect(invoked.invoke.meta).toEqual({ capability: 'digest', provider: 'workflow' });
    expect(['weather', 'cooking']).toContain(invoked.invoke.output.topic);

    // A workflow run has no conversation turn: conversationId is refused, nothing runs.
    const withConversation = await graphql(
      app.url,
      `
        mutation ($input: JSON!) {
          invoke(capability: "digest", input: $input, options: { conversationId: "c1" }) {
            output
          }
        }
      `,
      { key: app.adminKey, variables: { input: { text } } },
    );
    expect(withConversation.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(withConversation.errors?.[0]?.message).toMatch(/workflow/);

    const listed = await graphqlOk<{
      capabilities: { edges: Array<{ node: { name: string; kind: string } }> };
    }>(app.url, `{ capabilities(first: 100) { edges { node { name kind } } } }`, {
      key: app.adminKey,
    });
    expect(listed.capabilities.edges.map((edge) => edge.node)).toContainEqual({
      name: 'answer-with-citations',
      kind: 'WORKFLOW',
    });

    const client = wsClient(app.url, app.adminKey);
    const { done } = collect<{ invokeStream: { type: string; delta: string | null; output: unknown } }>(
      client,
      `subscription ($input: JSON!) { invokeStream(capability: "digest", input: $input) { type delta output } }`,
      { input: { text } },
    );
    const { results } = await done;
    await client.dispose();
    const streamed = results.map((result) => result.data!.invokeStream);
    expect(streamed[0]!.type).toBe('STARTED');
    expect(
      streamed.filter((event) => event.type === 'COMPLETED' || event.type === 'FAILED').map((e) => e.type),
    ).toEqual(['COMPLETED']);

    const openai = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: app.adminKey });
    const completion = await openai.chat.completions.create({
      model: 'digest',
      messages: [{ role: 'user', content: JSON.stringify({ text }) }],
    });
    expect(JSON.parse(completion.choices[0]!.message.content!)).toMatchObject({ topic: expect.any(String) });
  });
});
