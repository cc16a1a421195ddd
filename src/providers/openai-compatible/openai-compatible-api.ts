import { z } from 'zod';
import { isRecord } from '../http/is-record.js';

/**
 * The parts of the OpenAI chat-completions and embeddings wire format Capgate reads. Everything
 * else a server adds (logprobs, reasoning_content, system_fingerprint…) is ignored.
 */
const usageSchema = z
  .object({
    prompt_tokens: z.number().nullish(),
    completion_tokens: z.number().nullish(),
  })
  .nullish();

const toolCallSchema = z.object({
  id: z.string().nullish(),
  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

const toolCallDeltaSchema = toolCallSchema.extend({ index: z.number().nullish() });

export const chatCompletionSchema = z.object({
  id: z.string().nullish(),
  choices: z.array(
    z.object({
      message: z
        .object({ content: z.string().nullish(), tool_calls: z.array(toolCallSchema).nullish() })
        .nullish(),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: usageSchema,
});
export type ChatCompletion = z.infer<typeof chatCompletionSchema>;

export const chatCompletionChunkSchema = z.object({
  id: z.string().nullish(),
  choices: z
    .array(
      z.object({
        delta: z
          .object({ content: z.string().nullish(), tool_calls: z.array(toolCallDeltaSchema).nullish() })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: usageSchema,
});
export type ChatCompletionChunk = z.infer<typeof chatCompletionChunkSchema>;

export const embeddingsResponseSchema = z.object({
  data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().nullish() })),
  usage: z.object({ prompt_tokens: z.number().nullish() }).nullish(),
});
export type EmbeddingsResponse = z.infer<typeof embeddingsResponseSchema>;

export type OpenAiUsage = z.infer<typeof usageSchema>;

/*
 * Hand-written checks of the same shapes for the per-request path (non-streamed completions and every
 * streamed chunk): they accept exactly what the schemas above accept, but check the fields in place
 * instead of building a stripped copy through zod (≈ 10 µs per request in the profile). The value is
 * returned as it is; fields Capgate does not read stay on it and are never looked at.
 */
const nullish = (value: unknown): value is null | undefined => value === null || value === undefined;
const optionalString = (value: unknown) => nullish(value) || typeof value === 'string';
const optionalNumber = (value: unknown) =>
  nullish(value) || (typeof value === 'number' && !Number.isNaN(value));

function isUsage(value: unknown): boolean {
  return (
    nullish(value) ||
    (isRecord(value) && optionalNumber(value.prompt_tokens) && optionalNumber(value.completion_tokens))
  );
}

function isToolCall(value: unknown, delta: boolean): boolean {
  if (!isRecord(value) || !optionalString(value.id)) return false;
  if (delta && !optionalNumber(value.index)) return false;
  const fn = value.function;
  return nullish(fn) || (isRecord(fn) && optionalString(fn.name) && optionalString(fn.arguments));
}

function isMessage(value: unknown, delta: boolean): boolean {
  if (nullish(value)) return true;
  if (!isRecord(value) || !optionalString(value.content)) return false;
  const calls = value.tool_calls;
  return nullish(calls) || (Array.isArray(calls) && calls.every((call) => isToolCall(call, delta)));
}

export function isChatCompletion(value: unknown): value is ChatCompletion {
  return (
    isRecord(value) &&
    optionalString(value.id) &&
    Array.isArray(value.choices) &&
    value.choices.every(
      (choice) =>
        isRecord(choice) && isMessage(choice.message, false) && optionalString(choice.finish_reason),
    ) &&
    isUsage(value.usage)
  );
}

export function isChatCompletionChunk(value: unknown): value is ChatCompletionChunk {
  return (
    isRecord(value) &&
    optionalString(value.id) &&
    (nullish(value.choices) ||
      (Array.isArray(value.choices) &&
        value.choices.every(
          (choice) =>
            isRecord(choice) && isMessage(choice.delta, true) && optionalString(choice.finish_reason),
        ))) &&
    isUsage(value.usage)
  );
}
