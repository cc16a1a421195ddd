import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryResponseCache } from './memory-response.cache.js';
import { RedisResponseCache } from './redis-response.cache.js';
import { responseCacheKey, type ResponseCacheKeyInput } from './response-cache-key.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `test:cache:${randomUUID()}:`;
const redis = new Redis(REDIS_URL);
const otherInstance = new Redis(REDIS_URL);

afterAll(async () => {
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await Promise.all([redis.quit(), otherInstance.quit()]);
});

describe('MemoryResponseCache', () => {
  it('serves an entry until its TTL passes', async () => {
    let now = 1_000_000;
    const cache = new MemoryResponseCache({ now: () => now });
    await cache.set('k', 'value', 30);
    now += 29_999;
    expect(await cache.get('k')).toBe('value');
    now += 1;
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const cache = new MemoryResponseCache({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) await cache.set(key, key.toUpperCase(), 60);
    expect(await cache.get('a')).toBe('A');
    await cache.set('d', 'D', 60);
    expect(cache.size).toBe(3);
    expect(await cache.get('b')).toBeUndefined();
    expect([await cache.get('a'), await cache.get('c'), await cache.get('d')]).toEqual(['A', 'C', 'D']);
    await cache.set('c', 'C2', 60); // overwriting does not grow the cache
    expect(cache.size).toBe(3);
    expect(await cache.get('c')).toBe('C2');
  });

  it('keeps the total size of values under maxTotalChars', async () => {
    const cache = new MemoryResponseCache({ maxTotalChars: 10 });
    await cache.set('a', '12345', 60);
    await cache.set('b', '12345', 60);
    await cache.set('c', '123', 60);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('b')).toBe('12345');
    await cache.set('huge', 'x'.repeat(11), 60);
    expect(await cache.get('huge')).toBeUndefined();
    expect(await cache.get('c')).toBe('123');
  });

  it('rejects TTLs that are not positive', async () => {
    await expect(new MemoryResponseCache().set('k', 'v', 0)).rejects.toThrow(RangeError);
  });
});

describe('RedisResponseCache', () => {
  it('stores entries under its prefix and lets Redis expire them', async () => {
    const cache = new RedisResponseCache({ redis, keyPrefix });
    const other = new RedisResponseCache({ redis: otherInstance, keyPrefix });
    await cache.set('k', 'value', 0.2); // rounded up to 1 s
    expect(await other.get('k')).toBe('value');
    expect(await redis.ttl(`${keyPrefix}k`)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await other.get('k')).toBeUndefined();
    expect(await cache.get('missing')).toBeUndefined();
  });
});

describe('responseCacheKey', () => {
  const base: ResponseCacheKeyInput = {
    capability: 'summarize',
    version: 3,
    input: { text: 'Hello  world', maxSentences: 2, style: 'BULLETS' },
    options: { model: 'small' },
    scope: 'team-a',
  };

  it('is a stable sha256', () => {
    expect(responseCacheKey(base)).toMatch(/^v1:[0-9a-f]{64}$/);
    expect(responseCacheKey(base)).toBe(responseCacheKey({ ...base }));
  });

  it('ignores key order, surrounding and repeated whitespace, and undefined members', () => {
    expect(
      responseCacheKey({
        ...base,
        input: { style: 'BULLETS', maxSentences: 2, text: '\n Hello \t world  ', language: undefined },
      }),
    ).toBe(responseCacheKey(base));
    expect(responseCacheKey({ ...base, input: { doc: { b: [1, ' x '], a: 'y' } } })).toBe(
      responseCacheKey({ ...base, input: { doc: { a: 'y', b: [1, 'x'] } } }),
    );
  });

  it.each<[string, Partial<ResponseCacheKeyInput>]>([
    ['another team', { scope: 'team-b' }],
    ['another version', { version: 4 }],
    ['another capability', { capability: 'classify' }],
    ['other options', { options: { model: 'large' } }],
    ['no options', { options: undefined }],
    ['other text', { input: { text: 'Hello world!', maxSentences: 2, style: 'BULLETS' } }],
    ['a number written as a string', { input: { text: 'Hello world', maxSentences: '2', style: 'BULLETS' } }],
  ])('differs for %s', (_, change) => {
    expect(responseCacheKey({ ...base, ...change })).not.toBe(responseCacheKey(base));
  });

  it('keeps array order significant', () => {
    expect(responseCacheKey({ ...base, input: ['a', 'b'] })).not.toBe(
      responseCacheKey({ ...base, input: ['b', 'a'] }),
    );
  });
});
