import type { GenerateResult, TokenUsage } from '../provider.types.js';
import type { ChatCompletion, OpenAiUsage } from './openai-compatible-api.js';
import { mapOpenAiFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAiToolCalls } from './convert-openai-tools.js';

export function mapChatCompletion(completion: ChatCompletion): GenerateResult {
  const choice = completion.choices[0];
  const result: GenerateResult = {
    text: choice?.message?.content ?? '',
    usage: mapOpenAiUsage(completion.usage),
    finishReason: mapOpenAiFinishReason(choice?.finish_reason),
  };
  const toolCalls = choice?.message?.tool_calls;
  if (toolCalls && toolCalls.length > 0) result.toolCalls = mapOpenAiToolCalls(toolCalls);
  if (completion.id) result.responseId = completion.id;
  return result;
}

export function mapOpenAiUsage(usage: OpenAiUsage): TokenUsage {
  const mapped: TokenUsage = {};
  if (typeof usage?.prompt_tokens === 'number') mapped.inputTokens = usage.prompt_tokens;
  if (typeof usage?.completion_tokens === 'number') mapped.outputTokens = usage.completion_tokens;
  return mapped;
}
