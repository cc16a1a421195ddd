/**
 * A `POST /v1/messages` body (Anthropic's Messages API) as a chat input: `system` (a string or text
 * blocks), messages whose content is a string or `text`/`tool_use`/`tool_result` blocks, `tools`
 * (`input_schema`), `tool_choice` (`auto`/`any`/`tool`/`none`), `max_tokens`, sampling settings.
 */
import type { ChatInput } from '../../capabilities/chat/chat.capability.js';
import type { ChatMessage, ToolChoice, ToolDefinition } from '../../providers/provider.types.js';
import { parseFunction } from '../parse-chat-tools.js';
import {
  asObject,
  invalid,
  optionalBoolean,
  optionalPositiveInteger,
  requiredString,
} from '../v1-request-fields.js';

export interface MessagesRequest {
  model: string;
  stream: boolean;
  input: ChatInput;
}

const MAX_MESSAGES = 1000;

export function parseMessagesRequest(body: unknown, options: { requireMaxTokens: boolean }): MessagesRequest {
  const object = asObject(body);
  const model = requiredString(object, 'model');
  const maxTokens = optionalPositiveInteger(object, 'max_tokens');
  if (options.requireMaxTokens && maxTokens === undefined)
    throw invalid('max_tokens', 'max_tokens: Field required');
  const raw = object.messages;
  if (!Array.isArray(raw) || raw.length === 0)
    throw invalid('messages', 'messages: at least one message is required');
  if (raw.length > MAX_MESSAGES) throw invalid('messages', `At most ${MAX_MESSAGES} messages.`);
  const messages: ChatMessage[] = [];
  const system = systemText(object.system);
  if (system !== '') messages.push({ role: 'system', content: system });
  raw.forEach((item: unknown, index) => messages.push(...convertMessage(item, index)));
  const tools = parseAnthropicTools(object.tools);
  const toolChoice = parseAnthropicToolChoice(object.tool_choice);
  const params: Record<string, unknown> = {};
  for (const [from, to] of [
    ['temperature', 'temperature'],
    ['top_p', 'top_p'],
    ['top_k', 'top_k'],
    ['stop_sequences', 'stop'],
  ] as const) {
    if (object[from] !== undefined && object[from] !== null) params[to] = object[from];
  }
  return {
    model,
    stream: optionalBoolean(object, 'stream') ?? false,
    input: {
      messages,
      ...(maxTokens === undefined ? {} : { maxTokens }),
      ...(Object.keys(params).length > 0 ? { params } : {}),
      ...(tools === undefined ? {} : { tools }),
      ...(toolChoice === undefined ? {} : toolChoice),
    },
  };
}

function systemText(system: unknown): string {
  if (system === undefined || system === null) return '';
  if (typeof system === 'string') return system;
  return blocksOf(system, 'system')
    .map((block, index) => {
      if (block.type !== 'text' || typeof block.text !== 'string')
        throw invalid(`system.${index}`, 'system blocks must be text blocks.');
      return block.text;
    })
    .join('\n');
}

/** One Anthropic message as our messages: tool results become `tool` messages, in order. */
function convertMessage(raw: unknown, index: number): ChatMessage[] {
  const message = asObject(raw, `messages.${index}`);
  const role = message.role;
  if (role !== 'user' && role !== 'assistant')
    throw invalid(`messages.${index}.role`, 'role must be "user" or "assistant".');
  if (typeof message.content === 'string') return [{ role, content: message.content }];
  const texts: string[] = [];
  const converted: ChatMessage[] = [];
  const toolCalls: NonNullable<ChatMessage['toolCalls']> = [];
  blocksOf(message.content, `messages.${index}.content`).forEach((block, blockIndex) => {
    const param = `messages.${index}.content.${blockIndex}`;
    if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    else if (block.type === 'tool_use' && role === 'assistant') {
      if (typeof block.id !== 'string' || typeof block.name !== 'string')
        throw invalid(param, 'A tool_use block needs an id and a name.');
      toolCalls.push({ id: block.id, name: block.name, arguments: JSON.stringify(block.input ?? {}) });
    } else if (block.type === 'tool_result' && role === 'user') {
      if (typeof block.tool_use_id !== 'string')
        throw invalid(param, 'A tool_result block needs its tool_use_id.');
      converted.push({
        role: 'tool',
        toolCallId: block.tool_use_id,
        content: toolResultText(block.content, param),
      });
    } else throw invalid(param, `Unsupported content block for role "${role}": ${String(block.type)}.`);
  });
  if (role === 'assistant')
    return [{ role, content: texts.join('\n'), ...(toolCalls.length > 0 ? { toolCalls } : {}) }];
  return texts.length > 0 ? [...converted, { role, content: texts.join('\n') }] : converted;
}

function toolResultText(content: unknown, param: string): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return blocksOf(content, `${param}.content`)
    .map((block) => (block.type === 'text' && typeof block.text === 'string' ? block.text : ''))
    .join('\n');
}

function blocksOf(value: unknown, param: string): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) throw invalid(param, `${param} must be a string or an array of blocks.`);
  return value.map((block: unknown, index) => asObject(block, `${param}.${index}`));
}

function parseAnthropicTools(raw: unknown): ToolDefinition[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw invalid('tools', 'tools must be an array.');
  if (raw.length === 0) return undefined;
  return raw.map((item: unknown, index) => {
    const tool = asObject(item, `tools.${index}`);
    if (tool.type !== undefined && tool.type !== 'custom')
      throw invalid(`tools.${index}.type`, 'Only custom (client) tools are supported.');
    return parseFunction({ ...tool, parameters: tool.input_schema }, `tools.${index}`);
  });
}

function parseAnthropicToolChoice(
  raw: unknown,
): { toolChoice?: ToolChoice; parallelToolCalls?: boolean } | undefined {
  if (raw === undefined || raw === null) return undefined;
  const choice = asObject(raw, 'tool_choice');
  const parallel = choice.disable_parallel_tool_use === true ? { parallelToolCalls: false } : {};
  switch (choice.type) {
    case 'auto':
      return { toolChoice: 'auto', ...parallel };
    case 'any':
      return { toolChoice: 'required', ...parallel };
    case 'none':
      return { toolChoice: 'none' };
    case 'tool':
      if (typeof choice.name !== 'string') throw invalid('tool_choice.name', 'tool_choice.name is required.');
      return { toolChoice: { name: choice.name }, ...parallel };
    default:
      throw invalid('tool_choice.type', 'tool_choice.type must be "auto", "any", "tool" or "none".');
  }
}
