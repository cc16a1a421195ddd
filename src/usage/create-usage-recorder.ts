/**
 * Chooses the usage recorder: with Redis, records go to the usage stream (durable across a crash)
 * and this instance also drains it; without Redis, the in-process buffer, written every
 * `flushIntervalMs` and on shutdown (after in-flight requests completed).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import type { Logger } from '../infra/logger.js';
import { reportRedisErrors } from '../infra/redis.js';
import { BufferedUsageRecorder } from './buffered-usage.recorder.js';
import { StreamUsageRecorder } from './stream-usage.recorder.js';
import { usageStreamKeys } from './usage-stream.js';
import { UsageStreamDrainer } from './usage-stream.drainer.js';
import type { RollupMarkingUsageWriter } from './usage-writer.js';
import type { UsageRecorder } from './usage.types.js';

export async function createUsageRecorder(options: {
  writer: RollupMarkingUsageWriter;
  redis: Redis | undefined;
  keyPrefix: string;
  /** The MongoDB database the records go to (part of the stream key). */
  database: string;
  logger: Logger;
  usage: Config['usage'];
  batchSize?: number;
}): Promise<UsageRecorder> {
  const buffered = new BufferedUsageRecorder({
    writer: options.writer,
    logger: options.logger,
    flushIntervalMs: options.usage.flushIntervalMs,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  if (!options.redis) return buffered;
  const { stream, group, epoch } = usageStreamKeys(options.keyPrefix, options.database);
  // The drainer tells the recorder (built after it) which records it stored.
  const confirm: { recorder?: StreamUsageRecorder } = {};
  const drainer = new UsageStreamDrainer({
    redis: options.redis,
    streamKey: stream,
    group,
    consumer: `instance-${randomUUID()}`,
    writer: options.writer,
    logger: options.logger,
    claimIdleMs: options.usage.claimIdleMs,
    onWritten: (ids) => confirm.recorder?.written(ids),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  await drainer.start();
  // Appends on a connection of their own without auto-pipelining: ioredis then writes each XADD to
  // the socket synchronously inside `record`, before the answer is written, so a kill -9 right after
  // the answer cannot catch it still queued in the process.
  const appender = options.redis.duplicate({
    enableAutoPipelining: false,
    connectionName: 'capgate-usage',
    lazyConnect: true,
  });
  reportRedisErrors(appender, (error) =>
    options.logger.warn({ err: error.message }, 'usage stream connection lost; reconnecting'),
  );
  await appender.connect();
  const recorder = new StreamUsageRecorder({
    redis: appender,
    streamKey: stream,
    epochKey: epoch,
    fallback: buffered,
    drainer,
    stored: (ids) => options.writer.rolledUp(ids),
    logger: options.logger,
  });
  confirm.recorder = recorder;
  await recorder.start();
  return recorder;
}
