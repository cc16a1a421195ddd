import type { FakeFinishReason, RecordedRequest, ResolvedReply } from './fake-scenario.js';

/** A model call recognised in a request. */
export type ProtocolCall =
  | {
      kind: 'generate';
      stream: boolean;
      model: string;
      /** All prompt text, for token counts. */
      promptText: string;
      /** A tool the request forces (Anthropic structured output): the reply text becomes its input. */
      forcedTool?: string;
    }
  | { kind: 'embed'; model: string; inputs: string[]; /** Gemini's `batchEmbedContents`. */ batch?: boolean };

/** Three groups of complete SSE frames; a cut stream stops inside `chunks`. */
export interface StreamFrames {
  head: string[];
  chunks: string[];
  tail: string[];
}

/** What distinguishes one wire protocol's fake from another's. */
export interface FakeProtocol {
  /** The path prefix providers are configured with: `/v1`, `/v1beta`. */
  basePath: string;
  /** Recognises a model call, or undefined for anything else. */
  classify(request: RecordedRequest): ProtocolCall | undefined;
  /** Answers requests that are not model calls (`GET /v1/models`), or undefined for a 404. */
  answerOther?(request: RecordedRequest): unknown;
  /** The credential the request carried, as the real API reads it. */
  credentialOf(request: RecordedRequest): string | undefined;
  /** The real API's answer to a wrong or missing credential. */
  unauthorized(credential: string | undefined): { status: number; body: unknown };
  /** The real API's error body for a status, with `message` when given. */
  errorBody(status: number, message: string | undefined): unknown;
  completion(call: Extract<ProtocolCall, { kind: 'generate' }>, reply: ResolvedReply): unknown;
  streamFrames(call: Extract<ProtocolCall, { kind: 'generate' }>, reply: ResolvedReply): StreamFrames;
  embeddings(call: Extract<ProtocolCall, { kind: 'embed' }>, vectors: number[][]): unknown;
  /** One SSE frame whose data is not valid JSON. */
  invalidStreamFrame: string;
}

/** `data: …` followed by the blank line that ends an event. */
export function sseFrame(data: unknown, options: { event?: string; lineEnd?: string } = {}): string {
  const lineEnd = options.lineEnd ?? '\n';
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  const event = options.event === undefined ? '' : `event: ${options.event}${lineEnd}`;
  return `${event}data: ${payload}${lineEnd}${lineEnd}`;
}

/** Maps our finish reasons to a protocol's wire values. */
export type FinishReasonTable = Record<FakeFinishReason, string>;
