/**
 * `POST /v1/messages` and `POST /v1/messages/count_tokens`: Anthropic's Messages API in front of any
 * registered model (OpenAI-compatible, Anthropic, Gemini). The request becomes the internal chat
 * capability's input, so governance is exactly that of `/v1/chat/completions`; the answer goes back
 * as a Message (text and `tool_use` blocks) or as Anthropic's SSE events. Keys come in `x-api-key`
 * (as the Anthropic SDK sends them) or `Authorization: Bearer`. A Capgate conversation is named by the
 * `capgate-conversation-id` header (with `capgate-if-last-turn`), as on `/v1/chat/completions`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHAT_CAPABILITY, chatHandler, type ChatOutput } from '../../capabilities/chat/chat.capability.js';
import type { RunEventPayload } from '../../capabilities/capability.types.js';
import { BadUserInputError } from '../../errors/app-error.js';
import type { FinishReason } from '../../providers/provider.types.js';
import { countTextTokens } from '../../nlp/token-count.js';
import { readJsonBody, sendJson } from '../http-io.js';
import type { V1RequestContext } from '../v1-context.js';
import { resolveTarget } from '../v1-target.js';
import { conversationOptionsOf, withConversation } from '../../conversations/conversation-headers.js';
import { sendAnthropicError } from './anthropic-error.js';
import { MessagesStreamWriter } from './messages-stream-writer.js';
import { parseMessagesRequest } from './parse-messages-request.js';

export async function handleMessages(
  request: IncomingMessage,
  response: ServerResponse,
  context: V1RequestContext,
): Promise<void> {
  try {
    await answerMessages(request, response, context);
  } catch (error) {
    sendAnthropicError(response, error, context);
  }
}

export async function handleCountTokens(
  request: IncomingMessage,
  response: ServerResponse,
  context: V1RequestContext,
): Promise<void> {
  try {
    const { services } = context;
    await services.auth.authenticate(authorizationOf(request));
    const body = parseMessagesRequest(await readJsonBody(request, services.config.limits.bodyLimitBytes), {
      requireMaxTokens: false,
    });
    sendJson(response, 200, { input_tokens: inputTokensOf(body.input) });
  } catch (error) {
    sendAnthropicError(response, error, context);
  }
}

async function answerMessages(
  request: IncomingMessage,
  response: ServerResponse,
  context: V1RequestContext,
): Promise<void> {
  const { services } = context;
  const principal = await services.auth.authenticate(authorizationOf(request));
  const body = parseMessagesRequest(await readJsonBody(request, services.config.limits.bodyLimitBytes), {
    requireMaxTokens: true,
  });
  const target = resolveTarget(body.model, principal, services.registry);
  if (target.kind !== 'model')
    throw new BadUserInputError(`'${body.model}' is not a model: /v1/messages serves registered models.`, {
      extensions: { param: 'model' },
    });
  context.observe({ capability: CHAT_CAPABILITY, model: body.model });
  // Context persistence (src/conversations/): the `capgate-conversation-id` and `capgate-if-last-turn` headers.
  const invocation = withConversation(
    {
      capability: CHAT_CAPABILITY,
      input: body.input,
      options: { model: target.model.name },
      principal,
      requestId: context.requestId,
      signal: context.signal,
      frontDoor: 'v1',
      onRateLimits: context.onRateLimits,
    },
    conversationOptionsOf(request.headers),
  );

  if (!body.stream) {
    const { output, meta } = await services.invocation.invoke(invocation);
    context.observe({ model: meta.model, runId: meta.runId });
    const answer = output as ChatOutput;
    sendJson(
      response,
      200,
      {
        id: `msg_${meta.runId}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [
          ...(answer.text === '' && answer.toolCalls ? [] : [{ type: 'text', text: answer.text }]),
          ...(answer.toolCalls ?? []).map((call) => ({
            type: 'tool_use',
            id: call.id,
            name: call.name,
            input: parseArguments(call.arguments),
          })),
        ],
        stop_reason: stopReasonOf(answer.finishReason, (answer.toolCalls ?? []).length > 0),
        stop_sequence: null,
        usage: { input_tokens: meta.usage.inputTokens, output_tokens: meta.usage.outputTokens },
      },
      { 'x-capgate-run-id': meta.runId },
    );
    return;
  }

  let writer: MessagesStreamWriter | undefined;
  let runId = '';
  const writerFor = (): MessagesStreamWriter =>
    (writer ??= new MessagesStreamWriter(
      response,
      { id: `msg_${runId}`, model: body.model, inputTokens: inputTokensOf(body.input) },
      { 'x-capgate-run-id': runId },
    ));
  const onEvent = (event: RunEventPayload): void => {
    runId = event.runId;
    if (event.type === 'DELTA' && event.delta !== undefined) writerFor().text(event.delta);
  };
  const { output, meta } = await services.invocation.invoke({
    ...invocation,
    onEvent,
    onToolCallDelta: (delta) => writerFor().toolCall(delta),
  });
  context.observe({ model: meta.model, runId: meta.runId });
  const answer = output as ChatOutput;
  writerFor().finish(
    stopReasonOf(answer.finishReason, (answer.toolCalls ?? []).length > 0),
    meta.usage.outputTokens,
  );
}

/** The Anthropic SDK sends its key in `x-api-key`; `Authorization` wins when both are there. */
function authorizationOf(request: IncomingMessage): string | undefined {
  if (request.headers.authorization) return request.headers.authorization;
  const key = request.headers['x-api-key'];
  return typeof key === 'string' && key !== '' ? `Bearer ${key}` : undefined;
}

function inputTokensOf(input: Parameters<typeof chatHandler.inputText>[0]): number {
  return countTextTokens(chatHandler.inputText(input));
}

function stopReasonOf(reason: FinishReason, hasToolCalls: boolean): string {
  if (reason === 'length') return 'max_tokens';
  if (reason === 'content-filter') return 'refusal';
  return hasToolCalls ? 'tool_use' : 'end_turn';
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text === '' ? '{}' : text);
  } catch {
    return {};
  }
}
