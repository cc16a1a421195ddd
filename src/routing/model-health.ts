/**
 * What the router knows about each model's health: whether it may be called now (circuit breaker)
 * and how fast it has been. The in-process implementation serves single-instance mode; the Redis one
 * (redis-model-health.ts) keeps the same state in Redis for every instance. Both answer the request
 * path from memory: no I/O on `isAvailable`, `snapshot` or `record*`.
 */
import {
  applyOutcome,
  breakerState,
  DEFAULT_HEALTH_POLICY,
  emptyRecord,
  errorRateOf,
  freshLatency,
  median,
  type BreakerState,
  type HealthPolicy,
  type HealthRecord,
  type Outcome,
} from './health-record.js';

export interface ModelHealthSnapshot {
  /** False while the breaker is open or half-open (not yet proven healthy again). */
  healthy: boolean;
  /** Exponentially weighted moving average of successful call latency; undefined when none is recent. */
  latencyMsEwma?: number;
  latencyMsP50?: number;
  /** Share of failed calls over the last one to two minutes. */
  errorRate?: number;
  state: BreakerState;
}

/**
 * Whether an attempt may go to a model: `admitted` (breaker closed), `probe` (the one call allowed
 * through a half-open breaker; its outcome closes or reopens it), `rejected` (open, or another
 * probe is in flight).
 */
export type Admission = 'admitted' | 'probe' | 'rejected';

export interface ModelHealth {
  /** False while the model's breaker is open (a half-open breaker counts as available: it may take a probe). */
  isAvailable(model: string): boolean;
  /** Asked right before each attempt. Synchronous unless the breaker is half-open (a probe lease is claimed). */
  admit(model: string, leaseMs: number): Admission | Promise<Admission>;
  recordSuccess(model: string, latencyMs: number): void;
  recordFailure(model: string, latencyMs: number, retryable: boolean): void;
  snapshot(model: string): ModelHealthSnapshot;
  close(): Promise<void>;
}

export interface ModelHealthOptions {
  policy?: Partial<HealthPolicy>;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
}

/** The snapshot of a record, as both implementations report it. */
export function snapshotOf(
  record: HealthRecord | undefined,
  now: number,
  policy: HealthPolicy,
): ModelHealthSnapshot {
  if (!record) return { healthy: true, state: 'closed' };
  const state = breakerState(record, now);
  return {
    healthy: state === 'closed',
    latencyMsEwma: freshLatency(record, now, policy),
    latencyMsP50: record.p50,
    errorRate: errorRateOf(record, now, policy),
    state,
  };
}

interface LocalEntry {
  record: HealthRecord;
  latencies: number[];
  /** Epoch ms until which a probe holds the half-open slot. */
  probeUntil: number;
}

/** Single-instance health: the rules of health-record.ts applied in memory. */
export class InProcessModelHealth implements ModelHealth {
  private readonly entries = new Map<string, LocalEntry>();
  private readonly policy: HealthPolicy;
  private readonly now: () => number;

  constructor(options: ModelHealthOptions = {}) {
    this.policy = { ...DEFAULT_HEALTH_POLICY, ...options.policy };
    this.now = options.now ?? Date.now;
  }

  private entry(model: string): LocalEntry {
    let entry = this.entries.get(model);
    if (!entry) this.entries.set(model, (entry = { record: emptyRecord(), latencies: [], probeUntil: 0 }));
    return entry;
  }

  isAvailable(model: string): boolean {
    const record = this.entries.get(model)?.record;
    return !record || breakerState(record, this.now()) !== 'open';
  }

  admit(model: string, leaseMs: number): Admission {
    const entry = this.entries.get(model);
    if (!entry) return 'admitted';
    const now = this.now();
    const state = breakerState(entry.record, now);
    if (state === 'closed') return 'admitted';
    if (state === 'open' || now < entry.probeUntil) return 'rejected';
    entry.probeUntil = now + leaseMs;
    return 'probe';
  }

  recordSuccess(model: string, latencyMs: number): void {
    this.record(model, { ok: true, latencyMs });
  }

  recordFailure(model: string, _latencyMs: number, retryable: boolean): void {
    this.record(model, { ok: false, retryable });
  }

  private record(model: string, outcome: Outcome): void {
    const entry = this.entry(model);
    const wasProbe = entry.probeUntil > 0 && breakerState(entry.record, this.now()) === 'half-open';
    applyOutcome(entry.record, outcome, this.now(), this.policy);
    if (wasProbe) entry.probeUntil = 0;
    if (outcome.ok) {
      entry.latencies.push(outcome.latencyMs);
      if (entry.latencies.length > this.policy.samples) entry.latencies.shift();
      entry.record.p50 = median(entry.latencies);
    }
  }

  snapshot(model: string): ModelHealthSnapshot {
    return snapshotOf(this.entries.get(model)?.record, this.now(), this.policy);
  }

  async close(): Promise<void> {}
}
