/**
 * Resilience against real instances (embedded engine + Redis) with fake upstreams: fallback behind a
 * failing model and its breaker, Retry-After, per-attempt timeouts, maxCostUsd, pinning, and the
 * health fields of `models`.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Attempt {
  model: string;
  ok: boolean;
  errorCode: string | null;
}
interface Summary {
  summarize: { summary: string; meta: { model: string; reason: string; attempts: Attempt[] } };
}

/** Options inline (not a variable), so the operation does not depend on the input type's name. */
const summarize = (options: Record<string, unknown> = {}) => `mutation S($text: String!) {
  summarize(input: { text: $text }, options: ${optionsLiteral(options)}) {
    summary meta { model reason attempts { model ok errorCode } } } }`;

function optionsLiteral(options: Record<string, unknown>): string {
  const fields = Object.entries(options).map(([name, value]) =>
    name === 'strategy' ? `${name}: ${String(value)}` : `${name}: ${JSON.stringify(value)}`,
  );
  return `{ ${fields.join(', ')} }`;
}
const text = 'Capgate routes capabilities to models. It keeps costs under control. Teams love it.';

describe('routing resilience', () => {
  // Unique model names: breaker state lives in the Redis shared by every test file and run.
  const id = randomUUID().slice(0, 8);
  const model = (name: string) => `rr-${id}/${name}`;
  const fakes: Record<string, FakeServer> = {};
  let app: TestApp;

  const run = (options?: Record<string, unknown>) =>
    graphqlOk<Summary>(app.url, summarize(options), { key: app.adminKey, variables: { text } });

  beforeAll(async () => {
    app = await startTestApp({ redis: true });
    const pricing: Record<string, { inputPer1M: number; outputPer1M: number }> = {
      bad: { inputPer1M: 1, outputPer1M: 1 },
      good: { inputPer1M: 1, outputPer1M: 1 },
      limited: { inputPer1M: 1, outputPer1M: 1 },
      stuck: { inputPer1M: 1, outputPer1M: 1 },
      pricey: { inputPer1M: 500, outputPer1M: 1500 },
    };
    for (const name of Object.keys(pricing)) {
      fakes[name] = await startOpenAiFake({ scenario: { type: 'reply', text: `Summary by ${name}.` } });
      await graphqlOk(
        app.url,
        `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
          registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
        {
          key: app.adminKey,
          variables: {
            provider: { name: `rr-${id}-${name}`, kind: 'OPENAI_COMPATIBLE', baseUrl: fakes[name]!.url },
            model: {
              name: model(name),
              provider: `rr-${id}-${name}`,
              upstreamModel: name,
              pricing: pricing[name],
            },
          },
        },
      );
    }
    fakes.bad!.setScenario({ type: 'error', status: 500, message: 'upstream is down' });
    fakes.stuck!.setScenario({ type: 'reply', delayMs: 10_000 });
  });

  afterAll(async () => {
    await app?.stop();
    await Promise.all(Object.values(fakes).map((fake) => fake.close()));
  });

  async function setImplementations(implementations: Array<{ model: string; priority: number }>) {
    await graphqlOk(
      app.url,
      `mutation I($impls: [ImplementationInput!]!) { setImplementations(input: { capability: "summarize", implementations: $impls }) { capability { version } } }`,
      { key: app.adminKey, variables: { impls: implementations } },
    );
  }

  it('serves every request behind a first model that always fails, and soon stops calling it', async () => {
    await setImplementations([
      { model: model('bad'), priority: 0 },
      { model: model('good'), priority: 1 },
    ]);
    const served: string[] = [];
    let callsAfterHalf = 0;
    let last: Summary | undefined;
    for (let index = 0; index < 12; index++) {
      last = await run();
      served.push(last.summarize.meta.model);
      if (index === 5) callsAfterHalf = fakes.bad!.requestCount;
    }
    expect(served).toEqual(Array(12).fill(model('good')));
    expect(last!.summarize.summary).toBe('Summary by good.');
    // Three failures open the breaker; at most one probe may follow if the run was slow.
    expect(callsAfterHalf).toBeLessThanOrEqual(4);
    expect(fakes.bad!.requestCount - callsAfterHalf).toBeLessThanOrEqual(1);
    expect(last!.summarize.meta.reason).toContain(`${model('bad')} skipped: circuit open`);

    const health = await graphqlOk<{
      models: {
        edges: Array<{
          node: { name: string; healthy: boolean; errorRate: number | null; latencyMsP50: number | null };
        }>;
      };
    }>(app.url, '{ models(first: 100) { edges { node { name healthy errorRate latencyMsP50 } } } }', {
      key: app.adminKey,
    });
    const byName = new Map(health.models.edges.map(({ node }) => [node.name, node]));
    expect(byName.get(model('bad'))).toMatchObject({ healthy: false, errorRate: 1, latencyMsP50: null });
    expect(byName.get(model('good'))).toMatchObject({ healthy: true, errorRate: 0 });
    expect(byName.get(model('good'))!.latencyMsP50).toBeGreaterThan(0);
  });

  it('retries a 429 with Retry-After: 1 after about a second, on the same model', async () => {
    fakes.limited!.enqueue({ type: 'error', status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const result = await run({ model: model('limited') });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(result.summarize.meta.attempts).toEqual([
      { model: model('limited'), ok: false, errorCode: 'PROVIDER_ERROR' },
      { model: model('limited'), ok: true, errorCode: null },
    ]);
    expect(result.summarize.meta.reason).toBe(
      `${model('limited')} was pinned by the caller; served by ${model('limited')} after 1 failed attempt(s)`,
    );
  });

  it('gives up on an attempt at timeoutMs and falls back', async () => {
    await setImplementations([
      { model: model('stuck'), priority: 0 },
      { model: model('good'), priority: 1 },
    ]);
    const result = await run({ timeoutMs: 300 });
    expect(result.summarize.meta.model).toBe(model('good'));
    expect(result.summarize.meta.attempts[0]).toEqual({
      model: model('stuck'),
      ok: false,
      errorCode: 'TIMEOUT',
    });
  });

  it('skips candidates above maxCostUsd, and answers NO_ROUTE when none is left', async () => {
    await setImplementations([
      { model: model('pricey'), priority: 0 },
      { model: model('good'), priority: 1 },
    ]);
    const cheapEnough = await run({ maxCostUsd: 0.01 });
    expect(cheapEnough.summarize.meta.model).toBe(model('good'));
    expect(cheapEnough.summarize.meta.reason).toContain(`${model('pricey')} skipped: above maxCostUsd`);
    const callsBefore = fakes.good!.requestCount + fakes.pricey!.requestCount;
    const none = await graphql(app.url, summarize({ maxCostUsd: 0.0000001 }), {
      key: app.adminKey,
      variables: { text },
    });
    expect(none.errors?.[0]?.extensions?.code).toBe('NO_ROUTE');
    expect(fakes.good!.requestCount + fakes.pricey!.requestCount).toBe(callsBefore);
  });

  it('lets a call pin any registered model, and refuses an unknown one', async () => {
    const pinned = await run({ model: model('pricey') });
    expect(pinned.summarize.meta.model).toBe(model('pricey'));
    const unknown = await graphql(app.url, summarize({ model: 'no/such-model' }), {
      key: app.adminKey,
      variables: { text },
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
