/**
 * Budget settings (collection `budgets`): one document per (org, scope, target, period), so setting
 * a budget is an idempotent upsert on its `_id`.
 */
import type { Model } from 'mongoose';
import type { BudgetRecord } from '../models/budget.model.js';

/** What identifies a budget; written once, when it is created. */
export type BudgetIdentity = Pick<BudgetRecord, '_id' | 'orgId' | 'scope' | 'targetId' | 'period' | 'teamId'>;

export class BudgetRepository {
  constructor(private readonly budgets: Model<BudgetRecord>) {}

  /** Creates the budget or changes its limit and mode; returns it as stored. */
  async upsert(
    identity: BudgetIdentity,
    values: Pick<BudgetRecord, 'limitUsd' | 'mode' | 'updatedBy'>,
  ): Promise<BudgetRecord> {
    const { _id, teamId, ...created } = identity;
    const record = await this.budgets
      .findOneAndUpdate(
        { _id },
        { $set: values, $setOnInsert: { ...created, ...(teamId ? { teamId } : {}) } },
        { upsert: true, new: true },
      )
      .lean<BudgetRecord>();
    return record!;
  }

  /** Removes the budget; false when there was none. */
  async delete(id: string): Promise<boolean> {
    return (await this.budgets.deleteOne({ _id: id })).deletedCount > 0;
  }

  /** The org's budgets (only one team's when `teamId` is given), by scope, target and period. */
  list(orgId: string, teamId?: string): Promise<BudgetRecord[]> {
    return this.budgets
      .find(teamId === undefined ? { orgId } : { orgId, teamId })
      .sort({ scope: 1, targetId: 1, period: 1 })
      .lean<BudgetRecord[]>();
  }

  /** Every budget of every org (the in-memory rule cache). */
  all(): Promise<BudgetRecord[]> {
    return this.budgets.find({}).lean<BudgetRecord[]>();
  }
}
