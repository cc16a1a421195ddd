/**
 * graphql-ws takes the API key from `connection_init` as clients send it: `authorization` in any
 * letter case, or nested under `headers` (as GraphQL IDEs and Apollo links do). Anything else is 4401.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('graphql-ws connection params', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const rolesWith = async (connectionParams: Record<string, unknown>) => {
    const client = createClient({
      url: `${app.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams,
      lazy: true,
      retryAttempts: 0,
    });
    try {
      return await collect<{ me: { roles: string[] } }>(client, '{ me { roles } }').done;
    } finally {
      await client.dispose();
    }
  };

  it('accepts the key under authorization in any letter case and under headers.authorization', async () => {
    const bearer = `Bearer ${app.adminKey}`;
    for (const params of [
      { authorization: bearer },
      { Authorization: bearer },
      { AUTHORIZATION: bearer },
      { headers: { authorization: bearer } },
      { headers: { Authorization: bearer } },
    ]) {
      const outcome = await rolesWith(params);
      expect(outcome.error, JSON.stringify(Object.keys(params))).toBeUndefined();
      expect(outcome.results[0]?.data?.me.roles).toEqual(['ADMIN']);
    }
  });

  it('closes with 4401 when the key is missing, wrong, or not a string', async () => {
    for (const params of [
      {},
      { authorization: 'Bearer cg_wrong_key_0000000000000000' },
      { headers: { authorization: 42 } },
      { token: `Bearer ${app.adminKey}` },
    ]) {
      const outcome = await rolesWith(params);
      expect((outcome.error as { code?: number }).code).toBe(4401);
      expect(outcome.results).toEqual([]);
    }
  });
});
