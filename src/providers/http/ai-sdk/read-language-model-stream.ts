import type { LanguageModelV2StreamPart } from '@ai-sdk/provider';
import { ProviderError } from '../../../errors/app-error.js';
import type { StreamPart } from '../../provider.types.js';
import { mapFinishReason, mapUsage } from './map-language-model-result.js';
import { ToolCallStream } from './tool-call-stream.js';

export interface StreamCompletionCheck {
  providerName: string;
  /**
   * True for the raw upstream chunk that ends a complete response (Anthropic `message_stop`, a
   * Gemini candidate with a `finishReason`). The AI SDK emits `finish` even for a stream that was
   * cut short; without that chunk the stream is treated as ended early.
   */
  isFinalChunk(rawChunk: unknown): boolean;
  /** The response id in a raw chunk, for SDKs that do not report one (Gemini's `responseId`). */
  responseIdOf?(rawChunk: unknown): string | undefined;
}

/**
 * Reads an AI SDK `LanguageModelV2` stream into text and tool-call deltas and exactly one `finish`. An `error`
 * part is thrown as is (the caller maps it); a stream without its final chunk throws a retryable
 * `ProviderError`.
 */
export async function* readLanguageModelStream(
  stream: ReadableStream<LanguageModelV2StreamPart>,
  check: StreamCompletionCheck,
): AsyncGenerator<StreamPart> {
  const reader = stream.getReader();
  let finish: Extract<LanguageModelV2StreamPart, { type: 'finish' }> | undefined;
  let sawFinalChunk = false;
  let responseId: string | undefined;
  const toolCalls = new ToolCallStream();
  try {
    for (;;) {
      const { done, value: part } = await reader.read();
      if (done) break;
      switch (part.type) {
        case 'text-delta':
          if (part.delta !== '') yield { type: 'delta', text: part.delta };
          break;
        case 'raw':
          if (check.isFinalChunk(part.rawValue)) sawFinalChunk = true;
          responseId ??= check.responseIdOf?.(part.rawValue);
          break;
        case 'response-metadata':
          responseId ??= part.id;
          break;
        case 'finish':
          finish = part;
          break;
        case 'error':
          throw part.error;
        case 'tool-input-start':
        case 'tool-input-delta':
        case 'tool-call':
          yield* toolCalls.read(part);
          break;
        default:
          // Reasoning, sources and files are not part of the output.
          break;
      }
    }
  } finally {
    // Releases the upstream connection when the consumer stops early or an error part arrives.
    reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }

  if (finish === undefined || !sawFinalChunk) {
    throw new ProviderError(`${check.providerName}: the stream ended early.`, { isRetryable: true });
  }
  const part: StreamPart = {
    type: 'finish',
    usage: mapUsage(finish.usage),
    finishReason: mapFinishReason(finish.finishReason),
  };
  if (responseId !== undefined) part.responseId = responseId;
  yield part;
}
