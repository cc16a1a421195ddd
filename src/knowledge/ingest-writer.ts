/**
 * Writes one ingest call to MongoDB with a cost that does not grow with the size of the base:
 * replaced documents are found by `_id` (one query for the call), their old chunks deleted by `_id`
 * (chunk ids are `<base>/<document>#<ordinal>`, so they are known from the stored chunk count),
 * the new chunks inserted in one `insertMany`, the documents upserted in one `bulkWrite`, and the
 * base's counts moved with one `$inc`. Nothing reads the rest of the base.
 */
import type { KnowledgeChunkRecord } from '../store/models/knowledge.model.js';
import type { Store } from '../store/store.js';
import { encodeJson } from '../store/json-codec.js';

export interface PreparedDocument {
  documentId: string;
  title?: string;
  metadata?: Record<string, unknown>;
  characters: number;
  chunks: KnowledgeChunkRecord[];
}

export function chunkIdOf(base: string, documentId: string, ordinal: number): string {
  return `${base}/${documentId}#${ordinal}`;
}

/** Returns the ids of the chunks the replaced documents had (for the in-memory index). */
export async function writeIngestedDocuments(
  store: Pick<Store, 'documents' | 'chunks' | 'knowledgeBases'>,
  base: string,
  prepared: readonly PreparedDocument[],
): Promise<{ replacedChunkIds: string[] }> {
  const documentKeys = prepared.map((document) => `${base}/${document.documentId}`);
  const previous = await store.documents
    .find({ _id: { $in: documentKeys } }, { _id: 1, documentId: 1, chunks: 1 })
    .lean();
  const replacedChunkIds = previous.flatMap((document) =>
    Array.from({ length: document.chunks }, (_, ordinal) => chunkIdOf(base, document.documentId, ordinal)),
  );
  if (replacedChunkIds.length > 0) await store.chunks.deleteMany({ _id: { $in: replacedChunkIds } });
  const chunks = prepared.flatMap((document) => document.chunks);
  if (chunks.length > 0) await store.chunks.insertMany(chunks, { ordered: false });
  const now = new Date();
  await store.documents.bulkWrite(
    prepared.map((document) => ({
      updateOne: {
        filter: { _id: `${base}/${document.documentId}` },
        update: {
          $set: {
            knowledgeBase: base,
            documentId: document.documentId,
            title: document.title,
            metadata: encodeJson(document.metadata),
            characters: document.characters,
            chunks: document.chunks.length,
          },
          $setOnInsert: { createdAt: now },
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  await store.knowledgeBases.updateOne(
    { _id: base },
    {
      $inc: {
        documents: prepared.length - previous.length,
        chunks: chunks.length - replacedChunkIds.length,
      },
    },
  );
  return { replacedChunkIds };
}
