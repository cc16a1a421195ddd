import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { graphqlOk } from './support/graphql-client.js';
import { registerUpstream, type Upstream } from './support/register-upstreams.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const MESSAGES: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hi' }];

describe('/v1 answers what the upstream said, as the SDKs expect', () => {
  let app: TestApp;
  let client: OpenAI;
  let openAi: Upstream;
  let anthropic: Upstream;
  let wrongKeyUpstream: FakeServer;

  beforeAll(async () => {
    app = await startTestApp();
    openAi = await registerUpstream(app, 'OPENAI_COMPATIBLE');
    anthropic = await registerUpstream(app, 'ANTHROPIC');
    wrongKeyUpstream = await startOpenAiFake({ apiKey: 'sk-the-right-one' });
    await graphqlOk(
      app.url,
      `mutation ($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } }
        registerModel(input: $model) { model { name } }
      }`,
      {
        key: app.adminKey,
        variables: {
          provider: {
            name: 'misconfigured',
            kind: 'OPENAI_COMPATIBLE',
            baseUrl: wrongKeyUpstream.url,
            apiKey: 'sk-a-wrong-key-1234',
          },
          model: { name: 'misconfigured/gpt', provider: 'misconfigured', upstreamModel: 'gpt' },
        },
      },
    );
    client = new OpenAI({ apiKey: app.adminKey, baseURL: `${app.url}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await app?.stop();
    await openAi?.fake.close();
    await anthropic?.fake.close();
    await wrongKeyUpstream?.close();
  });

  it('turns an upstream 400 into the caller’s 400 with the upstream message, secrets removed, called once', async () => {
    for (const upstream of [openAi, anthropic]) {
      upstream.fake.reset();
      upstream.fake.enqueue({
        type: 'error',
        status: 400,
        message: 'temperature must be at most 2 (key sk-upstream was used)',
      });
      const error = await client.chat.completions
        .create({ model: upstream.model, messages: MESSAGES })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      const message = (error as Error).message;
      expect(message).toContain('temperature must be at most 2');
      expect(message).not.toContain('sk-upstream');
      expect(upstream.fake.requests).toHaveLength(1);
    }
  });

  it('answers rejected provider credentials with 502 "provider credentials rejected" and counts them', async () => {
    const error = await client.chat.completions
      .create({ model: 'misconfigured/gpt', messages: MESSAGES })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((error as Error).message).toContain('provider credentials rejected');
    expect((error as Error).message).not.toContain('sk-a-wrong');
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(
      /capgate_upstream_errors_total\{provider="misconfigured",model="gpt",code="PROVIDER_CREDENTIALS_REJECTED"\} 1/,
    );
  });

  it('joins multi-part text content with newlines', async () => {
    openAi.fake.reset();
    await client.chat.completions.create({
      model: openAi.model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'First part.' },
            { type: 'text', text: 'Second part.' },
          ],
        },
      ],
    });
    const sent = openAi.fake.requests[0]!.body as { messages: Array<{ content: string }> };
    expect(sent.messages[0]?.content).toBe('First part.\nSecond part.');
  });

  it('accepts token arrays as embeddings input, decoded to text for the provider', async () => {
    openAi.fake.reset();
    const result = await client.embeddings.create({
      model: openAi.model,
      input: [
        [15339, 1917],
        [9906, 1070],
      ],
      encoding_format: 'float',
    });
    expect(result.data).toHaveLength(2);
    expect((openAi.fake.requests[0]!.body as { input: string[] }).input).toEqual([
      'hello world',
      'Hello there',
    ]);
    const single = await client.embeddings.create({ model: openAi.model, input: [15339, 1917] });
    expect(single.data).toHaveLength(1);
  });

  it('turns an upstream 429 that no other candidate served into a RateLimitError with Retry-After', async () => {
    anthropic.fake.reset();
    anthropic.fake.setScenario({ type: 'error', status: 429, headers: { 'retry-after': '0' } });
    try {
      const response = await client.chat.completions
        .create({ model: anthropic.model, messages: MESSAGES })
        .withResponse()
        .catch((caught: unknown) => caught);
      expect(response).toBeInstanceOf(OpenAI.RateLimitError);
      const error = response as InstanceType<typeof OpenAI.RateLimitError>;
      expect(error.status).toBe(429);
      expect(Number(error.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      anthropic.fake.setScenario({ type: 'reply' });
    }
  });
});
