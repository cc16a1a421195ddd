/**
 * Global object identification and connections, as standard clients use them: Apollo Client's
 * InMemoryCache with no type policies stays right after a mutation; `node(id:)` refetches any
 * entity; malformed ids and cursors are BAD_USER_INPUT.
 */
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, uniqueName } from './governance-fixtures.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CAPABILITIES = gql`
  query Capabilities {
    capabilities(first: 10) {
      edges {
        cursor
        node {
          id
          name
          version
          routing {
            strategy
            maxAttempts
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const SET_ROUTING = gql`
  mutation SetRouting($input: SetRoutingPolicyInput!) {
    setRoutingPolicy(input: $input) {
      capability {
        id
        version
        routing {
          strategy
          maxAttempts
        }
      }
    }
  }
`;

interface CapabilitiesData {
  capabilities: {
    edges: Array<{
      node: {
        id: string;
        name: string;
        version: number;
        routing: { strategy: string; maxAttempts: number | null };
      };
    }>;
  };
}

describe('global ids, node(id:) and connections', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('keeps an Apollo InMemoryCache (no type policies) right after setRoutingPolicy', async () => {
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${app.url}/graphql`, headers: { authorization: `Bearer ${app.adminKey}` } }),
      cache: new InMemoryCache(),
    });
    const before = await client.query<CapabilitiesData>({ query: CAPABILITIES });
    const summarize = before.data!.capabilities.edges.find((edge) => edge.node.name === 'summarize')!.node;
    expect(summarize.routing.strategy).toBe('FALLBACK');

    await client.mutate({
      mutation: SET_ROUTING,
      variables: { input: { capability: 'summarize', policy: { strategy: 'CHEAPEST', maxAttempts: 2 } } },
    });

    // Read from the cache only: the list query sees the capability the mutation returned.
    const cached = client.readQuery<CapabilitiesData>({ query: CAPABILITIES });
    const after = cached!.capabilities.edges.find((edge) => edge.node.name === 'summarize')!.node;
    expect(after).toMatchObject({ id: summarize.id, routing: { strategy: 'CHEAPEST', maxAttempts: 2 } });
    expect(after.version).toBeGreaterThan(summarize.version);

    await client.mutate({
      mutation: SET_ROUTING,
      variables: { input: { capability: 'summarize', policy: { strategy: 'FALLBACK' } } },
    });
    client.stop();
  });

  it('refetches every kind of entity by its id with node(id:)', async () => {
    const teamName = uniqueName('node');
    const created = await graphqlOk<{
      createTeam: { team: { id: string } };
      createApiKey: { apiKey: { id: string } };
    }>(
      app.url,
      `mutation ($team: String!) {
        createTeam(input: { name: $team }) { team { id } }
        createApiKey(input: { team: $team, name: "n", roles: [VIEWER] }) { apiKey { id } }
      }`,
      { key: app.adminKey, variables: { team: teamName } },
    );
    const lists = await graphqlOk<{
      capabilities: { edges: Array<{ node: { id: string } }> };
      models: { edges: Array<{ node: { id: string } }> };
      providers: { edges: Array<{ node: { id: string } }> };
      auditLog: { edges: Array<{ node: { id: string } }> };
      version: { id: string };
    }>(
      app.url,
      `{
        capabilities(first: 1) { edges { node { id } } }
        models(first: 1) { edges { node { id } } }
        providers(first: 1) { edges { node { id } } }
        auditLog(first: 1) { edges { node { id } } }
        version: capabilityVersion(name: "summarize", version: 1) { id }
      }`,
      { key: app.adminKey },
    );
    const ids = [
      created.createTeam.team.id,
      created.createApiKey.apiKey.id,
      lists.capabilities.edges[0]!.node.id,
      lists.models.edges[0]!.node.id,
      lists.providers.edges[0]!.node.id,
      lists.auditLog.edges[0]!.node.id,
      lists.version.id,
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      const data = await graphqlOk<{ node: { __typename: string; id: string } | null }>(
        app.url,
        'query ($id: ID!) { node(id: $id) { __typename id } }',
        { key: app.adminKey, variables: { id } },
      );
      expect(data.node?.id).toBe(id);
    }
  });

  it('answers BAD_USER_INPUT for a malformed or unknown-type node id, and null for a missing object', async () => {
    for (const id of ['not an id', 'Zm9vYmFy', Buffer.from('Nope:1').toString('base64url')]) {
      const response = await graphql(app.url, 'query ($id: ID!) { node(id: $id) { id } }', {
        key: app.adminKey,
        variables: { id },
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(/Invalid id/);
    }
    const missing = await graphqlOk<{ node: unknown }>(app.url, 'query ($id: ID!) { node(id: $id) { id } }', {
      key: app.adminKey,
      variables: { id: Buffer.from('Capability:no-such-thing').toString('base64url') },
    });
    expect(missing.node).toBeNull();
  });

  it('pages forward and backward with full PageInfo, and refuses malformed cursors', async () => {
    const page = (variables: Record<string, unknown>) =>
      graphqlOk<{
        models: {
          edges: Array<{ cursor: string; node: { name: string } }>;
          pageInfo: {
            hasNextPage: boolean;
            hasPreviousPage: boolean;
            startCursor: string;
            endCursor: string;
          };
          totalCount: number;
        };
      }>(
        app.url,
        `query ($first: Int, $after: String, $last: Int, $before: String) {
          models(first: $first, after: $after, last: $last, before: $before) {
            edges { cursor node { name } }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            totalCount
          }
        }`,
        { key: app.adminKey, variables },
      );
    const first = await page({ first: 2 });
    expect(first.models.edges).toHaveLength(2);
    expect(first.models.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await page({ first: 2, after: first.models.pageInfo.endCursor });
    expect(second.models.pageInfo.hasPreviousPage).toBe(true);
    const names = [...first.models.edges, ...second.models.edges].map((edge) => edge.node.name);
    expect(new Set(names).size).toBe(4);
    const back = await page({ last: 2, before: second.models.pageInfo.startCursor });
    expect(back.models.edges.map((edge) => edge.node.name)).toEqual(names.slice(0, 2));
    expect(first.models.totalCount).toBeGreaterThanOrEqual(4);

    for (const after of ['garbage!', Buffer.from('other:1').toString('base64url')]) {
      const bad = await graphql(app.url, 'query ($after: String) { teams(after: $after) { totalCount } }', {
        key: app.adminKey,
        variables: { after },
      });
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    }
  });

  it('answers enums where the values are ours: entity types, capability kind and status, principal kind', async () => {
    const data = await graphqlOk<{
      analyze: { entities: Array<{ text: string; type: string; label: string }> };
      capability: { kind: string; status: string; routing: { strategy: string } };
      me: { kind: string };
    }>(
      app.url,
      `mutation {
        analyze(input: { text: "Write to ana@example.org before 3 May 2026.", aspects: [ENTITIES] }) {
          entities { text type label }
        }
      }`,
      { key: app.adminKey },
    ).then(async (mutation) => ({
      ...mutation,
      ...(await graphqlOk<{
        capability: { kind: string; status: string; routing: { strategy: string } };
        me: { kind: string };
      }>(app.url, '{ capability(name: "analyze") { kind status routing { strategy } } me { kind } }', {
        key: app.adminKey,
      })),
    }));
    expect(data.analyze.entities).toContainEqual({ text: 'ana@example.org', type: 'EMAIL', label: 'EMAIL' });
    expect(data.capability).toMatchObject({ kind: 'BUILTIN', status: 'ACTIVE' });
    expect(data.me.kind).toBe('API_KEY');
  });
});
