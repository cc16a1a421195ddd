/**
 * What a `/v1` chat answer says, from an invocation's output: a model's `ChatOutput` (text, tool
 * calls, finish reason) or a capability's output (its text, finished with `stop`).
 */
import type { ChatOutput } from '../capabilities/chat/chat.capability.js';
import type { FinishReason } from '../providers/provider.types.js';
import type { OpenAiFinishReason, OpenAiToolCall } from './openai-wire.types.js';
import { assistantTextOf } from './v1-target.js';

export interface ChatAnswer {
  text: string;
  toolCalls: OpenAiToolCall[];
  finishReason: OpenAiFinishReason;
}

export function chatAnswerOf(output: unknown, fromModel: boolean): ChatAnswer {
  if (!fromModel || !isChatOutput(output))
    return { text: assistantTextOf(output), toolCalls: [], finishReason: 'stop' };
  const toolCalls = (output.toolCalls ?? []).map((call): OpenAiToolCall => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
  return {
    text: output.text,
    toolCalls,
    finishReason: openAiFinishReasonOf(output.finishReason, toolCalls.length > 0),
  };
}

/** Ours to OpenAI's: a cut answer stays `length` even with calls; `error`/`other` read as `stop`. */
export function openAiFinishReasonOf(reason: FinishReason, hasToolCalls: boolean): OpenAiFinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    case 'tool-calls':
      return hasToolCalls ? 'tool_calls' : 'stop';
    default:
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}

function isChatOutput(output: unknown): output is ChatOutput {
  return (
    typeof output === 'object' &&
    output !== null &&
    typeof (output as { text?: unknown }).text === 'string' &&
    typeof (output as { finishReason?: unknown }).finishReason === 'string'
  );
}
