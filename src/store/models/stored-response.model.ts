import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One stored `/v1/responses` response: the Response object and the conversation so far as JSON
 * strings (user JSON never becomes raw documents — PORTABILITY.md), masked before they are written.
 * Removed `runs.retentionDays` after creation by a periodic `deleteMany` (no TTL index: not portable).
 */
export interface StoredResponseRecord {
  _id: string; // the response id
  orgId: string;
  teamId: string;
  keyId: string;
  createdAt: Date;
  /** The Response object, JSON. */
  response: string;
  /** The conversation a follow-up continues (ChatMessage[]), JSON; instructions excluded. */
  history: string;
}

const storedResponseSchema = new Schema<StoredResponseRecord>(
  {
    _id: { type: String, required: true },
    orgId: { type: String, required: true },
    teamId: { type: String, required: true },
    keyId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    response: { type: String, required: true },
    history: { type: String, required: true },
  },
  { versionKey: false },
);
storedResponseSchema.index({ createdAt: 1 });

export function storedResponseModel(connection: Connection): Model<StoredResponseRecord> {
  return connection.model<StoredResponseRecord>('StoredResponse', storedResponseSchema, 'responses');
}
