/**
 * `/v1` and MCP requests name their conversation outside the capability input: in headers on `/v1`
 * (`capgate-conversation-id`, `capgate-if-last-turn`; the Responses API also takes OpenAI's
 * `conversation` body field, see `responses.handler.ts`) and in the `_meta` of an MCP tool call
 * (`capgate/conversationId`, `capgate/ifLastTurn`).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { BadUserInputError } from '../errors/app-error.js';
import type { InvocationRequest, InvokeOptions } from '../capabilities/capability.types.js';

export const CONVERSATION_ID_HEADER = 'capgate-conversation-id';
export const IF_LAST_TURN_HEADER = 'capgate-if-last-turn';
/** The `_meta` keys of an MCP `tools/call` request. */
export const MCP_CONVERSATION_ID_META = 'capgate/conversationId';
export const MCP_IF_LAST_TURN_META = 'capgate/ifLastTurn';

export type ConversationOptions = Pick<InvokeOptions, 'conversationId' | 'ifLastTurn'>;

/**
 * The conversation options of a request's headers (none when it names no conversation). With
 * `bodyMayNameIt` (the Responses API's `conversation` field), `capgate-if-last-turn` may come alone.
 */
export function conversationOptionsOf(
  headers: IncomingHttpHeaders,
  bodyMayNameIt = false,
): ConversationOptions {
  const conversationId = single(headers[CONVERSATION_ID_HEADER], CONVERSATION_ID_HEADER);
  const ifLastTurn = single(headers[IF_LAST_TURN_HEADER], IF_LAST_TURN_HEADER);
  if (bodyMayNameIt && conversationId === undefined) return ifLastTurn === undefined ? {} : { ifLastTurn };
  return optionsOf(conversationId, ifLastTurn, IF_LAST_TURN_HEADER, CONVERSATION_ID_HEADER);
}

/** The conversation options of an MCP tool call's `_meta` (none when it names no conversation). */
export function conversationOptionsOfMeta(meta: Record<string, unknown> | undefined): ConversationOptions {
  const read = (key: string): string | undefined => {
    const value = meta?.[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.trim() === '')
      throw new BadUserInputError(`_meta["${key}"] must be a non-empty string.`, {
        extensions: { argument: `_meta.${key}` },
      });
    return value.trim();
  };
  return optionsOf(
    read(MCP_CONVERSATION_ID_META),
    read(MCP_IF_LAST_TURN_META),
    `_meta["${MCP_IF_LAST_TURN_META}"]`,
    `_meta["${MCP_CONVERSATION_ID_META}"]`,
  );
}

/** The request's options with the conversation ones added (the request itself when there are none). */
export function withConversation(
  invocation: InvocationRequest,
  conversation: ConversationOptions,
): InvocationRequest {
  if (conversation.conversationId === undefined) return invocation;
  return { ...invocation, options: { ...invocation.options, ...conversation } };
}

function optionsOf(
  conversationId: string | undefined,
  ifLastTurn: string | undefined,
  ifLastTurnName: string,
  conversationName: string,
): ConversationOptions {
  if (ifLastTurn !== undefined && conversationId === undefined)
    throw new BadUserInputError(`${ifLastTurnName} needs ${conversationName}.`);
  return {
    ...(conversationId ? { conversationId } : {}),
    ...(ifLastTurn ? { ifLastTurn } : {}),
  };
}

function single(value: string | string[] | undefined, name: string): string | undefined {
  if (Array.isArray(value)) throw new BadUserInputError(`Send the ${name} header once.`);
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
