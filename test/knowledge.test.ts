import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const documents = [
  {
    id: 'refunds',
    title: 'Refund policy',
    text: 'Refunds are issued within 14 days of purchase. To request a refund, contact support with your order number. Digital goods cannot be refunded after download.',
    metadata: { section: 'billing' },
  },
  {
    id: 'shipping',
    title: 'Shipping',
    text: 'Orders ship within two business days. International shipping takes up to three weeks. Tracking numbers are emailed when the parcel leaves the warehouse.',
    metadata: { section: 'logistics' },
  },
  {
    id: 'passwords',
    title: 'Account security',
    text: 'You can reset your password from the login page. Two-factor authentication protects your account. Support will never ask for your password.',
    metadata: { section: 'account' },
  },
];

const retrieve = `mutation R($input: RetrieveInput!) { retrieve(input: $input) { chunks { documentId chunkId text score metadata } meta { model } } }`;

describe('knowledge bases and retrieve', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await graphqlOk(
      app.url,
      `mutation { createKnowledgeBase(input: { name: "help", description: "Help center" }) { knowledgeBase { name } } }`,
      { key: app.adminKey },
    );
    const ingested = await graphqlOk<{ ingestDocuments: { documents: unknown[]; chunkCount: number } }>(
      app.url,
      `mutation I($docs: [DocumentInput!]!) { ingestDocuments(input: { knowledgeBase: "help", documents: $docs }) { documents { id } chunkCount } }`,
      { key: app.adminKey, variables: { docs: documents } },
    );
    expect(ingested.ingestDocuments.documents).toHaveLength(3);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ['how long does international shipping take', 'shipping'],
    ['how do I request a refund for my order', 'refunds'],
    ['I forgot my password', 'passwords'],
  ])('finds the right document first for "%s"', async (query, expected) => {
    const data = await graphqlOk<{
      retrieve: { chunks: { documentId: string; score: number }[]; meta: { model: string } };
    }>(app.url, retrieve, {
      key: app.adminKey,
      variables: { input: { knowledgeBase: 'help', query, topK: 3 } },
    });
    expect(data.retrieve.chunks[0]?.documentId).toBe(expected);
    expect(data.retrieve.meta.model).toBe('local/bm25');
  });

  it('applies metadata filters', async () => {
    const data = await graphqlOk<{ retrieve: { chunks: { documentId: string }[] } }>(app.url, retrieve, {
      key: app.adminKey,
      variables: {
        input: {
          knowledgeBase: 'help',
          query: 'support password refund',
          topK: 5,
          filter: { section: 'account' },
        },
      },
    });
    expect(data.retrieve.chunks.map((chunk) => chunk.documentId)).toEqual(['passwords']);
  });

  it('replaces a document re-ingested under the same id', async () => {
    await graphqlOk(
      app.url,
      `mutation I($docs: [DocumentInput!]!) { ingestDocuments(input: { knowledgeBase: "help", documents: $docs }) { documents { id } } }`,
      {
        key: app.adminKey,
        variables: {
          docs: [{ id: 'shipping', text: 'We now deliver by drone within one hour in selected cities.' }],
        },
      },
    );
    const data = await graphqlOk<{ retrieve: { chunks: { documentId: string; text: string }[] } }>(
      app.url,
      retrieve,
      {
        key: app.adminKey,
        variables: { input: { knowledgeBase: 'help', query: 'drone delivery', topK: 1 } },
      },
    );
    expect(data.retrieve.chunks[0]).toMatchObject({ documentId: 'shipping' });
    expect(data.retrieve.chunks[0]!.text).toContain('drone');
    const kb = await graphqlOk<{
      knowledgeBases: { edges: { node: { name: string; documentCount: number } }[] };
    }>(app.url, '{ knowledgeBases { edges { node { name documentCount } } } }', { key: app.adminKey });
    expect(kb.knowledgeBases.edges.map((edge) => edge.node)).toContainEqual({
      name: 'help',
      documentCount: 3,
    });
  });

  it('answers NOT_FOUND for an unknown knowledge base and BAD_USER_INPUT for an empty query', async () => {
    const unknown = await graphql(app.url, retrieve, {
      key: app.adminKey,
      variables: { input: { knowledgeBase: 'nope', query: 'x' } },
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const empty = await graphql(app.url, retrieve, {
      key: app.adminKey,
      variables: { input: { knowledgeBase: 'help', query: '  ' } },
    });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps registry and knowledge bases across a restart', async () => {
    const { database, masterKey } = app;
    await app.stop();
    app = await startTestApp({ database, masterKey });
    const data = await graphqlOk<{ retrieve: { chunks: { documentId: string }[] } }>(app.url, retrieve, {
      key: app.adminKey,
      variables: { input: { knowledgeBase: 'help', query: 'reset password', topK: 1 } },
    });
    expect(data.retrieve.chunks[0]?.documentId).toBe('passwords');
  });
});
