import { isRecord } from '../../src/providers/http/is-record.js';
import embeddingFixtures from './fixtures/gemini-embeddings.json' with { type: 'json' };
import errorFixtures from './fixtures/gemini-errors.json' with { type: 'json' };
import responseFixture from './fixtures/gemini-generate-content.json' with { type: 'json' };
import chunkFixtures from './fixtures/gemini-stream-chunks.json' with { type: 'json' };
import { sseFrame, type FakeProtocol, type FinishReasonTable } from './fake-protocol.js';
import type { FakeUsage, ResolvedReply } from './fake-scenario.js';
import { startFakeServer, type FakeServer, type FakeServerOptions } from './fake-server.js';

const FINISH_REASONS: FinishReasonTable = { stop: 'STOP', length: 'MAX_TOKENS', 'content-filter': 'SAFETY' };
const CALL_PATH =
  /\/models\/([^/:]+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents)$/;
/** Google's status names for the HTTP statuses a test is likely to ask for. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/**
 * The Gemini API: `POST …/v1beta/models/{model}:generateContent`, `:streamGenerateContent?alt=sse`
 * (events separated by CRLF, as Google sends them), `:embedContent`, `:batchEmbedContents`.
 * Auth: `x-goog-api-key` (or `?key=`); a bad key is a 400 `API_KEY_INVALID`, as in the real API.
 */
export const geminiProtocol: FakeProtocol = {
  basePath: '/v1beta',

  classify(request) {
    const match = CALL_PATH.exec(request.path);
    if (request.method !== 'POST' || match === null || !isRecord(request.body)) return undefined;
    const [, model = '', method] = match;
    const body = request.body;
    if (method === 'embedContent') return { kind: 'embed', model, inputs: [partsText(body.content)] };
    if (method === 'batchEmbedContents') {
      const requests = Array.isArray(body.requests) ? body.requests : [];
      return {
        kind: 'embed',
        model,
        inputs: requests.map((item) => (isRecord(item) ? partsText(item.content) : '')),
        batch: true,
      };
    }
    const contents = Array.isArray(body.contents) ? body.contents : [];
    const promptText = [partsText(body.systemInstruction), ...contents.map(partsText)].join('\n');
    return { kind: 'generate', stream: method === 'streamGenerateContent', model, promptText };
  },

  credentialOf(request) {
    const header = request.headers['x-goog-api-key'];
    return typeof header === 'string' && header !== '' ? header : request.query.key;
  },

  unauthorized() {
    return { status: 400, body: errorFixtures.apiKeyInvalid };
  },

  errorBody(status, message) {
    const template =
      status === 429
        ? errorFixtures.resourceExhausted
        : status === 503
          ? errorFixtures.unavailable
          : status === 500
            ? errorFixtures.internal
            : {
                error: {
                  code: status,
                  message: 'Request failed.',
                  status: STATUS_NAMES[status] ?? 'UNKNOWN',
                },
              };
    return { error: { ...template.error, ...(message === undefined ? {} : { message }) } };
  },

  completion(call, reply) {
    const [candidate] = responseFixture.candidates;
    return {
      ...responseFixture,
      candidates: [
        {
          ...candidate,
          content: { parts: partsOf(reply), role: 'model' },
          finishReason: FINISH_REASONS[reply.finishReason],
        },
      ],
      usageMetadata: usageOf(reply.usage),
      modelVersion: call.model,
      responseId: reply.id,
    };
  },

  streamFrames(call, reply) {
    const { contentChunk, finalChunk } = chunkFixtures;
    const [contentCandidate] = contentChunk.candidates;
    const [finalCandidate] = finalChunk.candidates;
    const common = { modelVersion: call.model, responseId: reply.id, usageMetadata: usageOf(reply.usage) };
    const frame = (data: unknown) => sseFrame(data, { lineEnd: '\r\n' });
    // Gemini sends a function call whole, in one chunk.
    const callParts = partsOf({ ...reply, text: '' });
    return {
      head: [],
      chunks: [
        ...reply.pieces.map((text) =>
          frame({
            ...contentChunk,
            ...common,
            candidates: [{ ...contentCandidate, content: { parts: [{ text }], role: 'model' } }],
          }),
        ),
        ...(reply.toolCalls.length === 0
          ? []
          : [
              frame({
                ...contentChunk,
                ...common,
                candidates: [{ ...contentCandidate, content: { parts: callParts, role: 'model' } }],
              }),
            ]),
      ],
      tail: [
        frame({
          ...finalChunk,
          ...common,
          candidates: [{ ...finalCandidate, finishReason: FINISH_REASONS[reply.finishReason] }],
        }),
      ],
    };
  },

  embeddings(call, vectors) {
    if (call.batch === true)
      return { ...embeddingFixtures.batch, embeddings: vectors.map((values) => ({ values })) };
    return { ...embeddingFixtures.single, embedding: { values: vectors[0] ?? [] } };
  },

  invalidStreamFrame: sseFrame('{"candidates": [{"content": {"parts": [{"text": "Hel', { lineEnd: '\r\n' }),
};

/** Starts a fake Gemini server; `url` is its `/v1beta` base URL. */
export function startGeminiFake(options?: FakeServerOptions): Promise<FakeServer> {
  return startFakeServer(geminiProtocol, options);
}

function usageOf(usage: FakeUsage) {
  return {
    ...responseFixture.usageMetadata,
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: usage.outputTokens,
    totalTokenCount: usage.inputTokens + usage.outputTokens,
  };
}

/** An answer's parts: its text (when there is some), then one `functionCall` per tool call. */
function partsOf(reply: Pick<ResolvedReply, 'text' | 'toolCalls'>): unknown[] {
  return [
    ...(reply.text === '' && reply.toolCalls.length > 0 ? [] : [{ text: reply.text }]),
    ...reply.toolCalls.map((call) => ({
      functionCall: { name: call.name, args: JSON.parse(call.arguments) as unknown },
    })),
  ];
}

/** The text of a `Content` (`{ parts: [{ text }] }`). */
function partsText(content: unknown): string {
  if (!isRecord(content) || !Array.isArray(content.parts)) return '';
  return content.parts
    .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .join('');
}
