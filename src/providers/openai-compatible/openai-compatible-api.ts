import { z } from 'zod';

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
