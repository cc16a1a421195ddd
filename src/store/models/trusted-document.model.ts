import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A trusted document an admin registered at run time (`registerTrustedDocuments`): the server-wide
 * allow list beside the manifest files. `_id` is the normalized document id (hex in lower case,
 * without `sha256:`).
 */
export interface TrustedDocumentRecord {
  _id: string;
  /** The document text. */
  query: string;
  /** The manifest it came with (e.g. `web@1.4.2`), to remove a client's documents together. */
  manifest?: string;
  orgId: string;
  createdBy: string;
  createdAt: Date;
}

const trustedDocumentSchema = new Schema<TrustedDocumentRecord>(
  {
    _id: { type: String, required: true },
    query: { type: String, required: true },
    manifest: { type: String },
    orgId: { type: String, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
trustedDocumentSchema.index({ manifest: 1 });

export function trustedDocumentModel(connection: Connection): Model<TrustedDocumentRecord> {
  return (
    (connection.models.TrustedDocument as Model<TrustedDocumentRecord> | undefined) ??
    connection.model<TrustedDocumentRecord>('TrustedDocument', trustedDocumentSchema, 'trustedDocuments')
  );
}
