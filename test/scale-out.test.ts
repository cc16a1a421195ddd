/**
 * Two service instances sharing one database and one Redis: runs started on one are followed from
 * the other, registry changes on one route traffic on the other within seconds, and breaker and
 * latency state are shared.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { collect, graphqlOk, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface ModelHealthRow {
  name: string;
  healthy: boolean;
  latencyMsP50: number | null;
  errorRate: number | null;
}

const text = 'Capgate scales out. Every instance is stateless. Redis carries what they share.';
const reply = 'Runs started on one instance are followed from any other, live and to the end.';

async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`not within ${timeoutMs} ms: ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('scale-out: two instances, one database, one Redis', () => {
  const id = randomUUID().slice(0, 8);
  const model = (name: string) => `so-${id}/${name}`;
  let a: TestApp;
  let b: TestApp;
  let key: string;
  const fakes: Record<string, FakeServer> = {};

  const summarizeOn = (app: TestApp) =>
    graphqlOk<{ summarize: { summary: string; meta: { model: string } } }>(
      app.url,
      `mutation S($text: String!) { summarize(input: { text: $text }) { summary meta { model } } }`,
      { key, variables: { text } },
    );
  const setImplementations = (app: TestApp, names: string[]) =>
    graphqlOk(
      app.url,
      `mutation I($impls: [ImplementationInput!]!) { setImplementations(input: { capability: "summarize", implementations: $impls }) { capability { version } } }`,
      { key, variables: { impls: names.map((name, priority) => ({ model: name, priority })) } },
    );
  const healthOn = async (app: TestApp, name: string) => {
    const data = await graphqlOk<{ models: { edges: { node: ModelHealthRow }[] } }>(
      app.url,
      '{ models(first: 100) { edges { node { name healthy latencyMsP50 errorRate } } } }',
      { key },
    );
    return data.models.edges.map((edge) => edge.node).find((row) => row.name === name)!;
  };

  beforeAll(async () => {
    a = await startTestApp({ redis: true });
    b = await startTestApp({ redis: true, database: a.database, masterKey: a.masterKey });
    key = a.adminKey;
    for (const name of ['remote', 'failing', 'other']) {
      fakes[name] = await startOpenAiFake({
        scenario: { type: 'reply', text: reply, chunks: 10, chunkIntervalMs: 30 },
      });
      await graphqlOk(
        a.url,
        `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
          registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
        {
          key,
          variables: {
            provider: { name: `so-${id}-${name}`, kind: 'OPENAI_COMPATIBLE', baseUrl: fakes[name]!.url },
            model: {
              name: model(name),
              provider: `so-${id}-${name}`,
              upstreamModel: name,
              pricing: { inputPer1M: 1, outputPer1M: 1 },
            },
          },
        },
      );
    }
    fakes.failing!.setScenario({ type: 'error', status: 503, message: 'overloaded' });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await Promise.all(Object.values(fakes).map((fake) => fake.close()));
  });

  it('routes traffic on the other instance within seconds of a registry change', async () => {
    expect((await summarizeOn(b)).summarize.meta.model).toBe('local/extractive-summarizer');
    await setImplementations(a, [model('remote')]);
    const served = await eventually(
      () => summarizeOn(b),
      (result) => result.summarize.meta.model === model('remote'),
      'b routes to the new model',
    );
    expect(served.summarize.summary).toBe(reply);
  });

  it('follows on one instance a run started on the other, replaying and then live to its end', async () => {
    const started = await graphqlOk<{ startRun: { id: string } }>(
      a.url,
      `mutation S($input: JSON!) { startRun(capability: "summarize", input: $input) { id } }`,
      { key, variables: { input: { text } } },
    );
    const client = wsClient(b.url, key);
    try {
      const { done } = collect<{
        runEvents: { type: string; delta: string | null; output: { summary: string } | null };
      }>(client, 'subscription F($runId: ID!) { runEvents(runId: $runId) { type delta output } }', {
        runId: started.startRun.id,
      });
      const { results, error } = await done;
      expect(error).toBeUndefined();
      const events = results.map((result) => result.data!.runEvents);
      expect(events[0]!.type).toBe('STARTED');
      expect(events.map((event) => event.delta ?? '').join('')).toBe(reply);
      expect(
        events
          .filter((event) => event.type === 'COMPLETED' || event.type === 'FAILED')
          .map((event) => event.type),
      ).toEqual(['COMPLETED']);
      expect(events.at(-1)!.output).toEqual({ summary: reply });
    } finally {
      await client.dispose();
    }
  });

  it('shares breaker and latency state: a model failing on one instance stops getting traffic from the other', async () => {
    await setImplementations(a, [model('failing'), model('other')]);
    await eventually(
      async () => b.services.registry.capability('summarize')!.implementations[0]!.model,
      (first) => first === model('failing'),
      'b sees the new implementations',
    );
    // Only instance a sees the failures…
    for (let index = 0; index < 3; index++)
      expect((await summarizeOn(a)).summarize.meta.model).toBe(model('other'));
    // …and b learns that the model is down without calling it.
    const callsBefore = fakes.failing!.requestCount;
    const seenByB = await eventually(
      () => healthOn(b, model('failing')),
      (row) => !row.healthy,
      'b sees the open breaker',
    );
    expect(seenByB.errorRate).toBe(1);
    for (let index = 0; index < 3; index++)
      expect((await summarizeOn(b)).summarize.meta.model).toBe(model('other'));
    expect(fakes.failing!.requestCount).toBe(callsBefore);
    // Latency measured on a is known on b too.
    const other = await eventually(
      () => healthOn(b, model('remote')),
      (row) => row.latencyMsP50 !== null,
      'b knows the latency seen by a',
    );
    expect(other.latencyMsP50).toBeGreaterThan(0);
  });
});
