import type OpenAI from 'openai';
import { default as OpenAIClient } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createTeam, principalOf, uniqueName, waitFor } from './governance-fixtures.js';
import { registerUpstream, type Upstream, type UpstreamKind } from './support/register-upstreams.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const WEATHER_TOOL: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};
const KINDS: UpstreamKind[] = ['OPENAI_COMPATIBLE', 'ANTHROPIC'];

describe('/v1/responses with the official openai SDK', () => {
  let app: TestApp;
  let client: OpenAI;
  const upstreams = new Map<UpstreamKind, Upstream>();

  beforeAll(async () => {
    app = await startTestApp();
    for (const kind of KINDS) upstreams.set(kind, await registerUpstream(app, kind));
    client = new OpenAIClient({ apiKey: app.adminKey, baseURL: `${app.url}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await app?.stop();
    for (const upstream of upstreams.values()) await upstream.fake.close();
  });

  describe.each(KINDS)('against a %s upstream', (kind) => {
    it('answers a string input with instructions as a Response object', async () => {
      const upstream = upstreams.get(kind)!;
      upstream.fake.reset();
      upstream.fake.enqueue({ type: 'reply', text: 'Paris is the capital of France.' });
      const response = await client.responses.create({
        model: upstream.model,
        instructions: 'Answer in one sentence.',
        input: 'What is the capital of France?',
        temperature: 0.2,
      });
      expect(response.object).toBe('response');
      expect(response.id).toMatch(/^resp_/);
      expect(response.status).toBe('completed');
      expect(response.output_text).toBe('Paris is the capital of France.');
      expect(response.output[0]).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' });
      expect(response.usage?.total_tokens).toBeGreaterThan(0);
      expect(response.instructions).toBe('Answer in one sentence.');
      expect(upstreamTurns(upstream, 0)).toEqual([
        { role: 'system', text: 'Answer in one sentence.' },
        { role: 'user', text: 'What is the capital of France?' },
      ]);

      const retrieved = await client.responses.retrieve(response.id);
      expect(retrieved.id).toBe(response.id);
      expect(retrieved.output_text).toBe('Paris is the capital of France.');
    });

    it('streams the Responses events the SDK assembles', async () => {
      const upstream = upstreams.get(kind)!;
      upstream.fake.reset();
      upstream.fake.enqueue({ type: 'reply', text: 'One two three four five.', chunks: 5 });
      const stream = await client.responses.create({
        model: upstream.model,
        input: [{ role: 'user', content: [{ type: 'input_text', text: 'Count to five.' }] }],
        stream: true,
      });
      const types: string[] = [];
      let text = '';
      let completed: OpenAI.Responses.Response | undefined;
      for await (const event of stream) {
        types.push(event.type);
        if (event.type === 'response.output_text.delta') text += event.delta;
        if (event.type === 'response.completed') completed = event.response;
      }
      expect(text).toBe('One two three four five.');
      expect(types[0]).toBe('response.created');
      expect(types.at(-1)).toBe('response.completed');
      expect(types.filter((type) => type === 'response.output_text.delta').length).toBeGreaterThan(1);
      expect(types).toContain('response.output_item.done');
      expect(completed?.status).toBe('completed');
      expect(completed?.usage?.output_tokens).toBeGreaterThan(0);

      // The SDK's own stream helper accumulates the same events into the final response.
      upstream.fake.enqueue({ type: 'reply', text: 'Again: one two three.', chunks: 3 });
      const helper = client.responses.stream({ model: upstream.model, input: 'Count again.' });
      const final = await helper.finalResponse();
      expect(final.output_text).toBe('Again: one two three.');
    });

    it('continues a conversation with previous_response_id: the upstream receives the earlier turns', async () => {
      const upstream = upstreams.get(kind)!;
      upstream.fake.reset();
      upstream.fake.enqueue(
        { type: 'reply', text: 'Nice to meet you, Ada.' },
        { type: 'reply', text: 'Your name is Ada.' },
      );
      const first = await client.responses.create({
        model: upstream.model,
        instructions: 'Be brief.',
        input: 'My name is Ada.',
      });
      const second = await client.responses.create({
        model: upstream.model,
        previous_response_id: first.id,
        input: 'What is my name?',
        stream: false,
      });
      expect(second.output_text).toBe('Your name is Ada.');
      expect(second.previous_response_id).toBe(first.id);
      // Instructions are not carried over (as OpenAI documents); the turns are.
      expect(upstreamTurns(upstream, 1)).toEqual([
        { role: 'user', text: 'My name is Ada.' },
        { role: 'assistant', text: 'Nice to meet you, Ada.' },
        { role: 'user', text: 'What is my name?' },
      ]);
    });

    it('completes a two-step function call, the second step by previous_response_id, streamed', async () => {
      const upstream = upstreams.get(kind)!;
      upstream.fake.reset();
      upstream.fake.enqueue(
        { type: 'reply', text: '', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
        { type: 'reply', text: 'It is sunny and 21 °C in Paris.' },
      );
      const first = await client.responses.create({
        model: upstream.model,
        input: 'Weather in Paris?',
        tools: [WEATHER_TOOL],
      });
      const call = first.output.find(
        (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call',
      );
      expect(call?.name).toBe('get_weather');
      expect(JSON.parse(call!.arguments)).toEqual({ city: 'Paris' });
      expect(call?.call_id).toBeTruthy();
      expect(first.tools[0]).toMatchObject({ type: 'function', name: 'get_weather' });

      const stream = client.responses.stream({
        model: upstream.model,
        previous_response_id: first.id,
        input: [
          { type: 'function_call_output', call_id: call!.call_id, output: '{"temp":21,"sky":"sunny"}' },
        ],
        tools: [WEATHER_TOOL],
      });
      const second = await stream.finalResponse();
      expect(second.output_text).toBe('It is sunny and 21 °C in Paris.');
      expectToolHistory(upstream, call!.call_id);
    });

    it('streams a function call as function_call_arguments deltas', async () => {
      const upstream = upstreams.get(kind)!;
      upstream.fake.reset();
      upstream.fake.enqueue({
        type: 'reply',
        text: '',
        toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' } }],
      });
      const stream = await client.responses.create({
        model: upstream.model,
        input: 'Weather in Rome?',
        tools: [WEATHER_TOOL],
        stream: true,
      });
      let args = '';
      let done: OpenAI.Responses.Response | undefined;
      for await (const event of stream) {
        if (event.type === 'response.function_call_arguments.delta') args += event.delta;
        if (event.type === 'response.completed') done = event.response;
      }
      expect(JSON.parse(args)).toEqual({ city: 'Rome' });
      const item = done?.output.find((entry) => entry.type === 'function_call');
      expect(item).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: args });
    });
  });

  it('takes a whole function-call exchange as input items (no stored response)', async () => {
    const upstream = upstreams.get('OPENAI_COMPATIBLE')!;
    upstream.fake.reset();
    upstream.fake.enqueue({ type: 'reply', text: 'Sunny.' });
    const response = await client.responses.create({
      model: upstream.model,
      store: false,
      input: [
        { role: 'developer', content: 'Use the tools.' },
        { role: 'user', content: 'Weather in Paris?' },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_1', output: '{"temp":21}' },
      ],
      tools: [WEATHER_TOOL],
    });
    expect(response.output_text).toBe('Sunny.');
    expect((response as unknown as { store: boolean }).store).toBe(false);
    const body = upstream.fake.requests[0]!.body as { messages: unknown[] };
    expect(body.messages).toEqual([
      { role: 'system', content: 'Use the tools.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
    ]);
    await expect(client.responses.retrieve(response.id)).rejects.toMatchObject({ status: 404 });
  });

  it('validates strict text.format json_schema: a repaired answer passes, a violation is 422 invalid_response', async () => {
    const upstream = upstreams.get('OPENAI_COMPATIBLE')!;
    const format = {
      type: 'json_schema' as const,
      name: 'city',
      strict: true,
      schema: {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      },
    };
    upstream.fake.reset();
    upstream.fake.enqueue({ type: 'reply', text: 'not json' }, { type: 'reply', text: '{"city":"Paris"}' });
    const repaired = await client.responses.create({
      model: upstream.model,
      input: 'Capital of France?',
      text: { format },
    });
    expect(JSON.parse(repaired.output_text)).toEqual({ city: 'Paris' });
    expect(repaired.text?.format).toMatchObject({ type: 'json_schema', name: 'city', strict: true });
    const sent = upstream.fake.requests[0]!.body as { response_format: { json_schema: { strict: boolean } } };
    expect(sent.response_format.json_schema.strict).toBe(true);

    for (const stream of [false, true]) {
      upstream.fake.reset();
      upstream.fake.enqueue({ type: 'reply', text: 'still not json' }, { type: 'reply', text: '{"town":1}' });
      const attempt = stream
        ? (async () => {
            for await (const _event of await client.responses.create({
              model: upstream.model,
              input: 'Capital?',
              text: { format },
              stream: true,
            }));
          })()
        : client.responses.create({ model: upstream.model, input: 'Capital?', text: { format } });
      await expect(attempt).rejects.toMatchObject({ status: 422, type: 'invalid_response' });
    }
  });

  it('answers errors in OpenAI shape: bad input 400 naming the param, unknown ids 404, another team 404', async () => {
    const upstream = upstreams.get('OPENAI_COMPATIBLE')!;
    await expect(
      client.responses.create({ model: upstream.model, input: [] as unknown as string }),
    ).rejects.toMatchObject({ status: 400, param: 'input', type: 'invalid_request_error' });
    await expect(
      client.responses.create({
        model: upstream.model,
        input: 'hi',
        tools: [{ type: 'web_search' } as unknown as OpenAI.Responses.Tool],
      }),
    ).rejects.toMatchObject({ status: 400, param: 'tools[0].type' });
    await expect(
      client.responses.create({ model: upstream.model, input: 'hi', previous_response_id: 'resp_nope' }),
    ).rejects.toMatchObject({ status: 404, param: 'previous_response_id' });
    await expect(client.responses.retrieve('resp_nope')).rejects.toMatchObject({ status: 404 });
    await expect(
      new OpenAIClient({ apiKey: 'cg_wrong', baseURL: `${app.url}/v1`, maxRetries: 0 }).responses.create({
        model: upstream.model,
        input: 'hi',
      }),
    ).rejects.toMatchObject({ status: 401 });

    upstream.fake.reset();
    upstream.fake.enqueue({ type: 'reply', text: 'Mine.' });
    const mine = await client.responses.create({ model: upstream.model, input: 'hello' });
    const team = await createTeam(app, uniqueName('other'));
    const { key } = await createKey(app.url, app.adminKey, team.name, ['MEMBER']);
    const other = new OpenAIClient({ apiKey: key, baseURL: `${app.url}/v1`, maxRetries: 0 });
    await expect(other.responses.retrieve(mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      other.responses.create({ model: upstream.model, input: 'more', previous_response_id: mine.id }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(other.responses.delete(mine.id)).rejects.toMatchObject({ status: 404 });
    await client.responses.delete(mine.id);
    await expect(client.responses.retrieve(mine.id)).rejects.toMatchObject({ status: 404 });
  });

  it('stores responses masked by the org masking policy, answers the caller unmasked', async () => {
    const upstream = upstreams.get('OPENAI_COMPATIBLE')!;
    const { orgId } = await principalOf(app, app.adminKey);
    await app.services.registryAdmin.setOrgMaskingPolicy(orgId, { detectors: ['EMAIL'], mode: 'REDACT' });
    await waitFor(() => app.services.registry.orgMaskingPolicy(orgId));
    try {
      upstream.fake.reset();
      upstream.fake.enqueue(
        { type: 'reply', text: 'I will write to ada@example.com.' },
        { type: 'reply', text: 'Done.' },
      );
      const answer = await client.responses.create({ model: upstream.model, input: 'Mail ada@example.com' });
      expect(answer.output_text).toBe('I will write to ada@example.com.');
      const stored = await client.responses.retrieve(answer.id);
      expect(stored.output_text).toBe('I will write to [EMAIL].');
      await client.responses.create({
        model: upstream.model,
        input: 'Thanks',
        previous_response_id: answer.id,
      });
      expect(JSON.stringify(upstream.fake.requests[1]!.body)).not.toContain('ada@example.com');
    } finally {
      await app.services.registryAdmin.setOrgMaskingPolicy(orgId, undefined);
    }
  });
});

/** The turns of the `index`th upstream request as role + text, whatever the protocol. */
function upstreamTurns(upstream: Upstream, index: number): Array<{ role: string; text: string }> {
  const body = upstream.fake.requests[index]!.body as Record<string, unknown>;
  if (upstream.kind === 'OPENAI_COMPATIBLE')
    return (body.messages as Array<{ role: string; content: string }>).map((message) => ({
      role: message.role,
      text: message.content,
    }));
  const blocks = (body.system ?? []) as Array<{ text: string }>;
  const system = blocks.map((block) => ({ role: 'system', text: block.text }));
  const turns = (body.messages as Array<{ role: string; content: string | Array<{ text?: string }> }>).map(
    (message) => ({
      role: message.role,
      text:
        typeof message.content === 'string'
          ? message.content
          : message.content.map((block) => block.text ?? '').join(''),
    }),
  );
  return [...system, ...turns];
}

/** The second upstream request carries the stored call and its output in the provider's format. */
function expectToolHistory(upstream: Upstream, callId: string): void {
  const body = upstream.fake.requests[1]!.body as Record<string, unknown>;
  if (upstream.kind === 'OPENAI_COMPATIBLE') {
    expect(body.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: callId, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: 'tool', tool_call_id: callId, content: '{"temp":21,"sky":"sunny"}' },
    ]);
    return;
  }
  expect(body.messages).toEqual([
    { role: 'user', content: [expect.objectContaining({ type: 'text', text: 'Weather in Paris?' })] },
    {
      role: 'assistant',
      content: [
        expect.objectContaining({
          type: 'tool_use',
          id: callId,
          name: 'get_weather',
          input: { city: 'Paris' },
        }),
      ],
    },
    {
      role: 'user',
      content: [
        expect.objectContaining({
          type: 'tool_result',
          tool_use_id: callId,
          content: '{"temp":21,"sky":"sunny"}',
        }),
      ],
    },
  ]);
}
