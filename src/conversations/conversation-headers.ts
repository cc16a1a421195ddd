/** `/v1` requests name their conversation in headers (the OpenAI body has no field for it). */
import type { IncomingHttpHeaders } from 'node:http';
import { BadUserInputError } from '../errors/app-error.js';
import type { InvokeOptions } from '../capabilities/capability.types.js';

export const CONVERSATION_ID_HEADER = 'capgate-conversation-id';
export const IF_LAST_TURN_HEADER = 'capgate-if-last-turn';

/** The conversation options of a request's headers (none when it names no conversation). */
export function conversationOptionsOf(
  headers: IncomingHttpHeaders,
): Pick<InvokeOptions, 'conversationId' | 'ifLastTurn'> {
  const conversationId = single(headers[CONVERSATION_ID_HEADER], CONVERSATION_ID_HEADER);
  const ifLastTurn = single(headers[IF_LAST_TURN_HEADER], IF_LAST_TURN_HEADER);
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
