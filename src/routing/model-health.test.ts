import { describe, expect, it } from 'vitest';
import {
  applyOutcome,
  DEFAULT_HEALTH_POLICY,
  emptyRecord,
  errorRateOf,
  openPeriod,
} from './health-record.js';
import { InProcessModelHealth } from './model-health.js';

const policy = { ...DEFAULT_HEALTH_POLICY, failureThreshold: 3, openMs: 1_000, maxOpenMs: 4_000 };

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('breaker rules', () => {
  it('opens after consecutive retryable failures, and a success in between resets the count', () => {
    const record = emptyRecord();
    applyOutcome(record, { ok: false, retryable: true }, 0, policy);
    applyOutcome(record, { ok: false, retryable: true }, 0, policy);
    applyOutcome(record, { ok: true, latencyMs: 10 }, 0, policy);
    applyOutcome(record, { ok: false, retryable: true }, 0, policy);
    applyOutcome(record, { ok: false, retryable: true }, 0, policy);
    expect(record.state).toBe('closed');
    expect(applyOutcome(record, { ok: false, retryable: true }, 5, policy)).toBe(true);
    expect(record).toMatchObject({ state: 'open', openUntil: 1_005, trips: 1 });
  });

  it('never opens on failures that are not retryable (bad request, bad output)', () => {
    const record = emptyRecord();
    for (let index = 0; index < 10; index++) applyOutcome(record, { ok: false, retryable: false }, 0, policy);
    expect(record.state).toBe('closed');
    expect(errorRateOf(record, 0, policy)).toBe(1);
  });

  it('doubles the open period after each failed probe, up to the maximum', () => {
    expect([1, 2, 3, 4].map((trips) => openPeriod(trips, policy))).toEqual([1_000, 2_000, 4_000, 4_000]);
  });

  it('counts the error rate over the current and previous window, and forgets older ones', () => {
    const record = emptyRecord();
    const window = policy.windowMs;
    applyOutcome(record, { ok: false, retryable: false }, 0, policy);
    applyOutcome(record, { ok: true, latencyMs: 5 }, window, policy);
    expect(errorRateOf(record, window, policy)).toBe(0.5);
    expect(errorRateOf(record, 2 * window, policy)).toBe(0);
    expect(errorRateOf(record, 3 * window, policy)).toBeUndefined();
  });
});

describe('InProcessModelHealth', () => {
  it('goes closed → open → half-open (one probe) → closed on a successful probe', () => {
    const time = clock();
    const health = new InProcessModelHealth({ policy, now: time.now });
    for (let index = 0; index < 3; index++) health.recordFailure('m', 10, true);
    expect(health.isAvailable('m')).toBe(false);
    expect(health.admit('m', 5_000)).toBe('rejected');
    expect(health.snapshot('m')).toMatchObject({ healthy: false, state: 'open' });

    time.advance(1_000);
    expect(health.isAvailable('m')).toBe(true);
    expect(health.snapshot('m').state).toBe('half-open');
    expect(health.admit('m', 5_000)).toBe('probe');
    expect(health.admit('m', 5_000)).toBe('rejected');
    health.recordSuccess('m', 42);
    expect(health.snapshot('m')).toMatchObject({
      healthy: true,
      state: 'closed',
      latencyMsEwma: 42,
      latencyMsP50: 42,
    });
    expect(health.admit('m', 5_000)).toBe('admitted');
  });

  it('reopens for twice as long when the probe fails', () => {
    const time = clock();
    const health = new InProcessModelHealth({ policy, now: time.now });
    for (let index = 0; index < 3; index++) health.recordFailure('m', 10, true);
    time.advance(1_000);
    expect(health.admit('m', 5_000)).toBe('probe');
    health.recordFailure('m', 10, true);
    time.advance(1_999);
    expect(health.isAvailable('m')).toBe(false);
    time.advance(1);
    expect(health.admit('m', 5_000)).toBe('probe');
  });

  it('lets another probe through when the lease of a lost probe runs out', () => {
    const time = clock();
    const health = new InProcessModelHealth({ policy, now: time.now });
    for (let index = 0; index < 3; index++) health.recordFailure('m', 10, true);
    time.advance(1_000);
    expect(health.admit('m', 500)).toBe('probe');
    time.advance(500);
    expect(health.admit('m', 500)).toBe('probe');
  });

  it('keeps an EWMA of latency and forgets it when it is stale', () => {
    const time = clock();
    const health = new InProcessModelHealth({ policy: { ...policy, ewmaAlpha: 0.5 }, now: time.now });
    health.recordSuccess('m', 100);
    health.recordSuccess('m', 200);
    expect(health.snapshot('m').latencyMsEwma).toBe(150);
    time.advance(policy.latencyStaleMs + 1);
    expect(health.snapshot('m').latencyMsEwma).toBeUndefined();
    expect(health.snapshot('m').latencyMsP50).toBe(150);
  });

  it('reports unknown models as healthy and admitted', () => {
    const health = new InProcessModelHealth();
    expect(health.isAvailable('never-seen')).toBe(true);
    expect(health.admit('never-seen', 1_000)).toBe('admitted');
    expect(health.snapshot('never-seen')).toEqual({ healthy: true, state: 'closed' });
  });
});
