/**
 * Writes one ingest call to MongoDB with a cost that does not grow with the size of the base.
 *
 * Every filter is a single `_id` equality, because that is the one filter the embedded engine
 * (FerretDB on SQLite) answers through its `_id` index: any other filter, `_id: { $in: [...] }`
 * included, is a scan of the whole collection with the filter applied to every stored document
 * (with `$in`, against every listed id), so an ingest into a base of N documents cost O(N × batch).
 *
 * - The call's documents are looked up one `_id` each (bounded concurrency): which exist, with how
 *   many chunks and since when.
 * - The replaced documents' old chunks are deleted with one `bulkWrite` of `deleteOne`s by `_id`
 *   (chunk ids are `<base>/<document>#<ordinal>`, so they follow from the stored chunk count).
 * - The new chunks go in one `insertMany`; new documents in one `insertMany` (one engine
 *   transaction per 100, not one per upsert); replaced ones in one `bulkWrite` of `updateOne`s by
 *   `_id`; the base's counts move with one `$inc`. Nothing reads the rest of the base.
 */
import type { KnowledgeChunkRecord } from '../store/models/knowledge.model.js';
import type { Store } from '../store/store.js';
import { decodeJson, encodeJson } from '../store/json-codec.js';

export interface PreparedDocument {
  documentId: string;
  title?: string;
  metadata?: Record<string, unknown>;
  characters: number;
  chunks: KnowledgeChunkRecord[];
}

/** A stored document as the ingest left it (what a read-back would return). */
export interface WrittenDocument {
  knowledgeBase: string;
  documentId: string;
  title?: string;
  metadata?: Record<string, unknown>;
  characters: number;
  chunks: number;
  createdAt: Date;
}

/** Lookups by `_id` in flight at once: enough to hide the round trip, few enough to share the pool. */
const LOOKUP_CONCURRENCY = 16;

export function chunkIdOf(base: string, documentId: string, ordinal: number): string {
  return `${base}/${documentId}#${ordinal}`;
}

/**
 * Returns the ids of the chunks the replaced documents had (for the in-memory index) and the
 * documents as stored, in input order.
 */
export async function writeIngestedDocuments(
  store: Pick<Store, 'documents' | 'chunks' | 'knowledgeBases'>,
  base: string,
  prepared: readonly PreparedDocument[],
): Promise<{ replacedChunkIds: string[]; written: WrittenDocument[] }> {
  const keyOf = (document: PreparedDocument) => `${base}/${document.documentId}`;
  const previous = await mapBounded(prepared, LOOKUP_CONCURRENCY, (document) =>
    store.documents.findById(keyOf(document), { _id: 1, documentId: 1, chunks: 1, createdAt: 1 }).lean(),
  );
  const replacedChunkIds = previous.flatMap((document) =>
    document
      ? Array.from({ length: document.chunks }, (_, ordinal) => chunkIdOf(base, document.documentId, ordinal))
      : [],
  );
  if (replacedChunkIds.length > 0) {
    await store.chunks.bulkWrite(
      replacedChunkIds.map((_id) => ({ deleteOne: { filter: { _id } } })),
      { ordered: false },
    );
  }
  const chunks = prepared.flatMap((document) => document.chunks);
  if (chunks.length > 0) await store.chunks.insertMany(chunks, { ordered: false });

  const now = new Date();
  const fields = (document: PreparedDocument) => ({
    knowledgeBase: base,
    documentId: document.documentId,
    title: document.title,
    metadata: encodeJson(document.metadata),
    characters: document.characters,
    chunks: document.chunks.length,
  });
  const fresh = prepared.filter((_, index) => !previous[index]);
  const replaced = prepared.filter((_, index) => previous[index]);
  // Inserted by another ingest between the lookup and the insert: written as an upsert instead, and
  // counted as theirs.
  const raced = new Set<string>();
  if (fresh.length > 0) {
    try {
      await store.documents.insertMany(
        fresh.map((document) => ({ _id: keyOf(document), ...fields(document), createdAt: now })),
        { ordered: false },
      );
    } catch (error) {
      const failed = duplicateKeyIndexes(error);
      if (!failed) throw error;
      for (const index of failed) raced.add(fresh[index]!.documentId);
    }
  }
  const updates = [...replaced, ...fresh.filter((document) => raced.has(document.documentId))];
  if (updates.length > 0) {
    await store.documents.bulkWrite(
      updates.map((document) => ({
        updateOne: {
          filter: { _id: keyOf(document) },
          update: { $set: fields(document), $setOnInsert: { createdAt: now } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }
  const added = fresh.length - raced.size;
  await store.knowledgeBases.updateOne(
    { _id: base },
    { $inc: { documents: added, chunks: chunks.length - replacedChunkIds.length } },
  );
  const written = prepared.map((document, index): WrittenDocument => {
    const metadata = decodeJson<Record<string, unknown>>(encodeJson(document.metadata));
    return {
      knowledgeBase: base,
      documentId: document.documentId,
      ...(document.title ? { title: document.title } : {}),
      ...(metadata ? { metadata } : {}),
      characters: document.characters,
      chunks: document.chunks.length,
      createdAt: previous[index]?.createdAt ?? now,
    };
  });
  return { replacedChunkIds, written };
}

/** `f` over `items` with at most `limit` calls in flight; results in input order. */
async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  f: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await f(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The input indexes of an unordered insertMany that failed only on duplicate `_id`s, else undefined. */
function duplicateKeyIndexes(error: unknown): number[] | undefined {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (list.length === 0) return undefined;
  const indexes: number[] = [];
  for (const writeError of list as Array<{
    code?: number;
    index?: number;
    err?: { code?: number; index?: number };
  }>) {
    const code = writeError.code ?? writeError.err?.code;
    const index = writeError.index ?? writeError.err?.index;
    if (code !== 11000 || typeof index !== 'number') return undefined;
    indexes.push(index);
  }
  return indexes;
}
