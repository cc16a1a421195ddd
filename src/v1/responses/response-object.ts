/**
 * Builds Response objects: the skeleton echoed from the request (`response.created`), and the output
 * items from an invocation's answer — one `message` item with the text, then one `function_call`
 * item per tool call — with the status and usage of a finished response.
 */
import { randomBytes } from 'node:crypto';
import type { RunMeta } from '../../capabilities/capability.types.js';
import type { ChatAnswer } from '../chat-output.js';
import type {
  ResponseFunctionCall,
  ResponseObject,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponsesRequest,
  ResponseUsage,
} from './responses-wire.types.js';

/** `<prefix>_` and 48 hex digits, as OpenAI's ids look. */
export function responseItemId(prefix: 'resp' | 'msg' | 'fc'): string {
  return `${prefix}_${randomBytes(24).toString('hex')}`;
}

/** The response before any output: what `response.created` carries. */
export function responseSkeleton(id: string, request: ResponsesRequest, createdAt: number): ResponseObject {
  const params = request.params ?? {};
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status: 'in_progress',
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.maxOutputTokens ?? null,
    model: request.model,
    output: [],
    parallel_tool_calls: request.parallelToolCalls ?? true,
    previous_response_id: request.previousResponseId ?? null,
    conversation: request.conversationId === undefined ? null : { id: request.conversationId },
    reasoning: {
      effort: typeof params.reasoning_effort === 'string' ? params.reasoning_effort : null,
      summary: null,
    },
    store: request.store,
    temperature: typeof params.temperature === 'number' ? params.temperature : null,
    text: { format: request.textFormat },
    tool_choice: toolChoiceEcho(request),
    tools: request.toolsEcho,
    top_p: typeof params.top_p === 'number' ? params.top_p : null,
    truncation: 'disabled',
    usage: null,
    user: typeof params.user === 'string' ? params.user : null,
    metadata: request.metadata ?? {},
  };
}

export function messageItem(
  id: string,
  text: string,
  status: ResponseOutputMessage['status'],
): ResponseOutputMessage {
  return {
    type: 'message',
    id,
    status,
    role: 'assistant',
    content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
  };
}

export function functionCallItem(
  id: string,
  call: { id: string; name: string; arguments: string },
  status: ResponseFunctionCall['status'],
): ResponseFunctionCall {
  return { type: 'function_call', id, call_id: call.id, name: call.name, arguments: call.arguments, status };
}

/** The output items of an answer (ids given for the items a stream already announced). */
export function outputItemsOf(
  answer: ChatAnswer,
  ids: { message?: string; calls?: readonly (string | undefined)[] } = {},
): ResponseOutputItem[] {
  const status = answer.finishReason === 'length' ? 'incomplete' : 'completed';
  const items: ResponseOutputItem[] = [];
  if (answer.text !== '' || answer.toolCalls.length === 0)
    items.push(messageItem(ids.message ?? responseItemId('msg'), answer.text, status));
  answer.toolCalls.forEach((call, index) =>
    items.push(
      functionCallItem(
        ids.calls?.[index] ?? responseItemId('fc'),
        { id: call.id, name: call.function.name, arguments: call.function.arguments },
        'completed',
      ),
    ),
  );
  return items;
}

/** The finished response: its output, status (`incomplete` when cut by a limit) and usage. */
export function finishedResponse(
  skeleton: ResponseObject,
  answer: ChatAnswer,
  output: ResponseOutputItem[],
  meta: RunMeta,
): ResponseObject {
  const cut =
    answer.finishReason === 'length'
      ? ({ reason: 'max_output_tokens' } as const)
      : answer.finishReason === 'content_filter'
        ? ({ reason: 'content_filter' } as const)
        : null;
  return {
    ...skeleton,
    status: cut ? 'incomplete' : 'completed',
    incomplete_details: cut,
    output,
    usage: usageOf(meta),
  };
}

function usageOf(meta: RunMeta): ResponseUsage {
  const { inputTokens, outputTokens } = meta.usage;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens + outputTokens,
  };
}

function toolChoiceEcho(request: ResponsesRequest): unknown {
  const choice = request.toolChoice ?? 'auto';
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.name };
}
