/**
 * Budgets that admit what they can afford, and never let one answer run past them: reservations
 * sized from what a capability and model actually return (two instances sharing Redis), `max_tokens`
 * capped by what a HARD budget has left, and the opt-in zero-cost fallback to a local model.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer, type RecordedRequest } from './fakes/index.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  BUDGETS,
  createKey,
  createTeam,
  errorCode,
  nodesOf,
  SET_BUDGET,
  uniqueName,
  type Conn,
} from './governance-fixtures.js';

interface InvokeResult {
  invoke: { output: unknown; meta: { model: string; reason: string; usage: { costUsd: number } } };
}

const INVOKE = `mutation ($capability: String!, $input: JSON!) {
  invoke(capability: $capability, input: $input) { output meta { model reason usage { costUsd } } }
}`;
const REGISTER = `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
  registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`;
const REGISTER_CAPABILITY = `mutation ($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { name } } }`;

const tagSchema = {
  type: 'object',
  properties: { tag: { type: 'string' } },
  required: ['tag'],
};

/** The `max_tokens` a recorded chat request asked for. */
function maxTokensOf(request: RecordedRequest): number | undefined {
  const body = request.body as { max_tokens?: number; max_completion_tokens?: number } | undefined;
  return body?.max_tokens ?? body?.max_completion_tokens;
}

describe('budget admission', () => {
  const id = randomUUID().slice(0, 8);
  let first: TestApp;
  let second: TestApp;
  let modest: FakeServer;
  let greedy: FakeServer;

  async function register(
    name: string,
    fake: FakeServer,
    pricing: { inputPer1M: number; outputPer1M: number },
  ) {
    await graphqlOk(first.url, REGISTER, {
      key: first.adminKey,
      variables: {
        provider: { name, kind: 'OPENAI_COMPATIBLE', baseUrl: fake.url, apiKey: 'sk-test' },
        model: { name: `${name}/gpt`, provider: name, upstreamModel: 'gpt-4o-mini', pricing },
      },
    });
  }

  async function budgetedMember(limitUsd: number) {
    const team = await createTeam(first, uniqueName('budget-admission'));
    const member = await createKey(first.url, first.adminKey, team.name, ['MEMBER']);
    await graphqlOk(first.url, SET_BUDGET, {
      key: first.adminKey,
      variables: { scope: 'TEAM', target: team.name, limitUsd, period: 'MONTHLY', mode: 'HARD' },
    });
    // Rules reach the other instance's memory through pub/sub.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { team, member };
  }

  async function spentOf(teamName: string, key: string) {
    const { budgets } = await graphqlOk<{
      budgets: Conn<{ target: string; spentUsd: number; reservedUsd: number }>;
    }>(first.url, BUDGETS, { key });
    return nodesOf(budgets).find((budget) => budget.target === teamName)!;
  }

  beforeAll(async () => {
    first = await startTestApp({ redis: true });
    second = await startTestApp({ redis: true, database: first.database, masterKey: first.masterKey });
    // A model that answers briefly, far below the 256-token static guess.
    modest = await startOpenAiFake({ scenario: { type: 'reply', text: '{"tag":"billing"}' } });
    // A model that answers with as many tokens as max_tokens allows (the fake counts 4 chars a token).
    greedy = await startOpenAiFake({
      scenario: {
        type: 'reply',
        text: (request) => {
          const tokens = maxTokensOf(request) ?? 4096;
          return `{"tag":"${'a'.repeat(Math.max(0, tokens * 4 - 11))}"}`;
        },
      },
    });
    await register(`modest-${id}`, modest, { inputPer1M: 100, outputPer1M: 400 });
    await register(`greedy-${id}`, greedy, { inputPer1M: 0.1, outputPer1M: 10 });
    for (const [name, model] of [
      [`tag-${id}`, `modest-${id}/gpt`],
      [`essay-${id}`, `greedy-${id}/gpt`],
    ] as const) {
      await graphqlOk(first.url, REGISTER_CAPABILITY, {
        key: first.adminKey,
        variables: {
          input: {
            name,
            inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
            outputSchema: tagSchema,
            promptTemplate: 'Tag this support ticket: {{input.text}}',
            implementations: [{ model }],
          },
        },
      });
    }
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await modest?.close();
    await greedy?.close();
  });

  it('admits at least 8 of 60 concurrent requests on two instances against a HARD budget sized for 10, and overruns by at most one request', async () => {
    const capability = `tag-${id}`;
    const input = { text: 'My invoice was charged twice this month.' };
    // What one request costs, learned on both instances the way traffic teaches them.
    let costUsd = 0;
    for (const app of [first, second]) {
      for (let round = 0; round < 2; round++) {
        const data = await graphqlOk<InvokeResult>(app.url, INVOKE, {
          key: first.adminKey,
          variables: { capability, input },
        });
        costUsd = Math.max(costUsd, data.invoke.meta.usage.costUsd);
      }
    }
    expect(costUsd).toBeGreaterThan(0);
    const limitUsd = Number((costUsd * 10).toFixed(6));
    const { team, member } = await budgetedMember(limitUsd);

    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        graphql<InvokeResult>(index % 2 === 0 ? first.url : second.url, INVOKE, {
          key: member.key,
          variables: { capability, input },
        }),
      ),
    );
    const admitted = responses.filter((response) => !response.errors?.length);
    const refused = responses.filter((response) => response.errors?.length);
    expect(refused.map(errorCode).every((code) => code === 'BUDGET_EXCEEDED')).toBe(true);
    expect(admitted.length).toBeGreaterThanOrEqual(8);
    expect(admitted.length).toBeLessThanOrEqual(11);

    const spend = await spentOf(team.name, first.adminKey);
    expect(spend.reservedUsd).toBe(0);
    // Settled to the exact cost of what was served…
    const served = admitted.reduce((sum, response) => sum + response.data!.invoke.meta.usage.costUsd, 0);
    expect(spend.spentUsd).toBeCloseTo(served, 6);
    // …and at most one request's cost past the limit.
    expect(spend.spentUsd).toBeLessThanOrEqual(limitUsd + costUsd + 1e-6);
  });

  it('caps max_tokens by what the HARD budget has left, so a greedy answer cannot overspend it', async () => {
    const limitUsd = 0.01; // 1,000 output tokens at $10 per million; the capability allows 2,048
    const { team, member } = await budgetedMember(limitUsd);
    greedy.reset();
    const outcomes: (string | undefined)[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await graphql<InvokeResult>(attempt % 2 === 0 ? first.url : second.url, INVOKE, {
        key: member.key,
        variables: { capability: `essay-${id}`, input: { text: 'Write as much as you may.' } },
      });
      outcomes.push(response.errors?.length ? errorCode(response) : 'ok');
      if (response.errors?.length) break;
    }
    expect(outcomes[0]).toBe('ok');
    expect(outcomes.at(-1)).toBe('BUDGET_EXCEEDED');

    const asked = greedy.requests.map(maxTokensOf);
    expect(asked.length).toBeGreaterThan(0);
    for (const maxTokens of asked) {
      expect(maxTokens).toBeDefined();
      expect(maxTokens!).toBeLessThanOrEqual(1000);
    }
    const spend = await spentOf(team.name, first.adminKey);
    // Uncapped, the first answer alone (2,048 tokens) would have spent $0.0205 against $0.01.
    expect(spend.spentUsd).toBeGreaterThan(limitUsd * 0.9);
    expect(spend.spentUsd).toBeLessThanOrEqual(limitUsd + 0.0001);
  });

  it('serves with the local implementation when a HARD budget refuses the paid model, only when opted in', async () => {
    const paid = `modest-${id}/gpt`;
    await graphqlOk(
      first.url,
      `mutation ($impls: [ImplementationInput!]!) { setImplementations(input: { capability: "summarize", implementations: $impls }) { capability { version } } }`,
      { key: first.adminKey, variables: { impls: [{ model: paid, priority: 0 }] } },
    );
    const { member } = await budgetedMember(0.000001);
    const text =
      'The council approved the new library budget on Monday. Construction starts in spring. ' +
      'Residents asked for longer opening hours, and the council agreed to review them next year.';
    const summarize = (app: TestApp) =>
      graphql<InvokeResult>(app.url, INVOKE, {
        key: member.key,
        variables: { capability: 'summarize', input: { text } },
      });

    const refused = await summarize(first);
    expect(errorCode(refused)).toBe('BUDGET_EXCEEDED');

    await graphqlOk(
      first.url,
      `mutation { setRoutingPolicy(input: { capability: "summarize", policy: { strategy: FALLBACK, zeroCostFallback: true } }) { capability { name } } }`,
      { key: first.adminKey },
    );
    for (const app of [first, second]) {
      let served: InvokeResult | undefined;
      await expect
        .poll(
          async () => {
            const response = await summarize(app);
            served = response.data ?? undefined;
            return response.errors?.length ? errorCode(response) : 'ok';
          },
          { timeout: 5_000 },
        )
        .toBe('ok');
      expect(served!.invoke.meta.model).toBe('local/extractive-summarizer');
      expect(served!.invoke.meta.usage.costUsd).toBe(0);
      expect(served!.invoke.meta.reason).toMatch(/zero-cost fallback: Budget exceeded/);
      expect(served!.invoke.meta.reason).toContain(paid);
      expect(typeof (served!.invoke.output as { summary?: unknown }).summary).toBe('string');
    }
  });
});
