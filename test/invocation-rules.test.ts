/** Rules the invocation service enforces for every front door: options bounds, pins, internal capabilities, cache vs limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { CREATE_KEY, SET_RATE_LIMIT, createTeam, errorCode, uniqueName } from './governance-fixtures.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const INVOKE = `mutation ($capability: String!, $input: JSON!, $options: InvokeOptions) {
  invoke(capability: $capability, input: $input, options: $options) { output meta { model cached } }
}`;

describe('invocation rules', () => {
  let app: TestApp;
  let upstream: FakeServer;
  let member: { key: string; id: string };

  beforeAll(async () => {
    upstream = await startOpenAiFake();
    app = await startTestApp();
    await graphqlOk(
      app.url,
      `mutation ($provider: RegisterProviderInput!, $model: RegisterModelInput!) { registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: app.adminKey,
        variables: {
          provider: { name: 'rules-fake', kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          model: { name: 'rules/model', provider: 'rules-fake', upstreamModel: 'm' },
        },
      },
    );
    await graphqlOk(
      app.url,
      `mutation ($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { name } } }`,
      {
        key: app.adminKey,
        variables: {
          input: {
            name: 'rules-cap',
            inputSchema: { type: 'object' },
            outputSchema: { type: 'object' },
            promptTemplate: '{{input}}',
            implementations: [{ model: 'rules/model' }],
            cache: { enabled: true, ttlSeconds: 60 },
          },
        },
      },
    );
    upstream.setScenario({ type: 'reply', text: '{"ok":true}' });
    const team = await createTeam(app, uniqueName('rules'));
    const created = await graphqlOk<{ createApiKey: { key: string; apiKey: { internalId: string } } }>(
      app.url,
      CREATE_KEY,
      {
        key: app.adminKey,
        variables: { team: team.name, name: 'member', roles: ['MEMBER'] },
      },
    );
    member = { key: created.createApiKey.key, id: created.createApiKey.apiKey.internalId };
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
  });

  it.each([[0], [-1], [1.5], [10_000_000]])(
    'refuses options.timeoutMs = %s with BAD_USER_INPUT',
    async (timeoutMs) => {
      const response = await graphql(app.url, INVOKE, {
        key: member.key,
        variables: { capability: 'rules-cap', input: {}, options: { timeoutMs } },
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
    },
  );

  it('lets a MEMBER pin only among the implementations; an ADMIN may pin any model', async () => {
    const outside = await graphql(app.url, INVOKE, {
      key: member.key,
      variables: { capability: 'summarize', input: { text: 'One. Two.' }, options: { model: 'rules/model' } },
    });
    expect(errorCode(outside)).toBe('FORBIDDEN');
    const inside = await graphqlOk<{ invoke: { meta: { model: string } } }>(app.url, INVOKE, {
      key: member.key,
      variables: { capability: 'rules-cap', input: { a: 1 }, options: { model: 'rules/model' } },
    });
    expect(inside.invoke.meta.model).toBe('rules/model');
    upstream.setScenario({ type: 'reply', text: 'An admin-pinned summary.' });
    const admin = await graphqlOk<{ invoke: { output: { summary: string }; meta: { model: string } } }>(
      app.url,
      INVOKE,
      {
        key: app.adminKey,
        variables: {
          capability: 'summarize',
          input: { text: 'One. Two.' },
          options: { model: 'rules/model' },
        },
      },
    );
    expect(admin.invoke.meta.model).toBe('rules/model');
    upstream.setScenario({ type: 'reply', text: '{"ok":true}' });
  });

  it('keeps the internal chat capability off GraphQL', async () => {
    const response = await graphql(app.url, INVOKE, {
      key: app.adminKey,
      variables: {
        capability: 'chat.completions',
        input: { model: 'rules/model', messages: [{ role: 'user', content: 'hi' }] },
      },
    });
    expect(errorCode(response)).toBe('NOT_FOUND');
  });

  it('counts cached answers against rate limits', async () => {
    await graphqlOk(app.url, SET_RATE_LIMIT, {
      key: app.adminKey,
      variables: { scope: 'KEY', target: member.id, rpm: 3 },
    });
    const results = [];
    for (let index = 0; index < 5; index++) {
      results.push(
        await graphql<{ invoke: { meta: { cached: boolean } } | null }>(app.url, INVOKE, {
          key: member.key,
          variables: { capability: 'rules-cap', input: { same: 'question' } },
        }),
      );
    }
    // invoke is nullable: a refused call answers { invoke: null } with its error.
    expect(results.filter((result) => result.data?.invoke?.meta.cached)).toHaveLength(
      results.filter((r) => r.data?.invoke).length - 1,
    );
    expect(results.filter((result) => errorCode(result) === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(2);
  });
});
