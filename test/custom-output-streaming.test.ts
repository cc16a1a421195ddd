/**
 * Custom capabilities with text output (no outputSchema) and streamed structured output: invokeStream
 * delivers DELTAs that reassemble the answer; with an outputSchema each DELTA also carries the JSON
 * parsed so far (`partialOutput`), COMPLETED the validated object, and an invalid final answer ends
 * the run FAILED (PROVIDER_ERROR) without a repair call that would contradict what was streamed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { collect, graphql, graphqlOk, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface StreamEvent {
  type: string;
  delta: string | null;
  partialOutput: unknown;
  output: unknown;
  errorCode: string | null;
  message: string | null;
}

const storySchema = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    points: { type: 'array', items: { type: 'string' } },
    rating: { type: 'integer', minimum: 1, maximum: 5 },
  },
  required: ['title', 'points', 'rating'],
  additionalProperties: false,
};
const story = { title: 'Gateways', points: ['route models', 'govern spend', 'stream output'], rating: 4 };
const prose = 'A gateway stands between teams and models. It routes, governs and streams every answer.';

describe('custom capabilities: text output and streamed structured output', () => {
  const id = randomUUID().slice(0, 8);
  const modelName = `co-${id}/writer`;
  let app: TestApp;
  let upstream: FakeServer;

  const register = (input: Record<string, unknown>) =>
    graphql(
      app.url,
      `
        mutation Reg($input: RegisterCapabilityInput!) {
          registerCapability(input: $input) {
            capability {
              name
              outputSchema
            }
          }
        }
      `,
      { key: app.adminKey, variables: { input } },
    );

  async function streamOf(capability: string, input: unknown): Promise<StreamEvent[]> {
    const client = wsClient(app.url, app.adminKey);
    try {
      const { done } = collect<{ invokeStream: StreamEvent }>(
        client,
        `subscription S($capability: String!, $input: JSON!) {
          invokeStream(capability: $capability, input: $input) { type delta partialOutput output errorCode message } }`,
        { capability, input },
      );
      const { results, error } = await done;
      if (error) throw new Error(`stream failed: ${JSON.stringify(error)}`);
      return results.map((result) => result.data!.invokeStream);
    } finally {
      await client.dispose();
    }
  }

  beforeAll(async () => {
    upstream = await startOpenAiFake();
    app = await startTestApp();
    await graphqlOk(
      app.url,
      `mutation R($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: app.adminKey,
        variables: {
          provider: { name: `co-${id}`, kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          model: { name: modelName, provider: `co-${id}`, upstreamModel: 'writer' },
        },
      },
    );
    const common = {
      inputSchema: { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'] },
      promptTemplate: 'Write about {{input.topic}}.',
      implementations: [{ model: modelName }],
    };
    const text = await register({ name: `prose-${id}`, ...common });
    expect(text.errors).toBeUndefined();
    expect(text.data).toEqual({
      registerCapability: { capability: { name: `prose-${id}`, outputSchema: null } },
    });
    const structured = await register({ name: `story-${id}`, outputSchema: storySchema, ...common });
    expect(structured.errors).toBeUndefined();
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
  });

  it('still requires an inputSchema for a custom capability', async () => {
    const result = await register({
      name: `no-input-${id}`,
      promptTemplate: 'x',
      implementations: [{ model: modelName }],
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('inputSchema: required');
  });

  it('answers with the model text when there is no outputSchema, and asks for text, not JSON', async () => {
    upstream.reset();
    upstream.enqueue({ type: 'reply', text: prose });
    const data = await graphqlOk<{ invoke: { output: unknown } }>(
      app.url,
      `mutation { invoke(capability: "prose-${id}", input: { topic: "gateways" }) { output } }`,
      { key: app.adminKey },
    );
    expect(data.invoke.output).toBe(prose);
    const sent = upstream.requests[0]!.body as { messages: { content: string }[]; response_format?: unknown };
    expect(sent.response_format).toBeUndefined();
    expect(sent.messages.at(-1)!.content).toBe('Write about gateways.');
  });

  it('streams text output as DELTAs that reassemble it, then one COMPLETED with the text', async () => {
    upstream.reset();
    upstream.enqueue({ type: 'reply', text: prose, chunks: 6 });
    const events = await streamOf(`prose-${id}`, { topic: 'gateways' });
    const deltas = events.filter((event) => event.type === 'DELTA');
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.map((event) => event.delta).join('')).toBe(prose);
    expect(deltas.every((event) => event.partialOutput === null)).toBe(true);
    expect(events.filter((event) => event.type === 'COMPLETED' || event.type === 'FAILED')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'COMPLETED', output: prose });
    expect((upstream.requests[0]!.body as { stream?: boolean }).stream).toBe(true);
  });

  it('streams structured output with a growing partialOutput, then the validated object', async () => {
    upstream.reset();
    const json = JSON.stringify(story);
    upstream.enqueue({ type: 'reply', text: json, chunks: 12 });
    const events = await streamOf(`story-${id}`, { topic: 'gateways' });
    const deltas = events.filter((event) => event.type === 'DELTA');
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.map((event) => event.delta).join('')).toBe(json);
    const partials = deltas.map((event) => event.partialOutput).filter((value) => value !== null);
    expect(partials.length).toBeGreaterThanOrEqual(2);
    // Each partial is a prefix-view of the next: its serialized size never shrinks, and it ends whole.
    const sizes = partials.map((value) => JSON.stringify(value).length);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
    expect(partials[0]).not.toEqual(story);
    expect(partials.at(-1)).toEqual(story);
    expect(events.at(-1)).toMatchObject({ type: 'COMPLETED', output: story });
    const sent = upstream.requests[0]!.body as { response_format: { type: string } };
    expect(sent.response_format.type).toBe('json_schema');
  });

  it('ends FAILED with PROVIDER_ERROR when the streamed object does not validate, without a repair call', async () => {
    upstream.reset();
    upstream.enqueue({ type: 'reply', text: JSON.stringify({ ...story, rating: 9 }), chunks: 5 });
    const events = await streamOf(`story-${id}`, { topic: 'gateways' });
    expect(events.filter((event) => event.type === 'DELTA').length).toBeGreaterThanOrEqual(2);
    const terminal = events.filter((event) => event.type === 'COMPLETED' || event.type === 'FAILED');
    expect(terminal).toHaveLength(1);
    expect(terminal[0]).toMatchObject({ type: 'FAILED', errorCode: 'PROVIDER_ERROR' });
    expect(terminal[0]!.message).toContain('does not match the outputSchema');
    expect(upstream.requests).toHaveLength(1);
  });

  it('still repairs an invalid structured answer once when nothing was streamed (invoke)', async () => {
    upstream.reset();
    upstream.enqueue(
      { type: 'reply', text: JSON.stringify({ ...story, rating: 9 }) },
      { type: 'reply', text: JSON.stringify(story) },
    );
    const data = await graphqlOk<{ invoke: { output: unknown } }>(
      app.url,
      `mutation { invoke(capability: "story-${id}", input: { topic: "gateways" }) { output } }`,
      { key: app.adminKey },
    );
    expect(data.invoke.output).toEqual(story);
    expect(upstream.requests).toHaveLength(2);
  });
});
