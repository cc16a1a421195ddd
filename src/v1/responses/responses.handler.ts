/**
 * `POST /v1/responses`, `GET /v1/responses/{id}`, `DELETE /v1/responses/{id}`: OpenAI's Responses
 * API in front of any registered model (or a capability, without tools). The turn — earlier turns of
 * `previous_response_id`, `instructions`, this request's input items — becomes the internal chat
 * capability's input through the same code as `/v1/chat/completions` (`chatInvocationOf`), so
 * governance, tool translation per provider kind and strict structured output are chat's. The answer
 * goes back as a Response object or as the Responses SSE events, and is stored (masked) unless
 * `store: false`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHAT_CAPABILITY } from '../../capabilities/chat/chat.capability.js';
import type { RunEventPayload } from '../../capabilities/capability.types.js';
import { BadUserInputError, NotFoundError } from '../../errors/app-error.js';
import type { Masker } from '../../governance/masking/index.js';
import type { ChatMessage } from '../../providers/provider.types.js';
import { chatAnswerOf, type ChatAnswer } from '../chat-output.js';
import { chatInvocationOf } from '../chat-invocation.js';
import { readJsonBody, sendJson } from '../http-io.js';
import { openAiErrorOf } from '../openai-error.js';
import type { V1RequestContext } from '../v1-context.js';
import { resolveTarget } from '../v1-target.js';
import {
  CONVERSATION_ID_HEADER,
  conversationOptionsOf,
  withConversation,
  type ConversationOptions,
} from '../../conversations/conversation-headers.js';
import { parseResponsesRequest } from './parse-responses-request.js';
import { finishedResponse, outputItemsOf, responseItemId, responseSkeleton } from './response-object.js';
import { ResponsesStreamWriter } from './responses-stream-writer.js';
import type { ResponseObject, ResponsesRequest } from './responses-wire.types.js';

/** A conversation continued by `previous_response_id` stays within this many bytes of JSON. */
const MAX_HISTORY_BYTES = 8 * 1024 * 1024;

export async function handleCreateResponse(
  request: IncomingMessage,
  response: ServerResponse,
  context: V1RequestContext,
): Promise<void> {
  const { services, responses } = context;
  const principal = await services.auth.authenticate(request.headers.authorization);
  const body = withHeaderConversation(
    parseResponsesRequest(await readJsonBody(request, services.config.limits.bodyLimitBytes)),
    conversationOptionsOf(request.headers, true),
  );
  const target = resolveTarget(body.model, principal, services.registry);
  let history: ChatMessage[] = [];
  if (body.previousResponseId !== undefined) {
    const previous = await responses.find(principal, body.previousResponseId);
    if (!previous)
      throw new NotFoundError(`Previous response with id '${body.previousResponseId}' not found.`, {
        extensions: { param: 'previous_response_id', openAiCode: 'previous_response_not_found' },
      });
    history = previous.history;
  }
  const conversation = [...history, ...body.input];
  if (body.store && Buffer.byteLength(JSON.stringify(conversation)) > MAX_HISTORY_BYTES)
    throw new BadUserInputError(
      `The conversation is longer than ${MAX_HISTORY_BYTES} bytes: start a new one without previous_response_id.`,
      { extensions: { param: 'previous_response_id' } },
    );
  const messages: ChatMessage[] =
    body.instructions === undefined
      ? conversation
      : [{ role: 'system', content: body.instructions }, ...conversation];
  const chat = chatInvocationOf(context, principal, target, {
    model: body.model,
    messages,
    ...(body.maxOutputTokens === undefined ? {} : { maxTokens: body.maxOutputTokens }),
    ...(body.responseFormat === undefined ? {} : { responseFormat: body.responseFormat }),
    ...(body.params === undefined ? {} : { params: body.params }),
    ...(body.tools === undefined ? {} : { tools: body.tools }),
    ...(body.toolChoice === undefined ? {} : { toolChoice: body.toolChoice }),
    ...(body.parallelToolCalls === undefined ? {} : { parallelToolCalls: body.parallelToolCalls }),
  });
  const { headers } = chat;
  // A Capgate conversation: earlier turns come from it, and this turn is appended once the run completes.
  const invocation = withConversation(chat.invocation, {
    ...(body.conversationId === undefined ? {} : { conversationId: body.conversationId }),
    ...(body.ifLastTurn === undefined ? {} : { ifLastTurn: body.ifLastTurn }),
  });
  context.observe({
    capability: target.kind === 'model' ? CHAT_CAPABILITY : target.capability.name,
    model: body.model,
  });
  const skeleton = responseSkeleton(responseItemId('resp'), body, Math.floor(Date.now() / 1000));
  const owner = { orgId: principal.orgId, teamId: principal.teamId, keyId: principal.id };
  const keep = async (answer: ChatAnswer, final: ResponseObject): Promise<void> => {
    if (!body.store) return;
    const masker = services.calls.maskerFor(
      principal.orgId,
      target.kind === 'capability' ? target.capability.maskingPolicy : undefined,
    );
    await responses.save(owner, {
      response: masker ? maskedResponse(masker, final) : final,
      history: masked(masker, [...conversation, assistantMessageOf(answer)]),
    });
  };

  if (!body.stream) {
    const { output, meta } = await services.invocation.invoke(invocation);
    context.observe({ model: meta.model, runId: meta.runId });
    const answer = chatAnswerOf(output, target.kind === 'model');
    const final = finishedResponse(skeleton, answer, outputItemsOf(answer), meta);
    await keep(answer, final);
    sendJson(response, 200, final, {
      'x-capgate-run-id': meta.runId,
      'x-capgate-model': meta.model,
      ...headers,
    });
    return;
  }

  let writer: ResponsesStreamWriter | undefined;
  let runId = '';
  const writerFor = (): ResponsesStreamWriter =>
    (writer ??= new ResponsesStreamWriter(response, skeleton, { 'x-capgate-run-id': runId, ...headers }));
  const onEvent = (event: RunEventPayload): void => {
    runId = event.runId;
    if (event.type === 'DELTA' && event.delta !== undefined) writerFor().text(event.delta);
  };
  // Strict structured output is validated whole before any of it is sent: never a violating stream.
  const strict = body.responseFormat?.type === 'json' && body.responseFormat.strict === true;
  try {
    const { output, meta } = await services.invocation.invoke({
      ...invocation,
      ...(strict ? {} : { onEvent, onToolCallDelta: (delta) => writerFor().toolCall(delta) }),
    });
    context.observe({ model: meta.model, runId: meta.runId });
    runId = meta.runId;
    const answer = chatAnswerOf(output, target.kind === 'model');
    const stream = writerFor();
    // Capabilities whose output is not streamed text, and strict answers, arrive whole, at the end.
    if (!stream.hasItems) {
      stream.text(answer.text);
      answer.toolCalls.forEach((call, index) =>
        stream.toolCall({
          index,
          id: call.id,
          name: call.function.name,
          argumentsDelta: call.function.arguments,
        }),
      );
    }
    // The items as streamed (their ids were announced); an empty answer is one empty message.
    stream.closeOpenItem();
    const closing = finishedResponse(
      skeleton,
      answer,
      stream.output.length > 0 ? stream.output : outputItemsOf(answer),
      meta,
    );
    await keep(answer, closing);
    stream.finish(closing);
  } catch (error) {
    if (!writer?.hasStarted) throw error;
    const { body: errorBody } = openAiErrorOf(error, context.requestId);
    context.logger.error({ err: error }, 'responses stream failed');
    writer.fail(errorBody.error);
  }
}

export async function handleRetrieveResponse(
  request: IncomingMessage,
  response: ServerResponse,
  context: V1RequestContext,
  id: string,
): Promise<void> {
  const principal = await context.services.auth.authenticate(request.headers.authorization);
  request.resume();
  const stored = await context.responses.find(principal, id);
  if (!stored) throw responseNotFound(id);
  sendJson(response, 200, stored.response);
}

export async function handleDeleteResponse(
  request: IncomingMessage,
  response: ServerResponse,
  context: V1RequestContext,
  id: string,
): Promise<void> {
  const principal = await context.services.auth.authenticate(request.headers.authorization);
  request.resume();
  if (!(await context.responses.delete(principal, id))) throw responseNotFound(id);
  sendJson(response, 200, { id, object: 'response.deleted', deleted: true });
}

/**
 * The conversation named by the body (`conversation`) or the `capgate-conversation-id` header (the
 * same one when both are sent), with `capgate-if-last-turn`; never together with `previous_response_id`.
 */
function withHeaderConversation(
  body: ResponsesRequest,
  header: ConversationOptions,
): ResponsesRequest & { ifLastTurn?: string } {
  const fromHeader = header.conversationId;
  if (fromHeader !== undefined && body.conversationId !== undefined && fromHeader !== body.conversationId)
    throw new BadUserInputError(
      `The conversation field and the ${CONVERSATION_ID_HEADER} header name different conversations: send one.`,
      { extensions: { param: 'conversation' } },
    );
  const conversationId = body.conversationId ?? fromHeader;
  if (conversationId === undefined) {
    if (header.ifLastTurn !== undefined)
      throw new BadUserInputError(
        `capgate-if-last-turn needs a conversation (the conversation field or the ${CONVERSATION_ID_HEADER} header).`,
      );
    return body;
  }
  if (body.previousResponseId !== undefined)
    throw new BadUserInputError(
      `Pass either a conversation (${CONVERSATION_ID_HEADER}) or previous_response_id, not both: a conversation keeps the earlier turns itself.`,
      { extensions: { param: 'previous_response_id' } },
    );
  return {
    ...body,
    conversationId,
    ...(header.ifLastTurn === undefined ? {} : { ifLastTurn: header.ifLastTurn }),
  };
}

function responseNotFound(id: string): NotFoundError {
  return new NotFoundError(`No response found with id '${id}'.`, { extensions: { openAiCode: 'not_found' } });
}

function assistantMessageOf(answer: ChatAnswer): ChatMessage {
  return {
    role: 'assistant',
    content: answer.text,
    ...(answer.toolCalls.length > 0
      ? {
          toolCalls: answer.toolCalls.map((call) => ({
            id: call.id,
            name: call.function.name,
            arguments: call.function.arguments,
          })),
        }
      : {}),
  };
}

/** Message text and tool arguments masked; roles and call ids kept. */
function masked(masker: Masker | undefined, messages: ChatMessage[]): ChatMessage[] {
  if (!masker) return messages;
  return messages.map((message) => ({
    ...message,
    content: masker.maskText(message.content),
    ...(message.toolCalls
      ? {
          toolCalls: message.toolCalls.map((call) => ({
            ...call,
            arguments: masker.maskText(call.arguments),
          })),
        }
      : {}),
  }));
}

function maskedResponse(masker: Masker, response: ResponseObject): ResponseObject {
  return {
    ...response,
    instructions: response.instructions === null ? null : masker.maskText(response.instructions),
    output: response.output.map((item) =>
      item.type === 'message'
        ? { ...item, content: item.content.map((part) => ({ ...part, text: masker.maskText(part.text) })) }
        : { ...item, arguments: masker.maskText(item.arguments) },
    ),
  };
}
