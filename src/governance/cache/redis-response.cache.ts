import type { Redis } from 'ioredis';
import { ttlInWholeSeconds, type ResponseCache } from './response-cache.types.js';

export interface RedisResponseCacheOptions {
  redis: Redis;
  /** Prepended to every key verbatim (`redisKeyspace().responseCache`, i.e. `capgate:cache:`). */
  keyPrefix: string;
}

/** The response cache in Redis, shared by every instance; Redis expires entries (SET … EX). */
export class RedisResponseCache implements ResponseCache {
  private readonly redis: Redis;
  private readonly keyPrefix: string;

  constructor(options: RedisResponseCacheOptions) {
    this.redis = options.redis;
    this.keyPrefix = options.keyPrefix;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.keyPrefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.keyPrefix + key, value, 'EX', ttlInWholeSeconds(ttlSeconds));
  }
}
