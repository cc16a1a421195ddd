/**
 * A revoked key stops at once on every instance: two instances share the database and Redis; the
 * key is cached by both, revoked through one, and refused by both on the very next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, graphql, wsClient } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createKey, createTeam, errorCode, REVOKE_KEY, uniqueName } from './governance-fixtures.js';

describe('API key revocation across instances', () => {
  let first: TestApp;
  let second: TestApp;
  let teamName: string;

  beforeAll(async () => {
    first = await startTestApp({ redis: true });
    second = await startTestApp({ redis: true, database: first.database, masterKey: first.masterKey });
    teamName = (await createTeam(first, uniqueName('rev'))).name;
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('refuses a revoked key on both instances immediately, over HTTP', async () => {
    const { key, id } = await createKey(first.url, first.adminKey, teamName, ['MEMBER']);
    for (const app of [first, second]) {
      const before = await graphql(app.url, '{ me { id } }', { key });
      expect(before.status).toBe(200); // now cached by this instance
    }

    const revoked = await graphql<{ revokeApiKey: { apiKey: { id: string; revokedAt: string } } }>(
      first.url,
      REVOKE_KEY,
      {
        key: first.adminKey,
        variables: { id },
      },
    );
    expect(revoked.data?.revokeApiKey.apiKey.revokedAt).toBeTruthy();

    const onSecond = await graphql(second.url, '{ me { id } }', { key });
    expect(errorCode(onSecond)).toBe('UNAUTHENTICATED');
    expect(onSecond.status).toBe(401);
    const onFirst = await graphql(first.url, '{ me { id } }', { key });
    expect(errorCode(onFirst)).toBe('UNAUTHENTICATED');
  });

  it('closes an open WebSocket on the other instance (4403) and refuses to reconnect', async () => {
    const { key, id } = await createKey(first.url, first.adminKey, teamName, ['VIEWER']);
    const client = wsClient(second.url, key);
    const closed = new Promise<number>((resolve) =>
      client.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    const open = collect(client, 'subscription { budgetAlerts { scope } }');
    try {
      const before = await collect<{ me: { id: string } }>(client, '{ me { id } }').done;
      expect(before.results[0]?.data?.me.id).toBe(id);

      await graphql(first.url, REVOKE_KEY, { key: first.adminKey, variables: { id } });
      expect(await closed).toBe(4403);
      expect((await open.done).error).toMatchObject({ code: 4403 });

      const again = wsClient(second.url, key);
      try {
        const after = await collect(again, '{ me { id } }').done;
        expect(after.error).toMatchObject({ code: 4401 });
      } finally {
        await again.dispose();
      }
    } finally {
      await client.dispose();
    }
  });

  it('lists the key as revoked, and revoking again changes nothing', async () => {
    const { id } = await createKey(first.url, first.adminKey, teamName, ['VIEWER']);
    const once = await graphql<{ revokeApiKey: { apiKey: { revokedAt: string } } }>(first.url, REVOKE_KEY, {
      key: first.adminKey,
      variables: { id },
    });
    const twice = await graphql<{ revokeApiKey: { apiKey: { revokedAt: string } } }>(second.url, REVOKE_KEY, {
      key: second.adminKey,
      variables: { id },
    });
    expect(twice.data?.revokeApiKey.apiKey.revokedAt).toBe(once.data?.revokeApiKey.apiKey.revokedAt);
    const listed = await graphql<{
      apiKeys: { edges: Array<{ node: { id: string; revokedAt: string | null } }> };
    }>(
      second.url,
      'query ($team: String) { apiKeys(team: $team) { edges { node { id: internalId revokedAt } } } }',
      { key: second.adminKey, variables: { team: teamName } },
    );
    expect(listed.data?.apiKeys.edges.map((edge) => edge.node).find((key) => key.id === id)?.revokedAt).toBe(
      once.data?.revokeApiKey.apiKey.revokedAt,
    );
  });
});
