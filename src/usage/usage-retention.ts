/**
 * Removes usage events older than the retention period (`CAPGATE_USAGE_RETENTION_DAYS`) through the
 * shared retention job. Rollups are kept: they are small (one per key, capability, model and day) and
 * carry the analytics.
 */
import type { Model } from 'mongoose';
import { RetentionJob, type RetentionJobOptions } from '../infra/retention-job.js';
import type { UsageEventRecord } from '../store/models/usage-event.model.js';

export interface UsageRetentionOptions extends RetentionJobOptions {
  usageEvents: Model<UsageEventRecord>;
}

export class UsageRetention extends RetentionJob {
  constructor(options: UsageRetentionOptions) {
    super({
      ...options,
      name: 'usage',
      removedMessage: 'old usage events removed',
      deleteBefore: async (cutoff) =>
        (await options.usageEvents.deleteMany({ at: { $lt: cutoff } })).deletedCount,
    });
  }
}
