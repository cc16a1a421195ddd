/**
 * Rate-limit hit counters (`rateLimitHits`): one document per team, key, capability, rule and UTC
 * minute, added to by every instance with `$inc` upserts. Plain records in and out.
 */
import type { FilterQuery, Model } from 'mongoose';
import type { RateLimitHitRecord } from '../models/rate-limit-hit.model.js';

export interface RateLimitHitIncrement {
  id: string;
  key: Omit<RateLimitHitRecord, '_id' | 'hits' | 'updatedAt'>;
  hits: number;
}

export class RateLimitHitRepository {
  constructor(private readonly model: Model<RateLimitHitRecord>) {}

  /**
   * Adds the counts, in order, in one bulk write. On failure the driver's error is thrown as is: an
   * ordered bulk applied everything before its first failed write (`writeErrors[0].index`).
   */
  async add(increments: readonly RateLimitHitIncrement[], now: Date): Promise<void> {
    if (increments.length === 0) return;
    await this.model.bulkWrite(
      increments.map((counter) => ({
        updateOne: {
          filter: { _id: counter.id },
          update: { $setOnInsert: counter.key, $inc: { hits: counter.hits }, $set: { updatedAt: now } },
          upsert: true,
        },
      })),
      { ordered: true },
    );
  }

  /** The counters of an org from `fromMinute` to `to`, optionally of one team and/or capability. */
  async find(query: {
    orgId: string;
    fromMinute: Date;
    to: Date;
    teamId?: string;
    capability?: string;
  }): Promise<RateLimitHitRecord[]> {
    const filter: FilterQuery<RateLimitHitRecord> = {
      orgId: query.orgId,
      minute: { $gte: query.fromMinute, $lte: query.to },
    };
    if (query.teamId !== undefined) filter.teamId = query.teamId;
    if (query.capability !== undefined) filter.capability = query.capability;
    return this.model.find(filter).lean<RateLimitHitRecord[]>();
  }

  /** Removes the counters of minutes before `cutoff`; returns how many. */
  async deleteBefore(cutoff: Date): Promise<number> {
    return (await this.model.deleteMany({ minute: { $lt: cutoff } })).deletedCount;
  }
}
