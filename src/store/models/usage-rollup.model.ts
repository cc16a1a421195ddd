import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Usage totals per org / team / key / capability / model / provider / UTC day, kept with `$inc` upserts (and
 * `$max` for the slowest call). Averages and percentiles are computed in code from the sums and the
 * latency histogram `h`: one counter per bucket, `h.le50` = calls that took at most 50 ms and more
 * than the bound below it, `h.leInf` = slower than the last bound (see `src/usage/latency-histogram.ts`).
 */
export interface UsageRollupRecord {
  /**
   * `JSON.stringify([orgId, teamId, keyId, capability, model, day, provider])`; rollups written before
   * the provider was a dimension have the first six only (and no `provider`).
   */
  _id: string;
  orgId: string;
  teamId: string;
  keyId: string;
  capability: string;
  model: string;
  /** The model's provider; empty when no model was reached, absent on rollups from before it was kept. */
  provider?: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  requests: number;
  /** Requests that failed (`errors` is reserved by mongoose). */
  errorCount: number;
  cachedRequests: number;
  overBudgetRequests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencySumMs: number;
  latencyMaxMs: number;
  h: Partial<Record<string, number>>;
  updatedAt: Date;
}

const usageRollupSchema = new Schema<UsageRollupRecord>(
  {
    _id: { type: String, required: true },
    orgId: { type: String, required: true },
    teamId: { type: String, required: true },
    keyId: { type: String, required: true },
    capability: { type: String, required: true },
    model: { type: String, default: '' },
    provider: { type: String },
    day: { type: String, required: true },
    requests: { type: Number, default: 0 },
    errorCount: { type: Number, default: 0 },
    cachedRequests: { type: Number, default: 0 },
    overBudgetRequests: { type: Number, default: 0 },
    inputTokens: { type: Number, default: 0 },
    outputTokens: { type: Number, default: 0 },
    costUsd: { type: Number, default: 0 },
    latencySumMs: { type: Number, default: 0 },
    latencyMaxMs: { type: Number, default: 0 },
    h: { type: Schema.Types.Mixed, default: {} },
    updatedAt: { type: Date },
  },
  { versionKey: false, minimize: false },
);
usageRollupSchema.index({ orgId: 1, day: 1 });
usageRollupSchema.index({ orgId: 1, teamId: 1, day: 1 });

export function usageRollupModel(connection: Connection): Model<UsageRollupRecord> {
  return connection.model<UsageRollupRecord>('UsageRollup', usageRollupSchema, 'usageRollups');
}
