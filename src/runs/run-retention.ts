/**
 * Deletes run records (with any logged inputs and outputs) started more than `retentionDays` ago
 * (`CAPGATE_RUN_RETENTION_DAYS`), through the shared retention job.
 */
import { RetentionJob, type RetentionJobOptions } from '../infra/retention-job.js';
import type { RunRepository } from '../store/repos/run.repo.js';

export class RunRetention extends RetentionJob {
  constructor(options: RetentionJobOptions & { runs: RunRepository }) {
    super({
      ...options,
      name: 'run',
      removedMessage: 'old run records removed',
      deleteBefore: (cutoff) => options.runs.deleteStartedBefore(cutoff),
    });
  }
}
