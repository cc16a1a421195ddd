import { Schema, type Connection, type Model } from 'mongoose';

export interface KnowledgeBaseRecord {
  _id: string; // the knowledge base name
  description?: string;
  /** A registered model that offers embeddings: enables hybrid (BM25 + vector) retrieval. */
  embeddingModel?: string;
  ownerTeamId?: string;
  documents: number;
  chunks: number;
  createdAt: Date;
  updatedAt: Date;
}

const knowledgeBaseSchema = new Schema<KnowledgeBaseRecord>(
  {
    _id: { type: String, required: true },
    description: { type: String },
    embeddingModel: { type: String },
    ownerTeamId: { type: String },
    documents: { type: Number, default: 0 },
    chunks: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false },
);

export interface KnowledgeDocumentRecord {
  _id: string; // `${knowledgeBase}/${documentId}`
  knowledgeBase: string;
  documentId: string;
  title?: string;
  metadata?: string;
  characters: number;
  chunks: number;
  createdAt: Date;
}

const knowledgeDocumentSchema = new Schema<KnowledgeDocumentRecord>(
  {
    _id: { type: String, required: true },
    knowledgeBase: { type: String, required: true },
    documentId: { type: String, required: true },
    title: { type: String },
    metadata: { type: String },
    characters: { type: Number, required: true },
    chunks: { type: Number, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
knowledgeDocumentSchema.index({ knowledgeBase: 1 });

export interface KnowledgeChunkRecord {
  _id: string; // `${knowledgeBase}/${documentId}#${ordinal}`
  knowledgeBase: string;
  documentId: string;
  ordinal: number;
  text: string;
  /** BM25 term frequencies, encoded (see `encodeTermFrequencies`). */
  terms: string;
  length: number;
  metadata?: string;
  /** Embedding vector when the knowledge base has an embedding model. */
  vector?: number[];
}

const knowledgeChunkSchema = new Schema<KnowledgeChunkRecord>(
  {
    _id: { type: String, required: true },
    knowledgeBase: { type: String, required: true },
    documentId: { type: String, required: true },
    ordinal: { type: Number, required: true },
    text: { type: String, required: true },
    terms: { type: String, required: true },
    length: { type: Number, required: true },
    metadata: { type: String },
    vector: { type: [Number], default: undefined },
  },
  { versionKey: false },
);
knowledgeChunkSchema.index({ knowledgeBase: 1, documentId: 1 });

export function knowledgeModels(connection: Connection): {
  knowledgeBases: Model<KnowledgeBaseRecord>;
  documents: Model<KnowledgeDocumentRecord>;
  chunks: Model<KnowledgeChunkRecord>;
} {
  return {
    knowledgeBases: connection.model<KnowledgeBaseRecord>(
      'KnowledgeBase',
      knowledgeBaseSchema,
      'knowledgeBases',
    ),
    documents: connection.model<KnowledgeDocumentRecord>(
      'KnowledgeDocument',
      knowledgeDocumentSchema,
      'documents',
    ),
    chunks: connection.model<KnowledgeChunkRecord>('KnowledgeChunk', knowledgeChunkSchema, 'chunks'),
  };
}
