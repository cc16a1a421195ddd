/**
 * Strategies end to end: set per capability with setRoutingPolicy, overridden per call with
 * `options.strategy`, each explaining its choice in `meta.reason`.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Summary {
  summarize: { summary: string; meta: { model: string; reason: string } };
}

const simpleText = 'The cat sat on the mat. It was sunny.';
const hardText =
  'Explain why the proposed distributed consensus algorithm guarantees linearizability under asynchronous network ' +
  'partitions. Compare it with Raft and Paxos, analyze the trade-offs in latency and throughput, and prove that no ' +
  'two leaders can commit conflicting entries in the same term. Think step by step and include a table of failure scenarios.';

describe('routing strategies', () => {
  const id = randomUUID().slice(0, 8);
  const model = (name: string) => `rs-${id}/${name}`;
  const fakes: Record<string, FakeServer> = {};
  let app: TestApp;

  const summarize = (text: string, strategy?: string, maxWords?: number) =>
    graphqlOk<Summary>(
      app.url,
      `mutation S($text: String!, $maxWords: Int) {
        summarize(input: { text: $text, maxWords: $maxWords }${strategy ? `, options: { strategy: ${strategy} }` : ''}) {
          summary meta { model reason } } }`,
      { key: app.adminKey, variables: { text, maxWords } },
    );

  async function setImplementations(names: string[]) {
    await graphqlOk(
      app.url,
      `mutation I($impls: [ImplementationInput!]!) { setImplementations(input: { capability: "summarize", implementations: $impls }) { capability { version } } }`,
      {
        key: app.adminKey,
        variables: { impls: names.map((name, priority) => ({ model: model(name), priority, weight: 1 })) },
      },
    );
  }

  beforeAll(async () => {
    app = await startTestApp({ redis: true });
    const models: Record<
      string,
      { pricing: { inputPer1M: number; outputPer1M: number }; qualityTier: number; delayMs: number }
    > = {
      premium: { pricing: { inputPer1M: 10, outputPer1M: 30 }, qualityTier: 9, delayMs: 0 },
      budget: { pricing: { inputPer1M: 0.1, outputPer1M: 0.4 }, qualityTier: 2, delayMs: 0 },
      mid: { pricing: { inputPer1M: 1, outputPer1M: 3 }, qualityTier: 5, delayMs: 0 },
      slow: { pricing: { inputPer1M: 1, outputPer1M: 1 }, qualityTier: 5, delayMs: 250 },
      quick: { pricing: { inputPer1M: 1, outputPer1M: 1 }, qualityTier: 5, delayMs: 0 },
    };
    for (const [name, spec] of Object.entries(models)) {
      fakes[name] = await startOpenAiFake({
        scenario: { type: 'reply', text: `Summary by ${name}.`, delayMs: spec.delayMs },
      });
      await graphqlOk(
        app.url,
        `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
          registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
        {
          key: app.adminKey,
          variables: {
            provider: { name: `rs-${id}-${name}`, kind: 'OPENAI_COMPATIBLE', baseUrl: fakes[name]!.url },
            model: {
              name: model(name),
              provider: `rs-${id}-${name}`,
              upstreamModel: name,
              pricing: spec.pricing,
              qualityTier: spec.qualityTier,
            },
          },
        },
      );
    }
  });

  afterAll(async () => {
    await app?.stop();
    await Promise.all(Object.values(fakes).map((fake) => fake.close()));
  });

  it('CHEAPEST, set with setRoutingPolicy, picks the model with the lowest estimated cost', async () => {
    await setImplementations(['premium', 'mid', 'budget']);
    const policy = await graphqlOk<{ setRoutingPolicy: { capability: { routing: { strategy: string } } } }>(
      app.url,
      `mutation { setRoutingPolicy(input: { capability: "summarize", policy: { strategy: CHEAPEST } }) { capability { routing { strategy } } } }`,
      { key: app.adminKey },
    );
    expect(policy.setRoutingPolicy.capability.routing.strategy).toBe('CHEAPEST');
    const result = await summarize(simpleText);
    expect(result.summarize.meta.model).toBe(model('budget'));
    expect(result.summarize.meta.reason).toMatch(
      new RegExp(`^CHEAPEST: ${model('budget')} has the lowest estimated cost, \\$0\\.0000\\d\\d`),
    );
  });

  it('a per-call strategy overrides the capability policy', async () => {
    const result = await summarize(simpleText, 'FALLBACK');
    expect(result.summarize.meta.model).toBe(model('premium'));
    expect(result.summarize.meta.reason).toMatch(/^FALLBACK: /);
  });

  it('FASTEST measures each model once, then keeps to the one with the lowest observed latency', async () => {
    await setImplementations(['slow', 'quick']);
    const served: string[] = [];
    for (let index = 0; index < 6; index++)
      served.push((await summarize(simpleText, 'FASTEST')).summarize.meta.model);
    expect(served.slice(0, 2).sort()).toEqual([model('quick'), model('slow')]);
    expect(served.slice(2)).toEqual(Array(4).fill(model('quick')));
    const last = await summarize(simpleText, 'FASTEST');
    expect(last.summarize.meta.reason).toMatch(
      new RegExp(
        `^FASTEST: ${model('quick')} has the lowest observed latency \\(EWMA \\d+ ms; next: ${model('slow')} at \\d+ ms\\)$`,
      ),
    );
  });

  it('COMPLEXITY sends simple inputs to the cheapest low tier and hard ones to the top tier, saying why', async () => {
    await setImplementations(['mid', 'premium', 'budget']);
    const simple = await summarize(simpleText, 'COMPLEXITY');
    expect(simple.summarize.meta.model).toBe(model('budget'));
    expect(simple.summarize.meta.reason).toMatch(
      new RegExp(`^complexity 0\\.\\d\\d < 0\\.5: routed to tier 2 model ${model('budget')}`),
    );
    const hard = await summarize(hardText, 'COMPLEXITY', 600);
    expect(hard.summarize.meta.model).toBe(model('premium'));
    expect(hard.summarize.meta.reason).toMatch(
      new RegExp(`^complexity 0\\.\\d\\d ≥ 0\\.5: routed to tier 9 model ${model('premium')}`),
    );
  });

  it('WEIGHTED spreads traffic over the weighted models', async () => {
    await setImplementations(['mid', 'budget']);
    const served = new Set<string>();
    for (let index = 0; index < 30 && served.size < 2; index++) {
      const result = await summarize(simpleText, 'WEIGHTED');
      expect(result.summarize.meta.reason).toMatch(
        /^WEIGHTED: .* was drawn by weight \(1 of 2, 50% of traffic\)$/,
      );
      served.add(result.summarize.meta.model);
    }
    expect([...served].sort()).toEqual([model('budget'), model('mid')]);
  });
});
