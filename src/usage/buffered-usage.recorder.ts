/**
 * The `UsageRecorder` of the request path: `record` only buffers (never throws, never waits); the
 * buffer is written in batches every `flushIntervalMs`, as soon as it holds `batchSize` events, and
 * on `stop()`. Each event's rollup increments are merged in memory, so one flush makes one upsert
 * per rollup document however many events it carries.
 *
 * Failures: what a flush could not write stays buffered for the next one. Event inserts are
 * idempotent (`_id` assigned here), and an ordered rollup bulk write reports how far it got, so a
 * retry neither loses nor double-counts — except after a network error in mid-write, where the
 * rollups are retried whole (at least once). The raw-event buffer is bounded by `maxBufferedEvents`
 * (oldest dropped, counted, logged); rollups, one entry per document, are never dropped.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../infra/logger.js';
import type { UsageEventRecord } from '../store/models/usage-event.model.js';
import { mergeIncrement, rollupIncrementOf, sanitizeEvent, type RollupIncrement } from './usage-rollup.js';
import type { UsageEvent, UsageRecorder } from './usage.types.js';
import { RollupWriteError, type UsageWriter } from './usage-writer.js';

export interface BufferedUsageRecorderOptions {
  writer: UsageWriter;
  logger: Logger;
  /** How often the buffer is written. */
  flushIntervalMs: number;
  /** A flush starts as soon as this many events are buffered; also the size of one insert. Default 500. */
  batchSize?: number;
  /** Raw events kept while MongoDB is failing; beyond this the oldest are dropped. Default 100,000. */
  maxBufferedEvents?: number;
  /** Attempts `stop()` makes to write what is left. Default 3. */
  stopAttempts?: number;
}

export class BufferedUsageRecorder implements UsageRecorder {
  private events: UsageEventRecord[] = [];
  private rollups = new Map<string, RollupIncrement>();
  private flushing: Promise<void> = Promise.resolve();
  private flushQueued = false;
  private readonly timer: NodeJS.Timeout;
  private readonly batchSize: number;
  private readonly maxBufferedEvents: number;
  private droppedEvents = 0;
  private stopped = false;

  constructor(private readonly options: BufferedUsageRecorderOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.maxBufferedEvents = options.maxBufferedEvents ?? 100_000;
    this.timer = setInterval(() => this.flushInBackground(), options.flushIntervalMs);
    this.timer.unref();
  }

  /** Events and rollup documents waiting to be written (for health output and tests). */
  get pending(): { events: number; rollups: number; droppedEvents: number } {
    return { events: this.events.length, rollups: this.rollups.size, droppedEvents: this.droppedEvents };
  }

  record(event: UsageEvent): void {
    this.recordWithId(event, event.idempotencyKey ?? randomUUID());
  }

  /** Like `record`, with the event's id given (an event that may also have reached the usage stream). */
  recordWithId(event: UsageEvent, id: string): void {
    try {
      const clean = sanitizeEvent(event);
      this.events.push({ ...clean, _id: id, overBudget: clean.overBudget ?? false });
      mergeIncrement(this.rollups, rollupIncrementOf(clean));
      if (this.events.length > this.maxBufferedEvents) this.dropOldest();
      if (this.stopped)
        this.options.logger.warn({ runId: event.runId }, 'usage recorded after stop; not written');
      else if (this.events.length >= this.batchSize) this.flushInBackground();
    } catch (error) {
      this.options.logger.error({ err: error, runId: event.runId }, 'usage event could not be buffered');
    }
  }

  /** Writes everything buffered now; rejects if some of it could not be written (it stays buffered). */
  flush(): Promise<void> {
    const next = this.flushing.catch(() => {}).then(() => this.writeBuffered());
    this.flushing = next;
    return next;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    const attempts = this.options.stopAttempts ?? 3;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await this.flush();
        return;
      } catch {
        if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
    this.options.logger.error({ ...this.pending }, 'usage not written at shutdown');
  }

  private flushInBackground(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.flush()
      .catch(() => {}) // logged in writeBuffered; the data stays buffered for the next flush
      .finally(() => {
        this.flushQueued = false;
      });
  }

  private async writeBuffered(): Promise<void> {
    const events = this.events;
    const rollups = [...this.rollups.values()];
    this.events = [];
    this.rollups = new Map();
    let failure: unknown;

    let written = 0;
    try {
      while (written < events.length) {
        const batch = events.slice(written, written + this.batchSize);
        await this.options.writer.insertEvents(batch);
        written += batch.length;
      }
    } catch (error) {
      failure = error;
      this.events = [...events.slice(written), ...this.events];
      if (this.events.length > this.maxBufferedEvents) this.dropOldest();
    }

    try {
      await this.options.writer.applyRollups(rollups);
    } catch (error) {
      failure ??= error;
      const applied = error instanceof RollupWriteError ? error.applied : 0;
      for (const increment of rollups.slice(applied)) mergeIncrement(this.rollups, increment);
    }

    if (failure !== undefined) {
      this.options.logger.error({ err: failure, ...this.pending }, 'usage flush failed; will retry');
      throw failure;
    }
  }

  private dropOldest(): void {
    const excess = this.events.length - this.maxBufferedEvents;
    this.events.splice(0, excess);
    this.droppedEvents += excess;
    this.options.logger.warn(
      { dropped: excess, total: this.droppedEvents },
      'usage events dropped (buffer full)',
    );
  }
}
