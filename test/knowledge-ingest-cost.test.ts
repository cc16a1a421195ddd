/**
 * Ingest cost does not grow with the base: an ingest into a base that already holds documents never
 * reads or counts the rest of the base. Every MongoDB operation it sends to the knowledge
 * collections addresses one document by a single `_id` equality (the only filter the embedded
 * engine answers from its index: `_id: { $in }` is a scan there), the writes are bulk (one per
 * collection and kind), and the base's counts stay right when documents are replaced. Work is
 * counted in store operations and the documents they address, never in milliseconds.
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
  /** Documents or statements a bulk operation carries. */
  items?: number;
}

/** A filter the engine answers by its `_id` index: `{ _id: "<string>" }`, nothing else. */
function isIdEquality(filter: unknown): boolean {
  return (
    typeof filter === 'object' &&
    filter !== null &&
    Object.keys(filter).length === 1 &&
    typeof (filter as { _id?: unknown })._id === 'string'
  );
}

function expectOnlyIdEqualities(operation: Operation): void {
  if (['find', 'findOne', 'deleteMany', 'deleteOne', 'updateOne', 'updateMany'].includes(operation.method)) {
    expect(isIdEquality(operation.filter), JSON.stringify(operation)).toBe(true);
  }
  if (operation.method === 'bulkWrite') {
    for (const statement of operation.filter as Array<Record<string, { filter?: unknown }>>) {
      const [, body] = Object.entries(statement)[0]!;
      if (body.filter !== undefined) expect(isIdEquality(body.filter), JSON.stringify(statement)).toBe(true);
    }
  }
}

const record =
  (operations: Operation[]) =>
  (collection: string, method: string, ...args: unknown[]) => {
    if (['chunks', 'documents', 'knowledgeBases'].includes(collection))
      operations.push({
        collection,
        method,
        filter: args[0],
        ...(Array.isArray(args[0]) ? { items: args[0].length } : {}),
      });
  };

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
    connection.set('debug', record(operations));
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
    // Reads and deletes name one document each by _id: no scan of the base.
    for (const operation of operations) expectOnlyIdEqualities(operation);
    expect(onDocuments.filter((operation) => operation.method === 'findOne')).toHaveLength(10);
    // One bulk write per collection and kind, whatever the number of documents.
    expect(onChunks.filter((operation) => operation.method === 'insertMany')).toHaveLength(1);
    expect(onChunks.filter((operation) => operation.method === 'bulkWrite')).toHaveLength(1);
    expect(onDocuments.filter((operation) => operation.method === 'insertMany')).toHaveLength(1);
    expect(onDocuments.filter((operation) => operation.method === 'bulkWrite')).toHaveLength(1);
    expect(onDocuments.filter((operation) => operation.method === 'updateOne')).toHaveLength(0);
    expect(operations.filter((operation) => /^(find|deleteMany|aggregate)$/.test(operation.method))).toEqual(
      [],
    );

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
  it('does the same store work per batch whatever the size of the base', async () => {
    await graphqlOk(
      app.url,
      `mutation { createKnowledgeBase(input: { name: "growing" }) { knowledgeBase { name } } }`,
      { key: app.adminKey },
    );
    const BATCH = 40;
    const perBatch: Operation[][] = [];
    const connection = app.services.store.connection;
    try {
      for (let batch = 0; batch < 4; batch++) {
        const operations: Operation[] = [];
        connection.set('debug', record(operations));
        const docs = Array.from({ length: BATCH }, (_, index) => ({
          id: `g${batch * BATCH + index}`,
          text: documentText(batch * BATCH + index),
        }));
        await graphqlOk(app.url, INGEST.replace('"scale"', '"growing"'), {
          key: app.adminKey,
          variables: { docs },
        });
        connection.set('debug', false);
        perBatch.push(operations);
      }
    } finally {
      connection.set('debug', false);
    }
    // Bases of 0, 40, 80 and 120 documents: the very same operations, each addressing at most the
    // batch's own documents and chunks, each filter one _id.
    const signature = (operations: Operation[]) =>
      operations
        .map(
          ({ collection, method, items }) =>
            `${collection}.${method}${items === undefined ? '' : `[${items}]`}`,
        )
        .sort();
    for (const operations of perBatch) {
      for (const operation of operations) expectOnlyIdEqualities(operation);
      expect(signature(operations)).toEqual(signature(perBatch[0]!));
      expect(operations.length).toBeLessThanOrEqual(BATCH + 8);
    }
    const documents = await app.services.store.documents.countDocuments({ knowledgeBase: 'growing' });
    expect(documents).toBe(4 * BATCH);
  });
  it('has the engine answer a lookup by _id from its index, not by reading the collection', async () => {
    // The embedded engine (FerretDB on SQLite) used to query `_id` by an expression its `_id_` index
    // is not built on, so every lookup by _id scanned the table (tools/ferretdb/patches/README.md).
    const explained = (await app.services.store.connection.db!.command({
      explain: { find: 'documents', filter: { _id: 'scale/d1' } },
      verbosity: 'queryPlanner',
    })) as { queryPlanner?: { Plan?: string[]; winningPlan?: unknown } };
    const plan = JSON.stringify(explained.queryPlanner);
    if (Array.isArray(explained.queryPlanner?.Plan)) {
      // FerretDB reports SQLite's EXPLAIN QUERY PLAN.
      expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
      expect(plan).not.toMatch(/\bSCAN\b/);
    } else {
      expect(plan).toMatch(/IDHACK|EXPRESS_IXSCAN|IXSCAN/);
    }
  });
});
