/**
 * The `UsageRecorder` of the request path when Redis is configured: `record` appends the record to
 * the usage stream at once (the XADD is written to the Redis socket synchronously, before the
 * answer leaves), so a crash of this instance right after answering loses nothing; the
 * drainers of every instance write the stream into MongoDB. When the XADD fails (Redis down), the
 * record goes to the in-process buffer with the same id, so it is written directly, once.
 *
 * Redis losing the stream (restarted empty, flushed): each record appended here is also kept in
 * memory until it is known to be in MongoDB (this instance's drainer wrote it, or a check finds it
 * stored and rolled up). Every second the recorder reads the stream's epoch key; when it is gone or
 * changed, Redis lost what the stream held, and the records kept here are appended again (same id:
 * the drainers store each once and count its rollups once). So a record is lost only if this
 * instance dies too before its record was drained (two faults at once), or when more than
 * `maxUnconfirmed` records wait (MongoDB down long): the oldest are then protected by Redis alone.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../infra/logger.js';
import type { BufferedUsageRecorder } from './buffered-usage.recorder.js';
import { sanitizeEvent } from './usage-rollup.js';
import { encodeUsageRecord, USAGE_FIELD } from './usage-stream.js';
import type { UsageStreamDrainer } from './usage-stream.drainer.js';
import type { UsageEvent, UsageRecorder } from './usage.types.js';

export interface StreamUsageRecorderOptions {
  /** Owned by the recorder (closed by `stop`); best without auto-pipelining (see create-usage-recorder). */
  redis: Redis;
  streamKey: string;
  /** The stream's epoch key (usageStreamKeys). */
  epochKey: string;
  /** Where records go when the stream cannot take them. */
  fallback: BufferedUsageRecorder;
  drainer: UsageStreamDrainer;
  /** Of these record ids, those stored in MongoDB and counted in the rollups. */
  stored: (ids: readonly string[]) => Promise<Set<string>>;
  logger: Logger;
  /** How often the epoch is checked and kept records are confirmed. Default 1 s. */
  checkIntervalMs?: number;
  /** Records kept in memory at most. Default 100,000. */
  maxUnconfirmed?: number;
}

interface Kept {
  encoded: string;
  appendedAt: number;
}

/** Kept records younger than this are not looked up in MongoDB yet (the drainers are on them). */
const CONFIRM_AFTER_MS = 1000;
const CONFIRM_BATCH = 500;

export class StreamUsageRecorder implements UsageRecorder {
  private readonly appending = new Set<Promise<unknown>>();
  /** Appended, not yet known to be in MongoDB; insertion order is append order. */
  private readonly unconfirmed = new Map<string, Kept>();
  private epoch: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();
  private readonly maxUnconfirmed: number;

  constructor(private readonly options: StreamUsageRecorderOptions) {
    this.maxUnconfirmed = options.maxUnconfirmed ?? 100_000;
  }

  /** Reads (or sets) the epoch, then checks it every `checkIntervalMs`. */
  async start(): Promise<void> {
    this.epoch = await this.currentEpoch();
    this.timer = setInterval(() => {
      this.checking = this.checking.then(() => this.check());
    }, this.options.checkIntervalMs ?? 1000);
    this.timer.unref();
  }

  /** The drainer stored these records. */
  written(ids: readonly string[]): void {
    for (const id of ids) this.unconfirmed.delete(id);
  }

  /** Records appended and not yet known to be in MongoDB (for tests and health output). */
  get pending(): number {
    return this.unconfirmed.size;
  }

  record(event: UsageEvent): void {
    const id = event.idempotencyKey ?? randomUUID();
    let encoded: string;
    try {
      const clean = sanitizeEvent(event);
      encoded = encodeUsageRecord({ ...clean, _id: id, overBudget: clean.overBudget ?? false });
    } catch (error) {
      this.options.logger.error({ err: error, runId: event.runId }, 'usage event could not be encoded');
      return;
    }
    const appended = this.options.redis.xadd(this.options.streamKey, '*', USAGE_FIELD, encoded).then(
      () => this.keep(id, encoded),
      (error: unknown) => {
        this.options.logger.warn(
          { err: error, runId: event.runId },
          'usage stream unavailable; record kept in process',
        );
        this.options.fallback.recordWithId(event, id);
      },
    );
    this.appending.add(appended);
    void appended.finally(() => this.appending.delete(appended));
  }

  /** Waits for pending appends, writes the fallback buffer, and drains the stream once. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.appending]);
    await this.options.fallback.flush();
    await this.options.drainer.drainOnce();
  }

  /** Pending appends finish; the drainer stops after its batch; the fallback buffer is written. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.appending]);
    await this.checking.catch(() => {});
    await this.options.drainer.stop();
    await this.options.fallback.stop();
    await this.options.redis.quit().catch(() => this.options.redis.disconnect());
  }

  private keep(id: string, encoded: string): void {
    this.unconfirmed.set(id, { encoded, appendedAt: Date.now() });
    if (this.unconfirmed.size > this.maxUnconfirmed) {
      const oldest = this.unconfirmed.keys().next().value;
      if (oldest !== undefined) this.unconfirmed.delete(oldest);
      this.options.logger.warn(
        { kept: this.maxUnconfirmed },
        'too many usage records await MongoDB; the oldest is protected by Redis alone',
      );
    }
  }

  /** The epoch in Redis, set to a new token if Redis has none (it was lost, or never set). */
  private async currentEpoch(): Promise<string> {
    const { redis, epochKey } = this.options;
    const current = await redis.get(epochKey);
    if (current !== null) return current;
    await redis.set(epochKey, randomUUID(), 'NX');
    return (await redis.get(epochKey)) ?? '';
  }

  private async check(): Promise<void> {
    try {
      const current = await this.currentEpoch();
      if (current !== this.epoch) {
        await this.replay();
        this.epoch = current;
      }
      await this.confirm();
    } catch (error) {
      this.options.logger.debug({ err: error }, 'usage stream check failed; will retry');
    }
  }

  /** Redis lost the stream: every record not known to be in MongoDB is appended again. */
  private async replay(): Promise<void> {
    const kept = [...this.unconfirmed.values()];
    if (kept.length > 0) {
      const pipeline = this.options.redis.pipeline();
      for (const { encoded } of kept) pipeline.xadd(this.options.streamKey, '*', USAGE_FIELD, encoded);
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
    }
    this.options.logger.warn(
      { records: kept.length },
      'usage stream lost by Redis: records not yet in MongoDB appended again',
    );
  }

  /** Drops kept records that another instance's drainer stored. */
  private async confirm(): Promise<void> {
    const before = Date.now() - CONFIRM_AFTER_MS;
    const ids: string[] = [];
    for (const [id, kept] of this.unconfirmed) {
      if (kept.appendedAt > before || ids.length >= CONFIRM_BATCH) break;
      ids.push(id);
    }
    if (ids.length === 0) return;
    this.written([...(await this.options.stored(ids))]);
  }
}
