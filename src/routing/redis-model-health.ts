/**
 * Model health shared by every instance through Redis: one breaker, one latency EWMA and one error
 * rate per model. The request path never waits on Redis: it reads a local mirror, refreshed every
 * `refreshIntervalMs` and at once when another instance announces a breaker change over pub/sub.
 * Outcomes are batched and written by one Lua script per model (`flushIntervalMs`; failures at
 * once, so a failing model is cut off quickly). Only a half-open breaker costs a round trip: the
 * probe lease (`SET NX`) that lets exactly one call through, whichever instance makes it.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LuaScript } from '../infra/lua-script.js';
import type { Logger } from '../infra/logger.js';
import { listen, type AppPubSub } from '../infra/pubsub.js';
import { breakerState, DEFAULT_HEALTH_POLICY, emptyRecord, type HealthPolicy } from './health-record.js';
import {
  snapshotOf,
  type Admission,
  type ModelHealth,
  type ModelHealthOptions,
  type ModelHealthSnapshot,
} from './model-health.js';
import {
  CLAIM_PROBE,
  parseRecord,
  RECORD_OUTCOMES,
  type MirroredRecord,
} from './redis-model-health.script.js';
import { Topic } from '../infra/topics.js';
import { redisKeyspace } from '../infra/redis-keyspace.js';

export const HEALTH_CHANGED = Topic.healthChanged;

export interface RedisModelHealthOptions extends ModelHealthOptions {
  /** A command connection (not a subscriber). */
  redis: Redis;
  /** Breaker changes are announced here so other instances refresh at once. */
  pubSub?: AppPubSub;
  logger?: Logger;
  /** One hash tag for every key, so the scripts also run on Redis Cluster. */
  keyPrefix?: string;
  refreshIntervalMs?: number;
  flushIntervalMs?: number;
  /** Key lifetime without traffic (s); at least the longest open period. */
  ttlSeconds?: number;
}

const recordOutcomes = new LuaScript(RECORD_OUTCOMES);
const claimProbe = new LuaScript(CLAIM_PROBE);
const RETRYABLE_FAILURE = -1;
const OTHER_FAILURE = -2;

export class RedisModelHealth implements ModelHealth {
  private readonly redis: Redis;
  private readonly policy: HealthPolicy;
  private readonly now: () => number;
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly owner = randomUUID();
  private readonly mirror = new Map<string, MirroredRecord>();
  private pending = new Map<string, number[]>();
  /** Probes this instance holds the lease for. */
  private readonly probing = new Set<string>();
  private readonly refreshTimer: NodeJS.Timeout;
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private refreshing: Promise<void> | undefined;
  private readonly stopListening: (() => void) | undefined;
  private closed = false;

  constructor(private readonly options: RedisModelHealthOptions) {
    this.redis = options.redis;
    this.policy = { ...DEFAULT_HEALTH_POLICY, ...options.policy };
    this.now = options.now ?? Date.now;
    this.prefix = options.keyPrefix ?? redisKeyspace().health;
    this.ttlSeconds = options.ttlSeconds ?? Math.max(900, Math.ceil((this.policy.maxOpenMs * 2) / 1000));
    this.refreshTimer = setInterval(() => void this.refresh(), options.refreshIntervalMs ?? 500);
    this.refreshTimer.unref();
    this.stopListening = options.pubSub
      ? listen(
          options.pubSub,
          HEALTH_CHANGED,
          () => this.refresh(),
          (error) => this.warn(error, 'health listener failed'),
        )
      : undefined;
    void this.refresh();
  }

  isAvailable(model: string): boolean {
    const record = this.mirror.get(model);
    return !record || breakerState(record, this.now()) !== 'open';
  }

  admit(model: string, leaseMs: number): Admission | Promise<Admission> {
    const record = this.mirror.get(model);
    if (!record) return 'admitted';
    const state = breakerState(record, this.now());
    if (state === 'closed') return 'admitted';
    if (state === 'open' || this.probing.has(model)) return 'rejected';
    return this.claim(model, leaseMs);
  }

  private async claim(model: string, leaseMs: number): Promise<Admission> {
    this.probing.add(model);
    let admission: Admission;
    try {
      const result = await claimProbe.run(
        this.redis,
        [this.key(model), this.key(model, 'probe')],
        [Math.ceil(leaseMs), this.owner],
      );
      admission = result === 'probe' || result === 'admitted' ? result : 'rejected';
    } catch (error) {
      // Without Redis, let this instance probe on its own rather than block the model for good.
      this.warn(error, 'claiming a probe failed');
      admission = 'probe';
    }
    if (admission !== 'probe') this.probing.delete(model);
    return admission;
  }

  recordSuccess(model: string, latencyMs: number): void {
    // Our own observation counts at once (FASTEST); the shared value replaces it after the flush.
    const record = this.mirror.get(model) ?? { ...emptyRecord(), version: 0 };
    record.ewma =
      record.ewma === undefined ? latencyMs : record.ewma + this.policy.ewmaAlpha * (latencyMs - record.ewma);
    record.ewmaAt = this.now();
    this.mirror.set(model, record);
    this.enqueue(model, Math.max(0, Math.round(latencyMs)), this.probing.has(model));
  }

  recordFailure(model: string, _latencyMs: number, retryable: boolean): void {
    this.enqueue(model, retryable ? RETRYABLE_FAILURE : OTHER_FAILURE, true);
  }

  snapshot(model: string): ModelHealthSnapshot {
    return snapshotOf(this.mirror.get(model), this.now(), this.policy);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.refreshTimer);
    clearTimeout(this.flushTimer);
    this.stopListening?.();
    await this.flush();
  }

  private enqueue(model: string, outcome: number, urgent: boolean): void {
    this.probing.delete(model);
    const outcomes = this.pending.get(model);
    if (outcomes) outcomes.push(outcome);
    else this.pending.set(model, [outcome]);
    if (this.closed) return;
    if (urgent) {
      clearTimeout(this.flushTimer);
      this.flushTimer = setTimeout(() => void this.flush(), 0);
    } else {
      this.flushTimer ??= setTimeout(() => void this.flush(), this.options.flushIntervalMs ?? 100);
    }
  }

  /** Writes the batched outcomes; one flush at a time, so each model's outcomes stay in order. */
  flush(): Promise<void> {
    this.flushTimer = undefined;
    this.flushing = this.flushing.then(async () => {
      const batch = this.pending;
      if (batch.size === 0) return;
      this.pending = new Map();
      await Promise.all([...batch].map(([model, outcomes]) => this.write(model, outcomes)));
    });
    return this.flushing;
  }

  private async write(model: string, outcomes: number[]): Promise<void> {
    const { failureThreshold, openMs, maxOpenMs, ewmaAlpha, windowMs, samples } = this.policy;
    try {
      const reply = (await recordOutcomes.run(
        this.redis,
        [this.key(model), this.key(model, 'latencies'), this.key(model, 'probe'), this.key('models')],
        [
          model,
          failureThreshold,
          openMs,
          maxOpenMs,
          ewmaAlpha,
          windowMs,
          samples,
          this.ttlSeconds,
          ...outcomes,
        ],
      )) as [number, string[]];
      this.mirrorRecord(model, parseRecord(reply[1]));
      if (reply[0] === 1) this.options.pubSub?.publish(HEALTH_CHANGED, model);
    } catch (error) {
      this.warn(error, 'recording model health failed');
    }
  }

  /** Reloads every model's record (two round trips, off the request path). Concurrent calls share one load. */
  refresh(): Promise<void> {
    this.refreshing ??= this.load().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async load(): Promise<void> {
    try {
      const models = await this.redis.smembers(this.key('models'));
      const pipeline = this.redis.pipeline();
      for (const model of models) pipeline.hgetall(this.key(model));
      const results = models.length > 0 ? ((await pipeline.exec()) ?? []) : [];
      const gone: string[] = [];
      models.forEach((model, index) => {
        const [error, fields] = results[index] ?? [];
        if (error || !fields || Object.keys(fields).length === 0) gone.push(model);
        else this.mirrorRecord(model, parseRecord(fields as Record<string, string>));
      });
      for (const model of gone) this.mirror.delete(model);
      if (gone.length > 0) await this.redis.srem(this.key('models'), ...gone);
    } catch (error) {
      this.warn(error, 'refreshing model health failed');
    }
  }

  /** Keeps the newer of two versions: a slow refresh must not undo a fresher flush result. */
  private mirrorRecord(model: string, record: MirroredRecord): void {
    const current = this.mirror.get(model);
    if (current && current.version > record.version) return;
    this.mirror.set(model, record);
  }

  private key(model: string, part?: string): string {
    return part ? `${this.prefix}${model}:${part}` : `${this.prefix}${model}`;
  }

  private warn(error: unknown, message: string): void {
    this.options.logger?.warn({ err: error }, message);
  }
}
