import {
  isJSONValue,
  type JSONSchema7,
  type JSONValue,
  type LanguageModelV2CallOptions,
  type LanguageModelV2Prompt,
} from '@ai-sdk/provider';
import type { ChatMessage, GenerateRequest, ResponseFormat } from '../../provider.types.js';
import { convertConversation, convertToolOptions } from './convert-tool-use.js';

type NumericSetting = 'topK' | 'presencePenalty' | 'frequencyPenalty' | 'seed' | 'temperature' | 'topP';

/** `params` keys that are standard AI SDK call settings rather than provider options. */
const NUMERIC_SETTINGS: Record<string, NumericSetting> = {
  topK: 'topK',
  top_k: 'topK',
  presencePenalty: 'presencePenalty',
  presence_penalty: 'presencePenalty',
  frequencyPenalty: 'frequencyPenalty',
  frequency_penalty: 'frequencyPenalty',
  seed: 'seed',
  temperature: 'temperature',
  top_p: 'topP',
  topP: 'topP',
};

/** Covered by typed settings (`maxOutputTokens`, `stopSequences`), never provider options. */
const TYPED_PARAMS = new Set(['max_completion_tokens', 'max_tokens', 'stop']);

/**
 * Builds the AI SDK call for a request. Registry `params` that are standard settings (`topK`,
 * `seed`…) become settings; the others go to `providerOptions[providerOptionsKey]`, where the AI
 * SDK provider validates them against its own option schema (camelCase names, unknown ones dropped).
 */
export function convertToCallOptions(
  request: GenerateRequest,
  providerOptionsKey: string,
): LanguageModelV2CallOptions {
  const options: LanguageModelV2CallOptions = {
    prompt: convertToPrompt(request.messages),
    // Raw chunks let the stream reader tell a finished stream from a cut one.
    includeRawChunks: true,
  };
  if (request.maxOutputTokens !== undefined) options.maxOutputTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.topP = request.topP;
  if (request.stop !== undefined && request.stop.length > 0) options.stopSequences = request.stop;
  const responseFormat = convertResponseFormat(request.responseFormat);
  if (responseFormat !== undefined) options.responseFormat = responseFormat;
  if (request.signal !== undefined) options.abortSignal = request.signal;
  const toolUse = convertToolOptions(request, providerOptionsKey);
  Object.assign(options, toolUse.options);

  const providerOptions: Record<string, JSONValue> = { ...toolUse.providerOptions };
  for (const [key, value] of Object.entries(request.params ?? {})) {
    const setting = NUMERIC_SETTINGS[key];
    if (key === 'stop' && options.stopSequences === undefined) {
      const stop = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
      if (stop.length > 0 && stop.every((item) => typeof item === 'string')) options.stopSequences = stop;
    } else if (TYPED_PARAMS.has(key)) continue;
    else if (setting !== undefined && typeof value === 'number') options[setting] ??= value;
    else if (isJSONValue(value)) providerOptions[key] = value;
  }
  if (Object.keys(providerOptions).length > 0)
    options.providerOptions = { [providerOptionsKey]: providerOptions };
  return options;
}

/**
 * Anthropic and Gemini take one system prompt ahead of the conversation, so system messages are
 * joined, in order, into a single leading one.
 */
export function convertToPrompt(messages: readonly ChatMessage[]): LanguageModelV2Prompt {
  const system = messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .join('\n\n');
  const prompt: LanguageModelV2Prompt = system === '' ? [] : [{ role: 'system', content: system }];
  prompt.push(...convertConversation(messages));
  return prompt;
}

function convertResponseFormat(
  format: ResponseFormat | undefined,
): LanguageModelV2CallOptions['responseFormat'] {
  if (format === undefined || format.type === 'text') return undefined;
  return {
    type: 'json',
    // A JSON Schema document from the registry, validated there; the SDK only reads it.
    ...(format.schema === undefined ? {} : { schema: format.schema as JSONSchema7 }),
    ...(format.name === undefined ? {} : { name: format.name }),
  };
}
