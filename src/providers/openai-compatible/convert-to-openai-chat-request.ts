import { isRecord } from '../http/is-record.js';
import type { GenerateRequest, ResponseFormat } from '../provider.types.js';
import { convertToOpenAiMessage, convertToOpenAiToolFields } from './convert-openai-tools.js';

/**
 * Builds a `POST /chat/completions` body. Registry `params` are merged in as implementation
 * defaults: the request's own typed fields win over them when set, and `model`, `messages` and
 * `stream` always come from the request, whatever `params` say.
 */
export function convertToOpenAiChatRequest(
  request: GenerateRequest,
  stream: boolean,
): Record<string, unknown> {
  const {
    model: _model,
    messages: _messages,
    stream: _stream,
    stream_options: streamOptions,
    max_tokens: paramMaxTokens,
    max_completion_tokens: paramCompletionTokens,
    ...params
  } = request.params ?? {};
  // The model's registration (reasoning models) or the caller naming `max_completion_tokens` picks
  // that field; the cap (budget-limited when a HARD budget applies) goes under it alone.
  const completionTokens =
    request.maxTokensParam === 'max_completion_tokens' || paramCompletionTokens !== undefined;
  const cap = request.maxOutputTokens ?? paramCompletionTokens ?? paramMaxTokens;

  return {
    model: request.model,
    messages: request.messages.map(convertToOpenAiMessage),
    ...params,
    ...convertToOpenAiToolFields(request),
    ...definedEntries({
      max_tokens: completionTokens ? undefined : cap,
      max_completion_tokens: completionTokens ? cap : undefined,
      temperature: request.temperature,
      top_p: request.topP,
      stop: request.stop === undefined || request.stop.length === 0 ? undefined : request.stop,
      response_format: convertResponseFormat(request.responseFormat),
    }),
    ...(stream
      ? {
          stream: true,
          // Without it the stream carries no token counts.
          stream_options: { ...(isRecord(streamOptions) ? streamOptions : {}), include_usage: true },
        }
      : {}),
  };
}

export function convertResponseFormat(
  format: ResponseFormat | undefined,
): Record<string, unknown> | undefined {
  if (format === undefined || format.type === 'text') return undefined;
  if (format.schema === undefined) return { type: 'json_object' };
  return {
    type: 'json_schema',
    // Strict only when the caller asked: it rejects schemas outside OpenAI's subset. Capgate
    // validates the answer either way where it matters.
    json_schema: { name: format.name ?? 'response', schema: format.schema, strict: format.strict === true },
  };
}

function definedEntries(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
