import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUpstream, type Upstream } from './support/register-upstreams.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const MESSAGES: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hi' }];
const SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string' }, population: { type: 'integer' } },
  required: ['city', 'population'],
  additionalProperties: false,
};
const STRICT_FORMAT: OpenAI.ResponseFormatJSONSchema = {
  type: 'json_schema',
  json_schema: { name: 'city', schema: SCHEMA, strict: true },
};

describe('/v1 parameter fidelity and strict structured output', () => {
  let app: TestApp;
  let client: OpenAI;
  let openAi: Upstream;
  let anthropic: Upstream;

  beforeAll(async () => {
    app = await startTestApp();
    openAi = await registerUpstream(app, 'OPENAI_COMPATIBLE');
    anthropic = await registerUpstream(app, 'ANTHROPIC');
    client = new OpenAI({ apiKey: app.adminKey, baseURL: `${app.url}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await app?.stop();
    await openAi?.fake.close();
    await anthropic?.fake.close();
  });

  it('forwards reasoning and sampling parameters to an OpenAI-compatible upstream under their own names', async () => {
    openAi.fake.reset();
    const { response } = await client.chat.completions
      .create({
        model: openAi.model,
        messages: MESSAGES,
        max_completion_tokens: 64,
        reasoning_effort: 'low',
        logprobs: true,
        top_logprobs: 2,
        seed: 7,
        metadata: { ticket: 'T-1' },
        user: 'user-1',
        stop: ['END'],
        service_tier: 'auto',
      })
      .withResponse();
    expect(response.headers.get('capgate-dropped-params')).toBeNull();
    const sent = openAi.fake.requests[0]!.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      max_completion_tokens: 64,
      reasoning_effort: 'low',
      logprobs: true,
      top_logprobs: 2,
      seed: 7,
      metadata: { ticket: 'T-1' },
      user: 'user-1',
      stop: ['END'],
      service_tier: 'auto',
    });
    expect(sent).not.toHaveProperty('max_tokens');
  });

  it('drops what Anthropic cannot take and says so in capgate-dropped-params', async () => {
    anthropic.fake.reset();
    const { response } = await client.chat.completions
      .create({
        model: anthropic.model,
        messages: MESSAGES,
        max_completion_tokens: 64,
        temperature: 0.3,
        stop: ['END'],
        logprobs: true,
        seed: 7,
        reasoning_effort: 'low',
      })
      .withResponse();
    expect(response.headers.get('capgate-dropped-params')?.split(', ').sort()).toEqual([
      'logprobs',
      'reasoning_effort',
      'seed',
    ]);
    expect(anthropic.fake.requests[0]!.body).toMatchObject({
      max_tokens: 64,
      temperature: 0.3,
      stop_sequences: ['END'],
    });
  });

  it('sends strict json_schema as strict and repairs one invalid answer', async () => {
    openAi.fake.reset();
    openAi.fake.enqueue(
      { type: 'reply', text: '{"city":"Oslo"}' },
      { type: 'reply', text: '{"city":"Oslo","population":709000}' },
    );
    const completion = await client.chat.completions.create({
      model: openAi.model,
      messages: MESSAGES,
      response_format: STRICT_FORMAT,
    });
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ city: 'Oslo', population: 709000 });
    expect(openAi.fake.requests[0]!.body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'city', strict: true } },
    });
    expect(openAi.fake.requests).toHaveLength(2);
  });

  it.each([false, true])(
    'never answers a strict schema violation as success (stream: %s): 422 invalid_response',
    async (stream) => {
      openAi.fake.reset();
      openAi.fake.enqueue({ type: 'reply', text: 'this is not json' }, { type: 'reply', text: '{"city":1}' });
      const error = await client.chat.completions
        .create({ model: openAi.model, messages: MESSAGES, response_format: STRICT_FORMAT, stream })
        .then(async (result) => {
          if (stream) for await (const _chunk of result as AsyncIterable<unknown>);
          return result;
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.UnprocessableEntityError);
      expect((error as InstanceType<typeof OpenAI.APIError>).type).toBe('invalid_response');
    },
  );
});
