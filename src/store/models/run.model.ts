import { Schema, type Connection, type Model } from 'mongoose';

export type RunStatusValue = 'STARTED' | 'COMPLETED' | 'FAILED';

export interface RunAttemptRecord {
  model: string;
  provider: string;
  ok: boolean;
  errorCode?: string;
  latencyMs: number;
}

/**
 * One run as stored data: written when a followable run starts (STARTED) and when any run ends
 * (COMPLETED or FAILED). Input and output are JSON strings (user JSON never becomes raw documents),
 * kept only when the capability's logging policy says so, masked. Removed `runs.retentionDays`
 * after `startedAt` by a periodic `deleteMany` (no TTL index: not portable).
 */
export interface RunRecord {
  _id: string; // the run id
  orgId: string;
  teamId: string;
  /** API key id or JWT subject that started it. */
  keyId: string;
  capability: string;
  capabilityVersion: number;
  frontDoor: string;
  status: RunStatusValue;
  startedAt: Date;
  endedAt?: Date;
  model?: string;
  provider?: string;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  latencyMs?: number;
  cached?: boolean;
  attempts?: RunAttemptRecord[];
  errorCode?: string;
  errorMessage?: string;
  input?: string;
  output?: string;
}

const attemptSchema = new Schema<RunAttemptRecord>(
  {
    model: { type: String, required: true },
    provider: { type: String, default: '' },
    ok: { type: Boolean, required: true },
    errorCode: { type: String },
    latencyMs: { type: Number, required: true },
  },
  { _id: false },
);

const runSchema = new Schema<RunRecord>(
  {
    _id: { type: String, required: true },
    orgId: { type: String, required: true },
    teamId: { type: String, required: true },
    keyId: { type: String, required: true },
    capability: { type: String, required: true },
    capabilityVersion: { type: Number, required: true },
    frontDoor: { type: String, required: true },
    status: { type: String, required: true },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date },
    model: { type: String },
    provider: { type: String },
    inputTokens: { type: Number },
    outputTokens: { type: Number },
    costUsd: { type: Number },
    latencyMs: { type: Number },
    cached: { type: Boolean },
    attempts: { type: [attemptSchema], default: undefined },
    errorCode: { type: String },
    errorMessage: { type: String },
    input: { type: String },
    output: { type: String },
  },
  { versionKey: false },
);
// Listing: one team's runs newest first, or the org's (admins); retention by start time.
runSchema.index({ orgId: 1, teamId: 1, startedAt: -1 });
runSchema.index({ orgId: 1, startedAt: -1 });
runSchema.index({ startedAt: 1 });

export function runModel(connection: Connection): Model<RunRecord> {
  return connection.model<RunRecord>('Run', runSchema, 'runs');
}
