/**
 * The health of one model as data, and the rules that change it: a circuit breaker (closed → open
 * after consecutive retryable failures → half-open once the open period is over → closed again on
 * a successful probe, or open again, for twice as long, on a failed one), an EWMA of successful
 * call latency, a two-window error rate and the last latencies for a median.
 *
 * The in-process health applies these rules in TypeScript; the Redis health applies the same rules
 * in Lua (redis-model-health.script.ts) so that every instance shares one breaker per model.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

/** Tuning of breakers and statistics. Defaults: `DEFAULT_HEALTH_POLICY`. */
export interface HealthPolicy {
  /** Consecutive retryable failures that open the breaker. */
  failureThreshold: number;
  /** How long the breaker stays open the first time; each failed probe doubles it, up to `maxOpenMs`. */
  openMs: number;
  maxOpenMs: number;
  /** Weight of the newest latency in the EWMA. */
  ewmaAlpha: number;
  /** Latency data older than this counts as none: FASTEST explores the model again. */
  latencyStaleMs: number;
  /** Error rates are counted over the current and the previous window of this length. */
  windowMs: number;
  /** Latencies kept for the median. */
  samples: number;
}

export const DEFAULT_HEALTH_POLICY: Readonly<HealthPolicy> = Object.freeze({
  failureThreshold: 3,
  openMs: 10_000,
  maxOpenMs: 120_000,
  ewmaAlpha: 0.3,
  latencyStaleMs: 5 * 60_000,
  windowMs: 60_000,
  samples: 100,
});

/** What is stored per model (a Redis hash has the same fields; latencies are a separate list there). */
export interface HealthRecord {
  state: 'closed' | 'open';
  /** Epoch ms when an open breaker lets one probe through (half-open). */
  openUntil: number;
  /** Times opened in a row without a successful probe: the open period doubles with each. */
  trips: number;
  /** Retryable failures in a row while closed. */
  consecutive: number;
  ewma?: number;
  /** When `ewma` last changed (epoch ms). */
  ewmaAt?: number;
  p50?: number;
  /** Start of the current window (epoch ms) and its counts; `prev*` are the window before. */
  windowStart: number;
  ok: number;
  failed: number;
  prevOk: number;
  prevFailed: number;
}

export type Outcome = { ok: true; latencyMs: number } | { ok: false; retryable: boolean };

export function emptyRecord(): HealthRecord {
  return {
    state: 'closed',
    openUntil: 0,
    trips: 0,
    consecutive: 0,
    windowStart: 0,
    ok: 0,
    failed: 0,
    prevOk: 0,
    prevFailed: 0,
  };
}

export function breakerState(record: HealthRecord, now: number): BreakerState {
  if (record.state === 'closed') return 'closed';
  return now < record.openUntil ? 'open' : 'half-open';
}

/** Applies one call outcome. Returns true when the breaker changed state (closed ↔ open). */
export function applyOutcome(
  record: HealthRecord,
  outcome: Outcome,
  now: number,
  policy: HealthPolicy,
): boolean {
  rollWindow(record, now, policy);
  if (outcome.ok) {
    record.ok += 1;
    record.ewma =
      record.ewma === undefined
        ? outcome.latencyMs
        : record.ewma + policy.ewmaAlpha * (outcome.latencyMs - record.ewma);
    record.ewmaAt = now;
  } else record.failed += 1;
  const hardFailure = !outcome.ok && outcome.retryable;

  if (record.state === 'open') {
    // Calls that started before the breaker opened change nothing; the probe's outcome decides.
    if (now < record.openUntil) return false;
    if (hardFailure) {
      record.trips += 1;
      record.openUntil = now + openPeriod(record.trips, policy);
      return false;
    }
    Object.assign(record, { state: 'closed', openUntil: 0, trips: 0, consecutive: 0 });
    return true;
  }
  if (outcome.ok) record.consecutive = 0;
  if (!hardFailure) return false;
  record.consecutive += 1;
  if (record.consecutive < policy.failureThreshold) return false;
  record.trips += 1;
  Object.assign(record, { state: 'open', openUntil: now + openPeriod(record.trips, policy), consecutive: 0 });
  return true;
}

export function openPeriod(trips: number, policy: HealthPolicy): number {
  return Math.min(policy.maxOpenMs, policy.openMs * 2 ** Math.max(0, trips - 1));
}

function rollWindow(record: HealthRecord, now: number, policy: HealthPolicy): void {
  const start = now - (now % policy.windowMs);
  if (start === record.windowStart) return;
  const adjacent = start - record.windowStart === policy.windowMs;
  record.prevOk = adjacent ? record.ok : 0;
  record.prevFailed = adjacent ? record.failed : 0;
  record.ok = 0;
  record.failed = 0;
  record.windowStart = start;
}

/** Share of failed calls over the current and previous window; undefined without calls. */
export function errorRateOf(record: HealthRecord, now: number, policy: HealthPolicy): number | undefined {
  const start = now - (now % policy.windowMs);
  const age = start - record.windowStart;
  let ok = 0;
  let failed = 0;
  if (age === 0) {
    ok = record.ok + record.prevOk;
    failed = record.failed + record.prevFailed;
  } else if (age === policy.windowMs) {
    ok = record.ok;
    failed = record.failed;
  }
  const total = ok + failed;
  return total === 0 ? undefined : failed / total;
}

/** The latency EWMA, unless it is too old to trust (FASTEST then explores the model again). */
export function freshLatency(
  record: HealthRecord | undefined,
  now: number,
  policy: HealthPolicy,
): number | undefined {
  if (record?.ewma === undefined || record.ewmaAt === undefined) return undefined;
  return now - record.ewmaAt > policy.latencyStaleMs ? undefined : record.ewma;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
