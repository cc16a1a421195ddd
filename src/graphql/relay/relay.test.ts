import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors/app-error.js';
import { connectionFromArray } from './connection-from-array.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { fromGlobalId, keyOfGlobalId, toGlobalId } from './global-id.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('global ids', () => {
  it('round-trip a type and a key, keys with colons included, and are opaque', () => {
    const id = toGlobalId('CapabilityVersion', 'summarize@3');
    expect(id).not.toContain('summarize');
    expect(fromGlobalId(id)).toEqual({ type: 'CapabilityVersion', key: 'summarize@3' });
    expect(fromGlobalId(toGlobalId('AuditEntry', 'a:b:c')).key).toBe('a:b:c');
    expect(toGlobalId('CapabilityVersion', 'x@1')).not.toBe(toGlobalId('CapabilityVersion', 'x@2'));
  });

  it('refuse malformed ids and ids of another type with BAD_USER_INPUT', () => {
    for (const bad of [
      '',
      'not base64!',
      'Zm9v',
      Buffer.from(':key').toString('base64url'),
      'x'.repeat(2000),
    ])
      expect(codeOf(() => fromGlobalId(bad))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => keyOfGlobalId(toGlobalId('Team', 't1'), 'ApiKey'))).toBe('BAD_USER_INPUT');
  });
});

describe('cursors', () => {
  it('round-trip and refuse anything not made here', () => {
    expect(decodeCursor(encodeCursor('b:2'))).toBe('b:2');
    for (const bad of ['', '%%%', Buffer.from('other:1').toString('base64url'), 'YQ'])
      expect(codeOf(() => decodeCursor(bad))).toBe('BAD_USER_INPUT');
  });
});

describe('connectionFromArray', () => {
  const items = ['e', 'a', 'd', 'b', 'c'];
  const page = (request: Parameters<typeof connectionFromArray>[1]) =>
    connectionFromArray(items, request, (item) => item);

  it('pages forward with first/after and reports the whole count', () => {
    const one = page({ first: 2 });
    expect(one.edges.map((edge) => edge.node)).toEqual(['a', 'b']);
    expect(one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(one.totalCount).toBe(5);
    const two = page({ first: 2, after: one.pageInfo.endCursor });
    expect(two.edges.map((edge) => edge.node)).toEqual(['c', 'd']);
    expect(two.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const three = page({ first: 2, after: two.pageInfo.endCursor });
    expect(three.edges.map((edge) => edge.node)).toEqual(['e']);
    expect(three.pageInfo.hasNextPage).toBe(false);
  });

  it('pages backward with last/before', () => {
    const last = page({ last: 2 });
    expect(last.edges.map((edge) => edge.node)).toEqual(['d', 'e']);
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = page({ last: 2, before: last.pageInfo.startCursor });
    expect(before.edges.map((edge) => edge.node)).toEqual(['b', 'c']);
  });

  it('keeps its place when the item under the cursor was removed', () => {
    const cursor = page({ first: 2 }).pageInfo.endCursor!;
    const without = connectionFromArray(['a', 'c', 'd'], { first: 2, after: cursor }, (item) => item);
    expect(without.edges.map((edge) => edge.node)).toEqual(['c', 'd']);
  });

  it('refuses bad sizes and malformed cursors', () => {
    expect(codeOf(() => page({ first: -1 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => page({ first: 101 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => page({ first: 1, last: 1 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => page({ after: 'garbage!' }))).toBe('BAD_USER_INPUT');
  });
});
