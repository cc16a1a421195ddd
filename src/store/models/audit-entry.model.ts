import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One audit entry per admin mutation. Append-only: the model refuses every update and delete
 * (a second line of defence; the service layer offers none).
 */
export interface AuditEntryRecord {
  _id: string;
  orgId: string;
  at: Date;
  actorKeyId: string;
  actorTeamId: string;
  /** The team the action concerned, when there is one (e.g. the team of a created key). */
  teamId?: string;
  action: string;
  target: string;
  /** JSON string of the redacted summary (arbitrary keys are not portable as documents). */
  summary: string;
  requestId: string;
}

const auditEntrySchema = new Schema<AuditEntryRecord>(
  {
    _id: { type: String, required: true },
    orgId: { type: String, required: true },
    at: { type: Date, required: true },
    actorKeyId: { type: String, required: true },
    actorTeamId: { type: String, required: true },
    teamId: { type: String },
    action: { type: String, required: true },
    target: { type: String, required: true },
    summary: { type: String, required: true },
    requestId: { type: String, required: true },
  },
  { versionKey: false },
);
auditEntrySchema.index({ orgId: 1, at: -1, _id: -1 });
auditEntrySchema.index({ orgId: 1, actorTeamId: 1, at: -1 });
auditEntrySchema.index({ orgId: 1, teamId: 1, at: -1 });
auditEntrySchema.index({ orgId: 1, action: 1, at: -1 });

const refusedOperations = [
  'updateOne',
  'updateMany',
  'replaceOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'deleteOne',
  'deleteMany',
] as const;
auditEntrySchema.pre([...refusedOperations], function refuse() {
  throw new Error('The audit log is append-only.');
});

export function auditEntryModel(connection: Connection): Model<AuditEntryRecord> {
  return connection.model<AuditEntryRecord>('AuditEntry', auditEntrySchema, 'auditLog');
}
