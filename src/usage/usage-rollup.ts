/**
 * How one usage event becomes `$inc` increments of its daily rollup, and how increments for the
 * same rollup merge in memory before they are written (one upsert per rollup per flush).
 */
import { periodKey } from '../governance/period.js';
import { histogramField } from './latency-histogram.js';
import type { UsageEvent } from './usage.types.js';

/** The dimensions of one rollup document. */
export interface RollupKey {
  orgId: string;
  teamId: string;
  keyId: string;
  capability: string;
  model: string;
  provider: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
}

/** What one flush adds to one rollup document. */
export interface RollupIncrement {
  id: string;
  key: RollupKey;
  /** Field path → amount, e.g. `requests`, `costUsd`, `h.le100`. */
  inc: Record<string, number>;
  maxLatencyMs: number;
}

export function rollupId(key: RollupKey): string {
  // The provider comes last so that the ids of rollups from before it was a dimension are a prefix.
  return JSON.stringify([key.orgId, key.teamId, key.keyId, key.capability, key.model, key.day, key.provider]);
}

export function rollupIncrementOf(event: UsageEvent): RollupIncrement {
  const key: RollupKey = {
    orgId: event.orgId,
    teamId: event.teamId,
    keyId: event.keyId,
    capability: event.capability,
    model: event.model,
    provider: event.provider ?? '',
    day: periodKey('DAILY', event.at),
  };
  const inc: Record<string, number> = {
    requests: 1,
    errorCount: event.status === 'error' ? 1 : 0,
    cachedRequests: event.cached ? 1 : 0,
    overBudgetRequests: event.overBudget ? 1 : 0,
    inputTokens: event.inputTokens,
    outputTokens: event.outputTokens,
    costUsd: event.costUsd,
    latencySumMs: event.latencyMs,
    [`h.${histogramField(event.latencyMs)}`]: 1,
  };
  return { id: rollupId(key), key, inc, maxLatencyMs: event.latencyMs };
}

/** Adds `increment` into `rollups` (keyed by rollup id), merging with what is already there. */
export function mergeIncrement(rollups: Map<string, RollupIncrement>, increment: RollupIncrement): void {
  const existing = rollups.get(increment.id);
  if (!existing) {
    rollups.set(increment.id, { ...increment, inc: { ...increment.inc } });
    return;
  }
  for (const [field, amount] of Object.entries(increment.inc)) {
    existing.inc[field] = (existing.inc[field] ?? 0) + amount;
  }
  existing.maxLatencyMs = Math.max(existing.maxLatencyMs, increment.maxLatencyMs);
}

/** A copy of the event fit for storage: counts are finite and not negative, whatever the caller sent. */
export function sanitizeEvent(event: UsageEvent): UsageEvent {
  return {
    ...event,
    at: event.at instanceof Date && !Number.isNaN(event.at.getTime()) ? event.at : new Date(),
    inputTokens: nonNegative(event.inputTokens),
    outputTokens: nonNegative(event.outputTokens),
    costUsd: nonNegative(event.costUsd),
    latencyMs: nonNegative(event.latencyMs),
  };
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
