/**
 * Run events kept briefly for replay (`runEvents` on any instance), and published live. A run
 * executes on one instance, which numbers its events (1, 2, 3…) in memory: no round trip per event.
 * With Redis: a list per run (the first `MAX_EVENTS_PER_RUN` events) plus the final event under
 * its own key, so even a run with more events than the cap replays its end. The owner, events and
 * final event of a run expire together, `RUN_EVENT_TTL_SECONDS` after its end: a run is never
 * replayable without its owner. Without Redis: an in-process map with the same limits.
 */
import type { Redis } from 'ioredis';
import type { RunEventPayload } from '../capabilities/capability.types.js';
import type { AppPubSub } from '../infra/pubsub.js';

export interface SequencedRunEvent extends RunEventPayload {
  /** 1, 2, 3… per run: followers drop what replay already gave them and notice gaps. */
  seq: number;
}

export interface RunOwner {
  capability: string;
  /** Always recorded now; absent on owners stored by earlier versions. */
  orgId?: string;
  teamId: string;
}

export interface RunEventLog {
  append(event: RunEventPayload): void;
  /** The stored events with `seq` above `afterSeq`, in order. */
  history(runId: string, afterSeq?: number): Promise<SequencedRunEvent[]>;
  /** Whether the run is known here (started, or has events). */
  exists(runId: string): Promise<boolean>;
  markStarted(runId: string, owner: RunOwner): Promise<void>;
  owner(runId: string): Promise<RunOwner | undefined>;
  /**
   * Continues numbering a run that another instance executed (it died): the next event appended
   * here gets `lastSeq + 1`.
   */
  resume(runId: string, lastSeq: number): void;
}

export const MAX_EVENTS_PER_RUN = 5000;
export const RUN_EVENT_TTL_SECONDS = 3600;
/** Runs numbered at once on one instance before the oldest numbering is forgotten (a run that never ended). */
const MAX_OPEN_RUNS = 100_000;

export function runTopic(runId: string): string {
  return `run:${runId}`;
}

export function isTerminal(type: RunEventPayload['type']): boolean {
  return type === 'COMPLETED' || type === 'FAILED';
}

/** Numbers the events of the runs executing on this instance; forgets a run at its end. */
export class RunSequencer {
  private readonly next = new Map<string, number>();

  sequence(event: RunEventPayload): SequencedRunEvent {
    const seq = (this.next.get(event.runId) ?? 0) + 1;
    if (isTerminal(event.type)) this.next.delete(event.runId);
    else {
      if (seq === 1 && this.next.size >= MAX_OPEN_RUNS) this.next.delete(this.next.keys().next().value!);
      this.next.set(event.runId, seq);
    }
    return { ...event, seq };
  }

  resume(runId: string, lastSeq: number): void {
    this.next.set(runId, lastSeq);
  }
}

interface StoredRun {
  events: SequencedRunEvent[];
  final?: SequencedRunEvent;
  owner?: RunOwner;
  expiresAt: number;
}

export class InProcessRunEventLog implements RunEventLog {
  private readonly runs = new Map<string, StoredRun>();
  private readonly sequencer = new RunSequencer();

  constructor(private readonly pubSub: AppPubSub) {}

  private entry(runId: string): StoredRun {
    this.evictExpired();
    let entry = this.runs.get(runId);
    if (!entry)
      this.runs.set(runId, (entry = { events: [], expiresAt: Date.now() + RUN_EVENT_TTL_SECONDS * 1000 }));
    return entry;
  }

  private evictExpired(): void {
    const now = Date.now();
    for (const [runId, entry] of this.runs) {
      if (entry.expiresAt > now) break; // insertion order = expiry order
      this.runs.delete(runId);
    }
  }

  append(event: RunEventPayload): void {
    const sequenced = this.sequencer.sequence(event);
    const entry = this.entry(event.runId);
    if (sequenced.seq <= MAX_EVENTS_PER_RUN) entry.events.push(sequenced);
    if (isTerminal(sequenced.type)) {
      entry.final = sequenced;
      // Kept a full TTL after the end; moved last so that insertion order stays expiry order.
      entry.expiresAt = Date.now() + RUN_EVENT_TTL_SECONDS * 1000;
      this.runs.delete(event.runId);
      this.runs.set(event.runId, entry);
    }
    this.pubSub.publish(runTopic(event.runId), sequenced);
  }

  async history(runId: string, afterSeq = 0): Promise<SequencedRunEvent[]> {
    const entry = this.runs.get(runId);
    return merge(entry?.events ?? [], entry?.final, afterSeq);
  }

  async exists(runId: string): Promise<boolean> {
    return this.runs.has(runId);
  }

  async markStarted(runId: string, owner: RunOwner): Promise<void> {
    this.entry(runId).owner = owner;
  }

  async owner(runId: string): Promise<RunOwner | undefined> {
    return this.runs.get(runId)?.owner;
  }

  resume(runId: string, lastSeq: number): void {
    this.sequencer.resume(runId, lastSeq);
  }
}

export class RedisRunEventLog implements RunEventLog {
  private readonly sequencer = new RunSequencer();

  constructor(
    private readonly redis: Redis,
    private readonly pubSub: AppPubSub,
    private readonly keyPrefix = 'capgate:run:',
  ) {}

  append(event: RunEventPayload): void {
    const sequenced = this.sequencer.sequence(event);
    const json = JSON.stringify(sequenced);
    const eventsKey = `${this.keyPrefix}${event.runId}:events`;
    const ownerKey = `${this.keyPrefix}${event.runId}:owner`;
    const terminal = isTerminal(sequenced.type);
    // Not awaited: commands on one connection run in the order sent, so the list stays in seq order.
    const failed = () => {
      // Replay is best effort; followers also get the event live, and catch up on gaps.
    };
    if (sequenced.seq <= MAX_EVENTS_PER_RUN) this.redis.rpush(eventsKey, json).catch(failed);
    if (sequenced.seq === 1 || terminal) {
      this.redis.expire(eventsKey, RUN_EVENT_TTL_SECONDS).catch(failed);
      this.redis.expire(ownerKey, RUN_EVENT_TTL_SECONDS).catch(failed);
    }
    if (terminal)
      this.redis
        .set(`${this.keyPrefix}${event.runId}:final`, json, 'EX', RUN_EVENT_TTL_SECONDS)
        .catch(failed);
    this.pubSub.publish(runTopic(event.runId), sequenced);
  }

  async history(runId: string, afterSeq = 0): Promise<SequencedRunEvent[]> {
    // Event n sits at index n - 1; start a little earlier in case a write was lost.
    const [items, final] = await Promise.all([
      this.redis.lrange(`${this.keyPrefix}${runId}:events`, Math.max(0, afterSeq - 16), -1),
      this.redis.get(`${this.keyPrefix}${runId}:final`),
    ]);
    const events = items.map((item) => JSON.parse(item) as SequencedRunEvent);
    return merge(events, final ? (JSON.parse(final) as SequencedRunEvent) : undefined, afterSeq);
  }

  async exists(runId: string): Promise<boolean> {
    return (
      (await this.redis.exists(`${this.keyPrefix}${runId}:owner`, `${this.keyPrefix}${runId}:events`)) > 0
    );
  }

  async markStarted(runId: string, owner: RunOwner): Promise<void> {
    await this.redis.set(
      `${this.keyPrefix}${runId}:owner`,
      JSON.stringify(owner),
      'EX',
      RUN_EVENT_TTL_SECONDS,
    );
  }

  async owner(runId: string): Promise<RunOwner | undefined> {
    const value = await this.redis.get(`${this.keyPrefix}${runId}:owner`);
    return value ? (JSON.parse(value) as RunOwner) : undefined;
  }

  resume(runId: string, lastSeq: number): void {
    this.sequencer.resume(runId, lastSeq);
  }
}

function merge(
  events: SequencedRunEvent[],
  final: SequencedRunEvent | undefined,
  afterSeq: number,
): SequencedRunEvent[] {
  const all = final && !events.some((event) => event.seq === final.seq) ? [...events, final] : events;
  return all.filter((event) => event.seq > afterSeq).sort((a, b) => a.seq - b.seq);
}
