/**
 * Writes run records off the request path: `started`/`ended` only buffer, and one `bulkWrite` per
 * interval stores the batch. A run that starts and ends within one interval (the common case, and
 * every one-shot run: `invoke`, typed mutations, `/v1`) costs one insert in a batch; a followable run
 * (`startRun`, `invokeStream`) gets an upsert at its start and one at its end (one when both fall in
 * the same interval). Failed batches are kept
 * for the next interval (bounded); flushed on shutdown.
 */
import type { Logger } from '../infra/logger.js';
import type { RunRecord } from '../store/models/run.model.js';
import type { RunIdentity, RunOutcome, RunRepository, RunWrite } from '../store/repos/run.repo.js';

/** Writes kept while the store fails; beyond this the oldest are dropped (and logged). */
const MAX_PENDING = 50_000;
/** A batch this large is written at once rather than at the next interval. */
const EAGER_BATCH = 2_000;

export class RunRecorder {
  private pending = new Map<string, RunWrite>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly repository: RunRepository,
    private readonly logger: Logger,
    flushIntervalMs: number,
  ) {
    this.timer = setInterval(() => void this.flush(), flushIntervalMs);
    this.timer.unref();
  }

  started(identity: RunIdentity): void {
    this.enqueue({ type: 'started', identity });
  }

  /**
   * `followable`: a STARTED record may exist, so the end is an upsert (it also creates the whole
   * record when the start was still buffered, and replaces it). Otherwise one insert.
   */
  ended(identity: RunIdentity, outcome: RunOutcome, followable: boolean): void {
    if (followable) this.enqueue({ type: 'ended', identity, outcome });
    else this.enqueue({ type: 'whole', record: { ...identity, ...outcome } satisfies RunRecord });
  }

  /** Writes everything buffered; one batch at a time, in order. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeBatch());
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private enqueue(write: RunWrite): void {
    const runId = write.type === 'whole' ? write.record._id : write.identity._id;
    this.pending.delete(runId);
    this.pending.set(runId, write);
    if (this.pending.size > MAX_PENDING) {
      const oldest = this.pending.keys().next().value!;
      this.pending.delete(oldest);
      this.logger.error({ runId: oldest }, 'run record dropped: the store has been failing');
    }
    if (this.pending.size >= EAGER_BATCH) void this.flush();
  }

  private async writeBatch(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.repository.write([...batch.values()]);
    } catch (error) {
      this.logger.warn({ err: error, runs: batch.size }, 'writing run records failed; retrying later');
      // Newer writes of the same run win; the rest go back in front.
      const retry = new Map([...batch].filter(([runId]) => !this.pending.has(runId)));
      this.pending = new Map([...retry, ...this.pending]);
    }
  }
}
