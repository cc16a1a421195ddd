/**
 * The writes of the usage recorder, behind a small interface so the recorder's buffering and retry
 * logic can be tested against failures. The MongoDB implementation uses only portable operations:
 * `insertMany` (unordered, idempotent by `_id`) and an ordered `bulkWrite` of `$inc`/`$max` upserts.
 */
import type { Model } from 'mongoose';
import type { UsageEventRecord } from '../store/models/usage-event.model.js';
import type { UsageRollupRecord } from '../store/models/usage-rollup.model.js';
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

const DUPLICATE_KEY = 11000;

export function createMongoUsageWriter(models: {
  usageEvents: Model<UsageEventRecord>;
  usageRollups: Model<UsageRollupRecord>;
}): RollupMarkingUsageWriter {
  return {
    async insertEvents(events) {
      if (events.length === 0) return;
      try {
        await models.usageEvents.insertMany([...events], { ordered: false, lean: true });
      } catch (error) {
        const codes = writeErrorCodes(error);
        if (codes.length > 0 && codes.every((code) => code === DUPLICATE_KEY)) return;
        throw error;
      }
    },

    async notRolledUp(ids) {
      if (ids.length === 0) return new Set();
      const rows = await models.usageEvents
        .find({ _id: { $in: [...ids] }, rolledUp: false }, { _id: 1 })
        .lean();
      return new Set(rows.map((row) => row._id));
    },

    async rolledUp(ids) {
      if (ids.length === 0) return new Set();
      const rows = await models.usageEvents
        .find({ _id: { $in: [...ids] }, rolledUp: true }, { _id: 1 })
        .lean();
      return new Set(rows.map((row) => row._id));
    },

    async markRolledUp(ids) {
      if (ids.length === 0) return;
      await models.usageEvents.updateMany({ _id: { $in: [...ids] } }, { $set: { rolledUp: true } });
    },

    async applyRollups(increments) {
      if (increments.length === 0) return;
      const now = new Date();
      const operations = increments.map((increment) => ({
        updateOne: {
          filter: { _id: increment.id },
          update: {
            $setOnInsert: { ...increment.key },
            $inc: increment.inc,
            $max: { latencyMaxMs: increment.maxLatencyMs },
            $set: { updatedAt: now },
          },
          upsert: true,
        },
      }));
      try {
        await models.usageRollups.bulkWrite(operations, { ordered: true });
      } catch (error) {
        throw new RollupWriteError(firstFailedIndex(error) ?? 0, { cause: error });
      }
    },
  };
}

/**
 * The `code` of each write error of a bulk error (empty for other errors). The driver's WriteError
 * exposes it as a getter; mongoose's unordered insertMany passes plain `{ err: { code }, index }`.
 */
function writeErrorCodes(error: unknown): number[] {
  return writeErrorsOf(error).flatMap((writeError) => {
    const code = field(writeError, 'code') ?? field(field(writeError, 'err'), 'code');
    return typeof code === 'number' ? [code] : [];
  });
}

/** For an ordered bulk write, the index of the failed operation: everything before it was applied. */
function firstFailedIndex(error: unknown): number | undefined {
  const indexes = writeErrorsOf(error).flatMap((writeError) => {
    const index = field(writeError, 'index') ?? field(field(writeError, 'err'), 'index');
    return typeof index === 'number' ? [index] : [];
  });
  return indexes.length > 0 ? Math.min(...indexes) : undefined;
}

function writeErrorsOf(error: unknown): unknown[] {
  const writeErrors = field(error, 'writeErrors');
  if (Array.isArray(writeErrors)) return writeErrors;
  return writeErrors === undefined ? [] : [writeErrors];
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}
