import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, graphql, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('authentication on HTTP and WebSocket', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers UNAUTHENTICATED with 401 when no key is sent over HTTP', async () => {
    const response = await graphql(app.url, '{ me { id } }');
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data ?? undefined).toBeUndefined();
  });

  it('answers UNAUTHENTICATED for a wrong key over HTTP, without echoing the key', async () => {
    const response = await graphql(app.url, '{ me { id } }', { key: 'cg_not_a_real_key_at_all_12345' });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(response)).not.toContain('cg_not_a_real_key');
  });

  it('resolves the principal for a good key over HTTP', async () => {
    const response = await graphql<{ me: { roles: string[]; team: string } }>(
      app.url,
      '{ me { roles team } }',
      {
        key: app.adminKey,
      },
    );
    expect(response.status).toBe(200);
    expect(response.data?.me).toEqual({ roles: ['ADMIN'], team: 'admins' });
  });

  it('closes the WebSocket with 4401 when connection_init carries no or a wrong key', async () => {
    for (const key of [undefined, 'cg_wrong_key_wrong_key_wrong_key']) {
      const client = wsClient(app.url, key);
      const { done } = collect(client, '{ me { id } }');
      const outcome = await done;
      expect((outcome.error as { code?: number }).code).toBe(4401);
      await client.dispose();
    }
  });

  it('runs operations over WebSocket with a good key', async () => {
    const client = wsClient(app.url, app.adminKey);
    const { done } = collect<{ me: { roles: string[] } }>(client, '{ me { roles } }');
    const outcome = await done;
    expect(outcome.error).toBeUndefined();
    expect(outcome.results[0]?.data?.me.roles).toEqual(['ADMIN']);
    await client.dispose();
  });

  it('keeps healthz and readyz open without a key, and reports the modes', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', mongo: 'external', redis: 'in-process' });
  });
});
