/**
 * Workflow run events, kept for replay (`workflowEvents` on any instance) and published live. Steps
 * of one run may execute on several instances, so the sequence number comes from the log itself:
 * with Redis, one Lua script increments the run's counter and appends the numbered event (a follower
 * that sees a gap always finds the missing event in the log); without Redis, an in-process map.
 */
import type { Redis } from 'ioredis';
import type { AppPubSub } from '../infra/pubsub.js';
import { LuaScript } from '../infra/lua-script.js';
import { workflowTopic } from '../infra/topics.js';
import {
  isTerminalWorkflowEvent,
  type SequencedWorkflowEvent,
  type WorkflowEventPayload,
} from './workflow.types.js';

export interface WorkflowEventLog {
  /** Numbers, stores and publishes the event. */
  append(event: WorkflowEventPayload): Promise<SequencedWorkflowEvent>;
  /** The stored events with `seq` above `afterSeq`, in order. */
  history(runId: string, afterSeq?: number): Promise<SequencedWorkflowEvent[]>;
}

export const MAX_WORKFLOW_EVENTS = 10_000;
/** Kept this long after the last event (the run record in MongoDB stays longer). */
export const WORKFLOW_EVENT_TTL_SECONDS = 86_400;

export class InProcessWorkflowEventLog implements WorkflowEventLog {
  private readonly runs = new Map<string, { events: SequencedWorkflowEvent[]; expiresAt: number }>();

  constructor(private readonly pubSub: AppPubSub) {}

  async append(event: WorkflowEventPayload): Promise<SequencedWorkflowEvent> {
    const now = Date.now();
    for (const [runId, entry] of this.runs) if (entry.expiresAt < now) this.runs.delete(runId);
    let entry = this.runs.get(event.runId);
    if (!entry) this.runs.set(event.runId, (entry = { events: [], expiresAt: 0 }));
    entry.expiresAt = now + WORKFLOW_EVENT_TTL_SECONDS * 1000;
    const sequenced = { ...event, seq: entry.events.length + 1 };
    if (entry.events.length < MAX_WORKFLOW_EVENTS || isTerminalWorkflowEvent(event.type))
      entry.events.push(sequenced);
    this.pubSub.publish(workflowTopic(event.runId), sequenced);
    return sequenced;
  }

  async history(runId: string, afterSeq = 0): Promise<SequencedWorkflowEvent[]> {
    return (this.runs.get(runId)?.events ?? []).filter((event) => event.seq > afterSeq);
  }
}

/** KEYS: seq, events, final. ARGV: the event JSON without its seq, max events, ttl, terminal (1/0). */
const APPEND = new LuaScript(`
local seq = redis.call('INCR', KEYS[1])
local json = '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2)
if seq <= tonumber(ARGV[2]) then redis.call('RPUSH', KEYS[2], json) end
if ARGV[4] == '1' then redis.call('SET', KEYS[3], json, 'EX', ARGV[3]) end
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return json
`);

export class RedisWorkflowEventLog implements WorkflowEventLog {
  constructor(
    private readonly redis: Redis,
    private readonly pubSub: AppPubSub,
    private readonly keyPrefix: string,
  ) {}

  private keys(runId: string): [string, string, string] {
    const base = `${this.keyPrefix}{${runId}}:`;
    return [`${base}seq`, `${base}events`, `${base}final`];
  }

  async append(event: WorkflowEventPayload): Promise<SequencedWorkflowEvent> {
    const json = (await APPEND.run(this.redis, this.keys(event.runId), [
      JSON.stringify(event),
      MAX_WORKFLOW_EVENTS,
      WORKFLOW_EVENT_TTL_SECONDS,
      isTerminalWorkflowEvent(event.type) ? '1' : '0',
    ])) as string;
    const sequenced = JSON.parse(json) as SequencedWorkflowEvent;
    this.pubSub.publish(workflowTopic(event.runId), sequenced);
    return sequenced;
  }

  async history(runId: string, afterSeq = 0): Promise<SequencedWorkflowEvent[]> {
    const [, eventsKey, finalKey] = this.keys(runId);
    const [items, final] = await Promise.all([
      this.redis.lrange(eventsKey, Math.max(0, afterSeq - 16), -1),
      this.redis.get(finalKey),
    ]);
    const events = items.map((item) => JSON.parse(item) as SequencedWorkflowEvent);
    if (final) {
      const last = JSON.parse(final) as SequencedWorkflowEvent;
      if (!events.some((event) => event.seq === last.seq)) events.push(last);
    }
    return events.filter((event) => event.seq > afterSeq).sort((a, b) => a.seq - b.seq);
  }
}
