/**
 * `POST /v1/chat/completions`: JSON or SSE (`stream: true`). Everything goes through the invocation
 * service — a model through the internal `chat.completions` capability pinned to it, a capability
 * with its own routing policy — so roles, rate limits, budgets, masking and usage apply as on GraphQL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHAT_CAPABILITY, type ChatInput } from '../capabilities/chat/chat.capability.js';
import type { RunEventPayload, RunMeta } from '../capabilities/capability.types.js';
import { readJsonBody, sendJson } from './http-io.js';
import type { ChatCompletion, ChatCompletionRequest, OpenAiUsage } from './openai-wire.types.js';
import { parseChatCompletionRequest } from './parse-v1-request.js';
import { ChatChunkWriter } from './sse-writer.js';
import type { V1RequestContext } from './v1-context.js';
import { chatAnswerOf } from './chat-output.js';
import { chatInvocationOf } from './chat-invocation.js';
import { resolveTarget } from './v1-target.js';
import { conversationOptionsOf, withConversation } from '../conversations/conversation-headers.js';

export async function handleChatCompletions(
  request: IncomingMessage,
  response: ServerResponse,
  context: V1RequestContext,
): Promise<void> {
  const { services } = context;
  const principal = await services.auth.authenticate(request.headers.authorization);
  const chat = parseChatCompletionRequest(await readJsonBody(request, services.config.limits.bodyLimitBytes));
  const target = resolveTarget(chat.model, principal, services.registry);
  const chatInvocation = chatInvocationOf(context, principal, target, {
    model: chat.model,
    ...chatInputOf(chat),
  });
  const extraHeaders = chatInvocation.headers;
  // Context persistence (src/conversations/): the `capgate-conversation-id` header.
  const invocation = withConversation(chatInvocation.invocation, conversationOptionsOf(request.headers));
  context.observe({
    capability: target.kind === 'model' ? CHAT_CAPABILITY : target.capability.name,
    model: chat.model,
  });
  const created = Math.floor(Date.now() / 1000);

  if (!chat.stream) {
    const { output, meta } = await services.invocation.invoke(invocation);
    context.observe({ model: meta.model, runId: meta.runId });
    const answer = chatAnswerOf(output, target.kind === 'model');
    const completion: ChatCompletion = {
      id: `chatcmpl-${meta.runId}`,
      object: 'chat.completion',
      created,
      model: chat.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: answer.toolCalls.length > 0 && answer.text === '' ? null : answer.text,
            refusal: null,
            ...(answer.toolCalls.length > 0 ? { tool_calls: answer.toolCalls } : {}),
          },
          finish_reason: answer.finishReason,
          logprobs: null,
        },
      ],
      usage: usageOf(meta),
    };
    sendJson(response, 200, completion, { ...runHeaders(meta), ...extraHeaders });
    return;
  }

  let writer: ChatChunkWriter | undefined;
  let streamedText = false;
  const writerFor = (runId: string): ChatChunkWriter =>
    (writer ??= new ChatChunkWriter(
      response,
      { id: `chatcmpl-${runId}`, created, model: chat.model },
      { includeUsage: chat.includeUsage, headers: { 'x-capgate-run-id': runId, ...extraHeaders } },
    ));
  let runId = '';
  const onEvent = (event: RunEventPayload): void => {
    runId = event.runId;
    if (event.type === 'DELTA' && event.delta !== undefined) {
      streamedText = true;
      writerFor(event.runId).delta(event.delta);
    }
  };
  let streamedToolCalls = false;
  // Strict structured output is validated whole before any of it is sent: never a violating stream.
  const strict = chat.responseFormat?.type === 'json' && chat.responseFormat.strict === true;
  const { output, meta } = await services.invocation.invoke({
    ...invocation,
    ...(strict
      ? {}
      : {
          onEvent,
          onToolCallDelta: (delta) => {
            streamedToolCalls = true;
            writerFor(runId).toolCallDelta(delta);
          },
        }),
  });
  context.observe({ model: meta.model, runId: meta.runId });
  const stream = writerFor(meta.runId);
  const answer = chatAnswerOf(output, target.kind === 'model');
  // Capabilities whose output is not streamed text (custom JSON, classify…) arrive whole, at the end.
  if (!streamedText && !streamedToolCalls) {
    stream.delta(answer.text);
    answer.toolCalls.forEach((call, index) =>
      stream.toolCallDelta({
        index,
        id: call.id,
        name: call.function.name,
        argumentsDelta: call.function.arguments,
      }),
    );
  }
  stream.finish(usageOf(meta), answer.finishReason);
}

function chatInputOf(chat: ChatCompletionRequest): ChatInput {
  return {
    messages: chat.messages,
    ...(chat.maxTokens === undefined ? {} : { maxTokens: chat.maxTokens }),
    ...(chat.responseFormat === undefined ? {} : { responseFormat: chat.responseFormat }),
    ...(chat.params === undefined ? {} : { params: chat.params }),
    ...(chat.tools === undefined ? {} : { tools: chat.tools }),
    ...(chat.toolChoice === undefined ? {} : { toolChoice: chat.toolChoice }),
    ...(chat.parallelToolCalls === undefined ? {} : { parallelToolCalls: chat.parallelToolCalls }),
  };
}

export function usageOf(meta: RunMeta): OpenAiUsage {
  const { inputTokens, outputTokens } = meta.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
  };
}

function runHeaders(meta: RunMeta): Record<string, string> {
  return { 'x-capgate-run-id': meta.runId, 'x-capgate-model': meta.model };
}
