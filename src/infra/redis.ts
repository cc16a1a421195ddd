/**
 * Redis connections. With `REDIS_URL` unset, Capgate runs single-instance and every Redis-backed
 * store has an in-process twin; `redis` is then undefined and `/readyz` says `in-process`.
 */
import { Redis } from 'ioredis';

export interface RedisConnections {
  /** Commands (counters, Lua scripts, cache). */
  command: Redis;
  /** Publishing pub/sub messages. */
  publisher: Redis;
  /** Subscribing: a connection in subscriber mode can run no other command. */
  subscriber: Redis;
  close(): Promise<void>;
}

export async function connectRedis(url: string): Promise<RedisConnections> {
  // Auto-pipelining batches the commands of concurrent requests into one write. Lua commands must be
  // defined before traffic (a command defined while a pipeline is pending fails inside ioredis): the
  // rate limiter creates its counters, which define theirs, when it is constructed.
  const options = { maxRetriesPerRequest: 2, enableAutoPipelining: true, lazyConnect: true } as const;
  const command = new Redis(url, { ...options, connectionName: 'capgate' });
  const publisher = new Redis(url, { ...options, connectionName: 'capgate-pub' });
  const subscriber = new Redis(url, {
    ...options,
    maxRetriesPerRequest: null,
    connectionName: 'capgate-sub',
  });
  try {
    await Promise.all([command.connect(), publisher.connect(), subscriber.connect()]);
  } catch (error) {
    command.disconnect();
    publisher.disconnect();
    subscriber.disconnect();
    throw new Error(`Cannot connect to Redis at ${redactUrl(url)}: ${(error as Error).message}`);
  }
  return {
    command,
    publisher,
    subscriber,
    async close() {
      await Promise.allSettled([command.quit(), publisher.quit(), subscriber.quit()]);
    },
  };
}

/** A URL fit for logs: credentials removed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.username) parsed.username = '***';
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}
