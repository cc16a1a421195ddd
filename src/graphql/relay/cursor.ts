/**
 * Page cursors: opaque base64url of `cursor:<position>`, where the position is whatever the list is
 * ordered by (a name, `time:id`…). A cursor that was not made here is BAD_USER_INPUT.
 */
import { BadUserInputError } from '../../errors/app-error.js';

const prefix = 'cursor:';

export function encodeCursor(position: string): string {
  return Buffer.from(`${prefix}${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument = 'after'): string {
  const invalid = () =>
    new BadUserInputError(`Invalid cursor in \`${argument}\`: pass a cursor of a previous page.`, {
      extensions: { argument },
    });
  if (cursor.length === 0 || cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(prefix) || decoded.length === prefix.length) throw invalid();
  if (Buffer.from(decoded, 'utf8').toString('base64url') !== cursor) throw invalid();
  return decoded.slice(prefix.length);
}
