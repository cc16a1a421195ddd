/**
 * The `UsageRecorder` of the request path when Redis is configured: `record` appends the record to
 * the usage stream at once (the XADD is written to the Redis socket synchronously, before the
 * answer leaves), so a crash of this instance right after answering loses nothing; the
 * drainers of every instance write the stream into MongoDB. When the XADD fails (Redis down), the
 * record goes to the in-process buffer with the same id, so it is written directly, once.
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
  /** Where records go when the stream cannot take them. */
  fallback: BufferedUsageRecorder;
  drainer: UsageStreamDrainer;
  logger: Logger;
}

export class StreamUsageRecorder implements UsageRecorder {
  private readonly appending = new Set<Promise<unknown>>();

  constructor(private readonly options: StreamUsageRecorderOptions) {}

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
    const appended = this.options.redis
      .xadd(this.options.streamKey, '*', USAGE_FIELD, encoded)
      .catch((error: unknown) => {
        this.options.logger.warn(
          { err: error, runId: event.runId },
          'usage stream unavailable; record kept in process',
        );
        this.options.fallback.recordWithId(event, id);
      });
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
    await Promise.allSettled([...this.appending]);
    await this.options.drainer.stop();
    await this.options.fallback.stop();
    await this.options.redis.quit().catch(() => this.options.redis.disconnect());
  }
}
