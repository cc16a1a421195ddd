import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Requests refused by a rate limit, counted per org / team / key / capability / rule / UTC minute
 * with `$inc` upserts (each instance adds what it refused since its last flush, so instances sharing
 * the database add up). Read by `Query.rateLimitHits`; removed after the usage retention period.
 */
export interface RateLimitHitRecord {
  /** `JSON.stringify([orgId, teamId, keyId, capability, scope, target, limit, minute ISO])`. */
  _id: string;
  orgId: string;
  /** The refused caller's team and key (API key id or JWT subject). */
  teamId: string;
  keyId: string;
  /** The capability, or the operation for calls outside one (`embeddings.create`…). */
  capability: string;
  /** The rule that refused: its scope, target (org, team or key id) and which limit. */
  scope: 'ORG' | 'TEAM' | 'KEY';
  target: string;
  limit: 'requestsPerMinute' | 'tokensPerMinute';
  /** The start of the UTC minute the refusals fell in. */
  minute: Date;
  hits: number;
  updatedAt: Date;
}

const rateLimitHitSchema = new Schema<RateLimitHitRecord>(
  {
    _id: { type: String, required: true },
    orgId: { type: String, required: true },
    teamId: { type: String, required: true },
    keyId: { type: String, required: true },
    capability: { type: String, default: '' },
    scope: { type: String, required: true },
    target: { type: String, required: true },
    limit: { type: String, required: true },
    minute: { type: Date, required: true },
    hits: { type: Number, default: 0 },
    updatedAt: { type: Date },
  },
  { versionKey: false },
);
rateLimitHitSchema.index({ orgId: 1, minute: 1 });
rateLimitHitSchema.index({ orgId: 1, teamId: 1, minute: 1 });

export function rateLimitHitModel(connection: Connection): Model<RateLimitHitRecord> {
  return connection.model<RateLimitHitRecord>('RateLimitHit', rateLimitHitSchema, 'rateLimitHits');
}
