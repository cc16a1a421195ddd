/**
 * One tenant's hostile registration or input must not freeze the gateway for the others: regexes run
 * on a linear-time engine, schemas are bounded and compiled once per content, and every input is
 * capped. Behaviour is asserted (a small request is answered alongside), never milliseconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilityModel } from '../src/store/models/capability.model.js';
import { schemaCompilations } from '../src/capabilities/json-schema.js';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import { errorCode, teamWithRoleKeys, type RoleKeys } from './governance-fixtures.js';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const REGISTER = `mutation ($input: RegisterCapabilityInput!) {
  registerCapability(input: $input) { capability { name version } }
}`;
const INVOKE = `mutation ($capability: String!, $input: JSON!) { invoke(capability: $capability, input: $input) { output } }`;
const SUMMARIZE = `mutation ($text: String!) { summarize(input: { text: $text, maxSentences: 1 }) { summary } }`;
const SET_MASKING = `mutation ($capability: String!, $patterns: [MaskingPatternInput!]) {
  setMaskingPolicy(input: { capability: $capability, detectors: [], mode: REDACT, customPatterns: $patterns }) {
    capability { name }
  }
}`;
const SET_DEFAULT_MASKING = `mutation ($patterns: [MaskingPatternInput!]) {
  setDefaultMaskingPolicy(input: { detectors: [], mode: REDACT, customPatterns: $patterns }) {
    maskingPolicy { mode }
  }
}`;
const CLASSIFY = `mutation ($input: ClassifyInput!) { classify(input: $input) { label } }`;

const echoSchema = {
  type: 'object',
  properties: { text: { type: 'string' } },
  required: ['text'],
};

describe('hostile registrations and inputs', () => {
  let app: TestApp;
  let upstream: FakeServer;
  let owners: RoleKeys;
  let others: RoleKeys;

  beforeAll(async () => {
    upstream = await startOpenAiFake({ scenario: { type: 'reply', text: '{"ok":true}' } });
    app = await startTestApp();
    owners = (await teamWithRoleKeys(app, 'owners')).keys;
    others = (await teamWithRoleKeys(app, 'others')).keys;
    await graphqlOk(
      app.url,
      `mutation ($provider: RegisterProviderInput!, $model: RegisterModelInput!) {
        registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: app.adminKey,
        variables: {
          provider: { name: 'fake', kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          model: { name: 'fake/gpt', provider: 'fake', upstreamModel: 'gpt-fake' },
        },
      },
    );
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
  });

  async function registerEcho(name: string, key: string, inputSchema: unknown = echoSchema) {
    return graphql(app.url, REGISTER, {
      key,
      variables: {
        input: {
          name,
          inputSchema,
          outputSchema: { type: 'object' },
          promptTemplate: 'Echo {{input.text}}',
          implementations: [{ model: 'fake/gpt' }],
        },
      },
    });
  }

  it('masks with a nested-quantifier custom pattern on hostile input while another tenant is answered', async () => {
    expect((await registerEcho('redos-masked', owners.MAINTAINER)).errors).toBeUndefined();
    await graphqlOk(app.url, SET_MASKING, {
      key: owners.MAINTAINER,
      variables: { capability: 'redos-masked', patterns: [{ name: 'RUN', pattern: '(a+)+$' }] },
    });
    // With a backtracking RegExp, 29 × "a" + "!" stalled the loop 5 s, doubling per character.
    const hostile = graphql(app.url, INVOKE, {
      key: others.MEMBER,
      variables: { capability: 'redos-masked', input: { text: `${'a'.repeat(200_000)}!` } },
    });
    const small = graphql(app.url, SUMMARIZE, {
      key: owners.MEMBER,
      variables: { text: 'Small requests are answered. Nothing waits.' },
    });
    const [hostileAnswer, smallAnswer] = await Promise.all([hostile, small]);
    expect(hostileAnswer.errors).toBeUndefined();
    expect(smallAnswer.errors).toBeUndefined();
  });

  it('refuses, at registration, a masking pattern the linear-time engine cannot run', async () => {
    for (const pattern of [String.raw`(a)\1`, '(?<=x)a']) {
      const perCapability = await graphql(app.url, SET_MASKING, {
        key: owners.MAINTAINER,
        variables: { capability: 'redos-masked', patterns: [{ name: 'BAD', pattern }] },
      });
      expect(errorCode(perCapability)).toBe('BAD_USER_INPUT');
      const orgDefault = await graphql(app.url, SET_DEFAULT_MASKING, {
        key: app.adminKey,
        variables: { patterns: [{ name: 'BAD', pattern }] },
      });
      expect(errorCode(orgDefault)).toBe('BAD_USER_INPUT');
    }
    const malformed = await graphql(app.url, SET_DEFAULT_MASKING, {
      key: app.adminKey,
      variables: { patterns: { name: 'X' } },
    });
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
  });

  it('refuses an oversized, self-referencing or unresolvable schema and stores nothing', async () => {
    const properties: Record<string, unknown> = {};
    for (let index = 0; index < 30_000; index += 1) properties[`p${index}`] = { type: 'string' };
    const cases: [string, unknown][] = [
      ['huge-schema', { type: 'object', properties }],
      ['self-ref-schema', { $ref: '#' }],
      [
        'backref-schema',
        { type: 'object', properties: { text: { type: 'string', pattern: String.raw`(a)\1` } } },
      ],
      ['elsewhere-schema', { $ref: 'https://example.com/schema.json' }],
    ];
    for (const [name, schema] of cases) {
      const answer = await registerEcho(name, owners.MAINTAINER, schema);
      expect(answer.status, name).toBe(200);
      expect(errorCode(answer), name).toBe('BAD_USER_INPUT');
      expect(await capabilityModel(app.services.store.connection).findById(name).lean(), name).toBeNull();
    }
  });

  it('runs a schema pattern on the linear-time engine: hostile input is refused while another tenant is answered', async () => {
    const schema = {
      type: 'object',
      properties: { text: { type: 'string', pattern: '^(a+)+$' } },
      required: ['text'],
    };
    expect((await registerEcho('redos-schema', owners.MAINTAINER, schema)).errors).toBeUndefined();
    const [hostile, small] = await Promise.all([
      graphql(app.url, INVOKE, {
        key: others.MEMBER,
        variables: { capability: 'redos-schema', input: { text: `${'a'.repeat(200_000)}!` } },
      }),
      graphql(app.url, SUMMARIZE, { key: owners.MEMBER, variables: { text: 'Still answered. Quickly.' } }),
    ]);
    expect(errorCode(hostile)).toBe('BAD_USER_INPUT');
    expect(small.errors).toBeUndefined();
  });

  it('scopes $id per capability: two teams reuse one $id, and both still work after reloads', async () => {
    const withId = { ...echoSchema, $id: 'https://schemas.example.com/echo' };
    expect((await registerEcho('id-owners', owners.MAINTAINER, withId)).errors).toBeUndefined();
    expect((await registerEcho('id-others', others.MAINTAINER, withId)).errors).toBeUndefined();
    const compiled = schemaCompilations();
    for (let reload = 0; reload < 3; reload += 1) await app.services.registry.reload();
    for (const capability of ['id-owners', 'id-others']) {
      const answer = await graphql(app.url, INVOKE, {
        key: app.adminKey,
        variables: { capability, input: { text: 'hi' } },
      });
      expect(answer.errors, capability).toBeUndefined();
      const invalid = await graphql(app.url, INVOKE, {
        key: app.adminKey,
        variables: { capability, input: { nope: 1 } },
      });
      expect(errorCode(invalid), capability).toBe('BAD_USER_INPUT');
    }
    // Reloads build new schema objects; the validators compiled for their content are reused.
    expect(schemaCompilations()).toBe(compiled);
  });

  it('answers a 10,000-deep JSON input with 400 BAD_USER_INPUT, not 500', async () => {
    // Written out by hand: JSON.stringify itself overflows the stack on a value this deep.
    const deep = `${'{"a":'.repeat(10_000)}"x"${'}'.repeat(10_000)}`;
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminKey}` },
      body: `{"query":${JSON.stringify(INVOKE)},"variables":{"capability":"id-owners","input":{"text":"x","deep":${deep}}}}`,
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('caps every classify input and never echoes a huge label', async () => {
    const hugeLabel = `L${'x'.repeat(100_000)}`;
    const base = { text: 'A short text.', labels: ['one', 'two'] };
    const cases = [
      { ...base, labels: ['one', hugeLabel] },
      { ...base, labels: Array.from({ length: 101 }, (_, index) => `label ${index}`) },
      { ...base, examples: Array.from({ length: 201 }, () => ({ text: 'x', label: 'one' })) },
      { ...base, examples: [{ text: 'y'.repeat(19_000), label: 'one' }] },
      { ...base, examples: Array.from({ length: 60 }, () => ({ text: 'z'.repeat(1_900), label: 'one' })) },
      { ...base, labelDescriptions: { one: 'd'.repeat(1_001) } },
      { ...base, labelDescriptions: { [hugeLabel]: 'unknown label' } },
    ];
    for (const [index, input] of cases.entries()) {
      const answer = await graphql(app.url, CLASSIFY, { key: owners.MEMBER, variables: { input } });
      expect(errorCode(answer), `case ${index}`).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(answer).length, `case ${index}`).toBeLessThan(2_000);
    }
  });

  it('caps summarize, analyze and retrieve inputs', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['summarize', { text: 'Some text.', language: 'l'.repeat(36) }],
      ['analyze', { text: 'Some text.', aspects: Array.from({ length: 17 }, () => 'STATS') }],
      ['retrieve', { knowledgeBase: 'kb', query: 'q'.repeat(10_001) }],
      ['retrieve', { knowledgeBase: 'k'.repeat(65), query: 'q' }],
      [
        'retrieve',
        { knowledgeBase: 'kb', query: 'q', filter: { tag: Array.from({ length: 101 }, () => 'v') } },
      ],
      ['retrieve', { knowledgeBase: 'kb', query: 'q', filter: { tag: { nested: true } } }],
      [
        'retrieve',
        {
          knowledgeBase: 'kb',
          query: 'q',
          filter: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`f${i}`, 1])),
        },
      ],
    ];
    for (const [capability, input] of cases) {
      const answer = await graphql(app.url, INVOKE, { key: owners.MEMBER, variables: { capability, input } });
      expect(errorCode(answer), `${capability} ${JSON.stringify(input).slice(0, 60)}`).toBe('BAD_USER_INPUT');
    }
  });
});
