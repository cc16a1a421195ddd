/**
 * Rate-limit settings (collection `rateLimits`): one document per (org, scope, target), so setting
 * limits is an idempotent upsert on its `_id`.
 */
import type { Model } from 'mongoose';
import type { RateLimitRecord } from '../models/rate-limit.model.js';

/** What identifies a rate limit; written once, when it is created. */
export type RateLimitIdentity = Pick<RateLimitRecord, '_id' | 'orgId' | 'scope' | 'targetId' | 'teamId'>;

export class RateLimitRepository {
  constructor(private readonly rateLimits: Model<RateLimitRecord>) {}

  /** Creates the setting or changes its limits; returns it as stored. */
  async upsert(
    identity: RateLimitIdentity,
    values: Pick<RateLimitRecord, 'requestsPerMinute' | 'tokensPerMinute' | 'updatedBy'>,
  ): Promise<RateLimitRecord> {
    const { _id, teamId, ...created } = identity;
    const record = await this.rateLimits
      .findOneAndUpdate(
        { _id },
        { $set: values, $setOnInsert: { ...created, ...(teamId ? { teamId } : {}) } },
        { upsert: true, new: true },
      )
      .lean<RateLimitRecord>();
    return record!;
  }

  /** Removes the setting; false when there was none. */
  async delete(id: string): Promise<boolean> {
    return (await this.rateLimits.deleteOne({ _id: id })).deletedCount > 0;
  }

  /** The org's settings (only one team's when `teamId` is given), by scope and target. */
  list(orgId: string, teamId?: string): Promise<RateLimitRecord[]> {
    return this.rateLimits
      .find(teamId === undefined ? { orgId } : { orgId, teamId })
      .sort({ scope: 1, targetId: 1 })
      .lean<RateLimitRecord[]>();
  }

  /** Every setting of every org (the in-memory rule cache). */
  all(): Promise<RateLimitRecord[]> {
    return this.rateLimits.find({}).lean<RateLimitRecord[]>();
  }
}
