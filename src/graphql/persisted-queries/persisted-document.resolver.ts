/**
 * Automatic persisted queries (APQ, sha256) for the transports that run graphql-js themselves
 * (graphql-ws, SSE, multipart), against the same cache and keys as Apollo's HTTP implementation, so a
 * hash registered over one transport works over every other. Apollo prefixes its keys with `apq:`.
 */
import { createHash } from 'node:crypto';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError, type DocumentNode } from 'graphql';
import { parseQuery, type OperationRequest } from '../operation-preparation.js';

const APQ_PREFIX = 'apq:';

function apqError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

export function persistedQueryDocumentResolver(options: {
  cache: KeyValueCache<string>;
  maxTokens: number;
  /** Seconds an APQ entry lives (Apollo's default: none). */
  ttlSeconds?: number;
}): (request: OperationRequest) => Promise<DocumentNode> {
  const { cache, maxTokens } = options;
  return async (request) => {
    const persisted = request.extensions?.persistedQuery as
      { version?: unknown; sha256Hash?: unknown } | undefined;
    if (!persisted) return parseQuery(request.query, maxTokens);
    if (persisted.version !== 1 || typeof persisted.sha256Hash !== 'string') {
      throw apqError(
        'Unsupported persisted query version: only version 1 (sha256) is supported.',
        'PERSISTED_QUERY_NOT_SUPPORTED',
      );
    }
    const hash = persisted.sha256Hash.toLowerCase();
    if (typeof request.query === 'string' && request.query !== '') {
      if (createHash('sha256').update(request.query).digest('hex') !== hash) {
        throw apqError('provided sha does not match query', 'BAD_USER_INPUT');
      }
      const document = parseQuery(request.query, maxTokens);
      await cache.set(
        APQ_PREFIX + hash,
        request.query,
        options.ttlSeconds ? { ttl: options.ttlSeconds } : undefined,
      );
      return document;
    }
    const query = await cache.get(APQ_PREFIX + hash);
    if (query === undefined) throw apqError('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND');
    return parseQuery(query, maxTokens);
  };
}
