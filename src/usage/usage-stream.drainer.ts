/**
 * Drains the usage stream into MongoDB; every instance runs one, in one consumer group, so records
 * are written once whoever appended them. Entries are acknowledged (and deleted) only after they are
 * stored; entries a dead consumer read but never acknowledged are taken over with XAUTOCLAIM once
 * idle for `claimIdleMs`.
 *
 * Idempotence: an event's `_id` travels with it, so a redelivered insert is a skipped duplicate; an
 * event is inserted with `rolledUp: false` and marked true once its rollup increments are applied,
 * so a redelivery applies only the rollups still missing. (A crash between applying and marking
 * re-applies that one batch's rollups: the events themselves are never lost nor doubled.)
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../infra/logger.js';
import { mergeIncrement, rollupIncrementOf, type RollupIncrement } from './usage-rollup.js';
import { decodeUsageRecord } from './usage-stream.js';
import type { RollupMarkingUsageWriter } from './usage-writer.js';

export interface UsageStreamDrainerOptions {
  redis: Redis;
  streamKey: string;
  group: string;
  /** Unique per instance. */
  consumer: string;
  writer: RollupMarkingUsageWriter;
  logger: Logger;
  /** Entries per read. Default 500. */
  batchSize?: number;
  /** Pause between drains when the stream was empty. Default 200 ms. */
  pollMs?: number;
  /** Entries unacknowledged this long are taken from their consumer (presumed dead). Default 30 s. */
  claimIdleMs?: number;
  /** Told the ids of the records it stored (and counted in the rollups). */
  onWritten?: (ids: readonly string[]) => void;
}

type StreamEntry = [id: string, fields: string[]];

export class UsageStreamDrainer {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private draining: Promise<number> = Promise.resolve(0);
  private lastClaimAt = 0;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly claimIdleMs: number;

  constructor(private readonly options: UsageStreamDrainerOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollMs = options.pollMs ?? 200;
    this.claimIdleMs = options.claimIdleMs ?? 30_000;
  }

  async start(): Promise<void> {
    await this.ensureGroup();
    this.loop = this.run();
  }

  /** Creates the consumer group (from the stream's start) unless it exists. */
  private async ensureGroup(): Promise<void> {
    try {
      await this.options.redis.xgroup('CREATE', this.options.streamKey, this.options.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  }

  /** Writes what is waiting now (this consumer's pending entries, claimable ones, new ones). */
  drainOnce(): Promise<number> {
    const next = this.draining.catch(() => 0).then(() => this.drainAvailable());
    this.draining = next;
    return next;
  }

  /** Stops after the batch in hand; what is left stays in the stream for the other instances. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop?.catch(() => {});
    await this.draining.catch(() => {});
    // Leave no empty consumer behind (every start registers a new one); one holding entries stays,
    // so another instance can take them over.
    try {
      const { streamKey, group, consumer } = this.options;
      const pending = (await this.options.redis.xpending(
        streamKey,
        group,
        '-',
        '+',
        1,
        consumer,
      )) as unknown[];
      if (pending.length === 0) await this.options.redis.xgroup('DELCONSUMER', streamKey, group, consumer);
    } catch (error) {
      this.options.logger.debug({ err: error }, 'usage stream consumer not removed');
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const written = await this.drainOnce();
        failures = 0;
        if (written === 0 && !this.stopped) await this.sleep(this.pollMs);
      } catch (error) {
        if (this.stopped) return;
        // Redis came back empty (restarted without persistence): the group is gone, while appends
        // go on recreating the stream. Recreate the group from the stream's start.
        if (String((error as Error).message).includes('NOGROUP')) {
          await this.ensureGroup().catch(() => {});
          this.options.logger.warn('usage stream consumer group recreated (Redis lost it)');
          continue;
        }
        failures += 1;
        const delay = Math.min(5000, 100 * 2 ** Math.min(failures, 6));
        this.options.logger.warn({ err: error, retryInMs: delay }, 'usage stream drain failed; will retry');
        await this.sleep(delay);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms).unref());
  }

  private async drainAvailable(): Promise<number> {
    let written = 0;
    // Our own pending entries first (read earlier, not yet stored: a failed write).
    for (let pending = await this.read('0'); pending.length > 0; pending = await this.read('0')) {
      written += await this.write(pending);
      if (pending.length < this.batchSize) break;
    }
    if (Date.now() - this.lastClaimAt >= Math.min(this.claimIdleMs, 5000)) {
      this.lastClaimAt = Date.now();
      written += await this.claimAbandoned();
    }
    for (let fresh = await this.read('>'); fresh.length > 0; fresh = await this.read('>')) {
      written += await this.write(fresh);
      if (this.stopped || fresh.length < this.batchSize) break;
    }
    return written;
  }

  private async claimAbandoned(): Promise<number> {
    let written = 0;
    let cursor = '0-0';
    do {
      const reply = (await this.options.redis.xautoclaim(
        this.options.streamKey,
        this.options.group,
        this.options.consumer,
        this.claimIdleMs,
        cursor,
        'COUNT',
        this.batchSize,
      )) as [string, StreamEntry[], ...unknown[]];
      cursor = reply[0];
      const entries = reply[1].filter((entry): entry is StreamEntry => Array.isArray(entry) && !!entry[1]);
      if (entries.length > 0) {
        this.options.logger.warn(
          { entries: entries.length },
          'took over usage records of a stopped instance',
        );
        written += await this.write(entries);
      }
    } while (cursor !== '0-0' && !this.stopped);
    return written;
  }

  private async read(from: '0' | '>'): Promise<StreamEntry[]> {
    const reply = (await this.options.redis.xreadgroup(
      'GROUP',
      this.options.group,
      this.options.consumer,
      'COUNT',
      this.batchSize,
      'STREAMS',
      this.options.streamKey,
      from,
    )) as Array<[string, StreamEntry[]]> | null;
    return reply?.[0]?.[1] ?? [];
  }

  /** Stores the entries, then acknowledges and deletes them. Returns how many records were stored. */
  private async write(entries: readonly StreamEntry[]): Promise<number> {
    const records = [];
    for (const [id, fields] of entries) {
      const record = decodeUsageRecord(fields);
      if (record) records.push(record);
      else this.options.logger.error({ entry: id }, 'malformed usage stream entry dropped');
    }
    const { writer } = this.options;
    await writer.insertEvents(records.map((record) => ({ ...record, rolledUp: false })));
    const ids = records.map((record) => record._id);
    const missing = await writer.notRolledUp(ids);
    const rollups = new Map<string, RollupIncrement>();
    const counted = new Set<string>();
    for (const record of records) {
      // An entry appended twice (a retried append) counts once.
      if (!missing.has(record._id) || counted.has(record._id)) continue;
      counted.add(record._id);
      mergeIncrement(rollups, rollupIncrementOf(record));
    }
    await writer.applyRollups([...rollups.values()]);
    await writer.markRolledUp([...missing]);
    this.options.onWritten?.(ids);
    const entryIds = entries.map(([id]) => id);
    if (entryIds.length > 0) {
      await this.options.redis
        .multi()
        .xack(this.options.streamKey, this.options.group, ...entryIds)
        .xdel(this.options.streamKey, ...entryIds)
        .exec();
    }
    return records.length;
  }
}
