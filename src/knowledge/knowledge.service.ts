/**
 * Knowledge bases: documents chunked on sentence boundaries, a BM25 index persisted in MongoDB (term
 * frequencies per chunk) and cached in memory per knowledge base, updated incrementally on ingest.
 * Other instances drop their cached index when told over pub/sub and reload it on next use. When the
 * knowledge base has an embedding model, chunks carry vectors and retrieval is hybrid (BM25 + cosine,
 * fused by reciprocal rank). The BM25 query is expanded by pseudo-relevance feedback (RM3).
 *
 * Tenancy: a knowledge base belongs to the team that created it. Org ADMINs see every base; everyone
 * else only their team's, and another team's base is answered exactly like an unknown one.
 */
import { randomUUID } from 'node:crypto';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors/app-error.js';
import type { ModelCaller } from '../calls/model-call.types.js';
import type { Logger } from '../infra/logger.js';
import { listen, type AppPubSub } from '../infra/pubsub.js';
import { decodeJson, encodeJson } from '../store/json-codec.js';
import type { KnowledgeChunkRecord } from '../store/models/knowledge.model.js';
import type { Store } from '../store/store.js';
import {
  Bm25Index,
  DEFAULT_FEEDBACK,
  decodeTermFrequencies,
  encodeTermFrequencies,
  toIndexedChunk,
} from './bm25-index.js';
import { chunkText } from './chunker.js';
import { chunkIdOf, writeIngestedDocuments, type WrittenDocument } from './ingest-writer.js';
import { fuseByReciprocalRank } from './rank-fusion.js';
import { Topic } from '../infra/topics.js';

export const KNOWLEDGE_CHANGED = Topic.knowledgeChanged;

export interface DocumentInput {
  id?: string | null;
  title?: string | null;
  text: string;
  metadata?: Record<string, unknown> | null;
}

export interface KnowledgeBaseSummary {
  name: string;
  description?: string;
  embeddingModel?: string;
  documents: number;
  chunks: number;
}

export interface RetrievedChunk {
  documentId: string;
  chunkId: string;
  text: string;
  score: number;
  metadata?: Record<string, unknown>;
}

/** Who is asking: bases of other teams are invisible unless `admin` (an org ADMIN). */
export interface KnowledgeAccess {
  teamId: string;
  admin: boolean;
}

/** Access plus the caller whose budgets pay for embedding calls (ingest and hybrid search). */
export interface KnowledgeCaller extends KnowledgeAccess {
  caller: ModelCaller;
}

export interface IngestOutcome {
  documents: number;
  chunks: number;
  /** Ids of the ingested documents, in input order (generated ones included). */
  documentIds: string[];
  /** The team owning the base, for the audit entry. */
  ownerTeamId?: string;
  /** The documents as stored (what reading them back would return), in input order. */
  written: WrittenDocument[];
}

/**
 * Embeds texts with a registered model on behalf of `caller`: the composition root wires it to the
 * governed seam (`ModelCalls.embed`), so the texts are masked, the call admitted, charged to the
 * caller's budgets, observed and recorded as usage (`operation` names it there).
 */
export type Embedder = (request: {
  model: string;
  texts: string[];
  caller: ModelCaller;
  operation: 'knowledge.ingest' | 'knowledge.search';
  signal?: AbortSignal;
}) => Promise<number[][]>;

/** What the request path needs of a base record; cached so a query costs no MongoDB read. */
interface BaseInfo {
  ownerTeamId?: string;
  embeddingModel?: string;
}

interface LoadedBase {
  index: Bm25Index;
  chunks: Map<
    string,
    { documentId: string; text: string; metadata?: Record<string, unknown>; vector?: Float32Array }
  >;
}

const MAX_DOCUMENTS_PER_CALL = 1000;
const MAX_DOCUMENT_CHARACTERS = 2_000_000;
const namePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/;
const documentIdPattern = /^[^\s#/][^#/]{0,199}$/;

export class KnowledgeService {
  private readonly loaded = new Map<string, Promise<LoadedBase>>();
  private readonly infos = new Map<string, Promise<BaseInfo>>();
  private stopListening: (() => void) | undefined;
  /** Tells our own invalidation messages from other instances' (several may share one process in tests). */
  private readonly instanceId = randomUUID();

  constructor(
    private readonly options: { store: Store; pubSub: AppPubSub; logger: Logger; embed?: Embedder },
  ) {}

  start(): void {
    this.stopListening = listen(
      this.options.pubSub,
      KNOWLEDGE_CHANGED,
      (payload) => {
        const { name, origin } = payload;
        if (origin !== this.instanceId) {
          this.loaded.delete(name);
          this.infos.delete(name);
        }
      },
      (error) => this.options.logger.error({ err: error }, 'knowledge invalidation failed'),
    );
  }

  stop(): void {
    this.stopListening?.();
  }

  /** Drops a base from the caches here and on every instance (after documents were deleted). */
  invalidate(name: string): void {
    this.loaded.delete(name);
    this.infos.delete(name);
    this.options.pubSub.publish(KNOWLEDGE_CHANGED, { name, origin: this.instanceId });
  }

  async createKnowledgeBase(
    input: { name: string; description?: string | null; embeddingModel?: string | null },
    ownerTeamId: string,
  ): Promise<KnowledgeBaseSummary> {
    if (!namePattern.test(input.name)) {
      throw new BadUserInputError(
        'Invalid knowledge base name: letters, digits, "_", "." or "-", at most 64 characters.',
      );
    }
    try {
      await this.options.store.knowledgeBases.create({
        _id: input.name,
        description: input.description ?? undefined,
        embeddingModel: input.embeddingModel ?? undefined,
        ownerTeamId,
        documents: 0,
        chunks: 0,
      });
    } catch (error) {
      if ((error as { code?: number }).code === 11000)
        // Worded the same whichever team holds the name, and whether or not the caller can see it.
        throw new ConflictError(`The knowledge base name "${input.name}" is not available; choose another.`);
      throw error;
    }
    return this.summary(input.name);
  }

  async summary(name: string): Promise<KnowledgeBaseSummary> {
    const record = await this.options.store.knowledgeBases.findById(name).lean();
    if (!record) throw unknownBase(name);
    return {
      name: record._id,
      description: record.description ?? undefined,
      embeddingModel: record.embeddingModel ?? undefined,
      documents: record.documents,
      chunks: record.chunks,
    };
  }

  /** The bases `access` may see, by name. */
  async list(access: KnowledgeAccess): Promise<KnowledgeBaseSummary[]> {
    const records = await this.options.store.knowledgeBases
      .find(access.admin ? {} : { ownerTeamId: access.teamId })
      .sort({ _id: 1 })
      .lean();
    return records.map((record) => ({
      name: record._id,
      description: record.description ?? undefined,
      embeddingModel: record.embeddingModel ?? undefined,
      documents: record.documents,
      chunks: record.chunks,
    }));
  }

  /** Adds or replaces documents (by id). Validates everything before writing anything. */
  async ingest(
    name: string,
    documents: DocumentInput[],
    access: KnowledgeCaller,
    signal?: AbortSignal,
  ): Promise<IngestOutcome> {
    const { store } = this.options;
    const base = await store.knowledgeBases.findById(name).lean();
    if (!base || !isVisible(base.ownerTeamId ?? undefined, access)) throw unknownBase(name);
    if (documents.length === 0 || documents.length > MAX_DOCUMENTS_PER_CALL) {
      throw new BadUserInputError(`documents: between 1 and ${MAX_DOCUMENTS_PER_CALL} per call.`);
    }
    const prepared = documents.map((document, index) => {
      const documentId =
        document.id ?? `doc-${Date.now().toString(36)}-${index}-${Math.random().toString(36).slice(2, 8)}`;
      if (!documentIdPattern.test(documentId)) {
        throw new BadUserInputError(`documents[${index}].id: at most 200 characters, no "/" or "#".`);
      }
      if (typeof document.text !== 'string' || !document.text.trim()) {
        throw new BadUserInputError(`documents[${index}].text must not be empty.`);
      }
      if (document.text.length > MAX_DOCUMENT_CHARACTERS) {
        throw new BadUserInputError(
          `documents[${index}].text: at most ${MAX_DOCUMENT_CHARACTERS} characters.`,
        );
      }
      const metadata = document.metadata ?? undefined;
      if (metadata !== undefined && (typeof metadata !== 'object' || Array.isArray(metadata))) {
        throw new BadUserInputError(`documents[${index}].metadata must be an object.`);
      }
      const pieces = chunkText(document.text);
      // A chunk is searched with its document's title (a contextual header, as in BM25F's title field):
      // cut out of its document, a chunk often no longer names what it is about.
      const title = typeof document.title === 'string' ? document.title.trim() : '';
      const chunks: KnowledgeChunkRecord[] = pieces.map((piece, ordinal) => {
        const chunkId = chunkIdOf(name, documentId, ordinal);
        const indexed = toIndexedChunk(
          chunkId,
          documentId,
          title ? `${title}\n${piece.text}` : piece.text,
          metadata,
        );
        return {
          _id: chunkId,
          knowledgeBase: name,
          documentId,
          ordinal,
          text: piece.text,
          terms: encodeTermFrequencies(indexed.terms),
          length: indexed.length,
          metadata: encodeJson(metadata),
        };
      });
      return {
        documentId,
        title: document.title ?? undefined,
        metadata,
        characters: document.text.length,
        chunks,
      };
    });
    const duplicate = prepared.find(
      (document, index) => prepared.findIndex((other) => other.documentId === document.documentId) !== index,
    );
    if (duplicate) throw new BadUserInputError(`documents: id "${duplicate.documentId}" appears twice.`);

    if (base.embeddingModel) {
      if (!this.options.embed)
        throw new BadUserInputError('Embeddings are not available in this deployment.');
      const all = prepared.flatMap((document) => document.chunks);
      for (let offset = 0; offset < all.length; offset += 64) {
        const batch = all.slice(offset, offset + 64);
        const vectors = await this.options.embed({
          model: base.embeddingModel,
          texts: batch.map((chunk) => chunk.text),
          caller: access.caller,
          operation: 'knowledge.ingest',
          signal,
        });
        batch.forEach((chunk, index) => (chunk.vector = vectors[index]));
      }
    }

    const { replacedChunkIds, written } = await writeIngestedDocuments(store, name, prepared);

    const cached = this.loaded.get(name);
    if (cached) {
      const loaded = await cached;
      for (const document of prepared) loaded.index.removeDocument(document.documentId);
      for (const chunkId of replacedChunkIds) loaded.chunks.delete(chunkId);
      this.addToLoaded(
        loaded,
        prepared.flatMap((document) => document.chunks),
      );
    }
    this.options.pubSub.publish(KNOWLEDGE_CHANGED, { name, origin: this.instanceId });
    return {
      documents: prepared.length,
      chunks: prepared.reduce((sum, document) => sum + document.chunks.length, 0),
      documentIds: prepared.map((document) => document.documentId),
      ownerTeamId: base.ownerTeamId ?? undefined,
      written,
    };
  }

  /** Top-K chunks for a query: BM25, fused with vector similarity when the base has embeddings. */
  async search(
    name: string,
    query: string,
    options: {
      topK: number;
      filter?: Record<string, unknown>;
      signal?: AbortSignal;
      access: KnowledgeCaller;
    },
  ): Promise<{ chunks: RetrievedChunk[]; hybrid: boolean }> {
    const info = await this.info(name);
    if (!isVisible(info.ownerTeamId, options.access)) throw unknownBase(name);
    const base = await this.load(name);
    const lexical = base.index.search(query, {
      topK: Math.max(options.topK * 4, 20),
      filter: options.filter,
      feedback: DEFAULT_FEEDBACK,
    });
    let ranked: Array<{ chunkId: string; score: number }> = lexical;
    let hybrid = false;
    if (info.embeddingModel && this.options.embed) {
      const [queryVector] = await this.options.embed({
        model: info.embeddingModel,
        texts: [query],
        caller: options.access.caller,
        operation: 'knowledge.search',
        signal: options.signal,
      });
      if (queryVector) {
        const semantic = this.vectorSearch(base, queryVector, Math.max(options.topK * 4, 20), options.filter);
        ranked = fuseByReciprocalRank([lexical, semantic]);
        hybrid = true;
      }
    }
    return {
      hybrid,
      chunks: ranked.slice(0, options.topK).map((hit) => {
        const chunk = base.chunks.get(hit.chunkId)!;
        return {
          documentId: chunk.documentId,
          chunkId: hit.chunkId,
          text: chunk.text,
          score: hit.score,
          metadata: chunk.metadata,
        };
      }),
    };
  }

  /** Owner and embedding model of a base, read once and cached; unknown bases are not cached. */
  private info(name: string): Promise<BaseInfo> {
    let reading = this.infos.get(name);
    if (!reading) {
      reading = (async () => {
        const record = await this.options.store.knowledgeBases
          .findById(name, { ownerTeamId: 1, embeddingModel: 1 })
          .lean();
        if (!record) throw unknownBase(name);
        return {
          ownerTeamId: record.ownerTeamId ?? undefined,
          embeddingModel: record.embeddingModel ?? undefined,
        };
      })();
      const pending = reading;
      pending.catch(() => {
        if (this.infos.get(name) === pending) this.infos.delete(name);
      });
      this.infos.set(name, pending);
    }
    return reading;
  }

  private vectorSearch(
    base: LoadedBase,
    query: number[],
    topK: number,
    filter: Record<string, unknown> | undefined,
  ): Array<{ chunkId: string; score: number }> {
    const queryNorm = Math.hypot(...query) || 1;
    const scored: Array<{ chunkId: string; score: number }> = [];
    for (const [chunkId, chunk] of base.chunks) {
      if (!chunk.vector || !matchesFilter(chunk.metadata, filter)) continue;
      let dot = 0;
      let norm = 0;
      for (let index = 0; index < chunk.vector.length; index++) {
        const value = chunk.vector[index]!;
        dot += value * (query[index] ?? 0);
        norm += value * value;
      }
      scored.push({ chunkId, score: dot / (Math.sqrt(norm) * queryNorm || 1) });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, topK);
  }

  private load(name: string): Promise<LoadedBase> {
    let loading = this.loaded.get(name);
    if (!loading) {
      // Callers have checked the base exists and is visible (`info`); there is no deletion.
      loading = (async () => {
        const loaded: LoadedBase = { index: new Bm25Index(), chunks: new Map() };
        const cursor = this.options.store.chunks
          .find({ knowledgeBase: name })
          .lean()
          .cursor({ batchSize: 2000 });
        const batch: KnowledgeChunkRecord[] = [];
        for await (const chunk of cursor) {
          batch.push(chunk as KnowledgeChunkRecord);
          if (batch.length >= 2000) this.addToLoaded(loaded, batch.splice(0));
        }
        this.addToLoaded(loaded, batch);
        return loaded;
      })();
      loading.catch(() => this.loaded.delete(name));
      this.loaded.set(name, loading);
    }
    return loading;
  }

  private addToLoaded(loaded: LoadedBase, chunks: KnowledgeChunkRecord[]): void {
    loaded.index.add(
      chunks.map((chunk) => ({
        chunkId: chunk._id,
        documentId: chunk.documentId,
        terms: decodeTermFrequencies(chunk.terms),
        length: chunk.length,
        metadata: decodeJson<Record<string, unknown>>(chunk.metadata),
      })),
    );
    for (const chunk of chunks) {
      loaded.chunks.set(chunk._id, {
        documentId: chunk.documentId,
        text: chunk.text,
        metadata: decodeJson<Record<string, unknown>>(chunk.metadata),
        vector: chunk.vector && chunk.vector.length > 0 ? Float32Array.from(chunk.vector) : undefined,
      });
    }
  }
}

function isVisible(ownerTeamId: string | undefined, access: KnowledgeAccess): boolean {
  return access.admin || (ownerTeamId !== undefined && ownerTeamId === access.teamId);
}

/** The same answer for a base that does not exist and one the caller may not see. */
function unknownBase(name: string): NotFoundError {
  return new NotFoundError(`Unknown knowledge base "${name}".`);
}

function matchesFilter(
  metadata: Record<string, unknown> | undefined,
  filter: Record<string, unknown> | undefined,
): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, expected]) => {
    const actual = metadata?.[key];
    return Array.isArray(expected) ? expected.includes(actual) : actual === expected;
  });
}
