/**
 * Every model call passes one governed seam: knowledge-base ingestion, hybrid search and
 * `/v1/embeddings` embed masked text (the fake provider sees it), are charged to the caller's team
 * budget, recorded as usage, counted in the upstream metrics and traced as GenAI spans.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiFake, type FakeServer } from './fakes/index.js';
import {
  BUDGETS,
  nodesOf,
  type Conn,
  errorCode,
  graphql,
  graphqlOk,
  SET_BUDGET,
  teamWithRoleKeys,
  type RoleKeys,
} from './governance-fixtures.js';
import { attributesOf, startOtlpCollector, type OtlpCollector } from './support/otlp-collector.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface UsageRow {
  runId: string;
  teamId: string;
  keyId: string;
  capability: string;
  model: string;
  provider: string;
  inputTokens: number;
  costUsd: number;
  status: string;
  errorCode?: string;
  frontDoor: string;
}

const EMBED_MODEL = 'seam/embed';
const UPSTREAM_MODEL = 'text-embedding-3-small';
const RETRIEVE = `mutation R($input: RetrieveInput!) { retrieve(input: $input) { chunks { documentId } meta { model } } }`;
const INGEST = `mutation I($kb: String!, $docs: [DocumentInput!]!) { ingestDocuments(input: { knowledgeBase: $kb, documents: $docs }) { chunkCount } }`;

describe('the governed seam for embedding calls', () => {
  let app: TestApp | undefined;
  let upstream: FakeServer;
  let collector: OtlpCollector;
  let team: { id: string; name: string };
  let keys: RoleKeys;

  const live = (): TestApp => app!;
  const usageRows = async (filter: Record<string, unknown>): Promise<UsageRow[]> => {
    await live().services.usage?.flush();
    return live()
      .services.store.connection.collection<UsageRow>('usageEvents')
      .find(filter, { projection: { _id: 0 } })
      .toArray();
  };
  const teamSpend = async (teamId: string): Promise<number> => {
    const data = await graphqlOk<{ budgets: Conn<{ targetId: string; spentUsd: number }> }>(
      live().url,
      BUDGETS,
      {
        key: live().adminKey,
      },
    );
    return nodesOf(data.budgets).find((budget) => budget.targetId === teamId)!.spentUsd;
  };
  const sentToUpstream = (): string =>
    JSON.stringify(
      upstream.requests
        .filter((request) => request.path.endsWith('/embeddings'))
        .map((request) => request.body),
    );

  beforeAll(async () => {
    upstream = await startOpenAiFake();
    collector = await startOtlpCollector();
    app = await startTestApp({
      redis: true,
      env: { CAPGATE_TRACING: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
    });
    await graphqlOk(
      app.url,
      `mutation ($provider: RegisterProviderInput!, $model: RegisterModelInput!) { registerProvider(input: $provider) { provider { name } } registerModel(input: $model) { model { name } } }`,
      {
        key: app.adminKey,
        variables: {
          provider: { name: 'seam-embed', kind: 'OPENAI_COMPATIBLE', baseUrl: upstream.url },
          model: {
            name: EMBED_MODEL,
            provider: 'seam-embed',
            upstreamModel: UPSTREAM_MODEL,
            tags: ['embeddings'],
            pricing: { inputPer1M: 1000, outputPer1M: 0 },
          },
        },
      },
    );
    await graphqlOk(
      app.url,
      `mutation { setDefaultMaskingPolicy(input: { detectors: [EMAIL, PHONE], mode: REDACT }) { maskingPolicy { mode } } }`,
      {
        key: app.adminKey,
      },
    );
    ({ team, keys } = await teamWithRoleKeys(app, 'seam'));
    await graphqlOk(app.url, SET_BUDGET, {
      key: app.adminKey,
      variables: { scope: 'TEAM', target: team.name, limitUsd: 100, period: 'DAILY', mode: 'SOFT' },
    });
    await graphqlOk(
      app.url,
      `mutation { createKnowledgeBase(input: { name: "seam-kb", embeddingModel: "${EMBED_MODEL}" }) { knowledgeBase { name } } }`,
      { key: keys.MAINTAINER },
    );
  });

  afterAll(async () => {
    await app?.stop();
    await upstream?.close();
    await collector?.close();
  });

  it('masks, charges, records and meters knowledge-base ingestion and hybrid search', async () => {
    upstream.reset();
    const ingested = await graphqlOk<{ ingestDocuments: { chunkCount: number } }>(live().url, INGEST, {
      key: keys.MAINTAINER,
      variables: {
        kb: 'seam-kb',
        docs: [
          {
            id: 'contact',
            text: 'Write to alice@example.com for refunds. Call +1 (415) 555-2671 for shipping questions.',
          },
        ],
      },
    });
    expect(ingested.ingestDocuments.chunkCount).toBeGreaterThan(0);
    const retrieved = await graphqlOk<{ retrieve: { chunks: { documentId: string }[] } }>(
      live().url,
      RETRIEVE,
      {
        key: keys.MEMBER,
        variables: { input: { knowledgeBase: 'seam-kb', query: 'refunds by mail to carol@example.org' } },
      },
    );
    expect(retrieved.retrieve.chunks[0]?.documentId).toBe('contact');

    // Masking: the provider saw placeholders, never the addresses or the phone number.
    const sent = sentToUpstream();
    expect(sent).toContain('[EMAIL]');
    expect(sent).not.toContain('alice@example.com');
    expect(sent).not.toContain('carol@example.org');
    expect(sent).not.toContain('555-2671');

    // Usage: one event per embedding call, for the caller's team and key.
    const ingest = await usageRows({ capability: 'knowledge.ingest', teamId: team.id });
    const search = await usageRows({ capability: 'knowledge.search', teamId: team.id });
    expect(ingest).toHaveLength(1);
    expect(search).toHaveLength(1);
    expect(ingest[0]).toMatchObject({
      keyId: keys.ids.MAINTAINER,
      model: EMBED_MODEL,
      provider: 'seam-embed',
      status: 'ok',
      frontDoor: 'graphql',
    });
    expect(search[0]).toMatchObject({ keyId: keys.ids.MEMBER, model: EMBED_MODEL, status: 'ok' });
    for (const row of [...ingest, ...search]) {
      expect(row.inputTokens).toBeGreaterThan(0);
      expect(row.costUsd).toBeCloseTo(row.inputTokens / 1000, 9);
    }

    // Budget: the team's spend is what the embedding calls cost (retrieve itself is local and free).
    const charged = [...ingest, ...search].reduce((sum, row) => sum + row.costUsd, 0);
    expect(await teamSpend(team.id)).toBeCloseTo(charged, 9);

    // Metrics: the calls show up as upstream embedding requests and as runs.
    const metrics = await (await fetch(`${live().url}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(
        `capgate_upstream_request_duration_seconds_count\\{provider="seam-embed",model="${UPSTREAM_MODEL}",operation="embeddings",outcome="ok"\\} 2`,
      ),
    );
    expect(metrics).toMatch(
      /capgate_runs_total\{front_door="graphql",capability="knowledge.ingest",model="seam\/embed",status="ok"\} 1/,
    );
    expect(metrics).toMatch(
      /capgate_runs_total\{front_door="graphql",capability="knowledge.search",model="seam\/embed",status="ok"\} 1/,
    );
  });

  it('masks, charges, records and meters /v1/embeddings the same way', async () => {
    upstream.reset();
    const before = await teamSpend(team.id);
    const response = await fetch(`${live().url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.MEMBER}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: EMBED_MODEL, input: ['mail dave@example.net', 'plain words'] }),
    });
    expect(response.status).toBe(200);
    const runId = response.headers.get('x-capgate-run-id')!;
    const body = (await response.json()) as { data: unknown[]; usage: { prompt_tokens: number } };
    expect(body.data).toHaveLength(2);
    expect(sentToUpstream()).not.toContain('dave@example.net');
    expect(sentToUpstream()).toContain('[EMAIL]');

    const [row, ...others] = await usageRows({ runId });
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      capability: 'embeddings.create',
      teamId: team.id,
      keyId: keys.ids.MEMBER,
      inputTokens: body.usage.prompt_tokens,
      status: 'ok',
      frontDoor: 'v1',
    });
    expect(await teamSpend(team.id)).toBeCloseTo(before + row!.costUsd, 9);
    expect(row!.costUsd).toBeGreaterThan(0);
    const metrics = await (await fetch(`${live().url}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(
        `capgate_upstream_request_duration_seconds_count\\{provider="seam-embed",model="${UPSTREAM_MODEL}",operation="embeddings",outcome="ok"\\} 3`,
      ),
    );
    expect(metrics).toMatch(
      /capgate_runs_total\{front_door="v1",capability="embeddings.create",model="seam\/embed",status="ok"\} 1/,
    );
  });

  it('refuses an ingestion its team cannot afford, writes nothing and records the refusal', async () => {
    const { team: poor, keys: poorKeys } = await teamWithRoleKeys(live(), 'seam-poor');
    await graphqlOk(
      live().url,
      `mutation { createKnowledgeBase(input: { name: "seam-poor-kb", embeddingModel: "${EMBED_MODEL}" }) { knowledgeBase { name } } }`,
      { key: poorKeys.MAINTAINER },
    );
    await graphqlOk(live().url, SET_BUDGET, {
      key: live().adminKey,
      variables: { scope: 'TEAM', target: poor.name, limitUsd: 0.000001, period: 'DAILY', mode: 'HARD' },
    });
    upstream.reset();
    const refused = await graphql(live().url, INGEST, {
      key: poorKeys.MAINTAINER,
      variables: { kb: 'seam-poor-kb', docs: [{ id: 'long', text: 'Words that cost money. '.repeat(50) }] },
    });
    expect(errorCode(refused)).toBe('BUDGET_EXCEEDED');
    expect(sentToUpstream()).toBe('[]');
    const bases = await graphqlOk<{
      knowledgeBases: Conn<{ name: string; documentCount: number; chunkCount: number }>;
    }>(live().url, '{ knowledgeBases { edges { node { name documentCount chunkCount } } } }', {
      key: poorKeys.MAINTAINER,
    });
    expect(nodesOf(bases.knowledgeBases)).toEqual([
      { name: 'seam-poor-kb', documentCount: 0, chunkCount: 0 },
    ]);
    expect(await usageRows({ teamId: poor.id, capability: 'knowledge.ingest' })).toMatchObject([
      { status: 'error', errorCode: 'BUDGET_EXCEEDED', costUsd: 0 },
    ]);
    expect(await teamSpend(poor.id)).toBe(0);
  });

  it('traces every embedding call as a GenAI client span under its request span', async () => {
    await live().stop(); // flushes the span batch
    app = undefined;
    const embeddingSpans = collector.spans.filter((span) => span.name === `embeddings ${UPSTREAM_MODEL}`);
    expect(embeddingSpans).toHaveLength(3);
    for (const span of embeddingSpans) {
      const parent = collector.spans.find((candidate) => candidate.spanId === span.parentSpanId);
      expect(parent?.name).toMatch(/^POST \/(graphql|v1\/embeddings)$/);
      expect(parent?.traceId).toBe(span.traceId);
      expect(attributesOf(span)).toMatchObject({
        'gen_ai.operation.name': 'embeddings',
        'gen_ai.system': 'openai',
        'gen_ai.request.model': UPSTREAM_MODEL,
        'capgate.provider': 'seam-embed',
      });
      expect(attributesOf(span)['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    }
    const parents = embeddingSpans.map(
      (span) => collector.spans.find((candidate) => candidate.spanId === span.parentSpanId)!.name,
    );
    expect(parents.sort()).toEqual(['POST /graphql', 'POST /graphql', 'POST /v1/embeddings']);
  });
});
