/**
 * `tools`, `tool_choice` and `parallel_tool_calls` of a chat completion request. Only function
 * tools exist in the chat-completions API; names follow OpenAI's rule, and a forced tool must be
 * one of the tools offered.
 */
import type { ToolChoice, ToolDefinition, ToolUse } from '../providers/provider.types.js';
import { asObject, invalid, optionalBoolean } from './v1-request-fields.js';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_TOOLS = 128;

export function parseToolUse(body: Record<string, unknown>): ToolUse {
  const tools = parseTools(body.tools);
  const toolChoice = parseToolChoice(body.tool_choice, tools);
  const parallelToolCalls = optionalBoolean(body, 'parallel_tool_calls');
  return {
    ...(tools === undefined ? {} : { tools }),
    ...(toolChoice === undefined ? {} : { toolChoice }),
    ...(parallelToolCalls === undefined ? {} : { parallelToolCalls }),
  };
}

export function parseTools(raw: unknown, param = 'tools'): ToolDefinition[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw invalid(param, `${param} must be an array.`);
  if (raw.length > MAX_TOOLS) throw invalid(param, `At most ${MAX_TOOLS} tools.`);
  if (raw.length === 0) return undefined;
  const names = new Set<string>();
  return raw.map((item: unknown, index) => {
    const tool = asObject(item, `${param}[${index}]`);
    if (tool.type !== 'function')
      throw invalid(`${param}[${index}].type`, 'Only tools of type "function" are supported.');
    const fn = asObject(tool.function, `${param}[${index}].function`);
    const definition = parseFunction(fn, `${param}[${index}].function`);
    if (names.has(definition.name))
      throw invalid(`${param}[${index}].function.name`, `Tool names must be unique: '${definition.name}'.`);
    names.add(definition.name);
    return definition;
  });
}

/** `{ name, description?, parameters?, strict? }`, as in chat tools and Responses function tools. */
export function parseFunction(fn: Record<string, unknown>, param: string): ToolDefinition {
  const name = fn.name;
  if (typeof name !== 'string' || !TOOL_NAME.test(name))
    throw invalid(`${param}.name`, 'A tool name is 1 to 64 letters, digits, underscores or dashes.');
  if (fn.description !== undefined && fn.description !== null && typeof fn.description !== 'string')
    throw invalid(`${param}.description`, 'description must be a string.');
  const parameters =
    fn.parameters === undefined || fn.parameters === null
      ? { type: 'object', properties: {} }
      : asObject(fn.parameters, `${param}.parameters`);
  const strict = optionalBoolean(fn, 'strict');
  return {
    name,
    ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
    parameters,
    ...(strict === undefined ? {} : { strict }),
  };
}

function parseToolChoice(raw: unknown, tools: ToolDefinition[] | undefined): ToolChoice | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw === 'auto' || raw === 'none' || raw === 'required') {
    if (raw === 'required' && tools === undefined)
      throw invalid('tool_choice', 'tool_choice "required" needs tools.');
    return raw;
  }
  const choice = asObject(raw, 'tool_choice');
  const fn = choice.type === 'function' ? asObject(choice.function, 'tool_choice.function') : undefined;
  if (fn === undefined || typeof fn.name !== 'string')
    throw invalid(
      'tool_choice',
      'tool_choice must be "auto", "none", "required" or { type: "function", function: { name } }.',
    );
  if (!tools?.some((tool) => tool.name === fn.name))
    throw invalid('tool_choice', `tool_choice names '${fn.name}', which is not among the tools.`);
  return { name: fn.name };
}
