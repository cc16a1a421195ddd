import { Schema, type Connection, type Model } from 'mongoose';

export interface ProviderRecord {
  _id: string; // the provider name
  kind: string;
  baseUrl?: string;
  /** AES-256-GCM sealed API key (see `src/infra/secret-box.ts`); write-only through the API. */
  apiKeySealed?: string;
  /** Sealed JSON of extra headers (they may carry credentials too). */
  headersSealed?: string;
  createdAt: Date;
  updatedAt: Date;
}

const providerSchema = new Schema<ProviderRecord>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    baseUrl: { type: String },
    apiKeySealed: { type: String },
    headersSealed: { type: String },
  },
  { timestamps: true, versionKey: false },
);

export function providerModel(connection: Connection): Model<ProviderRecord> {
  return connection.model<ProviderRecord>('Provider', providerSchema, 'providers');
}
