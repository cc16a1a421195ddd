import { ProviderError } from '../../errors/app-error.js';
import { isRecord } from '../http/is-record.js';
import { redactSecrets, summarizeErrorBody } from '../http/map-http-error.js';
import type { ServerSentEvent } from '../http/sse-parser.js';
import type { FinishReason, StreamPart, TokenUsage } from '../provider.types.js';
import { mapOpenAiUsage } from './map-openai-chat-completion.js';
import { mapOpenAiFinishReason } from './map-openai-finish-reason.js';
import { isChatCompletionChunk } from './openai-compatible-api.js';
import { checkUpstreamShape, parseUpstreamJson } from './parse-upstream-json.js';

export interface StreamContext {
  providerName: string;
  secrets: readonly string[];
}

/**
 * Turns the SSE events of a streamed chat completion into deltas and one final `finish`. The
 * stream is complete when `data: [DONE]` arrived or a `finish_reason` did; one that ends with
 * neither was cut, and throws a retryable `ProviderError` rather than ending cleanly. Events after
 * `[DONE]` are read and ignored so that the connection goes back to the pool.
 */
export async function* readChatCompletionStream(
  events: AsyncIterable<ServerSentEvent>,
  context: StreamContext,
): AsyncGenerator<StreamPart> {
  let done = false;
  let finishReason: FinishReason | undefined;
  let usage: TokenUsage = {};
  let responseId: string | undefined;

  for await (const event of events) {
    if (done) continue;
    if (event.data === '[DONE]') {
      done = true;
      continue;
    }
    const raw = parseUpstreamJson(event.data, context.providerName);
    if (isRecord(raw) && raw.error !== undefined && raw.error !== null) {
      throw streamErrorOf(event.data, raw.error, context);
    }
    const chunk = checkUpstreamShape(raw, isChatCompletionChunk, context.providerName);
    responseId ??= chunk.id ?? undefined;
    if (chunk.usage) usage = mapOpenAiUsage(chunk.usage);
    const choice = chunk.choices?.[0];
    const text = choice?.delta?.content;
    if (text) yield { type: 'delta', text };
    for (const call of choice?.delta?.tool_calls ?? []) {
      yield {
        type: 'tool-call-delta',
        index: call.index ?? 0,
        ...(call.id ? { id: call.id } : {}),
        ...(call.function?.name ? { name: call.function.name } : {}),
        argumentsDelta: call.function?.arguments ?? '',
      };
    }
    if (choice?.finish_reason) finishReason = mapOpenAiFinishReason(choice.finish_reason);
  }

  if (!done && finishReason === undefined) {
    throw new ProviderError(`${context.providerName}: the stream ended early.`, { isRetryable: true });
  }
  const finish: StreamPart = { type: 'finish', usage, finishReason: finishReason ?? 'other' };
  if (responseId) finish.responseId = responseId;
  yield finish;
}

/** Some servers (OpenRouter, vLLM) report a failure inside the stream as `data: {"error": …}`. */
function streamErrorOf(data: string, error: unknown, context: StreamContext): ProviderError {
  const code = isRecord(error) ? error.code : undefined;
  const status = typeof code === 'number' && code >= 400 && code <= 599 ? code : undefined;
  const { message } = summarizeErrorBody(data);
  const detail = message === undefined ? '' : `: ${redactSecrets(message, context.secrets)}`;
  return new ProviderError(`${context.providerName} reported an error in the stream${detail}`, { status });
}
