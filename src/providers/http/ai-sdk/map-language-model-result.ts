import type { LanguageModelV2, LanguageModelV2FinishReason, LanguageModelV2Usage } from '@ai-sdk/provider';
import type { FinishReason, GenerateResult, TokenUsage } from '../../provider.types.js';
import { toolCallsOf } from './convert-tool-use.js';

type LanguageModelResult = Awaited<ReturnType<LanguageModelV2['doGenerate']>>;

/** The text parts of a generation, joined, and its tool calls; reasoning is not output text. */
export function mapGenerateResult(
  result: LanguageModelResult,
  responseIdOf?: (rawBody: unknown) => string | undefined,
): GenerateResult {
  const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  const mapped: GenerateResult = {
    text,
    usage: mapUsage(result.usage),
    finishReason: mapFinishReason(result.finishReason),
  };
  const toolCalls = toolCallsOf(result.content);
  if (toolCalls.length > 0) mapped.toolCalls = toolCalls;
  const responseId = result.response?.id ?? responseIdOf?.(result.response?.body);
  if (responseId !== undefined) mapped.responseId = responseId;
  return mapped;
}

export function mapFinishReason(finishReason: LanguageModelV2FinishReason): FinishReason {
  return finishReason === 'unknown' ? 'other' : finishReason;
}

export function mapUsage(usage: LanguageModelV2Usage): TokenUsage {
  const mapped: TokenUsage = {};
  if (usage.inputTokens !== undefined) mapped.inputTokens = usage.inputTokens;
  if (usage.outputTokens !== undefined) mapped.outputTokens = usage.outputTokens;
  return mapped;
}
