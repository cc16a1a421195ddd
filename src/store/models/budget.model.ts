import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A spending limit of one org, team or API key per UTC day or month. One document per
 * (org, scope, target, period), so `setBudget` is an idempotent upsert on `_id`.
 */
export interface BudgetRecord {
  /** `${orgId}:${scope}:${targetId}:${period}`. */
  _id: string;
  orgId: string;
  scope: 'ORG' | 'TEAM' | 'KEY';
  /** The org id, team id or API key id. */
  targetId: string;
  /** The team the budget belongs to (for tenant isolation); unset for ORG budgets. */
  teamId?: string;
  limitUsd: number;
  period: 'DAILY' | 'MONTHLY';
  mode: 'HARD' | 'SOFT';
  updatedBy?: string;
  createdAt: Date;
  updatedAt: Date;
}

const budgetSchema = new Schema<BudgetRecord>(
  {
    _id: { type: String, required: true },
    orgId: { type: String, required: true },
    scope: { type: String, required: true },
    targetId: { type: String, required: true },
    teamId: { type: String },
    limitUsd: { type: Number, required: true },
    period: { type: String, required: true },
    mode: { type: String, required: true },
    updatedBy: { type: String },
  },
  { timestamps: true, versionKey: false },
);
budgetSchema.index({ orgId: 1, teamId: 1 });

export function budgetModel(connection: Connection): Model<BudgetRecord> {
  return connection.model<BudgetRecord>('Budget', budgetSchema, 'budgets');
}
