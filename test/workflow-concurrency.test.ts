/**
 * Concurrent writes to one workflow run from two instances on the embedded FerretDB engine, which
 * applies concurrent updates of one document as read-modify-write (and so could lose one): each
 * step's start, attempt and end is a document of its own, and a step's end and the run's end are
 * inserts a unique `_id` refuses the second time. Two repositories on two connections (two
 * instances' worth) end 30 steps of one run at once, race to end the same step and the run, and
 * nothing is lost or doubled; then two instances sharing Redis run a wide workflow to the end.
 */
import { randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/governance/auth/principal.js';
import { WorkflowRunRepository } from '../src/store/repos/workflow-run.repo.js';
import { workflowModels } from '../src/store/models/workflow.model.js';
import { collect, graphqlOk, wsClient } from './support/graphql-client.js';
import { mongoUriFor, startTestApp, type TestApp } from './support/test-app.js';

describe('one workflow run written by two instances at once', () => {
  let a: TestApp;
  let b: TestApp;
  const connections: Connection[] = [];

  beforeAll(async () => {
    a = await startTestApp({ redis: true });
    b = await startTestApp({ redis: true, database: a.database, masterKey: a.masterKey });
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(connections.map((connection) => connection.close()));
    await b?.stop();
    await a?.stop();
  });

  it('keeps every step end of 30 parallel steps, and ends a step and the run once', async () => {
    const repositories = await Promise.all(
      [0, 1].map(async () => {
        const connection = await mongoose.createConnection(mongoUriFor(a.database)).asPromise();
        connections.push(connection);
        return new WorkflowRunRepository(workflowModels(connection));
      }),
    );
    const [first, second] = repositories as [WorkflowRunRepository, WorkflowRunRepository];
    const runId = `wfrun_${randomUUID()}`;
    const steps = Array.from({ length: 30 }, (_, index) => `s${index}`);
    await first.create({
      runId,
      workflow: 'wide',
      workflowVersion: 1,
      definition: {
        inputSchema: { type: 'object' },
        steps: [...steps, 'dup'].map((name) => ({ name, capability: 'summarize', input: {} })),
      },
      principal: {
        id: 'key',
        orgId: 'org',
        teamId: 'team',
        roles: ['ADMIN'],
        kind: 'API_KEY',
      } as unknown as Principal,
      input: {},
    });
    const usage = { inputTokens: 1, outputTokens: 1, costUsd: 0.01, latencyMs: 1 };
    const ended = await Promise.all(
      steps.map(async (step, index) => {
        const repository = index % 2 === 0 ? first : second;
        expect(await repository.stepStarted(runId, step, `instance-${index % 2}`)).toBe(true);
        await repository.stepAttempted(runId, step);
        return repository.stepEnded(runId, step, { status: 'COMPLETED', output: { step }, usage });
      }),
    );
    expect(ended.every(Boolean)).toBe(true);
    // Both instances end the same step at once: exactly one of them does.
    const dup = await Promise.all(
      [first, second, first, second].map((repository, index) =>
        repository.stepEnded(runId, 'dup', { status: 'COMPLETED', output: index, usage }),
      ),
    );
    expect(dup.filter(Boolean)).toHaveLength(1);
    const run = (await second.get(runId))!;
    expect(Object.keys(run.steps).sort()).toEqual([...steps, 'dup'].sort());
    for (const step of steps)
      expect(run.steps[step]).toMatchObject({ status: 'COMPLETED', attempts: 1, output: { step } });
    expect(run.costUsd).toBeCloseTo(0.31, 6);
    expect(await first.stepStarted(runId, 's0', 'late')).toBe(false); // ended steps do not restart

    const endings = await Promise.all([
      first.ended(runId, 'COMPLETED', { output: 'a' }),
      second.ended(runId, 'FAILED', { errorCode: 'X', errorMessage: 'b' }),
      first.ended(runId, 'CANCELLED', { errorCode: 'CANCELLED' }),
    ]);
    expect(endings.filter(Boolean)).toHaveLength(1);
    const final = (await first.get(runId))!;
    expect(final.status).not.toBe('RUNNING');
    expect(final.endedAt).toBeInstanceOf(Date);
    expect(await second.stepEnded(runId, 'late', { status: 'COMPLETED' })).toBe(false);
    const page = await first.page({ orgId: 'org' }, { size: 10, backward: false });
    expect(page.runs.find((entry) => entry.runId === runId)).toMatchObject({ status: final.status });
  });

  it('runs a wide workflow on two instances sharing Redis to one COMPLETED, every step once', async () => {
    const name = `wide-${randomUUID().slice(0, 8)}`;
    const parallel = Array.from({ length: 8 }, (_, index) => `part${index}`);
    await graphqlOk(
      a.url,
      `mutation ($input: RegisterWorkflowInput!) { registerWorkflow(input: $input) { workflow { name } } }`,
      {
        key: a.adminKey,
        variables: {
          input: {
            name,
            inputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
            steps: [
              ...parallel.map((step) => ({
                name: step,
                capability: 'analyze',
                input: { text: '/input/text', aspects: ['STATS'] },
              })),
              {
                name: 'join',
                capability: 'analyze',
                input: { text: '/input/text', aspects: ['STATS'] },
                dependsOn: parallel,
              },
            ],
            output: { words: '/steps/join/output/stats/words' },
          },
        },
      },
    );
    for (let round = 0; round < 3; round += 1) {
      const started = await graphqlOk<{ runWorkflow: { run: { id: string } } }>(
        (round % 2 === 0 ? a : b).url,
        `mutation ($input: RunWorkflowInput!) { runWorkflow(input: $input) { run { id } } }`,
        { key: a.adminKey, variables: { input: { name, input: { text: 'one two three four' } } } },
      );
      const client = wsClient(b.url, a.adminKey);
      const { done } = collect<{ workflowEvents: { type: string; step: string | null; output: unknown } }>(
        client,
        `subscription ($runId: ID!) { workflowEvents(runId: $runId) { type step output } }`,
        { runId: started.runWorkflow.run.id },
      );
      const { results, error } = await done;
      await client.dispose();
      expect(error).toBeUndefined();
      const events = results.map((result) => result.data!.workflowEvents);
      const terminal = events.filter((event) => event.type === 'COMPLETED' || event.type === 'FAILED');
      expect(terminal).toEqual([expect.objectContaining({ type: 'COMPLETED', output: { words: 4 } })]);
      for (const step of [...parallel, 'join'])
        expect(events.filter((event) => event.type === 'STEP_COMPLETED' && event.step === step)).toHaveLength(
          1,
        );
      const stored = await graphqlOk<{ workflowRun: { status: string; steps: Array<{ status: string }> } }>(
        a.url,
        `query ($id: ID!) { workflowRun(id: $id) { status steps { status } } }`,
        { key: a.adminKey, variables: { id: started.runWorkflow.run.id } },
      );
      expect(stored.workflowRun.status).toBe('COMPLETED');
      expect(stored.workflowRun.steps.every((step) => step.status === 'COMPLETED')).toBe(true);
    }
  }, 120_000);
});
