/**
 * Which object types `node(id:)` can fetch. A feature registers its entity types once, at import:
 * `registerNodeType('Model', (key, context) => …)`. The fetcher applies the same visibility rules
 * as the feature's own queries and returns null for what the caller may not see.
 */
import type { GraphQLContext } from '../context.js';

export type NodeFetcher = (key: string, context: GraphQLContext) => Promise<object | null> | object | null;

const fetchers = new Map<string, NodeFetcher>();

export function registerNodeType(type: string, fetcher: NodeFetcher): void {
  fetchers.set(type, fetcher);
}

export function nodeFetcher(type: string): NodeFetcher | undefined {
  return fetchers.get(type);
}
