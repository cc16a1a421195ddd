import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUpstream, type Upstream } from './support/register-upstreams.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const WEATHER_TOOL: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather in a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('/v1/messages with the official Anthropic SDK, against an OpenAI-compatible upstream', () => {
  let app: TestApp;
  let client: Anthropic;
  let upstream: Upstream;

  beforeAll(async () => {
    app = await startTestApp();
    upstream = await registerUpstream(app, 'OPENAI_COMPATIBLE');
    client = new Anthropic({ apiKey: app.adminKey, baseURL: app.url, maxRetries: 0 });
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.fake.close();
  });

  it('creates a message: system and text in, text block out, usage counted', async () => {
    upstream.fake.reset();
    upstream.fake.enqueue({ type: 'reply', text: 'Bonjour.', usage: { inputTokens: 9, outputTokens: 3 } });
    const message = await client.messages.create({
      model: upstream.model,
      max_tokens: 100,
      system: 'Answer in French.',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'Bonjour.' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 9, output_tokens: 3 },
    });
    expect(upstream.fake.requests[0]!.body).toMatchObject({
      max_tokens: 100,
      messages: [
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Hello' },
      ],
    });
  });

  it('completes a tool exchange: tool_use out, tool_result back in', async () => {
    upstream.fake.reset();
    upstream.fake.enqueue(
      { type: 'reply', text: '', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { type: 'reply', text: 'It is 21 °C.' },
    );
    const first = await client.messages.create({
      model: upstream.model,
      max_tokens: 100,
      tools: [WEATHER_TOOL],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } });
    const second = await client.messages.create({
      model: upstream.model,
      max_tokens: 100,
      tools: [WEATHER_TOOL],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: toolUse!.type === 'tool_use' ? toolUse!.id : '',
              content: '21',
            },
          ],
        },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'It is 21 °C.' }]);
    const sent = upstream.fake.requests[1]!.body as { messages: unknown[]; tools: unknown[] };
    expect(sent.tools).toEqual([
      { type: 'function', function: expect.objectContaining({ name: 'get_weather' }) },
    ]);
    expect(sent.messages.slice(1)).toEqual([
      expect.objectContaining({
        role: 'assistant',
        tool_calls: [expect.objectContaining({ type: 'function' })],
      }),
      { role: 'tool', tool_call_id: toolUse!.type === 'tool_use' ? toolUse!.id : '', content: '21' },
    ]);
  });

  it('streams text and tool_use blocks as Anthropic SSE events the SDK assembles', async () => {
    upstream.fake.reset();
    upstream.fake.enqueue({ type: 'reply', text: 'Streaming works fine today.', chunks: 4 });
    const stream = client.messages.stream({
      model: upstream.model,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Stream please' }],
    });
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    const final = await stream.finalMessage();
    expect(texts.length).toBeGreaterThan(1);
    expect(final.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'Streaming works fine today.' }),
    ]);
    expect(final.stop_reason).toBe('end_turn');

    upstream.fake.enqueue({
      type: 'reply',
      text: '',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
    });
    const toolStream = client.messages.stream({
      model: upstream.model,
      max_tokens: 100,
      tools: [WEATHER_TOOL],
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
    });
    const toolMessage = await toolStream.finalMessage();
    expect(toolMessage.stop_reason).toBe('tool_use');
    expect(toolMessage.content).toEqual([
      expect.objectContaining({ type: 'tool_use', name: 'get_weather', input: { city: 'Oslo' } }),
    ]);
  });

  it('counts tokens and answers errors in Anthropic’s shape', async () => {
    const counted = await client.messages.countTokens({
      model: upstream.model,
      messages: [{ role: 'user', content: 'How many tokens is this?' }],
    });
    expect(counted.input_tokens).toBeGreaterThan(3);
    const missing = await client.messages
      .create({ model: 'no/such-model', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
    const unauthenticated = await new Anthropic({ apiKey: 'wrong', baseURL: app.url, maxRetries: 0 }).messages
      .create({ model: upstream.model, max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(unauthenticated).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((unauthenticated as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error' },
    });
  });
});
