/**
 * Page cursors of the audit log: the shared cursor codec over the entry's time and id, the two keys
 * it is sorted by (newest first; the id breaks ties between entries of the same millisecond).
 */
import { BadUserInputError } from '../../errors/app-error.js';
import { decodeCursor, encodeCursor } from '../../graphql/relay/cursor.js';

export interface AuditPosition {
  at: Date;
  id: string;
}

export function encodeAuditCursor(position: AuditPosition): string {
  return encodeCursor(`${position.at.getTime()}:${position.id}`);
}

export function decodeAuditCursor(cursor: string, argument: 'after' | 'before'): AuditPosition {
  const decoded = decodeCursor(cursor, argument);
  const separator = decoded.indexOf(':');
  const millis = Number(decoded.slice(0, separator));
  const id = decoded.slice(separator + 1);
  if (separator <= 0 || !Number.isSafeInteger(millis) || id.length === 0) {
    throw new BadUserInputError(`Invalid cursor in \`${argument}\`: pass a cursor of a previous page.`, {
      extensions: { argument },
    });
  }
  return { at: new Date(millis), id };
}
