/**
 * A retention job: a periodic `deleteMany` of what is older than `retentionDays` (TTL indexes are not
 * portable). Every instance runs it; the deletes are idempotent. Run records, conversations, stored
 * responses and usage events each give it their delete.
 */
import type { Logger } from './logger.js';

const DAY_MS = 86_400_000;

export interface RetentionJobOptions {
  logger: Logger;
  retentionDays: number;
  /** How often the job runs. Default hourly. */
  intervalMs?: number;
}

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<number>>();

  constructor(
    private readonly options: RetentionJobOptions & {
      /** Names the job in its log lines: `<name> retention failed`. */
      name: string;
      /** The log line when something was deleted (`old run records removed`). */
      removedMessage: string;
      /** Deletes what is older than `cutoff`; returns how many. */
      deleteBefore: (cutoff: Date) => Promise<number>;
    },
  ) {}

  /** Purges now, then every interval. */
  start(): void {
    const run = () => {
      this.purge().catch((error: unknown) =>
        this.options.logger.error({ err: error }, `${this.options.name} retention failed`),
      );
    };
    this.timer = setInterval(run, this.options.intervalMs ?? 3_600_000);
    this.timer.unref();
    run();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.running]);
  }

  /** Deletes what is older than `now` minus the retention period; returns how many. */
  async purge(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.options.retentionDays * DAY_MS);
    const run = this.options.deleteBefore(cutoff).then((deleted) => {
      if (deleted > 0) this.options.logger.info({ deleted, cutoff }, this.options.removedMessage);
      return deleted;
    });
    this.running.add(run);
    return run.finally(() => this.running.delete(run));
  }
}
