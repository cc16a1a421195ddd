/**
 * Tool calling in OpenAI's chat-completions wire format, both ways: messages with `tool_calls` and
 * `role: "tool"`, `tools` / `tool_choice` / `parallel_tool_calls` on the request, `message.tool_calls`
 * on an answer. Compatible servers take the same shapes, so this is a pass-through.
 */
import type { ChatMessage, ToolCall, ToolChoice, ToolUse } from '../provider.types.js';

/** One message as OpenAI reads it: only the fields it defines, whatever else the message carries. */
export function convertToOpenAiMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role === 'tool') {
    return { role: 'tool', tool_call_id: message.toolCallId ?? '', content: message.content };
  }
  if (message.role === 'assistant' && message.toolCalls !== undefined && message.toolCalls.length > 0) {
    return {
      role: 'assistant',
      content: message.content === '' ? null : message.content,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

/** `tools`, `tool_choice` and `parallel_tool_calls`, present only when the request sets them. */
export function convertToOpenAiToolFields(toolUse: ToolUse): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (toolUse.tools !== undefined && toolUse.tools.length > 0) {
    fields.tools = toolUse.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
        ...(tool.strict === undefined ? {} : { strict: tool.strict }),
      },
    }));
  }
  if (toolUse.toolChoice !== undefined) fields.tool_choice = convertToolChoice(toolUse.toolChoice);
  if (toolUse.parallelToolCalls !== undefined && fields.tools !== undefined)
    fields.parallel_tool_calls = toolUse.parallelToolCalls;
  return fields;
}

function convertToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

/** `message.tool_calls` of an answer, as read by the response schema. */
export function mapOpenAiToolCalls(
  calls: ReadonlyArray<{
    id?: string | null;
    function?: { name?: string | null; arguments?: string | null } | null;
  }>,
): ToolCall[] {
  return calls.map((call, index) => ({
    id: call.id ?? `call_${index}`,
    name: call.function?.name ?? '',
    arguments: call.function?.arguments ?? '',
  }));
}
