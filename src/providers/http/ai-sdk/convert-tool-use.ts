/**
 * Tool calling through an AI SDK provider (Anthropic `tool_use`/`tool_result` blocks, Gemini
 * `functionCall`/`functionResponse` parts): our messages, tools and tool choice as AI SDK prompt
 * parts and call options, and the SDK's tool-call content back as our `ToolCall`s.
 */
import type {
  JSONSchema7,
  LanguageModelV2CallOptions,
  LanguageModelV2Content,
  LanguageModelV2Message,
  LanguageModelV2ToolResultPart,
} from '@ai-sdk/provider';
import type { ChatMessage, ToolCall, ToolUse } from '../../provider.types.js';

/**
 * The prompt messages of a conversation without its system messages. A tool result names its tool
 * (Gemini's `functionResponse` needs the name), found from the assistant call it answers;
 * consecutive tool messages become one tool turn, as Anthropic wants all results of a turn together.
 */
export function convertConversation(messages: readonly ChatMessage[]): LanguageModelV2Message[] {
  const toolNames = new Map<string, string>();
  const prompt: LanguageModelV2Message[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        break;
      case 'user':
        prompt.push({ role: 'user', content: [{ type: 'text', text: message.content }] });
        break;
      case 'assistant': {
        const calls = message.toolCalls ?? [];
        for (const call of calls) toolNames.set(call.id, call.name);
        prompt.push({
          role: 'assistant',
          content: [
            ...(message.content === '' && calls.length > 0
              ? []
              : [{ type: 'text' as const, text: message.content }]),
            ...calls.map((call) => ({
              type: 'tool-call' as const,
              toolCallId: call.id,
              toolName: call.name,
              input: parseArguments(call.arguments),
            })),
          ],
        });
        break;
      }
      case 'tool': {
        const toolCallId = message.toolCallId ?? '';
        const part: LanguageModelV2ToolResultPart = {
          type: 'tool-result',
          toolCallId,
          toolName: toolNames.get(toolCallId) ?? 'tool',
          output: { type: 'text', value: message.content },
        };
        const previous = prompt.at(-1);
        if (previous?.role === 'tool') previous.content.push(part);
        else prompt.push({ role: 'tool', content: [part] });
        break;
      }
    }
  }
  return prompt;
}

/** `tools` and `toolChoice` call options; `parallelToolCalls: false` is Anthropic's `disableParallelToolUse`. */
export function convertToolOptions(
  toolUse: ToolUse,
  providerOptionsKey: string,
): {
  options: Pick<LanguageModelV2CallOptions, 'tools' | 'toolChoice'>;
  providerOptions: Record<string, boolean>;
} {
  const options: Pick<LanguageModelV2CallOptions, 'tools' | 'toolChoice'> = {};
  const providerOptions: Record<string, boolean> = {};
  if (toolUse.tools !== undefined && toolUse.tools.length > 0) {
    options.tools = toolUse.tools.map((tool) => ({
      type: 'function' as const,
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      // A JSON Schema document validated at the front door; the SDK only reads it.
      inputSchema: tool.parameters as JSONSchema7,
    }));
    if (toolUse.parallelToolCalls === false && providerOptionsKey === 'anthropic')
      providerOptions.disableParallelToolUse = true;
  }
  const choice = toolUse.toolChoice;
  if (choice !== undefined) {
    options.toolChoice =
      typeof choice === 'string' ? { type: choice } : { type: 'tool', toolName: choice.name };
  }
  return { options, providerOptions };
}

/** The tool calls among a generation's content parts, arguments as JSON text. */
export function toolCallsOf(content: readonly LanguageModelV2Content[]): ToolCall[] {
  const calls: ToolCall[] = [];
  for (const part of content) {
    if (part.type === 'tool-call' && part.providerExecuted !== true)
      calls.push({ id: part.toolCallId, name: part.toolName, arguments: part.input });
  }
  return calls;
}

/** The arguments object of a call; text that is not JSON is passed as `{}` rather than failing the turn. */
function parseArguments(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
