import { Schema, type Connection, type Model } from 'mongoose';

/** Small named facts the service keeps about itself (e.g. that the first admin key was issued). */
export interface SettingRecord {
  _id: string;
  value: string;
  updatedAt: Date;
}

const settingSchema = new Schema<SettingRecord>(
  { _id: { type: String, required: true }, value: { type: String, required: true } },
  { timestamps: { createdAt: false, updatedAt: true }, versionKey: false },
);

export function settingModel(connection: Connection): Model<SettingRecord> {
  return connection.model<SettingRecord>('Setting', settingSchema, 'settings');
}
