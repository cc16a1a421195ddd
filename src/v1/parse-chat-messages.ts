/**
 * The `messages` of a chat completion request as OpenAI defines them: `system`/`developer`, `user`,
 * `assistant` (with optional `tool_calls`, `content` then may be null) and `tool` (`tool_call_id`
 * plus the result). Content is a string or an array of text parts, joined by a newline; images and
 * audio are refused.
 */
import type { ChatMessage, ToolCall } from '../providers/provider.types.js';
import { invalid } from './v1-request-fields.js';

const MAX_MESSAGES = 1000;

export function parseMessages(raw: unknown): ChatMessage[] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw invalid('messages', 'messages must be a non-empty array.');
  if (raw.length > MAX_MESSAGES) throw invalid('messages', `At most ${MAX_MESSAGES} messages.`);
  return raw.map((message: unknown, index) => parseMessage(message, index));
}

function parseMessage(raw: unknown, index: number): ChatMessage {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalid(`messages[${index}]`, 'Each message must be an object.');
  const message = raw as Record<string, unknown>;
  const role = message.role === 'developer' ? 'system' : message.role;
  const content = contentText(message.content, `messages[${index}].content`);
  switch (role) {
    case 'system':
    case 'user':
      return { role, content };
    case 'assistant': {
      const toolCalls = parseToolCalls(message.tool_calls, index);
      return toolCalls === undefined ? { role, content } : { role, content, toolCalls };
    }
    case 'tool': {
      const toolCallId = message.tool_call_id;
      if (typeof toolCallId !== 'string' || toolCallId === '')
        throw invalid(`messages[${index}].tool_call_id`, 'A tool message needs its tool_call_id.');
      return { role, content, toolCallId };
    }
    default:
      throw invalid(
        `messages[${index}].role`,
        'role must be "system", "developer", "user", "assistant" or "tool".',
      );
  }
}

function parseToolCalls(raw: unknown, index: number): ToolCall[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const param = `messages[${index}].tool_calls`;
  if (!Array.isArray(raw)) throw invalid(param, 'tool_calls must be an array.');
  if (raw.length === 0) return undefined;
  return raw.map((item: unknown, callIndex) => {
    const call = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const fn = (typeof call.function === 'object' && call.function !== null ? call.function : {}) as Record<
      string,
      unknown
    >;
    if (
      (call.type !== undefined && call.type !== 'function') ||
      typeof call.id !== 'string' ||
      typeof fn.name !== 'string' ||
      typeof fn.arguments !== 'string'
    ) {
      throw invalid(
        `${param}[${callIndex}]`,
        'Each tool call needs an id and a function with a name and arguments (a JSON string).',
      );
    }
    return { id: call.id, name: fn.name, arguments: fn.arguments };
  });
}

/** A string, or an array of text parts (`[{ type: 'text', text }]`) joined by newlines. */
export function contentText(content: unknown, param: string): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) {
    const texts: string[] = [];
    for (const part of content as unknown[]) {
      const { type, text } = (part ?? {}) as Record<string, unknown>;
      if (type !== 'text' || typeof text !== 'string') {
        throw invalid(param, 'Only text content parts are supported.');
      }
      texts.push(text);
    }
    return texts.join('\n');
  }
  throw invalid(param, 'content must be a string or an array of text parts.');
}
