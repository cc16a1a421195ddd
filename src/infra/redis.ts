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
  /** Calls `handler` each time the subscriber connection is ready again after a loss (not the first time). */
  onReconnected(handler: () => void): () => void;
  close(): Promise<void>;
}

/** Logs a connection's first error of each outage (ioredis emits one per reconnect attempt). */
export function reportRedisErrors(connection: Redis, onOutage: (error: Error) => void): void {
  let reported = false;
  connection.on('error', (error: Error) => {
    if (reported) return;
    reported = true;
    onOutage(error);
  });
  connection.on('ready', () => (reported = false));
}

export async function connectRedis(
  url: string,
  options: { onOutage?: (connectionName: string, error: Error) => void } = {},
): Promise<RedisConnections> {
  // Auto-pipelining batches the commands of concurrent requests into one write. Lua commands must be
  // defined before traffic (a command defined while a pipeline is pending fails inside ioredis): the
  // rate limiter creates its counters, which define theirs, when it is constructed.
  const connectionOptions = {
    maxRetriesPerRequest: 2,
    enableAutoPipelining: true,
    lazyConnect: true,
  } as const;
  // Outage policy: commands fail fast instead of queueing while Redis is unreachable (no offline
  // queue) or hanging on a half-open connection (command timeout); each caller decides what a
  // failure means (budgets fail closed, rate limits fail open, the usage stream falls back).
  const failFast = { enableOfflineQueue: false, commandTimeout: 2000 } as const;
  const command = new Redis(url, { ...connectionOptions, ...failFast, connectionName: 'capgate' });
  const publisher = new Redis(url, { ...connectionOptions, ...failFast, connectionName: 'capgate-pub' });
  // The subscriber keeps its offline queue: ioredis re-subscribes through it after a reconnect.
  const subscriber = new Redis(url, {
    ...connectionOptions,
    maxRetriesPerRequest: null,
    connectionName: 'capgate-sub',
  });
  for (const connection of [command, publisher, subscriber]) {
    reportRedisErrors(connection, (error) =>
      options.onOutage?.(connection.options.connectionName ?? 'capgate', error),
    );
  }
  try {
    await Promise.all([command.connect(), publisher.connect(), subscriber.connect()]);
  } catch (error) {
    command.disconnect();
    publisher.disconnect();
    subscriber.disconnect();
    throw new Error(`Cannot connect to Redis at ${redactUrl(url)}: ${(error as Error).message}`);
  }
  const reconnectHandlers = new Set<() => void>();
  let lost = false;
  subscriber.on('close', () => (lost = true));
  subscriber.on('ready', () => {
    if (!lost) return;
    lost = false;
    for (const handler of reconnectHandlers) handler();
  });
  return {
    command,
    publisher,
    subscriber,
    onReconnected(handler) {
      reconnectHandlers.add(handler);
      return () => reconnectHandlers.delete(handler);
    },
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
