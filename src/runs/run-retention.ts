/**
 * Deletes run records (with any logged inputs and outputs) started more than `retentionDays` ago: a
 * periodic `deleteMany` (TTL indexes are not portable). Every instance runs it; deletes are idempotent.
 */
import type { Logger } from '../infra/logger.js';
import type { RunRepository } from '../store/repos/run.repo.js';

const DAY_MS = 86_400_000;

export class RunRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: {
      runs: RunRepository;
      logger: Logger;
      retentionDays: number;
      /** Default hourly. */
      intervalMs?: number;
    },
  ) {}

  start(): void {
    const run = () => {
      this.running = this.purge().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'run retention failed'),
      );
    };
    this.timer = setInterval(run, this.options.intervalMs ?? 3_600_000);
    this.timer.unref();
    run();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes the runs started before `now` minus the retention period; returns how many. */
  async purge(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.options.retentionDays * DAY_MS);
    const deleted = await this.options.runs.deleteStartedBefore(cutoff);
    if (deleted > 0) this.options.logger.info({ deleted, cutoff }, 'old run records removed');
    return deleted;
  }
}
