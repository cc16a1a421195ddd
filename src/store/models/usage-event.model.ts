import { Schema, type Connection, type Model } from 'mongoose';
import type { UsageEvent } from '../../usage/usage.types.js';

/**
 * One run, as recorded by the usage recorder. `_id` is assigned when the event is buffered, so a
 * retried batch insert is idempotent (duplicates fail on `_id` and are ignored). Kept for
 * `config.usage.retentionDays`, then removed by a periodic `deleteMany` on `at` (no TTL index: not
 * portable to FerretDB).
 */
export interface UsageEventRecord extends Omit<UsageEvent, 'overBudget' | 'idempotencyKey'> {
  _id: string;
  overBudget: boolean;
  /**
   * Set by the usage-stream drainer: false when inserted, true once the event's rollup increments
   * were applied, so a redelivered event is not counted in the rollups twice. Absent on events
   * written by the in-process buffer (which applies rollups in the same flush).
   */
  rolledUp?: boolean;
}

const usageEventSchema = new Schema<UsageEventRecord>(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    at: { type: Date, required: true },
    orgId: { type: String, required: true },
    teamId: { type: String, required: true },
    keyId: { type: String, required: true },
    capability: { type: String, required: true },
    capabilityVersion: { type: Number, required: true },
    model: { type: String, default: '' },
    provider: { type: String, default: '' },
    inputTokens: { type: Number, required: true },
    outputTokens: { type: Number, required: true },
    costUsd: { type: Number, required: true },
    latencyMs: { type: Number, required: true },
    status: { type: String, required: true },
    errorCode: { type: String },
    cached: { type: Boolean, required: true },
    overBudget: { type: Boolean, required: true },
    frontDoor: { type: String, required: true },
    workflow: { type: String },
    workflowRunId: { type: String },
    workflowStep: { type: String },
    rolledUp: { type: Boolean },
  },
  { versionKey: false },
);
usageEventSchema.index({ at: 1 });
usageEventSchema.index({ orgId: 1, teamId: 1, at: -1 });
usageEventSchema.index({ runId: 1 });
usageEventSchema.index({ workflowRunId: 1 });

export function usageEventModel(connection: Connection): Model<UsageEventRecord> {
  return connection.model<UsageEventRecord>('UsageEvent', usageEventSchema, 'usageEvents');
}
