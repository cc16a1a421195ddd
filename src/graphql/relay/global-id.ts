/**
 * Global object ids: the opaque `id: ID!` of every entity. The id is base64url of `Type:key`, so a
 * client can hand any id to `node(id:)` and the server knows which kind of object it names. Clients
 * must treat ids as opaque; only this file reads their inside.
 */
import { BadUserInputError } from '../../errors/app-error.js';

export interface GlobalIdParts {
  /** The GraphQL object type, e.g. `Capability`. */
  type: string;
  /** The type's own key (a name, a database id, `name@version`…). */
  key: string;
}

const typePattern = /^[A-Z][A-Za-z0-9]*$/;

export function toGlobalId(type: string, key: string): string {
  if (!typePattern.test(type)) throw new Error(`Not a GraphQL type name: ${type}`);
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** Reads an id made by `toGlobalId`; anything else is BAD_USER_INPUT. */
export function fromGlobalId(id: string): GlobalIdParts {
  const invalid = () =>
    new BadUserInputError('Invalid id: pass an `id` exactly as the API returned it.', {
      extensions: { argument: 'id' },
    });
  if (typeof id !== 'string' || id.length === 0 || id.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(id))
    throw invalid();
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  const type = decoded.slice(0, separator);
  const key = decoded.slice(separator + 1);
  if (separator <= 0 || key.length === 0 || !typePattern.test(type)) throw invalid();
  // Re-encoding must give the same id: no alternative spellings of one object.
  if (Buffer.from(decoded, 'utf8').toString('base64url') !== id) throw invalid();
  return { type, key };
}

/** Reads an id that must name an object of `type`; another type, or garbage, is BAD_USER_INPUT. */
export function keyOfGlobalId(id: string, type: string): string {
  const parts = fromGlobalId(id);
  if (parts.type !== type)
    throw new BadUserInputError(`Invalid id: expected the id of a ${type}, got one of a ${parts.type}.`, {
      extensions: { argument: 'id' },
    });
  return parts.key;
}
