import type OpenAI from 'openai';
import { default as OpenAIClient } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUpstream, type Upstream, type UpstreamKind } from './support/register-upstreams.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const WEATHER_TOOL: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const TIME_TOOL: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } },
};
const QUESTION: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
  { role: 'system', content: 'Use the tools.' },
  { role: 'user', content: 'Weather and time in Paris?' },
];
const KINDS: UpstreamKind[] = ['OPENAI_COMPATIBLE', 'ANTHROPIC', 'GEMINI'];

describe('/v1/chat/completions tool calling with the official openai SDK', () => {
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

  function enqueueExchange(upstream: Upstream): void {
    upstream.fake.reset();
    upstream.fake.enqueue(
      {
        type: 'reply',
        text: '',
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_time', arguments: { zone: 'Europe/Paris' } },
        ],
      },
      { type: 'reply', text: 'Sunny, 21 °C, and it is noon.' },
    );
  }

  function toolResults(calls: OpenAI.Chat.Completions.ChatCompletionMessageToolCall[]) {
    return calls.map((call): OpenAI.Chat.Completions.ChatCompletionToolMessageParam => ({
      role: 'tool',
      tool_call_id: call.id,
      content: call.type === 'function' && call.function.name === 'get_weather' ? '{"temp":21}' : '12:00',
    }));
  }

  describe.each(KINDS)('against a %s upstream', (kind) => {
    it('completes a two-step tool exchange as JSON', async () => {
      const upstream = upstreams.get(kind)!;
      enqueueExchange(upstream);
      const first = await client.chat.completions.create({
        model: upstream.model,
        messages: QUESTION,
        tools: [WEATHER_TOOL, TIME_TOOL],
        tool_choice: 'auto',
      });
      const choice = first.choices[0]!;
      expect(choice.finish_reason).toBe('tool_calls');
      expect(choice.message.content).toBeNull();
      const calls = choice.message.tool_calls ?? [];
      expect(calls.map((call) => call.type === 'function' && call.function.name)).toEqual([
        'get_weather',
        'get_time',
      ]);
      const [weather] = calls;
      expect(weather?.type === 'function' && JSON.parse(weather.function.arguments)).toEqual({
        city: 'Paris',
      });
      expect(calls.every((call) => call.id !== '')).toBe(true);

      const second = await client.chat.completions.create({
        model: upstream.model,
        messages: [...QUESTION, choice.message, ...toolResults(calls)],
        tools: [WEATHER_TOOL, TIME_TOOL],
      });
      expect(second.choices[0]?.message.content).toBe('Sunny, 21 °C, and it is noon.');
      expect(second.choices[0]?.finish_reason).toBe('stop');
      expectTranslatedHistory(
        upstream,
        calls.map((call) => call.id),
      );
    });

    it('streams tool-call deltas the SDK reassembles, then completes the exchange streamed', async () => {
      const upstream = upstreams.get(kind)!;
      enqueueExchange(upstream);
      const stream = client.chat.completions.stream({
        model: upstream.model,
        messages: QUESTION,
        tools: [WEATHER_TOOL, TIME_TOOL],
        parallel_tool_calls: true,
      });
      const argumentFragments: string[] = [];
      stream.on('chunk', (chunk) => {
        for (const call of chunk.choices[0]?.delta.tool_calls ?? [])
          if (call.function?.arguments) argumentFragments.push(call.function.arguments);
      });
      const first = await stream.finalChatCompletion();
      const choice = first.choices[0]!;
      expect(choice.finish_reason).toBe('tool_calls');
      const calls = choice.message.tool_calls ?? [];
      expect(calls).toHaveLength(2);
      const [weather, time] = calls;
      expect(weather?.type === 'function' && weather.function.name).toBe('get_weather');
      expect(weather?.type === 'function' && JSON.parse(weather.function.arguments)).toEqual({
        city: 'Paris',
      });
      expect(time?.type === 'function' && JSON.parse(time.function.arguments)).toEqual({
        zone: 'Europe/Paris',
      });
      // Arguments arrive in pieces where the upstream streams them (OpenAI, Anthropic input_json_delta).
      if (kind !== 'GEMINI') expect(argumentFragments.length).toBeGreaterThan(2);

      const secondStream = await client.chat.completions.create({
        model: upstream.model,
        messages: [...QUESTION, choice.message, ...toolResults(calls)],
        tools: [WEATHER_TOOL, TIME_TOOL],
        stream: true,
      });
      let text = '';
      let finishReason: string | null = null;
      for await (const chunk of secondStream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      }
      expect(text).toBe('Sunny, 21 °C, and it is noon.');
      expect(finishReason).toBe('stop');
      expectTranslatedHistory(
        upstream,
        calls.map((call) => call.id),
      );
    });
  });

  /** The second upstream request carries the tools, the assistant's calls and the results in the provider's format. */
  function expectTranslatedHistory(upstream: Upstream, callIds: string[]): void {
    const [firstRequest, secondRequest] = upstream.fake.requests;
    const first = firstRequest!.body as Record<string, unknown>;
    const body = secondRequest!.body as Record<string, unknown>;
    switch (upstream.kind) {
      case 'OPENAI_COMPATIBLE':
        expect(first.tools).toEqual([WEATHER_TOOL, TIME_TOOL]);
        expect(body.messages).toEqual([
          { role: 'system', content: 'Use the tools.' },
          { role: 'user', content: 'Weather and time in Paris?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: callIds[0],
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
              {
                id: callIds[1],
                type: 'function',
                function: { name: 'get_time', arguments: '{"zone":"Europe/Paris"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: callIds[0], content: '{"temp":21}' },
          { role: 'tool', tool_call_id: callIds[1], content: '12:00' },
        ]);
        break;
      case 'ANTHROPIC':
        expect(first.tools).toEqual([
          expect.objectContaining({
            name: 'get_weather',
            input_schema: expect.objectContaining({ type: 'object' }),
          }),
          expect.objectContaining({ name: 'get_time' }),
        ]);
        expect(body.messages).toEqual([
          {
            role: 'user',
            content: [expect.objectContaining({ type: 'text', text: 'Weather and time in Paris?' })],
          },
          {
            role: 'assistant',
            content: [
              expect.objectContaining({
                type: 'tool_use',
                id: callIds[0],
                name: 'get_weather',
                input: { city: 'Paris' },
              }),
              expect.objectContaining({ type: 'tool_use', id: callIds[1], name: 'get_time' }),
            ],
          },
          {
            role: 'user',
            content: [
              expect.objectContaining({
                type: 'tool_result',
                tool_use_id: callIds[0],
                content: '{"temp":21}',
              }),
              expect.objectContaining({ type: 'tool_result', tool_use_id: callIds[1], content: '12:00' }),
            ],
          },
        ]);
        break;
      case 'GEMINI': {
        const declarations = (first.tools as Array<{ functionDeclarations: Array<{ name: string }> }>)[0]!
          .functionDeclarations;
        expect(declarations.map((declaration) => declaration.name)).toEqual(['get_weather', 'get_time']);
        const contents = body.contents as Array<{ role: string; parts: Array<Record<string, unknown>> }>;
        expect(contents[1]).toEqual({
          role: 'model',
          parts: [
            expect.objectContaining({
              functionCall: expect.objectContaining({ name: 'get_weather', args: { city: 'Paris' } }),
            }),
            expect.objectContaining({
              functionCall: expect.objectContaining({ name: 'get_time', args: { zone: 'Europe/Paris' } }),
            }),
          ],
        });
        expect(contents[2]?.parts).toEqual([
          {
            functionResponse: expect.objectContaining({
              name: 'get_weather',
              response: expect.objectContaining({ content: '{"temp":21}' }),
            }),
          },
          {
            functionResponse: expect.objectContaining({
              name: 'get_time',
              response: expect.objectContaining({ content: '12:00' }),
            }),
          },
        ]);
        break;
      }
    }
  }

  it('forces a named tool and forbids parallel calls, upstream as the provider spells it', async () => {
    const anthropic = upstreams.get('ANTHROPIC')!;
    anthropic.fake.reset();
    anthropic.fake.enqueue({
      type: 'reply',
      text: '',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
    });
    const completion = await client.chat.completions.create({
      model: anthropic.model,
      messages: QUESTION,
      tools: [WEATHER_TOOL, TIME_TOOL],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
    });
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    const sent = anthropic.fake.requests[0]!.body as Record<string, unknown>;
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'get_weather', disable_parallel_tool_use: true });

    const openAi = upstreams.get('OPENAI_COMPATIBLE')!;
    openAi.fake.reset();
    await client.chat.completions.create({
      model: openAi.model,
      messages: QUESTION,
      tools: [WEATHER_TOOL],
      tool_choice: 'required',
      parallel_tool_calls: false,
    });
    expect(openAi.fake.requests[0]!.body).toMatchObject({
      tool_choice: 'required',
      parallel_tool_calls: false,
    });
  });

  it('refuses malformed tools, histories and choices with a 400 naming the parameter', async () => {
    const model = upstreams.get('OPENAI_COMPATIBLE')!.model;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ tools: [{ type: 'function', function: { name: 'bad name!' } }] }, 'tools[0].function.name'],
      [
        { tools: [WEATHER_TOOL], tool_choice: { type: 'function', function: { name: 'nope' } } },
        'tool_choice',
      ],
      [{ messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
      [
        { messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function' }] }] },
        'messages[0].tool_calls[0]',
      ],
    ];
    for (const [body, param] of cases) {
      const error = await client.chat.completions
        .create({ model, messages: QUESTION, ...body } as never)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAIClient.BadRequestError);
      expect((error as InstanceType<typeof OpenAIClient.BadRequestError>).param).toBe(param);
    }
  });

  it('finishes with length or content_filter as the upstream says', async () => {
    const upstream = upstreams.get('ANTHROPIC')!;
    upstream.fake.enqueue({ type: 'reply', text: 'Cut', finishReason: 'length' });
    const cut = await client.chat.completions.create({ model: upstream.model, messages: QUESTION });
    expect(cut.choices[0]?.finish_reason).toBe('length');
    const openAi = upstreams.get('OPENAI_COMPATIBLE')!;
    openAi.fake.enqueue({ type: 'reply', text: 'No', finishReason: 'content-filter' });
    const stream = await client.chat.completions.create({
      model: openAi.model,
      messages: QUESTION,
      stream: true,
    });
    let finishReason: string | null = null;
    for await (const chunk of stream) finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    expect(finishReason).toBe('content_filter');
  });
});
