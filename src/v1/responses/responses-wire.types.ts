/**
 * The parts of OpenAI's Responses API wire format that `/v1/responses` speaks, as the official SDKs
 * send and read them. Field names are OpenAI's (snake_case) on purpose: these describe bytes on the wire.
 */
import type { ChatMessage, ResponseFormat, ToolUse } from '../../providers/provider.types.js';

/** A validated `POST /v1/responses` body. */
export interface ResponsesRequest extends ToolUse {
  model: string;
  /** This turn's input items as chat messages (function calls and their outputs included). */
  input: ChatMessage[];
  /** System text for this turn only: it is not carried to a later `previous_response_id`. */
  instructions?: string;
  previousResponseId?: string;
  /**
   * A Capgate conversation (`conversation` in the body, or the `capgate-conversation-id` header):
   * its earlier turns are sent as context and this turn is appended once the run completes.
   */
  conversationId?: string;
  stream: boolean;
  /** Keep the response for `GET /v1/responses/{id}` and `previous_response_id` (default true). */
  store: boolean;
  maxOutputTokens?: number;
  responseFormat?: ResponseFormat;
  /** Passed to the model as they are (`temperature`, `top_p`, `user`, `reasoning_effort`, …). */
  params?: Record<string, unknown>;
  /** Stored and echoed, not sent upstream. */
  metadata?: Record<string, string>;
  /** The `text.format` as the caller sent it, echoed in the response. */
  textFormat: Record<string, unknown>;
  /** The `tools` as the caller sent them, echoed in the response. */
  toolsEcho: Record<string, unknown>[];
}

export interface ResponseOutputText {
  type: 'output_text';
  text: string;
  annotations: unknown[];
  logprobs?: unknown[];
}

export interface ResponseOutputMessage {
  type: 'message';
  id: string;
  status: 'in_progress' | 'completed' | 'incomplete';
  role: 'assistant';
  content: ResponseOutputText[];
}

export interface ResponseFunctionCall {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: 'in_progress' | 'completed' | 'incomplete';
}

export type ResponseOutputItem = ResponseOutputMessage | ResponseFunctionCall;

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** A Response object as OpenAI returns it. */
export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  model: string;
  output: ResponseOutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  /** The conversation this response belongs to (its turn was appended to it). */
  conversation: { id: string } | null;
  reasoning: { effort: string | null; summary: null };
  store: boolean;
  temperature: number | null;
  text: { format: Record<string, unknown> };
  tool_choice: unknown;
  tools: Record<string, unknown>[];
  top_p: number | null;
  truncation: 'disabled';
  usage: ResponseUsage | null;
  user: string | null;
  metadata: Record<string, string>;
}
