/**
 * Removes usage events older than the retention period (`CAPGATE_USAGE_RETENTION_DAYS`) through the
 * shared retention job. Rollups are kept: they are small (one per key, capability, model and day) and
 * carry the analytics.
 */
import { RetentionJob, type RetentionJobOptions } from '../infra/retention-job.js';
import type { UsageRepository } from '../store/repos/usage.repo.js';

export interface UsageRetentionOptions extends RetentionJobOptions {
  usage: Pick<UsageRepository, 'deleteEventsBefore'>;
}

export class UsageRetention extends RetentionJob {
  constructor(options: UsageRetentionOptions) {
    super({
      ...options,
      name: 'usage',
      removedMessage: 'old usage events removed',
      deleteBefore: (cutoff) => options.usage.deleteEventsBefore(cutoff),
    });
  }
}
