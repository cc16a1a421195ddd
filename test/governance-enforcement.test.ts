/**
 * Governance on the request path, end to end: hard budgets under concurrency, rate limits shared by
 * two instances, usage that adds up, PII masking seen from the provider's side, the response cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import {
  BUDGETS,
  CREATE_KEY,
  SET_BUDGET,
  SET_RATE_LIMIT,
  USAGE,
  createTeam,
  errorCode,
  uniqueName,
  nodesOf,
  type Conn,
} from './governance-fixtures.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const INVOKE = `mutation ($capability: String!, $input: JSON!) {
  invoke(capability: $capability, input: $input) { output meta { cached usage { costUsd inputTokens outputTokens } } }
}`;

interface InvokeData {
  invoke: {
    output: unknown;
    meta: { cached: boolean; usage: { costUsd: number; inputTokens: number; outputTokens: number } };
  };
}

describe('governance on the invocation path', () => {
  let first: TestApp;
  let second: TestApp;
  let upstream: FakeServer;

  async function memberKey(teamName: string): Promise<{ key: string; id: string }> {
    const data = await graphqlOk<{ createApiKey: { key: string; apiKey: { internalId: string } } }>(
      first.url,
      CREATE_KEY,
      {
        key: first.adminKey,
        variables: { team: teamName, name: uniqueName('member'), roles: ['MEMBER'] },
      },
    );
    return { key: data.createApiKey.key, id: data.createApiKey.apiKey.internalId };
  }

  async function registerCapability(name: string, extra: Record<string, unknown> = {}): Promise<void> {
    await graphqlOk(
      first.url,
      `mutation ($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { name } } }`,
      {
        key: first.adminKey,
        variables: {
          input: {
            name,
            inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
            outputSchema: { type: 'object' },
            promptTemplate: 'Handle: {{input.text}}',
            implementations: [{ model: 'fake/priced' }],
            ...extra,
          },
        },
      },
    );
  }

  beforeAll(async () => {
    upstream = await startOpenAiFake({ record: true });
    first = await startTestApp({ redis: true });
    second = await startTestApp({ redis: true, database: first.database, masterKey: first.masterKey });
    await graphqlOk(
      first.url,
      `mutation ($provider: RegisterProviderInput!, $model: RegisterModelInput!) { registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: first.adminKey,
        variables: {
          provider: { name: 'fake-priced', kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          // $0.001 per token either way: one request costs a few tenths of a dollar.
          model: {
            name: 'fake/priced',
            provider: 'fake-priced',
            upstreamModel: 'm',
            pricing: { inputPer1M: 1000, outputPer1M: 1000 },
          },
        },
      },
    );
  });

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await upstream?.close();
  });

  it('holds a hard budget under 60 concurrent calls, over by at most one estimate', async () => {
    const team = await createTeam(first, uniqueName('budget'));
    const { key } = await memberKey(team.name);
    await registerCapability('budgeted');
    // Actual usage equals the estimate (≈ 300 tokens ≈ $0.30), so ~10 fit in $3.
    upstream.setScenario({
      type: 'reply',
      text: '{"ok":true}',
      delayMs: 50,
      usage: { inputTokens: 45, outputTokens: 256 },
    });
    await graphqlOk(second.url, SET_BUDGET, {
      key: first.adminKey,
      variables: { scope: 'TEAM', target: team.name, limitUsd: 3, period: 'DAILY', mode: 'HARD' },
    });
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        graphql<InvokeData>((index % 2 ? first : second).url, INVOKE, {
          key,
          variables: { capability: 'budgeted', input: { text: `request ${index}` } },
        }),
      ),
    );
    const succeeded = responses.filter((response) => response.data?.invoke);
    const refused = responses.filter((response) => errorCode(response) === 'BUDGET_EXCEEDED');
    expect(succeeded.length + refused.length).toBe(60);
    expect(refused.length).toBeGreaterThan(30);
    const spent = succeeded.reduce((sum, response) => sum + response.data!.invoke.meta.usage.costUsd, 0);
    const oneEstimate = Math.max(...succeeded.map((response) => response.data!.invoke.meta.usage.costUsd));
    expect(spent).toBeLessThanOrEqual(3 + oneEstimate + 1e-9);
    const budgets = await graphqlOk<{
      budgets: Conn<{ target: string; spentUsd: number; reservedUsd: number }>;
    }>(first.url, BUDGETS, {
      key: first.adminKey,
    });
    const budget = nodesOf(budgets.budgets).find((entry) => entry.target === team.name)!;
    expect(budget.spentUsd).toBeCloseTo(spent, 6);
    expect(budget.reservedUsd).toBe(0);
    upstream.setScenario({ type: 'reply' });
  });

  it('shares a rate limit between two instances and answers RATE_LIMITED with retryAfterMs', async () => {
    const team = await createTeam(first, uniqueName('limited'));
    const { key, id } = await memberKey(team.name);
    await registerCapability('limited-cap');
    upstream.setScenario({ type: 'reply', text: '{"ok":true}' });
    await graphqlOk(first.url, SET_RATE_LIMIT, {
      key: first.adminKey,
      variables: { scope: 'KEY', target: id, rpm: 5 },
    });
    const responses = [];
    for (let index = 0; index < 8; index++) {
      responses.push(
        await graphql<InvokeData>((index % 2 ? first : second).url, INVOKE, {
          key,
          variables: { capability: 'limited-cap', input: { text: `call ${index}` } },
        }),
      );
    }
    expect(responses.filter((response) => response.data?.invoke)).toHaveLength(5);
    const limited = responses.filter((response) => errorCode(response) === 'RATE_LIMITED');
    expect(limited).toHaveLength(3);
    expect(limited[0]!.errors![0]!.extensions!.retryAfterMs).toBeGreaterThan(0);
  });

  it('records usage that adds up to what was served', async () => {
    const team = await createTeam(first, uniqueName('usage'));
    const { key } = await memberKey(team.name);
    await registerCapability('metered');
    upstream.setScenario({
      type: 'reply',
      text: '{"ok":true}',
      usage: { inputTokens: 10, outputTokens: 20 },
    });
    const costs: number[] = [];
    for (let index = 0; index < 4; index++) {
      const data = await graphqlOk<InvokeData>(first.url, INVOKE, {
        key,
        variables: { capability: 'metered', input: { text: `u${index}` } },
      });
      costs.push(data.invoke.meta.usage.costUsd);
    }
    upstream.enqueue({ type: 'error', status: 400 });
    const failed = await graphql(first.url, INVOKE, {
      key,
      variables: { capability: 'metered', input: { text: 'bad' } },
    });
    expect(errorCode(failed)).toBe('PROVIDER_ERROR');
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    let row:
      | { requests: number; errors: number; inputTokens: number; outputTokens: number; costUsd: number }
      | undefined;
    for (let wait = 0; wait < 50 && row?.requests !== 5; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const usage = await graphqlOk<{ usage: (typeof row & { key: Record<string, string> })[] }>(
        first.url,
        USAGE,
        {
          key: first.adminKey,
          variables: { from, to, groupBy: ['CAPABILITY'], capability: 'metered' },
        },
      );
      row = usage.usage[0];
    }
    expect(row).toMatchObject({ requests: 5, errors: 1, inputTokens: 40, outputTokens: 80 });
    expect(row!.costUsd).toBeCloseTo(
      costs.reduce((sum, cost) => sum + cost, 0),
      9,
    );
    upstream.setScenario({ type: 'reply' });
  });

  it('masks PII before the provider sees it and restores it in the output', async () => {
    await registerCapability('masked-cap');
    await graphqlOk(
      first.url,
      `mutation { setMaskingPolicy(input: { capability: "masked-cap", detectors: [EMAIL, CREDIT_CARD], mode: TOKENIZE }) { capability { name } } }`,
      {
        key: first.adminKey,
      },
    );
    upstream.reset();
    // The model echoes whatever placeholder it received, as a model quoting its input would.
    upstream.setScenario({
      type: 'reply',
      text: (request) => {
        const prompt = JSON.stringify(request.body);
        const placeholder = /\[EMAIL_1\]/.exec(prompt)?.[0] ?? 'none';
        return JSON.stringify({ contact: placeholder });
      },
    });
    const data = await graphqlOk<InvokeData>(first.url, INVOKE, {
      key: first.adminKey,
      variables: {
        capability: 'masked-cap',
        input: { text: 'Mail jane.doe@example.com, card 4111 1111 1111 1111.' },
      },
    });
    const sent = JSON.stringify(upstream.requests.map((request) => request.body));
    expect(sent).not.toContain('jane.doe@example.com');
    expect(sent).not.toContain('4111 1111 1111 1111');
    expect(sent).toContain('[EMAIL_1]');
    expect(data.invoke.output).toEqual({ contact: 'jane.doe@example.com' });
    upstream.setScenario({ type: 'reply' });
  });

  it('applies the org-wide default masking policy where a capability has none', async () => {
    await registerCapability('default-masked');
    await graphqlOk(
      first.url,
      `mutation { setDefaultMaskingPolicy(input: { detectors: [EMAIL], mode: REDACT }) { maskingPolicy { mode } } }`,
      {
        key: first.adminKey,
      },
    );
    upstream.reset();
    upstream.setScenario({ type: 'reply', text: '{"ok":true}' });
    await graphqlOk(first.url, INVOKE, {
      key: first.adminKey,
      variables: { capability: 'default-masked', input: { text: 'Write to ops@example.org today.' } },
    });
    const sent = JSON.stringify(upstream.requests.map((request) => request.body));
    expect(sent).not.toContain('ops@example.org');
    expect(sent).toContain('[EMAIL]');
    await graphqlOk(
      first.url,
      `mutation { setDefaultMaskingPolicy(input: { detectors: [], mode: REDACT }) { maskingPolicy { mode } } }`,
      {
        key: first.adminKey,
      },
    );
    upstream.setScenario({ type: 'reply' });
  });

  it('serves repeated calls from the response cache for the same team only', async () => {
    await registerCapability('cached-cap', { cache: { enabled: true, ttlSeconds: 60 } });
    upstream.reset();
    upstream.setScenario({ type: 'reply', text: '{"answer":42}' });
    const team = await createTeam(first, uniqueName('cache'));
    const { key } = await memberKey(team.name);
    const call = (apiKey: string, app: TestApp) =>
      graphqlOk<InvokeData>(app.url, INVOKE, {
        key: apiKey,
        variables: { capability: 'cached-cap', input: { text: 'same  question ' } },
      });
    const miss = await call(key, first);
    const hit = await call(key, second);
    expect(miss.invoke.meta.cached).toBe(false);
    expect(hit.invoke.meta.cached).toBe(true);
    expect(hit.invoke.meta.usage.costUsd).toBe(0);
    expect(hit.invoke.output).toEqual({ answer: 42 });
    expect(upstream.requests).toHaveLength(1);
    const otherTeam = await call(first.adminKey, first);
    expect(otherTeam.invoke.meta.cached).toBe(false);
    expect(upstream.requests).toHaveLength(2);
    upstream.setScenario({ type: 'reply' });
  });
});
