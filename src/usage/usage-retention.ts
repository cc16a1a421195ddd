/**
 * Removes usage events older than the retention period with a periodic `deleteMany` on `at` (TTL
 * indexes are not portable). Rollups are kept: they are small (one per key, capability, model and
 * day) and carry the analytics. Every instance runs the job; the deletes are idempotent.
 */
import type { Model } from 'mongoose';
import type { Logger } from '../infra/logger.js';
import type { UsageEventRecord } from '../store/models/usage-event.model.js';

const DAY_MS = 86_400_000;

export interface UsageRetentionOptions {
  usageEvents: Model<UsageEventRecord>;
  logger: Logger;
  retentionDays: number;
  /** How often the job runs. Default hourly. */
  intervalMs?: number;
}

export class UsageRetention {
  private timer: NodeJS.Timeout | undefined;
  private firstRun: NodeJS.Immediate | undefined;
  private readonly running = new Set<Promise<number>>();

  constructor(private readonly options: UsageRetentionOptions) {}

  start(): void {
    const run = () => {
      this.purge().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'usage retention failed'),
      );
    };
    this.timer = setInterval(run, this.options.intervalMs ?? 3_600_000);
    this.timer.unref();
    this.firstRun = setImmediate(run);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearImmediate(this.firstRun);
    await Promise.allSettled([...this.running]);
  }

  /** Deletes the events recorded before `now` minus the retention period; returns how many. */
  async purge(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.options.retentionDays * DAY_MS);
    const run = (async () => {
      const result = await this.options.usageEvents.deleteMany({ at: { $lt: cutoff } });
      if (result.deletedCount > 0) {
        this.options.logger.info({ deleted: result.deletedCount, cutoff }, 'old usage events removed');
      }
      return result.deletedCount;
    })();
    this.running.add(run);
    return run.finally(() => this.running.delete(run));
  }
}
