/**
 * Apollo's `KeyValueCache` on an injected ioredis client, so automatic persisted queries registered on
 * one instance are found by every other. Keys live under one prefix; a TTL (seconds) is honoured.
 */
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Redis } from 'ioredis';

export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.keyPrefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl;
    if (typeof ttl === 'number' && ttl > 0)
      await this.redis.set(this.keyPrefix + key, value, 'EX', Math.ceil(ttl));
    else await this.redis.set(this.keyPrefix + key, value);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.keyPrefix + key)) > 0;
  }
}
