/**
 * What the registry and the upstream errors must not disclose: other teams' hidden names, secrets in
 * provider headers or URLs; who may share a capability with whom; knowledge-base embedding models;
 * and partial results when some aliased fields fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilityModel } from '../src/store/models/capability.model.js';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { SET_RATE_LIMIT, errorCode, teamWithRoleKeys, type RoleKeys } from './governance-fixtures.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const REGISTER = `mutation ($input: RegisterCapabilityInput!) {
  registerCapability(input: $input) { capability { name teams } }
}`;
const REGISTER_PROVIDER = `mutation ($input: RegisterProviderInput!) {
  registerProvider(input: $input) { provider { name } }
}`;
const CREATE_KB = `mutation ($name: String!, $embeddingModel: String) {
  createKnowledgeBase(input: { name: $name, embeddingModel: $embeddingModel }) { knowledgeBase { name } } }`;

describe('registry disclosure and sharing rules', () => {
  let app: TestApp;
  let upstream: FakeServer;
  let teamA: { name: string; keys: RoleKeys };
  let teamB: { name: string; keys: RoleKeys };

  beforeAll(async () => {
    upstream = await startOpenAiFake();
    app = await startTestApp();
    const a = await teamWithRoleKeys(app, 'team-a');
    const b = await teamWithRoleKeys(app, 'team-b');
    teamA = { name: a.team.name, keys: a.keys };
    teamB = { name: b.team.name, keys: b.keys };
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
  });

  const capability = (name: string, teams?: string[]) => ({
    name,
    inputSchema: { type: 'object' },
    outputSchema: { type: 'object' },
    promptTemplate: 'x',
    ...(teams ? { teams } : {}),
  });

  it('lets a MAINTAINER share only within its own team; an ADMIN shares with anyone', async () => {
    const outward = await graphql(app.url, REGISTER, {
      key: teamB.keys.MAINTAINER,
      variables: { input: capability('b-to-a', [teamA.name]) },
    });
    expect(errorCode(outward)).toBe('FORBIDDEN');
    expect(await capabilityModel(app.services.store.connection).findById('b-to-a').lean()).toBeNull();
    await graphqlOk(app.url, REGISTER, {
      key: teamB.keys.MAINTAINER,
      variables: { input: capability('b-own', [teamB.name]) },
    });
    const widen = await graphql(
      app.url,
      `
        mutation ($input: UpdateCapabilityInput!) {
          updateCapability(input: $input) {
            capability {
              name
            }
          }
        }
      `,
      { key: teamB.keys.MAINTAINER, variables: { input: capability('b-own', [teamB.name, teamA.name]) } },
    );
    expect(errorCode(widen)).toBe('FORBIDDEN');
    await graphqlOk(app.url, REGISTER, {
      key: app.adminKey,
      variables: { input: capability('admin-to-a', [teamA.name]) },
    });
  });

  it('words a CONFLICT alike for a hidden and a visible holder of the name', async () => {
    // "b-own" is hidden from team A; "a-own" is team A's own.
    await graphqlOk(app.url, REGISTER, {
      key: teamA.keys.MAINTAINER,
      variables: { input: capability('a-own', [teamA.name]) },
    });
    const hidden = await graphql(app.url, REGISTER, {
      key: teamA.keys.MAINTAINER,
      variables: { input: capability('b-own') },
    });
    const visible = await graphql(app.url, REGISTER, {
      key: teamA.keys.MAINTAINER,
      variables: { input: capability('a-own') },
    });
    expect(errorCode(hidden)).toBe('CONFLICT');
    expect(errorCode(visible)).toBe('CONFLICT');
    expect(hidden.errors?.[0]?.message.replace('b-own', 'NAME')).toBe(
      visible.errors?.[0]?.message.replace('a-own', 'NAME'),
    );
    expect(hidden.errors?.[0]?.message).not.toContain(teamB.name);

    await graphqlOk(app.url, CREATE_KB, { key: teamB.keys.MAINTAINER, variables: { name: 'kb-b' } });
    await graphqlOk(app.url, CREATE_KB, { key: teamA.keys.MAINTAINER, variables: { name: 'kb-a' } });
    const hiddenBase = await graphql(app.url, CREATE_KB, {
      key: teamA.keys.MAINTAINER,
      variables: { name: 'kb-b' },
    });
    const ownBase = await graphql(app.url, CREATE_KB, {
      key: teamA.keys.MAINTAINER,
      variables: { name: 'kb-a' },
    });
    expect(errorCode(hiddenBase)).toBe('CONFLICT');
    expect(hiddenBase.errors?.[0]?.message.replace('kb-b', 'NAME')).toBe(
      ownBase.errors?.[0]?.message.replace('kb-a', 'NAME'),
    );
  });

  it('refuses credentials in a baseUrl and keeps header values out of upstream error messages', async () => {
    for (const baseUrl of [
      `${upstream.url}/v1?api_key=abc123`,
      `${upstream.url}/v1?x=sk-live-0123456789abcdef`,
      `http://user:pass@127.0.0.1:1/v1`,
    ]) {
      const answer = await graphql(app.url, REGISTER_PROVIDER, {
        key: app.adminKey,
        variables: { input: { name: 'leaky', kind: 'OPENAI_COMPATIBLE', baseUrl } },
      });
      expect(errorCode(answer), baseUrl).toBe('BAD_USER_INPUT');
    }
    await graphqlOk(app.url, REGISTER_PROVIDER, {
      key: app.adminKey,
      variables: {
        input: {
          name: 'azure-like',
          kind: 'OPENAI_COMPATIBLE',
          baseUrl: `${upstream.url}/v1?api-version=2024-10-21`,
          headers: { 'X-Tenant-Token': 'tenant-secret-value-42' },
        },
      },
    });
    await graphqlOk(
      app.url,
      `mutation { registerModel(input: { name: "azure/gpt", provider: "azure-like", upstreamModel: "gpt" }) { model { name } } }`,
      { key: app.adminKey },
    );
    await graphqlOk(app.url, REGISTER, {
      key: app.adminKey,
      variables: { input: { ...capability('echo-upstream'), implementations: [{ model: 'azure/gpt' }] } },
    });
    upstream.enqueue({ type: 'error', status: 400, message: 'bad header tenant-secret-value-42 given' });
    const failed = await graphql(
      app.url,
      `
        mutation {
          invoke(capability: "echo-upstream", input: {}) {
            output
          }
        }
      `,
      {
        key: app.adminKey,
      },
    );
    expect(errorCode(failed)).toBe('PROVIDER_ERROR');
    expect(JSON.stringify(failed)).not.toContain('tenant-secret-value-42');
  });

  it('refuses a knowledge base with an unknown or non-embedding model', async () => {
    for (const embeddingModel of ['no/such-model', 'local/bm25']) {
      const answer = await graphql(app.url, CREATE_KB, {
        key: app.adminKey,
        variables: { name: `kb-${embeddingModel.replace(/\W/g, '')}`, embeddingModel },
      });
      expect(errorCode(answer), embeddingModel).toBe('BAD_USER_INPUT');
    }
    await graphqlOk(app.url, CREATE_KB, {
      key: app.adminKey,
      variables: { name: 'kb-embedded', embeddingModel: 'azure/gpt' },
    });
  });

  it('returns the 5 admitted results of 10 aliased summarize calls, with RATE_LIMITED on the others', async () => {
    await graphqlOk(app.url, SET_RATE_LIMIT, {
      key: app.adminKey,
      variables: { scope: 'TEAM', target: teamB.name, rpm: 5 },
    });
    const fields = Array.from(
      { length: 10 },
      (_, index) =>
        `s${index}: summarize(input: { text: "One sentence here. Another one there." }) { summary }`,
    );
    const answer = await graphql<Record<string, { summary: string } | null>>(
      app.url,
      `mutation { ${fields.join('\n')} }`,
      { key: teamB.keys.MEMBER },
    );
    expect(answer.data).not.toBeNull();
    const answered = Object.values(answer.data ?? {}).filter((value) => value !== null);
    expect(answered).toHaveLength(5);
    expect(answer.errors).toHaveLength(5);
    for (const error of answer.errors ?? []) {
      expect(error.extensions?.code).toBe('RATE_LIMITED');
      expect(error.path).toHaveLength(1);
    }
  });
});
