/**
 * Global ids and page cursors of conversations. Same wire format as `src/graphql/relay/global-id.ts`
 * and `cursor.ts` of the schema work (base64url of `Type:key` / `cursor:<position>`); this file goes
 * away when those land on main and the imports point there instead.
 */
import { BadUserInputError } from '../errors/app-error.js';

export const CONVERSATION_TYPE = 'Conversation';
export const TURN_TYPE = 'ConversationTurn';

export function toGlobalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/**
 * The internal key of an id of `type`. Accepts the global id the API hands out, and the internal
 * key itself (`conv_…`, `turn_…`) for `/v1` callers that keep it from a response header.
 */
export function keyOfGlobalId(id: string, type: string, argument = 'id'): string {
  const invalid = () =>
    new BadUserInputError(`Invalid id in \`${argument}\`: pass an id exactly as the API returned it.`, {
      extensions: { argument },
    });
  if (typeof id !== 'string' || id.length === 0 || id.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(id))
    throw invalid();
  if (/^(conv|turn)_[0-9a-f-]{36}$/.test(id)) {
    if (id.startsWith(type === CONVERSATION_TYPE ? 'conv_' : 'turn_')) return id;
    throw invalid();
  }
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0 || Buffer.from(decoded, 'utf8').toString('base64url') !== id) throw invalid();
  if (decoded.slice(0, separator) !== type)
    throw new BadUserInputError(`Invalid id in \`${argument}\`: expected the id of a ${type}.`, {
      extensions: { argument },
    });
  return decoded.slice(separator + 1);
}

const cursorPrefix = 'cursor:';

export function encodeCursor(position: string): string {
  return Buffer.from(`${cursorPrefix}${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument = 'after'): string {
  const invalid = () =>
    new BadUserInputError(`Invalid cursor in \`${argument}\`: pass a cursor of a previous page.`, {
      extensions: { argument },
    });
  if (cursor.length === 0 || cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(cursorPrefix) || decoded.length === cursorPrefix.length) throw invalid();
  if (Buffer.from(decoded, 'utf8').toString('base64url') !== cursor) throw invalid();
  return decoded.slice(cursorPrefix.length);
}

/** `first`: 0 to 100, default 20 (CONVENTIONS.md, Connections). */
export function pageSizeOf(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > 100)
    throw new BadUserInputError('first must be between 0 and 100.', { extensions: { argument: 'first' } });
  return size;
}
