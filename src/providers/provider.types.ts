/**
 * The contract between the executor and remote model providers. One folder per provider kind under
 * `src/providers/<kind>/` implements `ModelProvider` and describes itself in `<kind>.kind.ts`;
 * `src/providers/provider-kinds.ts` maps each kind to its descriptor. Methods only the executor calls are prefixed `do` (as in the AI SDK).
 *
 * Adapters are stateless apart from their connection pool; failures are thrown as `ProviderError`
 * (with `status`, `isRetryable`, `retryAfterMs`) or `TimeoutError` from `src/errors/app-error.ts`.
 */
import type { ToolCall, ToolCallDelta, ToolUse } from './tool.types.js';

export type * from './tool.types.js';

/** A key of the provider-kind map (`provider-kinds.ts`): a built-in kind, or one the app added. */
export type ProviderKind = import('./provider-kinds.js').BuiltinProviderKind | (string & {});

export interface ProviderConnection {
  /** Registered provider name, for logs and errors. */
  name: string;
  /** API root, e.g. `https://api.openai.com/v1`. Kinds have a documented default when unset. */
  baseUrl?: string;
  /** Decrypted secret; never logged. */
  apiKey?: string;
  /** Extra headers sent with every request (e.g. `api-version`, organization ids). */
  headers?: Record<string, string>;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  /** The text; for a `tool` message, the tool's result. */
  content: string;
  /** An assistant turn's tool calls. */
  toolCalls?: ToolCall[];
  /** A `tool` message: the id of the call it answers. */
  toolCallId?: string;
}

export type ResponseFormat =
  | { type: 'text' }
  /** Ask for a JSON object; with `schema`, for one that validates against it (structured output). */
  | {
      type: 'json';
      schema?: Record<string, unknown>;
      name?: string;
      /** The answer must validate against `schema` (OpenAI strict mode; Capgate validates it too). */
      strict?: boolean;
    };

export interface GenerateRequest extends ToolUse {
  /** The provider's own model id (`Model.upstreamModel`). */
  model: string;
  messages: ChatMessage[];
  maxOutputTokens?: number;
  /**
   * The registered model's request field for `maxOutputTokens` (OpenAI-compatible bodies):
   * `max_completion_tokens` for reasoning models. Absent: `max_tokens`.
   */
  maxTokensParam?: 'max_tokens' | 'max_completion_tokens';
  temperature?: number;
  topP?: number;
  stop?: string[];
  responseFormat?: ResponseFormat;
  /** Implementation `params` from the registry, passed through to the provider body as-is. */
  params?: Record<string, unknown>;
  /** Aborts the upstream call (client gone, timeout). */
  signal?: AbortSignal;
}

export interface TokenUsage {
  /** Undefined when the provider did not report it; the caller counts with a tokenizer then. */
  inputTokens?: number;
  outputTokens?: number;
}

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

export interface GenerateResult {
  text: string;
  /** The tool calls of the answer (finish reason `tool-calls`). */
  toolCalls?: ToolCall[];
  usage: TokenUsage;
  finishReason: FinishReason;
  /** Upstream response id, when the provider gives one. */
  responseId?: string;
}

export type StreamPart =
  | { type: 'delta'; text: string }
  | ({ type: 'tool-call-delta' } & ToolCallDelta)
  | { type: 'finish'; usage: TokenUsage; finishReason: FinishReason; responseId?: string };

export interface EmbedRequest {
  model: string;
  input: string[];
  params?: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface EmbedResult {
  embeddings: number[][];
  usage: TokenUsage;
}

export interface ModelProvider {
  readonly kind: ProviderKind;
  doGenerate(request: GenerateRequest): Promise<GenerateResult>;
  /**
   * Streams text deltas, then exactly one `finish` part. A stream that ends without `finish`
   * (cut connection, malformed event) throws a retryable `ProviderError` instead of ending cleanly.
   */
  doStream(request: GenerateRequest): AsyncIterable<StreamPart>;
  /** Present when the provider offers embeddings. */
  doEmbed?(request: EmbedRequest): Promise<EmbedResult>;
  /** Releases pooled connections. */
  close(): Promise<void>;
}

export type ProviderFactory = (connection: ProviderConnection) => ModelProvider;
