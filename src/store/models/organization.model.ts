import { Schema, type Connection, type Model } from 'mongoose';

export interface OrganizationRecord {
  _id: string;
  name: string;
  /** Org-wide default masking policy (JSON string), applied where a capability has none. */
  maskingPolicy?: string;
  createdAt: Date;
}

const organizationSchema = new Schema<OrganizationRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true, unique: true },
    maskingPolicy: { type: String },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

export function organizationModel(connection: Connection): Model<OrganizationRecord> {
  return connection.model<OrganizationRecord>('Organization', organizationSchema, 'organizations');
}
