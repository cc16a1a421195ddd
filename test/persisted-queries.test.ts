/**
 * Automatic persisted queries (sha256): Apollo Client's persisted-query link registers and reuses
 * hashes; with REDIS_URL the hashes live in Redis, so a hash registered on one instance runs on
 * another, over HTTP, WebSocket and SSE alike.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { print } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { collect, wsClient } from './support/graphql-client.js';
import { startTestApp, uniqueDatabaseName, type TestApp } from './support/test-app.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function postJson(url: string, key: string, body: unknown, accept = 'application/json') {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

describe('automatic persisted queries', () => {
  let first: TestApp;
  let second: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    first = await startTestApp({ redis: true });
    second = await startTestApp({ redis: true, database: first.database, masterKey: first.masterKey });
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(async () => {
    redis?.disconnect();
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('registers and reuses a hash through Apollo Client, with the query stored in Redis', async () => {
    const query = `query Roles${randomUUID().slice(0, 8)} { me { roles } }`;
    const client = new ApolloClient({
      link: createPersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
        new HttpLink({ uri: `${first.url}/graphql`, headers: { authorization: `Bearer ${first.adminKey}` } }),
      ),
      cache: new InMemoryCache({ addTypename: false }),
    });
    const result = await client.query<{ me: { roles: string[] } }>({
      query: gql(query),
      fetchPolicy: 'no-cache',
    });
    expect(result.data.me.roles).toEqual(['ADMIN']);
    // The link hashes the printed document; the GET with only the hash passed the CSRF check thanks to Authorization.
    expect(await redis.get(`capgate:apq:${sha256(print(gql(query)))}`)).toBe(print(gql(query)));
    client.stop();
  });

  it('runs a hash registered on one instance from another, over HTTP, WebSocket and SSE', async () => {
    const query = `query Shared${randomUUID().slice(0, 8)} { me { roles } }`;
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };

    const unknown = await postJson(second.url, second.adminKey, { extensions: { persistedQuery } });
    expect(unknown.text).toMatch(/PersistedQueryNotFound/);

    const registered = await postJson(first.url, first.adminKey, { query, extensions: { persistedQuery } });
    expect(registered.status).toBe(200);
    expect(await redis.get(`capgate:apq:${persistedQuery.sha256Hash}`)).toBe(query);

    const byHash = await postJson(second.url, second.adminKey, { extensions: { persistedQuery } });
    expect(JSON.parse(byHash.text)).toEqual({ data: { me: { roles: ['ADMIN'] } } });

    const client = wsClient(second.url, second.adminKey);
    try {
      const outcome = await new Promise<{ data?: unknown; error?: unknown }>((resolve) => {
        let data: unknown;
        client.subscribe(
          { query: '', extensions: { persistedQuery } },
          {
            next: (value) => (data = value.data),
            error: (error) => resolve({ error }),
            complete: () => resolve({ data }),
          },
        );
      });
      expect(outcome).toEqual({ data: { me: { roles: ['ADMIN'] } } });
    } finally {
      await client.dispose();
    }

    const sse = await postJson(
      second.url,
      second.adminKey,
      { extensions: { persistedQuery } },
      'text/event-stream',
    );
    expect(sse.status).toBe(200);
    expect(sse.text).toContain('"roles":["ADMIN"]');
  });

  it('refuses a query whose hash does not match, and an unknown hash over WebSocket', async () => {
    const mismatch = await postJson(first.url, first.adminKey, {
      query: '{ me { roles } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('something else') } },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toMatch(/provided sha does not match query/);

    const client = wsClient(first.url, first.adminKey);
    try {
      const outcome = await collect(client, '').done;
      expect(outcome.error).toBeDefined();
      const unknown = await new Promise<unknown>((resolve) => {
        client.subscribe(
          {
            query: '',
            extensions: { persistedQuery: { version: 1, sha256Hash: sha256(uniqueDatabaseName()) } },
          },
          { next: () => undefined, error: resolve, complete: () => resolve(undefined) },
        );
      });
      expect(JSON.stringify(unknown)).toMatch(/PersistedQueryNotFound/);
    } finally {
      await client.dispose();
    }
  });
});
