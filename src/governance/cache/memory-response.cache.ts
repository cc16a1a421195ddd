import { ttlInWholeSeconds, type ResponseCache } from './response-cache.types.js';

export interface MemoryResponseCacheOptions {
  /** Most entries kept; the least recently used goes first. Default 1,000. */
  maxEntries?: number;
  /** Most characters of values kept, summed over entries (bounds memory with large results). Default 50 million. */
  maxTotalChars?: number;
  /** The clock, in milliseconds; for tests. */
  now?: () => number;
}

interface Entry {
  value: string;
  expiresAtMs: number;
}

/**
 * The response cache in process memory (single-instance mode): an LRU bounded by entry count and
 * total value size, with per-entry TTL checked on read. A Map keeps insertion order, so moving an
 * entry to the end on every hit makes the first key the least recently used.
 */
export class MemoryResponseCache implements ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxTotalChars: number;
  private readonly now: () => number;
  private totalChars = 0;

  constructor(options: MemoryResponseCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 1_000;
    this.maxTotalChars = options.maxTotalChars ?? 50_000_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAtMs <= this.now()) {
      this.totalChars -= entry.value.length;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    const expiresAtMs = this.now() + ttlInWholeSeconds(ttlSeconds) * 1000;
    this.delete(key);
    if (value.length > this.maxTotalChars) return;
    this.entries.set(key, { value, expiresAtMs });
    this.totalChars += value.length;
    while (this.entries.size > this.maxEntries || this.totalChars > this.maxTotalChars) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.delete(oldest.value);
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.totalChars -= entry.value.length;
  }
}
