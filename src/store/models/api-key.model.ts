import { Schema, type Connection, type Model } from 'mongoose';

export interface ApiKeyRecord {
  _id: string;
  orgId: string;
  teamId: string;
  name: string;
  /** The first characters of the key, shown in listings so people can tell keys apart. */
  prefix: string;
  /** HMAC-SHA256 of the whole key under the server secret (hex). The key itself is never stored. */
  hash: string;
  roles: string[];
  expiresAt?: Date;
  revokedAt?: Date;
  createdBy?: string;
  /** The key this one replaced by rotation. */
  rotatedFrom?: string;
  createdAt: Date;
}

const apiKeySchema = new Schema<ApiKeyRecord>(
  {
    _id: { type: String, required: true },
    orgId: { type: String, required: true },
    teamId: { type: String, required: true },
    name: { type: String, required: true },
    prefix: { type: String, required: true },
    hash: { type: String, required: true, unique: true },
    roles: { type: [String], required: true },
    expiresAt: { type: Date },
    revokedAt: { type: Date },
    createdBy: { type: String },
    rotatedFrom: { type: String },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
apiKeySchema.index({ orgId: 1, teamId: 1 });

export function apiKeyModel(connection: Connection): Model<ApiKeyRecord> {
  return connection.model<ApiKeyRecord>('ApiKey', apiKeySchema, 'apiKeys');
}
