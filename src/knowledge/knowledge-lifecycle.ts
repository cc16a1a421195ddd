/**
 * Listing and deleting what a knowledge base holds. Deletions check everything first (the base is
 * visible, every named document exists) and write nothing on a bad request; then chunks go before
 * documents and documents before the base, so a failure half-way leaves no chunk without its document.
 */
import { BadUserInputError, NotFoundError } from '../errors/app-error.js';
import { decodeJson } from '../store/json-codec.js';
import type { Store } from '../store/store.js';
import { chunkIdOf } from './ingest-writer.js';
import type { KnowledgeAccess, KnowledgeService } from './knowledge.service.js';

export interface DocumentInfo {
  knowledgeBase: string;
  documentId: string;
  title?: string;
  metadata?: Record<string, unknown>;
  characters: number;
  chunks: number;
  createdAt: Date;
}

export const MAX_DOCUMENTS_PER_DELETE = 1000;

export class KnowledgeLifecycle {
  constructor(
    private readonly store: Store,
    private readonly knowledge: KnowledgeService,
  ) {}

  /** The base record if `access` may see it; NOT_FOUND (the same for invisible and missing) if not. */
  async visibleBase(name: string, access: KnowledgeAccess) {
    const base = await this.store.knowledgeBases.findById(name).lean();
    if (!base || !(access.admin || (base.ownerTeamId !== undefined && base.ownerTeamId === access.teamId)))
      throw new NotFoundError(`Unknown knowledge base "${name}".`);
    return base;
  }

  async documents(name: string, access: KnowledgeAccess): Promise<DocumentInfo[]> {
    await this.visibleBase(name, access);
    const records = await this.store.documents.find({ knowledgeBase: name }).sort({ documentId: 1 }).lean();
    return records.map(toDocumentInfo);
  }

  async deleteKnowledgeBase(
    name: string,
    access: KnowledgeAccess,
  ): Promise<{ ownerTeamId?: string; documents: number }> {
    const base = await this.visibleBase(name, access);
    await this.store.chunks.deleteMany({ knowledgeBase: name });
    const documents = await this.store.documents.deleteMany({ knowledgeBase: name });
    await this.store.knowledgeBases.deleteOne({ _id: name });
    this.knowledge.invalidate(name);
    return {
      ...(base.ownerTeamId ? { ownerTeamId: base.ownerTeamId } : {}),
      documents: documents.deletedCount,
    };
  }

  /** Deletes documents by id; NOT_FOUND naming the unknown ones, and then nothing is deleted. */
  async deleteDocuments(
    name: string,
    documentIds: readonly string[],
    access: KnowledgeAccess,
  ): Promise<{ ownerTeamId?: string; documentIds: string[] }> {
    const base = await this.visibleBase(name, access);
    const unique = [...new Set(documentIds)];
    if (unique.length === 0 || unique.length > MAX_DOCUMENTS_PER_DELETE)
      throw new BadUserInputError(`documentIds: between 1 and ${MAX_DOCUMENTS_PER_DELETE} per call.`);
    // By _id, like ingest (`ingest-writer.ts`): the cost follows the documents named, not the base.
    const existing = await this.store.documents
      .find({ _id: { $in: unique.map((id) => `${name}/${id}`) } }, { documentId: 1, chunks: 1 })
      .lean();
    const found = new Set(existing.map((record) => record.documentId));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length > 0)
      throw new NotFoundError(
        `Knowledge base "${name}" has no documents ${missing
          .slice(0, 20)
          .map((id) => `"${id}"`)
          .join(', ')}; nothing was deleted.`,
        { extensions: { documentIds: missing.slice(0, 100) } },
      );
    const chunkIds = existing.flatMap((record) =>
      Array.from({ length: record.chunks }, (_, ordinal) => chunkIdOf(name, record.documentId, ordinal)),
    );
    if (chunkIds.length > 0) await this.store.chunks.deleteMany({ _id: { $in: chunkIds } });
    await this.store.documents.deleteMany({ _id: { $in: existing.map((record) => record._id) } });
    await this.store.knowledgeBases.updateOne(
      { _id: name },
      { $inc: { documents: -existing.length, chunks: -chunkIds.length } },
    );
    this.knowledge.invalidate(name);
    return { ...(base.ownerTeamId ? { ownerTeamId: base.ownerTeamId } : {}), documentIds: unique };
  }
}

function toDocumentInfo(record: {
  knowledgeBase: string;
  documentId: string;
  title?: string | null;
  metadata?: string | null;
  characters: number;
  chunks: number;
  createdAt: Date;
}): DocumentInfo {
  return {
    knowledgeBase: record.knowledgeBase,
    documentId: record.documentId,
    ...(record.title ? { title: record.title } : {}),
    ...(record.metadata ? { metadata: decodeJson<Record<string, unknown>>(record.metadata) } : {}),
    characters: record.characters,
    chunks: record.chunks,
    createdAt: record.createdAt,
  };
}
