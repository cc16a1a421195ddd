/**
 * Durable workflow execution (issue 11): two instances (child processes) share one database and
 * Redis; steps run from the BullMQ queue on whichever instance takes them. A 3-step workflow started
 * on instance A streams its events to graphql-ws clients on A and B; the instance running the second
 * step is killed with SIGKILL mid-step; the other one takes the step over once its job lock lapses,
 * the run ends COMPLETED (exactly one terminal event), and each step's usage is recorded once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { collect, graphqlOk, wsClient } from './support/graphql-client.js';
import { startInstanceProcess, type InstanceProcess } from './support/instance-process.js';
import { mongoUriFor, uniqueDatabaseName } from './support/test-app.js';

const EVENTS = `subscription ($runId: ID!) { workflowEvents(runId: $runId) { seq type step errorCode message } }`;

interface Event {
  seq: number;
  type: string;
  step: string | null;
}

describe('durable workflow runs across instances', () => {
  const id = randomUUID().slice(0, 8);
  const database = uniqueDatabaseName();
  const adminKey = `cg_test_admin_${randomUUID().replace(/-/g, '')}`;
  let upstream: FakeServer;
  const instances: InstanceProcess[] = [];
  let mongo: Connection;

  beforeAll(async () => {
    // Each step streams 12 chunks 200 ms apart: ~2.4 s, long enough to be killed in the middle.
    upstream = await startOpenAiFake({
      scenario: { type: 'reply', text: 'step output '.repeat(12), chunks: 12, chunkIntervalMs: 200 },
    });
    const masterKey = randomBytes(32).toString('base64');
    const env = async () => ({
      PORT: '0',
      HOST: '127.0.0.1',
      MONGODB_URI: mongoUriFor(database),
      REDIS_URL: inject('redisUrl'),
      CAPGATE_MASTER_KEY: masterKey,
      CAPGATE_BOOTSTRAP_ADMIN_KEY: adminKey,
      CAPGATE_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'capgate-wf-')),
      CAPGATE_WORKFLOW_LOCK_MS: '2000',
      CAPGATE_USAGE_CLAIM_IDLE_MS: '1000',
      CAPGATE_USAGE_FLUSH_MS: '200',
    });
    // One after the other: the first creates the database's collections and the admin key.
    instances.push(await startInstanceProcess(await env()));
    instances.push(await startInstanceProcess(await env()));
    mongo = await mongoose.createConnection(mongoUriFor(database)).asPromise();
  }, 240_000);

  afterAll(async () => {
    for (const instance of instances) if (instance.child.exitCode === null) instance.child.kill('SIGKILL');
    await mongo?.close();
    await upstream?.close();
  });

  it('resumes the killed instance’s step on the other one; COMPLETED once, usage once per step', async () => {
    const a = instances[0]!;
    await graphqlOk(
      a.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: adminKey,
        variables: {
          provider: { name: `wf-${id}`, kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          model: {
            name: `wf-${id}/slow`,
            provider: `wf-${id}`,
            upstreamModel: 'slow',
            pricing: { inputPer1M: 1, outputPer1M: 2 },
          },
        },
      },
    );
    await graphqlOk(
      a.url,
      `mutation ($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { name } } }`,
      {
        key: adminKey,
        variables: {
          input: {
            name: `slow-${id}`,
            inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
            promptTemplate: 'Continue: {{input.text}}',
            implementations: [{ model: `wf-${id}/slow` }],
          },
        },
      },
    );
    await graphqlOk(
      a.url,
      `mutation ($input: RegisterWorkflowInput!) { registerWorkflow(input: $input) { workflow { id } } }`,
      {
        key: adminKey,
        variables: {
          input: {
            name: `chain-${id}`,
            inputSchema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
            steps: [
              { name: 'first', capability: `slow-${id}`, input: { text: '/input/text' } },
              { name: 'second', capability: `slow-${id}`, input: { text: '/steps/first/output' } },
              { name: 'third', capability: `slow-${id}`, input: { text: '/steps/second/output' } },
            ],
          },
        },
      },
    );
    const started = await graphqlOk<{ runWorkflow: { run: { id: string; internalId: string } } }>(
      a.url,
      `mutation ($input: RunWorkflowInput!) { runWorkflow(input: $input) { run { id internalId } } }`,
      { key: adminKey, variables: { input: { name: `chain-${id}`, input: { text: 'once upon a time' } } } },
    );
    const runId = started.runWorkflow.run.internalId;
    const clients = instances.map((instance) => wsClient(instance.url, adminKey));
    const streams = clients.map((client) =>
      collect<{ workflowEvents: Event }>(client, EVENTS, { runId: started.runWorkflow.run.id }),
    );
    // A step's start and end are marks of their own (workflow.model.ts), naming the instance.
    const marks = mongo.db!.collection<{ _id: string; instance?: string }>('workflowStepMarks');

    // Wait until the second step is running, and kill the instance that runs it.
    let runner: string | undefined;
    for (const deadline = Date.now() + 60_000; !runner && Date.now() < deadline;) {
      const [start, end] = await Promise.all([
        marks.findOne({ _id: `${runId}|second|start` }),
        marks.findOne({ _id: `${runId}|second|end` }),
      ]);
      if (start && !end) runner = start.instance;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(runner).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 500)); // in the middle of its stream
    const victimIndex = instances.findIndex((instance) => runner!.endsWith(`:${instance.child.pid}`));
    expect(victimIndex).toBeGreaterThanOrEqual(0);
    instances[victimIndex]!.child.kill('SIGKILL');
    await instances[victimIndex]!.exited;
    const survivorIndex = 1 - victimIndex;

    const { results, error } = await streams[survivorIndex]!.done;
    expect(error).toBeUndefined();
    const events = results.map((result) => result.data!.workflowEvents);
    const terminal = events.filter((event) => event.type === 'COMPLETED' || event.type === 'FAILED');
    expect(terminal).toEqual([expect.objectContaining({ type: 'COMPLETED' })]);
    expect(events[0]!.type).toBe('STARTED');
    // The second step started twice (killed, then resumed), the others once; each completed once.
    const count = (type: string, step: string) =>
      events.filter((e) => e.type === type && e.step === step).length;
    expect(count('STEP_STARTED', 'second')).toBe(2);
    for (const step of ['first', 'second', 'third']) expect(count('STEP_COMPLETED', step)).toBe(1);
    // The survivor ran the rest.
    const third = await marks.findOne({ _id: `${runId}|third|start` });
    expect(third!.instance).toMatch(new RegExp(`:${instances[survivorIndex]!.child.pid}$`));
    const status = await graphqlOk<{ workflowRun: { status: string } }>(
      instances[survivorIndex]!.url,
      `query ($id: ID!) { workflowRun(id: $id) { status } }`,
      { key: adminKey, variables: { id: started.runWorkflow.run.id } },
    );
    expect(status.workflowRun.status).toBe('COMPLETED');

    // Usage: one record per step (the killed attempt never finished; a re-run attempt shares its key).
    const usage = mongo.db!.collection<{ workflowStep: string; costUsd: number }>('usageEvents');
    let records: Array<{ workflowStep: string; costUsd: number }> = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      records = await usage.find({ workflowRunId: runId }).toArray();
      if (records.length >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // nothing more arrives
    records = await usage.find({ workflowRunId: runId }).toArray();
    expect(records.map((record) => record.workflowStep).sort()).toEqual(['first', 'second', 'third']);
    expect(records.every((record) => record.costUsd > 0)).toBe(true);
    for (const client of clients) await client.dispose();
  }, 180_000);
});
