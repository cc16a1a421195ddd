/**
 * Turns the AI SDK's streamed tool parts into our `tool-call-delta` parts, numbered per answer.
 * Anthropic streams `tool-input-start`, `tool-input-delta`s (its `input_json_delta`), then a
 * `tool-call` with the whole input; Gemini sends the call whole. Whatever the input deltas did not
 * carry is sent from the final `tool-call`, so the fragments always add up to its arguments.
 */
import type { LanguageModelV2StreamPart } from '@ai-sdk/provider';
import type { StreamPart } from '../../provider.types.js';

type ToolCallDeltaPart = Extract<StreamPart, { type: 'tool-call-delta' }>;

export class ToolCallStream {
  private readonly calls = new Map<string, { index: number; sent: string }>();

  /** The deltas one SDK stream part stands for (none for parts that are not client tool calls). */
  read(part: LanguageModelV2StreamPart): ToolCallDeltaPart[] {
    switch (part.type) {
      case 'tool-input-start':
        if (part.providerExecuted === true) return [];
        return [this.start(part.id, part.toolName)];
      case 'tool-input-delta': {
        const call = this.calls.get(part.id);
        if (call === undefined || part.delta === '') return [];
        call.sent += part.delta;
        return [{ type: 'tool-call-delta', index: call.index, argumentsDelta: part.delta }];
      }
      case 'tool-call': {
        if (part.providerExecuted === true) return [];
        const known = this.calls.get(part.toolCallId);
        const parts = known === undefined ? [this.start(part.toolCallId, part.toolName)] : [];
        const call = this.calls.get(part.toolCallId)!;
        if (part.input.startsWith(call.sent) && part.input.length > call.sent.length) {
          parts.push({
            type: 'tool-call-delta',
            index: call.index,
            argumentsDelta: part.input.slice(call.sent.length),
          });
          call.sent = part.input;
        }
        return parts;
      }
      default:
        return [];
    }
  }

  private start(id: string, name: string): ToolCallDeltaPart {
    const index = this.calls.size;
    this.calls.set(id, { index, sent: '' });
    return { type: 'tool-call-delta', index, id, name, argumentsDelta: '' };
  }
}
