/**
 * Pages a list that is already in memory (the registry snapshot, a team's keys…). Each item has a
 * unique, totally ordered position string; the list is served in ascending position order, and a
 * cursor is the position of its item, so pages stay right when items are added or removed between
 * requests (an item that was removed still marks where the next page starts).
 */
import { decodeCursor, encodeCursor } from './cursor.js';
import { DEFAULT_PAGE_SIZE, validatePageRequest, type PageRequest } from './page-request.js';
import type { Connection } from './connection.type.js';

export function connectionFromArray<Node>(
  items: readonly Node[],
  request: PageRequest,
  positionOf: (node: Node) => string,
): Connection<Node> {
  validatePageRequest(request);
  const after = request.after != null ? decodeCursor(request.after, 'after') : undefined;
  const before = request.before != null ? decodeCursor(request.before, 'before') : undefined;
  const ordered = items
    .map((node) => ({ node, position: positionOf(node) }))
    .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));

  let start = 0;
  let end = ordered.length;
  if (after !== undefined) start = firstIndexAbove(ordered, after);
  if (before !== undefined) end = Math.max(start, firstIndexAtOrAbove(ordered, before));

  const first = request.first ?? (request.last == null ? DEFAULT_PAGE_SIZE : undefined);
  const windowStart = start;
  const windowEnd = end;
  if (first != null) end = Math.min(end, start + first);
  if (request.last != null) start = Math.max(start, end - request.last);

  const edges = ordered
    .slice(start, end)
    .map(({ node, position }) => ({ cursor: encodeCursor(position), node }));
  return {
    edges,
    pageInfo: {
      hasPreviousPage: start > 0 && (request.last != null ? start > windowStart : after !== undefined),
      hasNextPage: end < ordered.length && (first != null ? end < windowEnd : before !== undefined),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: ordered.length,
  };
}

function firstIndexAbove(ordered: readonly { position: string }[], position: string): number {
  const index = ordered.findIndex((entry) => entry.position > position);
  return index === -1 ? ordered.length : index;
}

function firstIndexAtOrAbove(ordered: readonly { position: string }[], position: string): number {
  const index = ordered.findIndex((entry) => entry.position >= position);
  return index === -1 ? ordered.length : index;
}

/** A position that sorts newest first: the inverted time, fixed width, then a tie-breaking id. */
export function newestFirstPosition(at: Date, id: string): string {
  return `${String(9_999_999_999_999 - at.getTime()).padStart(13, '0')}:${id}`;
}
