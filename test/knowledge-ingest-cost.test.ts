/**
 * Ingest cost does not grow with the base: an ingest into a base that already holds documents never
 * reads or counts the rest of the base. Every MongoDB operation it sends to the knowledge
 * collections addresses documents by `_id` (the call's own documents), the writes are bulk (one per
 * collection), and the base's counts stay right when documents are replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlOk } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const INGEST = `mutation I($docs: [DocumentInput!]!) { ingestDocuments(input: { knowledgeBase: "scale", documents: $docs }) { chunkCount documents { id } } }`;

const documentText = (index: number) =>
  `Document ${index} explains topic ${index % 7}. It has a second sentence about item ${index}. ` +
  `A third sentence keeps it realistic, with words like capgate, budget and routing.`;

interface Operation {
  collection: string;
  method: string;
  filter: unknown;
}

describe('knowledge-base ingest cost', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    await graphqlOk(
      app.url,
      `mutation { createKnowledgeBase(input: { name: "scale" }) { knowledgeBase { name } } }`,
      {
        key: app.adminKey,
      },
    );
    const docs = Array.from({ length: 200 }, (_, index) => ({ id: `d${index}`, text: documentText(index) }));
    await graphqlOk(app.url, INGEST, { key: app.adminKey, variables: { docs } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('touches only the ingested documents, in bulk, and keeps the counts right', async () => {
    const operations: Operation[] = [];
    const connection = app.services.store.connection;
    connection.set('debug', (collection: string, method: string, ...args: unknown[]) => {
      if (['chunks', 'documents', 'knowledgeBases'].includes(collection))
        operations.push({ collection, method, filter: args[0] });
    });
    try {
      // 5 replaced documents and 5 new ones.
      const docs = [
        ...Array.from({ length: 5 }, (_, index) => ({
          id: `d${index}`,
          text: `Replaced ${index}. Short now.`,
        })),
        ...Array.from({ length: 5 }, (_, index) => ({ id: `n${index}`, text: documentText(1000 + index) })),
      ];
      await graphqlOk(app.url, INGEST, { key: app.adminKey, variables: { docs } });
    } finally {
      connection.set('debug', false);
    }

    const onChunks = operations.filter((operation) => operation.collection === 'chunks');
    const onDocuments = operations.filter((operation) => operation.collection === 'documents');
    expect(operations.some((operation) => /count/i.test(operation.method))).toBe(false);
    // Reads and deletes name their documents by _id: no scan of the base.
    for (const operation of [...onChunks, ...onDocuments]) {
      if (['find', 'findOne', 'deleteMany', 'deleteOne'].includes(operation.method)) {
        expect(Object.keys(operation.filter as object)).toEqual(['_id']);
      }
    }
    // One bulk write per collection, whatever the number of documents.
    expect(onChunks.filter((operation) => operation.method === 'insertMany')).toHaveLength(1);
    expect(onDocuments.filter((operation) => operation.method === 'bulkWrite')).toHaveLength(1);
    expect(onDocuments.filter((operation) => operation.method === 'updateOne')).toHaveLength(0);

    const stored = await app.services.store.chunks.countDocuments({ knowledgeBase: 'scale' });
    const storedDocuments = await app.services.store.documents.countDocuments({ knowledgeBase: 'scale' });
    const listed = await graphqlOk<{
      knowledgeBases: { edges: Array<{ node: { name: string; documentCount: number; chunkCount: number } }> };
    }>(app.url, '{ knowledgeBases { edges { node { name documentCount chunkCount } } } }', {
      key: app.adminKey,
    });
    const summary = listed.knowledgeBases.edges.find((edge) => edge.node.name === 'scale')?.node;
    expect(summary).toEqual({ name: 'scale', documentCount: storedDocuments, chunkCount: stored });
    expect(storedDocuments).toBe(205);

    // The in-memory index follows: the replaced document is found by its new text, not its old one.
    const retrieve = (query: string) =>
      graphqlOk<{ retrieve: { chunks: Array<{ documentId: string; text: string }> } }>(
        app.url,
        'mutation R($query: String!) { retrieve(input: { knowledgeBase: "scale", query: $query, topK: 3 }) { chunks { documentId text } } }',
        { key: app.adminKey, variables: { query } },
      );
    expect((await retrieve('Replaced short')).retrieve.chunks[0]?.text).toMatch(/^Replaced/);
    const old = await retrieve('Document 3 explains topic 3');
    expect(old.retrieve.chunks.some((chunk) => chunk.documentId === 'd3')).toBe(false);
  });
});
