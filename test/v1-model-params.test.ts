/**
 * A model's registration says which request field carries its output-token cap: reasoning models
 * (`maxTokensParam: MAX_COMPLETION_TOKENS`) get `max_completion_tokens` whatever the caller named,
 * from /v1/chat/completions and /v1/responses; other models keep `max_tokens`.
 */
import { default as OpenAIClient } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlOk } from './support/graphql-client.js';
import { registerUpstream, type Upstream } from './support/register-upstreams.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const MODELS = `{ models(first: 50) { edges { node { name maxTokensParam } } } }`;

describe('per-model maxTokensParam', () => {
  let app: TestApp;
  let reasoning: Upstream;
  let client: OpenAIClient;

  beforeAll(async () => {
    app = await startTestApp();
    reasoning = await registerUpstream(app, 'OPENAI_COMPATIBLE', { maxTokensParam: 'MAX_COMPLETION_TOKENS' });
    client = new OpenAIClient({ apiKey: app.adminKey, baseURL: `${app.url}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await app?.stop();
    await reasoning?.fake.close();
  });

  async function maxTokensParamOf(name: string): Promise<string | null | undefined> {
    const data = await graphqlOk<{
      models: { edges: Array<{ node: { name: string; maxTokensParam: string | null } }> };
    }>(app.url, MODELS, { key: app.adminKey });
    return data.models.edges.find((edge) => edge.node.name === name)?.node.maxTokensParam;
  }

  it('sends max_completion_tokens to a model registered with MAX_COMPLETION_TOKENS', async () => {
    expect(await maxTokensParamOf(reasoning.model)).toBe('MAX_COMPLETION_TOKENS');
    reasoning.fake.reset();
    await client.chat.completions.create({
      model: reasoning.model,
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 50,
    });
    await client.responses.create({ model: reasoning.model, input: 'hi', max_output_tokens: 40 });
    const [chat, responses] = reasoning.fake.requests.map(
      (request) => request.body as Record<string, unknown>,
    );
    expect(chat).toMatchObject({ max_completion_tokens: 50 });
    expect(chat).not.toHaveProperty('max_tokens');
    expect(responses).toMatchObject({ max_completion_tokens: 40 });
    expect(responses).not.toHaveProperty('max_tokens');
  });

  it('keeps max_tokens once the model is registered again without it', async () => {
    await graphqlOk(
      app.url,
      `mutation ($input: RegisterModelInput!) { registerModel(input: $input) { model { name maxTokensParam } } }`,
      {
        key: app.adminKey,
        variables: {
          input: {
            name: reasoning.model,
            provider: 'fake-openai-compatible',
            upstreamModel: 'openai-compatible-upstream',
          },
        },
      },
    );
    expect(await maxTokensParamOf(reasoning.model)).toBeNull();
    reasoning.fake.reset();
    await client.chat.completions.create({
      model: reasoning.model,
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 30,
    });
    const body = reasoning.fake.requests[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({ max_tokens: 30 });
    expect(body).not.toHaveProperty('max_completion_tokens');
  });

  it('refuses a value that is not a MaxTokensParam', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation { registerModel(input: { name: "x/y", provider: "fake-openai-compatible", upstreamModel: "y", maxTokensParam: MAX_OUTPUT }) { model { name } } }`,
      }),
    });
    const result = (await response.json()) as { errors?: Array<{ message: string }> };
    expect(result.errors?.[0]?.message).toMatch(/MaxTokensParam/);
  });
});
