/**
 * Streams over graphql-ws: invokeStream and startRun + runEvents deliver deltas that reassemble the
 * output and end with exactly one COMPLETED, or FAILED when the upstream stream is cut; fallback
 * before the first delta shows only as ATTEMPT_FAILED; the local summarizer streams sentences. (A client
 * that leaves: streaming-disconnect.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { collect, graphqlOk, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface StreamEvent {
  runId: string;
  type: string;
  model: string | null;
  delta: string | null;
  output: { summary?: string } | null;
  errorCode: string | null;
  meta: { model: string; attempts: Array<{ model: string; ok: boolean }> } | null;
}

const fields = 'runId type model delta output errorCode meta { model attempts { model ok } }';
const invokeStream = (options = '') =>
  `subscription S($input: JSON!) { invokeStream(capability: "summarize", input: $input${options}) { ${fields} } }`;
const reply = 'Capgate streams every summary as it is written, piece by piece, to the client.';
const longText =
  'Capgate routes capabilities to models. It keeps costs under control with budgets. Teams love the typed contracts. ' +
  'Breakers stop traffic to failing providers. Streams deliver text as soon as it is produced. Nothing else matters.';

async function streamOf(
  app: TestApp,
  query: string,
  variables: Record<string, unknown>,
): Promise<StreamEvent[]> {
  const client = wsClient(app.url, app.adminKey);
  try {
    const { done } = collect<Record<string, StreamEvent>>(client, query, variables);
    const { results, error } = await done;
    if (error) throw new Error(`stream failed: ${JSON.stringify(error)}`);
    return results.map((result) => Object.values(result.data!)[0]!);
  } finally {
    await client.dispose();
  }
}

const types = (events: StreamEvent[]) => events.map((event) => event.type);
const text = (events: StreamEvent[]) => events.map((event) => event.delta ?? '').join('');

describe('streaming runs', () => {
  const id = randomUUID().slice(0, 8);
  const model = (name: string) => `st-${id}/${name}`;
  let app: TestApp;
  let upstream: FakeServer;
  let broken: FakeServer;

  async function register(name: string, baseUrl: string) {
    await graphqlOk(
      app.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: app.adminKey,
        variables: {
          provider: { name: `st-${id}-${name}`, kind: 'OPENAI_COMPATIBLE', baseUrl },
          model: {
            name: model(name),
            provider: `st-${id}-${name}`,
            upstreamModel: name,
            pricing: { inputPer1M: 1, outputPer1M: 2 },
          },
        },
      },
    );
  }

  beforeAll(async () => {
    app = await startTestApp({ redis: true });
    upstream = await startOpenAiFake({ scenario: { type: 'reply', text: reply, chunks: 8 } });
    broken = await startOpenAiFake({ scenario: { type: 'error', status: 400, message: 'bad request' } });
    await register('streamer', upstream.url);
    await register('broken', broken.url);
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
    await broken?.close();
  });

  it('invokeStream delivers deltas that reassemble the output, then exactly one COMPLETED', async () => {
    const events = await streamOf(app, invokeStream(`, options: { model: "${model('streamer')}" }`), {
      input: { text: longText },
    });
    expect(types(events)[0]).toBe('STARTED');
    expect(types(events)[1]).toBe('ROUTED');
    expect(types(events).filter((type) => type === 'DELTA').length).toBeGreaterThan(1);
    expect(types(events).filter((type) => type === 'COMPLETED' || type === 'FAILED')).toEqual(['COMPLETED']);
    expect(events.at(-1)!.type).toBe('COMPLETED');
    expect(text(events)).toBe(reply);
    expect(events.at(-1)!.output).toEqual({ summary: reply });
    expect(new Set(events.map((event) => event.runId)).size).toBe(1);
  });

  it('ends a stream cut by the upstream with FAILED, never COMPLETED', async () => {
    upstream.enqueue({ type: 'reply', text: reply, chunks: 8, cutAfterChunks: 3 });
    const events = await streamOf(app, invokeStream(`, options: { model: "${model('streamer')}" }`), {
      input: { text: longText },
    });
    expect(types(events).filter((type) => type === 'DELTA')).toHaveLength(3);
    expect(types(events)).not.toContain('COMPLETED');
    expect(events.at(-1)).toMatchObject({ type: 'FAILED', errorCode: 'PROVIDER_ERROR' });
  });

  it('falls back before the first delta with only an ATTEMPT_FAILED to show for it', async () => {
    await graphqlOk(
      app.url,
      `mutation I($impls: [ImplementationInput!]!) { setImplementations(input: { capability: "summarize", implementations: $impls }) { capability { version } } }`,
      {
        key: app.adminKey,
        variables: {
          impls: [
            { model: model('broken'), priority: 0 },
            { model: model('streamer'), priority: 1 },
          ],
        },
      },
    );
    const events = await streamOf(app, invokeStream(), { input: { text: longText } });
    expect(events.filter((event) => event.type === 'ATTEMPT_FAILED')).toEqual([
      expect.objectContaining({ model: model('broken') }),
    ]);
    expect(text(events)).toBe(reply);
    expect(events.at(-1)!.meta).toMatchObject({
      model: model('streamer'),
      attempts: [
        { model: model('broken'), ok: false },
        { model: model('streamer'), ok: true },
      ],
    });
    await graphqlOk(
      app.url,
      `mutation { setImplementations(input: { capability: "summarize", implementations: [{ model: "local/extractive-summarizer" }] }) { capability { version } } }`,
      {
        key: app.adminKey,
      },
    );
  });

  it('streams the local summarizer sentence by sentence', async () => {
    const events = await streamOf(app, invokeStream(), { input: { text: longText, maxSentences: 3 } });
    const deltas = events.filter((event) => event.type === 'DELTA');
    expect(deltas.length).toBe(3);
    expect(text(events)).toBe(events.at(-1)!.output!.summary);
    expect(events.at(-1)!.meta!.model).toBe('local/extractive-summarizer');
  });

  it('startRun returns at once and runEvents replays the run, then follows it to its end', async () => {
    upstream.enqueue({ type: 'reply', text: reply, chunks: 8, chunkIntervalMs: 30 });
    const started = await graphqlOk<{ startRun: { id: string; status: string } }>(
      app.url,
      `mutation S($input: JSON!) { startRun(capability: "summarize", input: $input, options: { model: "${model('streamer')}" }) { id status } }`,
      { key: app.adminKey, variables: { input: { text: longText } } },
    );
    expect(started.startRun.status).toBe('STARTED');
    const events = await streamOf(
      app,
      `subscription F($runId: ID!) { runEvents(runId: $runId) { ${fields} } }`,
      { runId: started.startRun.id },
    );
    expect(types(events)[0]).toBe('STARTED');
    expect(text(events)).toBe(reply);
    expect(types(events).filter((type) => type === 'COMPLETED' || type === 'FAILED')).toEqual(['COMPLETED']);
    // Replay alone (the run is over) gives the same run again.
    const replayed = await streamOf(
      app,
      `subscription F($runId: ID!) { runEvents(runId: $runId) { ${fields} } }`,
      { runId: started.startRun.id },
    );
    expect(types(replayed)).toEqual(types(events));
  });

  it('a run refused before it starts still ends with one FAILED event', async () => {
    const events = await streamOf(app, invokeStream(`, options: { model: "no/such-model" }`), {
      input: { text: longText },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'FAILED', errorCode: 'BAD_USER_INPUT' });
  });
});

describe('streaming runs without Redis (single instance)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('startRun + runEvents work with the in-process log', async () => {
    const started = await graphqlOk<{ startRun: { id: string } }>(
      app.url,
      `mutation S($input: JSON!) { startRun(capability: "summarize", input: $input) { id } }`,
      { key: app.adminKey, variables: { input: { text: longText, maxSentences: 2 } } },
    );
    const events = await streamOf(
      app,
      `subscription F($runId: ID!) { runEvents(runId: $runId) { ${fields} } }`,
      {
        runId: started.startRun.id,
      },
    );
    expect(types(events)).toEqual(['STARTED', 'ROUTED', 'DELTA', 'DELTA', 'COMPLETED']);
    expect(text(events)).toBe(events.at(-1)!.output!.summary);
  });
});
