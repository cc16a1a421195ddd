export { MemoryResponseCache, type MemoryResponseCacheOptions } from './memory-response.cache.js';
export { RedisResponseCache, type RedisResponseCacheOptions } from './redis-response.cache.js';
export { canonicalJson, responseCacheKey, type ResponseCacheKeyInput } from './response-cache-key.js';
export type { ResponseCache } from './response-cache.types.js';
