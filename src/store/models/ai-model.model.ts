import { Schema, type Connection, type Model } from 'mongoose';

export interface AiModelRecord {
  _id: string; // the model name, e.g. `local/bm25` or `openai/gpt-4o-mini`
  provider: string;
  upstreamModel: string;
  pricing: { inputPer1M: number; outputPer1M: number };
  contextWindow?: number;
  qualityTier?: number;
  tags: string[];
  /** `max_tokens` or `max_completion_tokens` (ModelInfo.maxTokensParam). */
  maxTokensParam?: string;
  createdAt: Date;
  updatedAt: Date;
}

const aiModelSchema = new Schema<AiModelRecord>(
  {
    _id: { type: String, required: true },
    provider: { type: String, required: true },
    upstreamModel: { type: String, required: true },
    pricing: {
      inputPer1M: { type: Number, required: true, default: 0 },
      outputPer1M: { type: Number, required: true, default: 0 },
    },
    contextWindow: { type: Number },
    qualityTier: { type: Number },
    maxTokensParam: { type: String },
    tags: { type: [String], default: [] },
  },
  { timestamps: true, versionKey: false },
);

export function aiModelModel(connection: Connection): Model<AiModelRecord> {
  return connection.model<AiModelRecord>('AiModel', aiModelSchema, 'models');
}
