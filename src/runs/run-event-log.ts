/**
 * Run events kept briefly for replay (`runEvents` on any instance), and published live. With Redis:
 * a capped list per run with a TTL; without: an in-process map with the same limits.
 */
import type { Redis } from 'ioredis';
import type { RunEventPayload } from '../capabilities/capability.types.js';
import type { AppPubSub } from '../infra/pubsub.js';

export interface SequencedRunEvent extends RunEventPayload {
  /** 1, 2, 3… per run: followers drop what replay already gave them. */
  seq: number;
}

export interface RunEventLog {
  append(event: RunEventPayload): void;
  history(runId: string): Promise<SequencedRunEvent[]>;
  /** Whether the run is known here (started, or has events). */
  exists(runId: string): Promise<boolean>;
  markStarted(runId: string, meta: { capability: string; teamId: string }): Promise<void>;
  owner(runId: string): Promise<{ capability: string; teamId: string } | undefined>;
}

export const MAX_EVENTS_PER_RUN = 5000;
export const RUN_EVENT_TTL_SECONDS = 3600;

export function runTopic(runId: string): string {
  return `run:${runId}`;
}

export class InProcessRunEventLog implements RunEventLog {
  private readonly runs = new Map<string, { events: SequencedRunEvent[]; owner?: { capability: string; teamId: string }; expiresAt: number }>();
  private readonly sequence = new Map<string, number>();

  constructor(private readonly pubSub: AppPubSub) {}

  private entry(runId: string) {
    this.evictExpired();
    let entry = this.runs.get(runId);
    if (!entry) this.runs.set(runId, (entry = { events: [], expiresAt: Date.now() + RUN_EVENT_TTL_SECONDS * 1000 }));
    return entry;
  }

  private evictExpired(): void {
    const now = Date.now();
    for (const [runId, entry] of this.runs) {
      if (entry.expiresAt > now) break; // insertion order ≈ expiry order
      this.runs.delete(runId);
      this.sequence.delete(runId);
    }
  }

  append(event: RunEventPayload): void {
    const seq = (this.sequence.get(event.runId) ?? 0) + 1;
    this.sequence.set(event.runId, seq);
    const sequenced = { ...event, seq };
    const entry = this.entry(event.runId);
    if (entry.events.length < MAX_EVENTS_PER_RUN || sequenced.type === 'COMPLETED' || sequenced.type === 'FAILED') {
      entry.events.push(sequenced);
    }
    this.pubSub.publish(runTopic(event.runId), sequenced);
  }

  async history(runId: string): Promise<SequencedRunEvent[]> {
    return [...(this.runs.get(runId)?.events ?? [])];
  }

  async exists(runId: string): Promise<boolean> {
    return this.runs.has(runId);
  }

  async markStarted(runId: string, owner: { capability: string; teamId: string }): Promise<void> {
    this.entry(runId).owner = owner;
  }

  async owner(runId: string): Promise<{ capability: string; teamId: string } | undefined> {
    return this.runs.get(runId)?.owner;
  }
}

export class RedisRunEventLog implements RunEventLog {
  constructor(
    private readonly redis: Redis,
    private readonly pubSub: AppPubSub,
    private readonly keyPrefix = 'capgate:run:',
  ) {}

  append(event: RunEventPayload): void {
    const eventsKey = `${this.keyPrefix}${event.runId}:events`;
    const seqKey = `${this.keyPrefix}${event.runId}:seq`;
    void (async () => {
      const seq = await this.redis.incr(seqKey);
      const sequenced: SequencedRunEvent = { ...event, seq };
      await this.redis
        .multi()
        .expire(seqKey, RUN_EVENT_TTL_SECONDS)
        .rpush(eventsKey, JSON.stringify(sequenced))
        .ltrim(eventsKey, 0, MAX_EVENTS_PER_RUN - 1)
        .expire(eventsKey, RUN_EVENT_TTL_SECONDS)
        .exec();
      this.pubSub.publish(runTopic(event.runId), sequenced);
    })().catch(() => {
      // Replay is best effort; live delivery already happened for the caller's own stream.
    });
  }

  async history(runId: string): Promise<SequencedRunEvent[]> {
    const items = await this.redis.lrange(`${this.keyPrefix}${runId}:events`, 0, -1);
    return items.map((item) => JSON.parse(item) as SequencedRunEvent);
  }

  async exists(runId: string): Promise<boolean> {
    return (await this.redis.exists(`${this.keyPrefix}${runId}:owner`, `${this.keyPrefix}${runId}:events`)) > 0;
  }

  async markStarted(runId: string, owner: { capability: string; teamId: string }): Promise<void> {
    await this.redis.set(`${this.keyPrefix}${runId}:owner`, JSON.stringify(owner), 'EX', RUN_EVENT_TTL_SECONDS);
  }

  async owner(runId: string): Promise<{ capability: string; teamId: string } | undefined> {
    const value = await this.redis.get(`${this.keyPrefix}${runId}:owner`);
    return value ? (JSON.parse(value) as { capability: string; teamId: string }) : undefined;
  }
}
