import { Schema, type Connection, type Model } from 'mongoose';

export interface TeamRecord {
  _id: string;
  orgId: string;
  name: string;
  createdAt: Date;
}

const teamSchema = new Schema<TeamRecord>(
  {
    _id: { type: String, required: true },
    orgId: { type: String, required: true },
    name: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
teamSchema.index({ orgId: 1, name: 1 }, { unique: true });

export function teamModel(connection: Connection): Model<TeamRecord> {
  return connection.model<TeamRecord>('Team', teamSchema, 'teams');
}
