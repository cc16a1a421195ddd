/**
 * Validates a `POST /v1/responses` body by hand, as the chat parser does: the first problem becomes a
 * 400 `invalid_request_error` naming the parameter. Input items become chat messages — `message`
 * items (string or `input_text`/`output_text` parts), `function_call` items (grouped onto one
 * assistant turn) and `function_call_output` items (tool messages) — so the model call, its tool
 * translation per provider kind and its governance are chat's.
 */
import { assertValidSchema } from '../../capabilities/json-schema.js';
import type {
  ChatMessage,
  ResponseFormat,
  ToolChoice,
  ToolDefinition,
} from '../../providers/provider.types.js';
import { parseFunction } from '../parse-chat-tools.js';
import {
  asObject,
  invalid,
  optionalBoolean,
  optionalPositiveInteger,
  requiredString,
} from '../v1-request-fields.js';
import type { ResponsesRequest } from './responses-wire.types.js';

const MAX_ITEMS = 1000;
const MAX_TOOLS = 128;
const MAX_METADATA_KEYS = 16;

/** Passed to the model as they are, when present. */
const PASSED_PARAMS = ['temperature', 'top_p', 'user', 'service_tier'] as const;

export function parseResponsesRequest(body: unknown): ResponsesRequest {
  const object = asObject(body);
  const model = requiredString(object, 'model');
  const input = parseInput(object.input);
  const instructions = optionalString(object, 'instructions');
  const previousResponseId = optionalString(object, 'previous_response_id');
  const conversationId = parseConversation(object.conversation);
  if (conversationId !== undefined && previousResponseId !== undefined)
    throw invalid(
      'conversation',
      'Pass either conversation or previous_response_id, not both: a conversation keeps the earlier turns itself.',
    );
  const { tools, toolsEcho } = parseTools(object.tools);
  const toolChoice = parseToolChoice(object.tool_choice, tools);
  const parallelToolCalls = optionalBoolean(object, 'parallel_tool_calls');
  const { responseFormat, textFormat } = parseTextFormat(object.text);
  const maxOutputTokens = optionalPositiveInteger(object, 'max_output_tokens');
  let params: Record<string, unknown> | undefined;
  for (const name of PASSED_PARAMS) {
    const value = object[name];
    if (value !== undefined && value !== null) (params ??= {})[name] = value;
  }
  const effort = reasoningEffort(object.reasoning);
  if (effort !== undefined) (params ??= {}).reasoning_effort = effort;
  const metadata = parseMetadata(object.metadata);
  return {
    model,
    input,
    ...(instructions === undefined ? {} : { instructions }),
    ...(previousResponseId === undefined ? {} : { previousResponseId }),
    ...(conversationId === undefined ? {} : { conversationId }),
    stream: optionalBoolean(object, 'stream') ?? false,
    store: optionalBoolean(object, 'store') ?? true,
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
    ...(responseFormat === undefined ? {} : { responseFormat }),
    ...(params === undefined ? {} : { params }),
    ...(metadata === undefined ? {} : { metadata }),
    ...(tools === undefined ? {} : { tools }),
    ...(toolChoice === undefined ? {} : { toolChoice }),
    ...(parallelToolCalls === undefined ? {} : { parallelToolCalls }),
    textFormat,
    toolsEcho,
  };
}

function parseInput(raw: unknown): ChatMessage[] {
  if (typeof raw === 'string') return [{ role: 'user', content: raw }];
  if (!Array.isArray(raw) || raw.length === 0)
    throw invalid('input', 'input must be a string or a non-empty array of input items.');
  if (raw.length > MAX_ITEMS) throw invalid('input', `At most ${MAX_ITEMS} input items.`);
  const messages: ChatMessage[] = [];
  raw.forEach((item: unknown, index) => {
    const param = `input[${index}]`;
    const fields = asObject(item, param);
    const type = fields.type ?? 'message';
    switch (type) {
      case 'message': {
        const role = fields.role === 'developer' ? 'system' : fields.role;
        if (role !== 'user' && role !== 'assistant' && role !== 'system')
          throw invalid(`${param}.role`, 'role must be "user", "assistant", "system" or "developer".');
        messages.push({ role, content: contentText(fields.content, `${param}.content`) });
        return;
      }
      case 'function_call': {
        const callId = requiredString(fields, 'call_id');
        const name = requiredString(fields, 'name');
        const args = fields.arguments;
        if (typeof args !== 'string') throw invalid(`${param}.arguments`, 'arguments must be a JSON string.');
        const call = { id: callId, name, arguments: args };
        const last = messages.at(-1);
        // Consecutive calls (and calls right after the assistant's text) are one assistant turn.
        if (last?.role === 'assistant') last.toolCalls = [...(last.toolCalls ?? []), call];
        else messages.push({ role: 'assistant', content: '', toolCalls: [call] });
        return;
      }
      case 'function_call_output': {
        const callId = requiredString(fields, 'call_id');
        messages.push({
          role: 'tool',
          toolCallId: callId,
          content: contentText(fields.output, `${param}.output`),
        });
        return;
      }
      case 'reasoning':
        return; // a reasoning item sent back carries nothing another model can use
      default:
        throw invalid(
          `${param}.type`,
          'Input items must be messages, function_call or function_call_output items.',
        );
    }
  });
  if (messages.length === 0) throw invalid('input', 'input has no message.');
  return messages;
}

/** A string, or text parts (`input_text`, `output_text`, `text`) joined by newlines. */
function contentText(content: unknown, param: string): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalid(param, 'content must be a string or an array of text parts.');
  return content
    .map((part: unknown) => {
      const { type, text } = (part ?? {}) as Record<string, unknown>;
      if ((type !== 'input_text' && type !== 'output_text' && type !== 'text') || typeof text !== 'string')
        throw invalid(param, 'Only text content parts (input_text, output_text) are supported.');
      return text;
    })
    .join('\n');
}

function parseTools(raw: unknown): { tools?: ToolDefinition[]; toolsEcho: Record<string, unknown>[] } {
  if (raw === undefined || raw === null) return { toolsEcho: [] };
  if (!Array.isArray(raw)) throw invalid('tools', 'tools must be an array.');
  if (raw.length > MAX_TOOLS) throw invalid('tools', `At most ${MAX_TOOLS} tools.`);
  if (raw.length === 0) return { toolsEcho: [] };
  const names = new Set<string>();
  const tools = raw.map((item: unknown, index) => {
    const tool = asObject(item, `tools[${index}]`);
    if (tool.type !== 'function')
      throw invalid(`tools[${index}].type`, 'Only tools of type "function" are supported.');
    const definition = parseFunction(tool, `tools[${index}]`);
    if (names.has(definition.name))
      throw invalid(`tools[${index}].name`, `Tool names must be unique: '${definition.name}'.`);
    names.add(definition.name);
    return definition;
  });
  const toolsEcho = tools.map((tool) => ({
    type: 'function',
    name: tool.name,
    description: tool.description ?? null,
    parameters: tool.parameters,
    strict: tool.strict ?? true,
  }));
  return { tools, toolsEcho };
}

function parseToolChoice(raw: unknown, tools: ToolDefinition[] | undefined): ToolChoice | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw === 'auto' || raw === 'none' || raw === 'required') {
    if (raw === 'required' && tools === undefined)
      throw invalid('tool_choice', 'tool_choice "required" needs tools.');
    return raw;
  }
  const choice = asObject(raw, 'tool_choice');
  if (choice.type !== 'function' || typeof choice.name !== 'string')
    throw invalid(
      'tool_choice',
      'tool_choice must be "auto", "none", "required" or { type: "function", name }.',
    );
  const name = choice.name;
  if (!tools?.some((tool) => tool.name === name))
    throw invalid('tool_choice', `tool_choice names '${name}', which is not among the tools.`);
  return { name };
}

function parseTextFormat(raw: unknown): {
  responseFormat?: ResponseFormat;
  textFormat: Record<string, unknown>;
} {
  if (raw === undefined || raw === null) return { textFormat: { type: 'text' } };
  const text = asObject(raw, 'text');
  if (text.format === undefined || text.format === null) return { textFormat: { type: 'text' } };
  const format = asObject(text.format, 'text.format');
  switch (format.type) {
    case 'text':
      return { responseFormat: { type: 'text' }, textFormat: { type: 'text' } };
    case 'json_object':
      return { responseFormat: { type: 'json' }, textFormat: { type: 'json_object' } };
    case 'json_schema': {
      const name = requiredString(format, 'name');
      const schema = asObject(format.schema, 'text.format.schema');
      const strict = format.strict === true;
      if (strict) {
        try {
          assertValidSchema(schema, 'text.format.schema');
        } catch (error) {
          throw invalid('text.format.schema', (error as Error).message);
        }
      }
      return {
        responseFormat: { type: 'json', name, schema, ...(strict ? { strict } : {}) },
        textFormat: {
          type: 'json_schema',
          name,
          schema,
          strict,
          ...(typeof format.description === 'string' ? { description: format.description } : {}),
        },
      };
    }
    default:
      throw invalid('text.format.type', 'text.format.type must be "text", "json_object" or "json_schema".');
  }
}

function reasoningEffort(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const reasoning = asObject(raw, 'reasoning');
  const effort = reasoning.effort;
  if (effort === undefined || effort === null) return undefined;
  if (typeof effort !== 'string') throw invalid('reasoning.effort', 'reasoning.effort must be a string.');
  return effort;
}

function parseMetadata(raw: unknown): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return undefined;
  const metadata = asObject(raw, 'metadata');
  const entries = Object.entries(metadata);
  if (entries.length > MAX_METADATA_KEYS)
    throw invalid('metadata', `At most ${MAX_METADATA_KEYS} metadata keys.`);
  for (const [key, value] of entries) {
    if (key.length > 64 || typeof value !== 'string' || value.length > 512)
      throw invalid('metadata', 'metadata keys are at most 64 characters, values strings of at most 512.');
  }
  return metadata as Record<string, string>;
}

/** OpenAI's `conversation`: the conversation's id, or `{ id }`. */
function parseConversation(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const id = typeof raw === 'object' && !Array.isArray(raw) ? (raw as { id?: unknown }).id : raw;
  if (typeof id !== 'string' || id.trim() === '')
    throw invalid('conversation', 'conversation must be a conversation id, or an object { id }.');
  return id.trim();
}

function optionalString(object: Record<string, unknown>, name: string): string | undefined {
  const value = object[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(name, `${name} must be a string.`);
  return value;
}
