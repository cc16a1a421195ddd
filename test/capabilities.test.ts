import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiModelModel } from '../src/store/models/ai-model.model.js';
import { providerModel } from '../src/store/models/provider.model.js';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const registerRemote = `
  mutation Register($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
    registerProvider(input: $provider) { provider { name kind hasApiKey } }
    registerModel(input: $model) { model { name provider upstreamModel } }
  }`;

const ticketSchema = {
  type: 'object',
  properties: { subject: { type: 'string', minLength: 1 }, body: { type: 'string' } },
  required: ['subject', 'body'],
  additionalProperties: false,
};
const triageSchema = {
  type: 'object',
  properties: { priority: { type: 'string', enum: ['low', 'high'] }, team: { type: 'string' } },
  required: ['priority', 'team'],
};

describe('capability registry and invocation', () => {
  let app: TestApp;
  let upstream: FakeServer;

  beforeAll(async () => {
    upstream = await startOpenAiFake({ apiKey: 'sk-upstream-secret-123' });
    app = await startTestApp();
    await graphqlOk(app.url, registerRemote, {
      key: app.adminKey,
      variables: {
        provider: {
          name: 'fake-openai',
          kind: 'OPENAI_COMPATIBLE',
          baseUrl: upstream.url,
          apiKey: 'sk-upstream-secret-123',
        },
        model: {
          name: 'fake/gpt',
          provider: 'fake-openai',
          upstreamModel: 'gpt-fake',
          pricing: { inputPer1M: 1, outputPer1M: 2 },
          qualityTier: 5,
        },
      },
    });
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
  });

  it('seeds the four built-in capabilities and local models', async () => {
    const data = await graphqlOk<{
      capabilities: { nodes: { name: string; kind: string; implementations: { model: string }[] }[] };
      models: { edges: { node: { name: string } }[] };
    }>(
      app.url,
      '{ capabilities(first: 100) { nodes: edges { node { name kind implementations { model } } } } models(first: 100) { edges { node { name } } } }',
      {
        key: app.adminKey,
      },
    );
    const builtins = data.capabilities.nodes
      .map((edge) => (edge as unknown as { node: { name: string; kind: string } }).node)
      .filter((capability) => capability.kind === 'BUILTIN')
      .map((capability) => capability.name);
    expect(builtins.sort()).toEqual(['analyze', 'classify', 'retrieve', 'summarize']);
    expect(data.models.edges.map((edge) => edge.node.name)).toEqual(
      expect.arrayContaining([
        'local/extractive-summarizer',
        'local/bm25',
        'local/text-analyzer',
        'local/zero-shot-classifier',
      ]),
    );
  });

  it('keeps provider keys write-only and encrypted at rest', async () => {
    const data = await graphqlOk<{ providers: { edges: { node: { name: string; hasApiKey: boolean } }[] } }>(
      app.url,
      '{ providers { edges { node { name hasApiKey } } } }',
      {
        key: app.adminKey,
      },
    );
    expect(data.providers.edges.map((edge) => edge.node)).toContainEqual({
      name: 'fake-openai',
      hasApiKey: true,
    });
    const stored = await providerModel(app.services.store.connection).findById('fake-openai').lean();
    expect(JSON.stringify(stored)).not.toContain('sk-upstream-secret-123');
  });

  it('runs a custom capability on a remote model and returns validated JSON', async () => {
    await graphqlOk(
      app.url,
      `mutation Reg($input: RegisterCapabilityInput!) { registerCapability(input: $input) { capability { name version } } }`,
      {
        key: app.adminKey,
        variables: {
          input: {
            name: 'triage-ticket',
            inputSchema: ticketSchema,
            outputSchema: triageSchema,
            promptTemplate: 'Triage this ticket. Subject: {{input.subject}}. Body: {{input.body}}',
            implementations: [{ model: 'fake/gpt' }],
          },
        },
      },
    );
    upstream.reset();
    upstream.enqueue({ type: 'reply', text: '{"priority":"high","team":"billing"}' });
    const data = await graphqlOk<{
      invoke: { output: unknown; meta: { model: string; provider: string; usage: { costUsd: number } } };
    }>(
      app.url,
      `mutation { invoke(capability: "triage-ticket", input: { subject: "Refund", body: "I was charged twice" }) {
          output meta { model provider usage { costUsd } } } }`,
      { key: app.adminKey },
    );
    expect(data.invoke.output).toEqual({ priority: 'high', team: 'billing' });
    expect(data.invoke.meta.model).toBe('fake/gpt');
    expect(data.invoke.meta.usage.costUsd).toBeGreaterThan(0);
    const sent = upstream.requests[0]!.body as {
      messages: { content: string }[];
      response_format: { type: string };
    };
    expect(sent.response_format.type).toBe('json_schema');
    expect(sent.messages.at(-1)!.content).toContain('Subject: Refund. Body: I was charged twice');
    expect(upstream.requests[0]!.headers.authorization).toBe('Bearer sk-upstream-secret-123');
  });

  it('repairs one invalid answer, then fails with PROVIDER_ERROR on a second', async () => {
    upstream.reset();
    upstream.enqueue(
      { type: 'reply', text: 'not json at all' },
      { type: 'reply', text: '{"priority":"low","team":"support"}' },
    );
    const repaired = await graphqlOk<{ invoke: { output: { priority: string } } }>(
      app.url,
      `mutation { invoke(capability: "triage-ticket", input: { subject: "Hi", body: "x" }) { output } }`,
      { key: app.adminKey },
    );
    expect(repaired.invoke.output.priority).toBe('low');
    expect(upstream.requests).toHaveLength(2);

    upstream.reset();
    upstream.enqueue(
      { type: 'reply', text: '{"priority":"urgent"}' },
      { type: 'reply', text: '{"priority":"urgent"}' },
    );
    const failed = await graphql(
      app.url,
      `
        mutation {
          invoke(capability: "triage-ticket", input: { subject: "Hi", body: "x" }) {
            output
          }
        }
      `,
      {
        key: app.adminKey,
      },
    );
    expect(failed.errors?.[0]?.extensions?.code).toBe('PROVIDER_ERROR');
  });

  it('rejects schema-violating input with BAD_USER_INPUT before anything is sent upstream', async () => {
    upstream.reset();
    const response = await graphql(
      app.url,
      `
        mutation {
          invoke(capability: "triage-ticket", input: { subject: "" }) {
            output
          }
        }
      `,
      {
        key: app.adminKey,
      },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toContain('inputSchema');
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers NOT_FOUND for an unknown capability and a clear error for a deprecated one', async () => {
    const unknown = await graphql(
      app.url,
      `
        mutation {
          invoke(capability: "nope", input: {}) {
            output
          }
        }
      `,
      { key: app.adminKey },
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await graphqlOk(
      app.url,
      `mutation { registerCapability(input: { name: "old-one", inputSchema: {type: "object"}, outputSchema: {type: "object"}, promptTemplate: "x", implementations: [{ model: "fake/gpt" }] }) { capability { name } } }`,
      { key: app.adminKey },
    );
    await graphqlOk(
      app.url,
      `mutation { deprecateCapability(input: { name: "old-one" }) { capability { status } } }`,
      {
        key: app.adminKey,
      },
    );
    const deprecated = await graphql(
      app.url,
      `
        mutation {
          invoke(capability: "old-one", input: {}) {
            output
          }
        }
      `,
      { key: app.adminKey },
    );
    expect(deprecated.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(deprecated.errors?.[0]?.message).toMatch(/deprecated/);
  });

  it('bumps the version on update and keeps earlier versions readable', async () => {
    const updated = await graphqlOk<{
      updateCapability: { capability: { id: string; version: number; description: string } };
    }>(
      app.url,
      `mutation { updateCapability(input: { name: "triage-ticket", description: "Routes tickets" }) { capability { id version description } } }`,
      { key: app.adminKey },
    );
    expect(updated.updateCapability.capability.version).toBe(2);
    const earlier = await graphqlOk<{
      capabilityVersion: { id: string; version: number; description: string | null };
    }>(app.url, `{ capabilityVersion(name: "triage-ticket", version: 1) { id version description } }`, {
      key: app.adminKey,
    });
    expect(earlier.capabilityVersion).toMatchObject({ version: 1, description: null });
    // Each version has its own id, distinct from the capability's (which stays the same).
    expect(earlier.capabilityVersion.id).not.toBe(updated.updateCapability.capability.id);
  });

  it('swaps summarize to a remote model and back, live', async () => {
    upstream.reset();
    upstream.setScenario({ type: 'reply', text: 'A remote abstractive summary.' });
    const summarize = `mutation { summarize(input: { text: "Capgate routes capabilities to models. It keeps costs under control. Teams love it." }) { summary meta { model } } }`;
    await graphqlOk(
      app.url,
      `mutation { setImplementations(input: { capability: "summarize", implementations: [{ model: "fake/gpt" }] }) { capability { version } } }`,
      { key: app.adminKey },
    );
    const remote = await graphqlOk<{ summarize: { summary: string; meta: { model: string } } }>(
      app.url,
      summarize,
      { key: app.adminKey },
    );
    expect(remote.summarize).toEqual({
      summary: 'A remote abstractive summary.',
      meta: { model: 'fake/gpt' },
    });
    await graphqlOk(
      app.url,
      `mutation { setImplementations(input: { capability: "summarize", implementations: [{ model: "local/extractive-summarizer" }] }) { capability { version } } }`,
      { key: app.adminKey },
    );
    const local = await graphqlOk<{ summarize: { summary: string; meta: { model: string } } }>(
      app.url,
      summarize,
      { key: app.adminKey },
    );
    expect(local.summarize.meta.model).toBe('local/extractive-summarizer');
    expect(local.summarize.summary).toContain('Capgate routes capabilities to models.');
    upstream.setScenario({ type: 'reply' });
  });

  it('validates registry input with BAD_USER_INPUT and writes nothing', async () => {
    const response = await graphql(
      app.url,
      `
        mutation {
          registerModel(input: { name: "bad model!", provider: "nope", upstreamModel: "" }) {
            model {
              name
            }
          }
        }
      `,
      {
        key: app.adminKey,
      },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/name.*provider.*upstreamModel/s);
    expect(await aiModelModel(app.services.store.connection).exists({ _id: 'bad model!' })).toBeNull();
  });
});
