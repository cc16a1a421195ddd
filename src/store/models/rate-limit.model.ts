import { Schema, type Connection, type Model } from 'mongoose';

/** Per-minute limits of one org, team or API key. A null limit is no limit; 0 blocks everything. */
export interface RateLimitRecord {
  /** `${orgId}:${scope}:${targetId}`. */
  _id: string;
  orgId: string;
  scope: 'ORG' | 'TEAM' | 'KEY';
  targetId: string;
  /** The team the limit belongs to (for tenant isolation); unset for ORG limits. */
  teamId?: string;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  updatedBy?: string;
  createdAt: Date;
  updatedAt: Date;
}

const rateLimitSchema = new Schema<RateLimitRecord>(
  {
    _id: { type: String, required: true },
    orgId: { type: String, required: true },
    scope: { type: String, required: true },
    targetId: { type: String, required: true },
    teamId: { type: String },
    requestsPerMinute: { type: Number, default: null },
    tokensPerMinute: { type: Number, default: null },
    updatedBy: { type: String },
  },
  { timestamps: true, versionKey: false },
);
rateLimitSchema.index({ orgId: 1, teamId: 1 });

export function rateLimitModel(connection: Connection): Model<RateLimitRecord> {
  return connection.model<RateLimitRecord>('RateLimit', rateLimitSchema, 'rateLimits');
}
