/**
 * Deletes conversations (with their turns) that had no turn for `retentionDays`
 * (`CAPGATE_CONVERSATION_RETENTION_DAYS`): a periodic `deleteMany`, as TTL indexes are not portable.
 * Every instance runs it; deletes are idempotent.
 */
import type { Logger } from '../infra/logger.js';
import type { ConversationRepository } from './conversation.repo.js';

const DAY_MS = 86_400_000;

export class ConversationRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: {
      repository: ConversationRepository;
      logger: Logger;
      retentionDays: number;
      /** Default hourly. */
      intervalMs?: number;
    },
  ) {}

  start(): void {
    const run = () => {
      this.running = this.purge().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'conversation retention failed'),
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

  /** Deletes conversations idle since before `now` minus the retention period; returns how many. */
  async purge(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.options.retentionDays * DAY_MS);
    let total = 0;
    for (;;) {
      const deleted = await this.options.repository.deleteIdleBefore(cutoff);
      total += deleted;
      if (deleted === 0) break;
    }
    if (total > 0) this.options.logger.info({ deleted: total, cutoff }, 'idle conversations removed');
    return total;
  }
}
