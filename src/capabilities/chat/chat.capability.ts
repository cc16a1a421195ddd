/**
 * The internal `chat.completions` capability: an OpenAI chat completion addressed to a *model* on
 * `/v1`. It is not in the registry; the invocation service builds its `CapabilityInfo` per request
 * (`chatCapabilityFor`), pinned to the named model, so the call goes through the same pipeline as
 * every capability (role, rate limit, budget, masking, usage) and the messages reach the model as
 * they are. Its name has a dot, which registered capability names cannot have.
 */
import { BadUserInputError } from '../../errors/app-error.js';
import type {
  ChatMessage,
  FinishReason,
  ResponseFormat,
  ToolCall,
  ToolUse,
} from '../../providers/provider.types.js';
import type { CapabilityInfo } from '../../registry/registry.types.js';
import type { InvocationRequest } from '../capability.types.js';
import { checkStrictOutput } from './strict-output.js';
import type { CapabilityHandler } from '../handler.types.js';

export const CHAT_CAPABILITY = 'chat.completions';

/** What `/v1/chat/completions` hands the pipeline (tools, tool choice and parallel calls included). */
export interface ChatInput extends ToolUse {
  messages: ChatMessage[];
  /** `max_tokens` / `max_completion_tokens`. */
  maxTokens?: number;
  responseFormat?: ResponseFormat;
  /**
   * Sampling parameters in the OpenAI wire names (`temperature`, `top_p`, `stop`, `seed`…). They
   * travel as the pinned implementation's `params`, which every provider adapter passes on.
   */
  params?: Record<string, unknown>;
}

/** The assistant's answer: its text, its tool calls, and why it stopped. */
export interface ChatOutput {
  text: string;
  toolCalls?: ToolCall[];
  finishReason: FinishReason;
}

const DEFAULT_EXPECTED_OUTPUT_TOKENS = 256;
const EPOCH = new Date(0);

export const chatHandler: CapabilityHandler<ChatInput, ChatOutput> = {
  localModels: [],
  streamsText: true,

  parseInput(raw) {
    if (!isChatInput(raw))
      throw new BadUserInputError('messages: a non-empty array of { role, content } is required.');
    return raw;
  },

  inputText: (input) => {
    if (input.messages.length === 1 && input.messages[0]!.toolCalls === undefined)
      return input.messages[0]!.content;
    return input.messages
      .map((message) =>
        [message.content, ...(message.toolCalls ?? []).map((call) => call.arguments)].join('\n'),
      )
      .join('\n');
  },

  expectedOutputTokens: (input) => input.maxTokens ?? DEFAULT_EXPECTED_OUTPUT_TOKENS,

  buildPrompt(input) {
    return {
      messages: input.messages,
      responseFormat: input.responseFormat ?? { type: 'text' },
      maxOutputTokens: input.maxTokens,
      ...(input.tools === undefined ? {} : { tools: input.tools }),
      ...(input.toolChoice === undefined ? {} : { toolChoice: input.toolChoice }),
      ...(input.parallelToolCalls === undefined ? {} : { parallelToolCalls: input.parallelToolCalls }),
    };
  },

  // The assistant's answer is the output, whatever it says: no repair round trip.
  parseOutput: (text) => ({ text, finishReason: 'stop' }),
  parseGeneration: ({ text, toolCalls, finishReason }, input) => {
    const hasToolCalls = toolCalls !== undefined && toolCalls.length > 0;
    // Strict structured output: the answer must validate, or the attempt repairs once, then fails.
    if (!hasToolCalls) checkStrictOutput(text, input.responseFormat);
    return { text, finishReason, ...(hasToolCalls ? { toolCalls } : {}) };
  },
};

/** The per-request capability of a chat completion pinned to `request.options.model`. */
export function chatCapabilityFor(request: Pick<InvocationRequest, 'input' | 'options'>): CapabilityInfo {
  const model = request.options?.model;
  if (!model) throw new BadUserInputError('model is required.');
  const params = isChatInput(request.input) ? request.input.params : undefined;
  return {
    name: CHAT_CAPABILITY,
    version: 1,
    kind: 'builtin',
    implementations: [{ model, priority: 0, weight: 1, ...(params ? { params } : {}) }],
    routing: { strategy: 'FALLBACK' },
    teams: [],
    status: 'active',
    updatedAt: EPOCH,
  };
}

function isChatInput(raw: unknown): raw is ChatInput {
  if (!raw || typeof raw !== 'object') return false;
  const messages = (raw as { messages?: unknown }).messages;
  return (
    Array.isArray(messages) &&
    messages.length > 0 &&
    messages.every(
      (message: unknown) =>
        typeof message === 'object' &&
        message !== null &&
        typeof (message as { content?: unknown }).content === 'string' &&
        ['system', 'user', 'assistant', 'tool'].includes((message as { role?: unknown }).role as string),
    )
  );
}
