/**
 * Validates `/v1` request bodies by hand (no schema library on the hot path): the first problem
 * becomes a 400 `invalid_request_error` naming the parameter, as OpenAI answers.
 */
import { assertValidSchema } from '../capabilities/json-schema.js';
import type { ResponseFormat } from '../providers/provider.types.js';
import { parseMessages } from './parse-chat-messages.js';
import { parseToolUse } from './parse-chat-tools.js';
import { parseEmbeddingInput } from './embedding-input.js';
import type { ChatCompletionRequest, EmbeddingsRequest } from './openai-wire.types.js';
import {
  asObject,
  invalid,
  optionalBoolean,
  optionalPositiveInteger,
  requiredString,
} from './v1-request-fields.js';

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
  'reasoning_effort',
  'logprobs',
  'top_logprobs',
  'metadata',
  'service_tier',
] as const;

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
  const maxCompletionTokens = optionalPositiveInteger(object, 'max_completion_tokens');
  const maxTokens = maxCompletionTokens ?? optionalPositiveInteger(object, 'max_tokens');
  const n = object.n;
  if (n !== undefined && n !== null && n !== 1) throw invalid('n', 'Only n = 1 is supported.');
  const toolUse = parseToolUse(object);
  let params: Record<string, unknown> | undefined;
  for (const name of PASSED_PARAMS) {
    const value = object[name];
    if (value === undefined || value === null) continue;
    (params ??= {})[name] = value;
  }
  // Reasoning models take only `max_completion_tokens`: it travels under the caller's name.
  if (maxCompletionTokens !== undefined) (params ??= {}).max_completion_tokens = maxCompletionTokens;
  return {
    model,
    messages,
    stream,
    includeUsage,
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...toolUse,
    ...optionalResponseFormat(object.response_format),
    ...(params ? { params } : {}),
  };
}

export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  const object = asObject(body);
  const model = requiredString(object, 'model');
  const input = parseEmbeddingInput(object.input);
  const format = object.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64')
    throw invalid('encoding_format', 'encoding_format must be "float" or "base64".');
  const dimensions = optionalPositiveInteger(object, 'dimensions');
  return {
    model,
    input,
    encodingFormat: format,
    ...(dimensions === undefined ? {} : { params: { dimensions } }),
  };
}

function optionalResponseFormat(raw: unknown): { responseFormat?: ResponseFormat } {
  if (raw === undefined || raw === null) return {};
  const format = asObject(raw, 'response_format');
  if (format.type === 'text') return { responseFormat: { type: 'text' } };
  if (format.type === 'json_object') return { responseFormat: { type: 'json' } };
  if (format.type === 'json_schema') {
    const jsonSchema = asObject(format.json_schema, 'response_format.json_schema');
    const schema = jsonSchema.schema;
    const strict = jsonSchema.strict === true;
    if (strict) {
      try {
        assertValidSchema(schema, 'response_format.json_schema.schema');
      } catch (error) {
        throw invalid('response_format.json_schema.schema', (error as Error).message);
      }
    }
    return {
      responseFormat: {
        type: 'json',
        ...(typeof jsonSchema.name === 'string' ? { name: jsonSchema.name } : {}),
        ...(typeof schema === 'object' && schema !== null && !Array.isArray(schema)
          ? { schema: schema as Record<string, unknown> }
          : {}),
        ...(strict ? { strict } : {}),
      },
    };
  }
  throw invalid('response_format', 'response_format.type must be "text", "json_object" or "json_schema".');
}
