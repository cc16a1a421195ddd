export { createRateLimiter, type RateLimiterOptions } from './rate-limiter.js';
export * from './rate-limit.types.js';
