/**
 * Validates `/v1` request bodies by hand (no schema library on the hot path): the first problem
 * becomes a 400 `invalid_request_error` naming the parameter, as OpenAI answers.
 */
import { BadUserInputError } from '../errors/app-error.js';
import type { ChatMessage, ResponseFormat } from '../providers/provider.types.js';
import type { ChatCompletionRequest, EmbeddingsRequest } from './openai-wire.types.js';

/** Parameters passed to the model as they are, when present. */
const PASSED_PARAMS = [
  'temperature',
  'top_p',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'user',
] as const;

const MAX_MESSAGES = 1000;
const MAX_EMBEDDING_INPUTS = 2048;

export function parseChatCompletionRequest(body: unknown): ChatCompletionRequest {
  const object = asObject(body);
  const model = requiredString(object, 'model');
  const messages = parseMessages(object.messages);
  const stream = optionalBoolean(object, 'stream') ?? false;
  const streamOptions = object.stream_options;
  const includeUsage =
    typeof streamOptions === 'object' &&
    streamOptions !== null &&
    (streamOptions as Record<string, unknown>).include_usage === true;
  const maxTokens =
    optionalPositiveInteger(object, 'max_completion_tokens') ?? optionalPositiveInteger(object, 'max_tokens');
  const n = object.n;
  if (n !== undefined && n !== null && n !== 1) throw invalid('n', 'Only n = 1 is supported.');
  if (object.tools !== undefined && object.tools !== null)
    throw invalid('tools', 'Tool calls are not supported.');
  let params: Record<string, unknown> | undefined;
  for (const name of PASSED_PARAMS) {
    const value = object[name];
    if (value === undefined || value === null) continue;
    (params ??= {})[name] = value;
  }
  return {
    model,
    messages,
    stream,
    includeUsage,
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...optionalResponseFormat(object.response_format),
    ...(params ? { params } : {}),
  };
}

export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  const object = asObject(body);
  const model = requiredString(object, 'model');
  const raw = object.input;
  const input = typeof raw === 'string' ? [raw] : raw;
  if (
    !Array.isArray(input) ||
    input.length === 0 ||
    input.length > MAX_EMBEDDING_INPUTS ||
    !input.every((item) => typeof item === 'string')
  ) {
    throw invalid('input', `input must be a string or an array of 1 to ${MAX_EMBEDDING_INPUTS} strings.`);
  }
  const format = object.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64')
    throw invalid('encoding_format', 'encoding_format must be "float" or "base64".');
  const dimensions = optionalPositiveInteger(object, 'dimensions');
  return {
    model,
    input: input as string[],
    encodingFormat: format,
    ...(dimensions === undefined ? {} : { params: { dimensions } }),
  };
}

function parseMessages(raw: unknown): ChatMessage[] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw invalid('messages', 'messages must be a non-empty array.');
  if (raw.length > MAX_MESSAGES) throw invalid('messages', `At most ${MAX_MESSAGES} messages.`);
  const messages: ChatMessage[] = [];
  for (let index = 0; index < raw.length; index++) {
    const message: unknown = raw[index];
    if (typeof message !== 'object' || message === null)
      throw invalid(`messages[${index}]`, 'Each message must be an object.');
    const { role: rawRole, content: rawContent } = message as Record<string, unknown>;
    const role = rawRole === 'developer' ? 'system' : rawRole;
    if (role !== 'system' && role !== 'user' && role !== 'assistant') {
      throw invalid(`messages[${index}].role`, 'role must be "system", "developer", "user" or "assistant".');
    }
    messages.push({ role, content: contentText(rawContent, index) });
  }
  return messages;
}

/** A string, or an array of text parts (`[{ type: 'text', text }]`); images and audio are refused. */
function contentText(content: unknown, index: number): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) {
    let text = '';
    for (const part of content as unknown[]) {
      const { type, text: partText } = (part ?? {}) as Record<string, unknown>;
      if (type !== 'text' || typeof partText !== 'string') {
        throw invalid(`messages[${index}].content`, 'Only text content parts are supported.');
      }
      text += partText;
    }
    return text;
  }
  throw invalid(`messages[${index}].content`, 'content must be a string or an array of text parts.');
}

function optionalResponseFormat(raw: unknown): { responseFormat?: ResponseFormat } {
  if (raw === undefined || raw === null) return {};
  const format = asObject(raw, 'response_format');
  if (format.type === 'text') return { responseFormat: { type: 'text' } };
  if (format.type === 'json_object') return { responseFormat: { type: 'json' } };
  if (format.type === 'json_schema') {
    const jsonSchema = asObject(format.json_schema, 'response_format.json_schema');
    const schema = jsonSchema.schema;
    return {
      responseFormat: {
        type: 'json',
        ...(typeof jsonSchema.name === 'string' ? { name: jsonSchema.name } : {}),
        ...(typeof schema === 'object' && schema !== null && !Array.isArray(schema)
          ? { schema: schema as Record<string, unknown> }
          : {}),
      },
    };
  }
  throw invalid('response_format', 'response_format.type must be "text", "json_object" or "json_schema".');
}

function asObject(value: unknown, param?: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(param, `${param ?? 'The request body'} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function requiredString(object: Record<string, unknown>, name: string): string {
  const value = object[name];
  if (typeof value !== 'string' || value === '')
    throw invalid(name, `${name} is required and must be a string.`);
  return value;
}

function optionalBoolean(object: Record<string, unknown>, name: string): boolean | undefined {
  const value = object[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(name, `${name} must be a boolean.`);
  return value;
}

function optionalPositiveInteger(object: Record<string, unknown>, name: string): number | undefined {
  const value = object[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw invalid(name, `${name} must be a positive integer.`);
  return value;
}

function invalid(param: string | undefined, message: string): BadUserInputError {
  return new BadUserInputError(message, param === undefined ? undefined : { extensions: { param } });
}
