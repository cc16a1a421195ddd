import { isRecord } from '../../src/providers/http/is-record.js';
import errorFixtures from './fixtures/anthropic-errors.json' with { type: 'json' };
import messageFixture from './fixtures/anthropic-message.json' with { type: 'json' };
import eventFixtures from './fixtures/anthropic-stream-events.json' with { type: 'json' };
import { sseFrame, type FakeProtocol, type FinishReasonTable, type StreamFrames } from './fake-protocol.js';
import { splitText, type ResolvedReply } from './fake-scenario.js';
import { startFakeServer, type FakeServer, type FakeServerOptions } from './fake-server.js';

const STOP_REASONS: FinishReasonTable = {
  stop: 'end_turn',
  length: 'max_tokens',
  'content-filter': 'refusal',
};

/**
 * Anthropic's Messages API: `POST …/v1/messages`, JSON or SSE (`stream: true`) with named events
 * `message_start` … `message_stop`. Auth: `x-api-key`. Errors: `{ type: 'error', error: { type, message } }`.
 */
export const anthropicProtocol: FakeProtocol = {
  basePath: '/v1',

  classify(request) {
    if (request.method !== 'POST' || !request.path.endsWith('/messages') || !isRecord(request.body))
      return undefined;
    const body = request.body;
    const promptText = [
      textOf(body.system),
      ...(Array.isArray(body.messages) ? body.messages : []).map(textOf),
    ].join('\n');
    const toolChoice = isRecord(body.tool_choice) ? body.tool_choice : {};
    return {
      kind: 'generate',
      stream: body.stream === true,
      model: typeof body.model === 'string' ? body.model : '',
      promptText,
      ...(toolChoice.type === 'tool' && typeof toolChoice.name === 'string'
        ? { forcedTool: toolChoice.name }
        : {}),
    };
  },

  credentialOf(request) {
    const header = request.headers['x-api-key'];
    return typeof header === 'string' && header !== '' ? header : undefined;
  },

  unauthorized() {
    return { status: 401, body: errorFixtures.authentication };
  },

  errorBody(status, message) {
    const template =
      status === 401 || status === 403
        ? errorFixtures.authentication
        : status === 429
          ? errorFixtures.rateLimit
          : status === 529
            ? errorFixtures.overloaded
            : status >= 500
              ? errorFixtures.api
              : errorFixtures.invalidRequest;
    return { ...template, error: { ...template.error, ...(message === undefined ? {} : { message }) } };
  },

  completion(call, reply) {
    const content =
      reply.toolCalls.length > 0 && call.forcedTool === undefined
        ? [
            ...(reply.text === '' ? [] : [{ type: 'text', text: reply.text }]),
            ...reply.toolCalls.map((toolCall) => ({
              type: 'tool_use',
              id: `toolu_${toolCall.id}`,
              name: toolCall.name,
              input: JSON.parse(toolCall.arguments) as unknown,
            })),
          ]
        : call.forcedTool === undefined
          ? [{ type: 'text', text: reply.text }]
          : [
              {
                type: 'tool_use',
                id: `toolu_${reply.id}`,
                name: call.forcedTool,
                input: toolInputOf(reply.text),
              },
            ];
    return {
      ...messageFixture,
      id: `msg_${reply.id}`,
      model: call.model,
      content,
      stop_reason: stopReasonOf(call.forcedTool, reply),
      usage: {
        ...messageFixture.usage,
        input_tokens: reply.usage.inputTokens,
        output_tokens: reply.usage.outputTokens,
      },
    };
  },

  streamFrames(call, reply) {
    const start = eventFixtures.message_start;
    const delta = eventFixtures.message_delta;
    const frame = <Event extends { type: string }>(data: Event) => sseFrame(data, { event: data.type });
    if (reply.toolCalls.length > 0 && call.forcedTool === undefined) return toolUseFrames(call.model, reply);
    const tool =
      call.forcedTool === undefined ? undefined : { id: `toolu_${reply.id}`, name: call.forcedTool };
    const stopReason = tool === undefined ? STOP_REASONS[reply.finishReason] : 'tool_use';
    return {
      head: [
        frame({
          ...start,
          message: {
            ...start.message,
            id: `msg_${reply.id}`,
            model: call.model,
            usage: { ...start.message.usage, input_tokens: reply.usage.inputTokens },
          },
        }),
        frame(
          tool === undefined
            ? eventFixtures.content_block_start
            : {
                ...eventFixtures.content_block_start,
                content_block: { type: 'tool_use', ...tool, input: {} },
              },
        ),
        frame(eventFixtures.ping),
      ],
      chunks:
        tool === undefined
          ? reply.pieces.map((text) =>
              frame({ ...eventFixtures.content_block_delta, delta: { type: 'text_delta', text } }),
            )
          : splitText(JSON.stringify(toolInputOf(reply.text)), reply.pieces.length).map((partial_json) =>
              frame({
                ...eventFixtures.content_block_delta,
                delta: { type: 'input_json_delta', partial_json },
              }),
            ),
      tail: [
        frame(eventFixtures.content_block_stop),
        frame({
          ...delta,
          delta: { ...delta.delta, stop_reason: stopReason },
          usage: {
            ...delta.usage,
            input_tokens: reply.usage.inputTokens,
            output_tokens: reply.usage.outputTokens,
          },
        }),
        frame(eventFixtures.message_stop),
      ],
    };
  },

  embeddings() {
    throw new Error('Anthropic has no embeddings endpoint.');
  },

  invalidStreamFrame: sseFrame('{"type": "message_start", "message": {"id": "msg_broken', {
    event: 'message_start',
  }),
};

function stopReasonOf(forcedTool: string | undefined, reply: ResolvedReply): string {
  if (forcedTool !== undefined) return 'tool_use';
  return reply.toolCalls.length > 0 && reply.finishReason === 'stop'
    ? 'tool_use'
    : STOP_REASONS[reply.finishReason];
}

/**
 * A streamed answer with tool calls, as Anthropic sends it: a text block (when there is text), then
 * one `tool_use` block per call whose input arrives as `input_json_delta` fragments.
 */
function toolUseFrames(model: string, reply: ResolvedReply): StreamFrames {
  const frame = <Event extends { type: string }>(data: Event) => sseFrame(data, { event: data.type });
  const start = eventFixtures.message_start;
  const delta = eventFixtures.message_delta;
  const chunks: string[] = [];
  let index = 0;
  if (reply.text !== '') {
    chunks.push(frame({ ...eventFixtures.content_block_start, index }));
    for (const text of reply.pieces)
      chunks.push(
        frame({ ...eventFixtures.content_block_delta, index, delta: { type: 'text_delta', text } }),
      );
    chunks.push(frame({ ...eventFixtures.content_block_stop, index }));
    index++;
  }
  for (const toolCall of reply.toolCalls) {
    chunks.push(
      frame({
        ...eventFixtures.content_block_start,
        index,
        content_block: { type: 'tool_use', id: `toolu_${toolCall.id}`, name: toolCall.name, input: {} },
      }),
    );
    for (const partial_json of splitText(toolCall.arguments, 3))
      chunks.push(
        frame({
          ...eventFixtures.content_block_delta,
          index,
          delta: { type: 'input_json_delta', partial_json },
        }),
      );
    chunks.push(frame({ ...eventFixtures.content_block_stop, index }));
    index++;
  }
  return {
    head: [
      frame({
        ...start,
        message: {
          ...start.message,
          id: `msg_${reply.id}`,
          model,
          usage: { ...start.message.usage, input_tokens: reply.usage.inputTokens },
        },
      }),
      frame(eventFixtures.ping),
    ],
    chunks,
    tail: [
      frame({
        ...delta,
        delta: { ...delta.delta, stop_reason: stopReasonOf(undefined, reply) },
        usage: {
          ...delta.usage,
          input_tokens: reply.usage.inputTokens,
          output_tokens: reply.usage.outputTokens,
        },
      }),
      frame(eventFixtures.message_stop),
    ],
  };
}

/** Starts a fake Anthropic server; `url` is its `/v1` base URL. */
export function startAnthropicFake(options?: FakeServerOptions): Promise<FakeServer> {
  return startFakeServer(anthropicProtocol, options);
}

/** The reply text as a tool input: the object it encodes, or `{ text }` when it is not a JSON object. */
function toolInputOf(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed)) return parsed;
  } catch {
    // Not JSON: wrap it.
  }
  return { text };
}

/** The text of a system prompt or message: a string, or an array of `{ type: 'text', text }` blocks. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isRecord(value)) return textOf(value.content);
  if (Array.isArray(value)) return value.map((block) => (isRecord(block) ? textOf(block.text) : '')).join('');
  return '';
}
