/**
 * Ids and cursors of conversations, through the relay helpers (`src/graphql/relay/`). `/v1`
 * callers may also pass the internal key (`conv_…`, `turn_…`) they keep, so both are accepted.
 */
import { BadUserInputError } from '../errors/app-error.js';
import { keyOfGlobalId } from '../graphql/relay/global-id.js';

export { decodeCursor, encodeCursor } from '../graphql/relay/cursor.js';
export { toGlobalId } from '../graphql/relay/global-id.js';

export const CONVERSATION_TYPE = 'Conversation';
export const TURN_TYPE = 'ConversationTurn';

const internalKey = /^(conv|turn)_[0-9a-f-]{36}$/;

/** The internal key of a Conversation or ConversationTurn id (global, or the internal key itself). */
export function keyOfId(
  id: string,
  type: typeof CONVERSATION_TYPE | typeof TURN_TYPE,
  argument = 'id',
): string {
  if (typeof id === 'string' && internalKey.test(id)) {
    if (id.startsWith(type === CONVERSATION_TYPE ? 'conv_' : 'turn_')) return id;
    throw new BadUserInputError(`Invalid id in \`${argument}\`: expected the id of a ${type}.`, {
      extensions: { argument },
    });
  }
  try {
    return keyOfGlobalId(id, type);
  } catch (error) {
    if (error instanceof BadUserInputError && argument !== 'id')
      throw new BadUserInputError(error.message.replace('Invalid id', `Invalid id in \`${argument}\``), {
        extensions: { argument },
      });
    throw error;
  }
}

/** `first`: 0 to 100, default 20 (CONVENTIONS.md, Connections). */
export function pageSizeOf(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > 100)
    throw new BadUserInputError('Invalid `first`: an integer from 0 to 100.', {
      extensions: { argument: 'first' },
    });
  return size;
}
