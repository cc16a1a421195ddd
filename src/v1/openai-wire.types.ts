/**
 * The parts of the OpenAI REST wire format `/v1` speaks, as the official SDKs send and read them.
 * Field names are OpenAI's (snake_case) on purpose: these types describe bytes on the wire.
 */
import type { ChatMessage, ResponseFormat, ToolUse } from '../providers/provider.types.js';

/** A validated `POST /v1/chat/completions` body. */
export interface ChatCompletionRequest extends ToolUse {
  /** A registered model name, or a capability name (then its routing policy applies). */
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  /** `stream_options.include_usage`: a last chunk carries the usage. */
  includeUsage: boolean;
  /** `max_completion_tokens`, else `max_tokens`. */
  maxTokens?: number;
  responseFormat?: ResponseFormat;
  /** Sampling parameters passed to the model as they are (`temperature`, `top_p`, `stop`, `seed`…). */
  params?: Record<string, unknown>;
}

/** A validated `POST /v1/embeddings` body. */
export interface EmbeddingsRequest {
  model: string;
  input: string[];
  encodingFormat: 'float' | 'base64';
  /** Passed through to the provider (e.g. `dimensions`). */
  params?: Record<string, unknown>;
}

export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: 'assistant';
      content: string | null;
      refusal: null;
      tool_calls?: OpenAiToolCall[];
    };
    finish_reason: OpenAiFinishReason;
    logprobs: null;
  }>;
  usage: OpenAiUsage;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: { role?: 'assistant'; content?: string };
    finish_reason: OpenAiFinishReason | null;
    logprobs?: null;
  }>;
  usage?: OpenAiUsage | null;
}

export type OpenAiFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface OpenAiToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface OpenAiModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}
