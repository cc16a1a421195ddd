/**
 * Global ids and cursors of the workflow types, with the same functions and encoding as the project's
 * Relay helpers (`src/graphql/relay/`, arriving with the schema convention work): when those land,
 * these imports switch to them and this file goes.
 */
import { BadUserInputError } from '../../errors/app-error.js';

export function toGlobalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** Reads an id that must name an object of `type`; anything else is BAD_USER_INPUT. */
export function keyOfGlobalId(id: string, type: string): string {
  const invalid = () =>
    new BadUserInputError(`Invalid id: pass the id of a ${type} exactly as the API returned it.`, {
      extensions: { argument: 'id' },
    });
  if (typeof id !== 'string' || id.length === 0 || id.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(id))
    throw invalid();
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  if (!decoded.startsWith(`${type}:`) || Buffer.from(decoded, 'utf8').toString('base64url') !== id)
    throw invalid();
  return decoded.slice(type.length + 1);
}

/** An opaque cursor naming a position (not an offset). */
export function toCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function fromCursor(cursor: string, argument = 'after'): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // falls through
  }
  throw new BadUserInputError(`Invalid cursor: pass \`${argument}\` exactly as the API returned it.`, {
    extensions: { argument },
  });
}

/** Page size: 0 to 100, default 20. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > 100)
    throw new BadUserInputError('first must be an integer from 0 to 100.', {
      extensions: { argument: 'first' },
    });
  return size;
}
