/**
 * The writes of the usage recorder, behind a small interface so the recorder's buffering and retry
 * logic can be tested against failures. The MongoDB implementation is the store's `UsageRepository`
 * (`src/store/repos/usage.repo.ts`).
 */
import type { UsageEventRecord } from '../store/models/usage-event.model.js';
import type { RollupIncrement } from './usage-rollup.js';

export interface UsageWriter {
  /** Inserts the events; events already stored (same `_id`) are skipped, not an error. */
  insertEvents(events: readonly UsageEventRecord[]): Promise<void>;
  /**
   * Applies the increments in order. On failure throws a `RollupWriteError` that says how many
   * were applied before it, so that only the rest are retried.
   */
  applyRollups(increments: readonly RollupIncrement[]): Promise<void>;
}

/** What the usage-stream drainer needs besides the writes: which events still await their rollups. */
export interface RollupMarkingUsageWriter extends UsageWriter {
  /** Of these event ids, those stored with `rolledUp: false` (their rollups are still to apply). */
  notRolledUp(ids: readonly string[]): Promise<Set<string>>;
  /** Marks the events as counted in the rollups. */
  markRolledUp(ids: readonly string[]): Promise<void>;
  /** Of these event ids, those stored and counted in the rollups (nothing of them is left to write). */
  rolledUp(ids: readonly string[]): Promise<Set<string>>;
}

export class RollupWriteError extends Error {
  constructor(
    readonly applied: number,
    options: { cause: unknown },
  ) {
    super(`usage rollup write failed after ${applied} updates`, options);
    this.name = 'RollupWriteError';
  }
}
