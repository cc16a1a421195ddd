import chunkFixtures from './fixtures/openai-chat-completion-chunks.json' with { type: 'json' };
import completionFixture from './fixtures/openai-chat-completion.json' with { type: 'json' };
import embeddingsFixture from './fixtures/openai-embeddings.json' with { type: 'json' };
import errorFixtures from './fixtures/openai-errors.json' with { type: 'json' };
import modelsFixture from './fixtures/openai-models.json' with { type: 'json' };
import { isRecord } from '../../src/providers/http/is-record.js';
import { sseFrame, type FakeProtocol, type FinishReasonTable } from './fake-protocol.js';
import { estimateTokens, splitText, type RecordedRequest, type ResolvedReply } from './fake-scenario.js';
import { startFakeServer, type FakeServer, type FakeServerOptions } from './fake-server.js';

const FINISH_REASONS: FinishReasonTable = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
};

/**
 * The OpenAI chat-completions protocol: `POST …/chat/completions` (JSON, or SSE with `stream: true`
 * ending in a usage chunk and `data: [DONE]`), `POST …/embeddings`, `GET …/models`. Paths are
 * matched by suffix, so Azure-style deployment paths work too. Auth: `Authorization: Bearer`.
 */
export const openAiProtocol: FakeProtocol = {
  basePath: '/v1',

  classify(request) {
    if (request.method !== 'POST' || !isRecord(request.body)) return undefined;
    const body = request.body;
    const model = typeof body.model === 'string' ? body.model : '';
    if (request.path.endsWith('/chat/completions')) {
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const promptText = messages
        .map((message) => (isRecord(message) && typeof message.content === 'string' ? message.content : ''))
        .join('\n');
      return { kind: 'generate', stream: body.stream === true, model, promptText };
    }
    if (request.path.endsWith('/embeddings')) {
      const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input)];
      return { kind: 'embed', model, inputs };
    }
    return undefined;
  },

  answerOther(request: RecordedRequest) {
    return request.method === 'GET' && request.path.endsWith('/models') ? modelsFixture : undefined;
  },

  credentialOf(request) {
    const header = request.headers.authorization;
    return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  },

  unauthorized(credential) {
    // Like the real API: the message shows the start and end of the rejected key.
    const shown =
      credential === undefined ? '' : `${credential.slice(0, 8)}${'*'.repeat(12)}${credential.slice(-4)}`;
    const { error } = errorFixtures.invalidApiKey;
    return {
      status: 401,
      body: {
        error: {
          ...error,
          message: `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        },
      },
    };
  },

  errorBody(status, message) {
    const template =
      status === 429
        ? errorFixtures.rateLimit
        : status >= 500
          ? errorFixtures.server
          : status === 404
            ? errorFixtures.notFound
            : status === 401 || status === 403
              ? errorFixtures.invalidApiKey
              : errorFixtures.badRequest;
    return { error: { ...template.error, ...(message === undefined ? {} : { message }) } };
  },

  completion(call, reply) {
    const [choice] = completionFixture.choices;
    return {
      ...completionFixture,
      id: `chatcmpl-${reply.id}`,
      model: call.model,
      choices: [
        {
          ...choice,
          message: {
            ...choice?.message,
            content: reply.text === '' && reply.toolCalls.length > 0 ? null : reply.text,
            ...(reply.toolCalls.length > 0
              ? {
                  tool_calls: reply.toolCalls.map((call) => ({
                    id: `call_${call.id}`,
                    type: 'function',
                    function: { name: call.name, arguments: call.arguments },
                  })),
                }
              : {}),
          },
          finish_reason: finishReasonOf(reply),
        },
      ],
      usage: usageOf(reply.usage),
    };
  },

  streamFrames(call, reply) {
    const common = { id: `chatcmpl-${reply.id}`, model: call.model };
    const { roleChunk, contentChunk, finishChunk, usageChunk } = chunkFixtures;
    const contentChoice = contentChunk.choices[0];
    const finishChoice = finishChunk.choices[0];
    return {
      head: [sseFrame({ ...roleChunk, ...common })],
      chunks: [
        ...reply.pieces.map((piece) =>
          sseFrame({
            ...contentChunk,
            ...common,
            choices: [{ ...contentChoice, delta: { content: piece } }],
          }),
        ),
        // As OpenAI streams calls: id, type and name first (arguments ""), then argument fragments.
        ...reply.toolCalls
          .flatMap((call, index) => [
            { index, id: `call_${call.id}`, type: 'function', function: { name: call.name, arguments: '' } },
            ...splitText(call.arguments, 3).map((fragment) => ({ index, function: { arguments: fragment } })),
          ])
          .map((toolCall) =>
            sseFrame({
              ...contentChunk,
              ...common,
              choices: [{ ...contentChoice, delta: { tool_calls: [toolCall] } }],
            }),
          ),
      ],
      tail: [
        sseFrame({
          ...finishChunk,
          ...common,
          choices: [{ ...finishChoice, finish_reason: finishReasonOf(reply) }],
        }),
        sseFrame({ ...usageChunk, ...common, usage: usageOf(reply.usage) }),
        sseFrame('[DONE]'),
      ],
    };
  },

  embeddings(call, vectors) {
    const [item] = embeddingsFixture.data;
    const tokens = call.inputs.reduce((total, input) => total + estimateTokens(input), 0);
    return {
      ...embeddingsFixture,
      model: call.model,
      data: vectors.map((embedding, index) => ({ ...item, index, embedding })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  },

  invalidStreamFrame: sseFrame('{"id": "chatcmpl-broken", "choices": [{"delta": {"content": "Hel'),
};

/** Starts a fake OpenAI-compatible server; `url` is its `/v1` base URL. */
export function startOpenAiFake(options?: FakeServerOptions): Promise<FakeServer> {
  return startFakeServer(openAiProtocol, options);
}

function finishReasonOf(reply: ResolvedReply): string {
  return reply.toolCalls.length > 0 && reply.finishReason === 'stop'
    ? 'tool_calls'
    : FINISH_REASONS[reply.finishReason];
}

function usageOf(usage: { inputTokens: number; outputTokens: number }) {
  return {
    ...completionFixture.usage,
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}
