/**
 * Opaque page cursors of the audit log: base64url of the entry's time and id, the two keys it is
 * sorted by (newest first; the id breaks ties between entries of the same millisecond).
 */
import { BadUserInputError } from '../../errors/app-error.js';

export interface AuditPosition {
  at: Date;
  id: string;
}

export function encodeAuditCursor(position: AuditPosition): string {
  return Buffer.from(`${position.at.getTime()}:${position.id}`, 'utf8').toString('base64url');
}

export function decodeAuditCursor(cursor: string): AuditPosition {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  const millis = Number(decoded.slice(0, separator));
  const id = decoded.slice(separator + 1);
  if (separator <= 0 || !Number.isSafeInteger(millis) || id.length === 0) {
    throw new BadUserInputError('Invalid cursor: pass the `endCursor` of a previous page.');
  }
  return { at: new Date(millis), id };
}
