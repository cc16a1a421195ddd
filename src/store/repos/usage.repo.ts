/**
 * Usage events and their daily rollups (collections `usageEvents`, `usageRollups`): the writes of the
 * usage recorder (it is the `RollupMarkingUsageWriter`), retention of events, the rollups behind
 * `Query.usage`, and the cost sums that rebuild lost budget counters. Only portable operations:
 * `insertMany` (unordered, idempotent by `_id`), an ordered `bulkWrite` of `$inc`/`$max` upserts,
 * `$match` + `$group`/`$sum`, `deleteMany`.
 */
import type { FilterQuery, Model } from 'mongoose';
import type { RollupIncrement } from '../../usage/usage-rollup.js';
import { RollupWriteError, type RollupMarkingUsageWriter } from '../../usage/usage-writer.js';
import type { UsageEventRecord } from '../models/usage-event.model.js';
import type { UsageRollupRecord } from '../models/usage-rollup.model.js';

const DUPLICATE_KEY = 11000;

export interface RollupFilter {
  orgId: string;
  /** UTC days `YYYY-MM-DD`, both included. */
  fromDay: string;
  toDay: string;
  teamId?: string;
  capability?: string;
}

/** The usage cost of one (org, team, key) in a window. */
export interface OwnerCost {
  orgId: string;
  teamId: string;
  keyId: string;
  costUsd: number;
}

export class UsageRepository implements RollupMarkingUsageWriter {
  constructor(
    private readonly models: {
      usageEvents: Model<UsageEventRecord>;
      usageRollups: Model<UsageRollupRecord>;
    },
  ) {}

  async insertEvents(events: readonly UsageEventRecord[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await this.models.usageEvents.insertMany([...events], { ordered: false, lean: true });
    } catch (error) {
      const codes = writeErrorCodes(error);
      if (codes.length > 0 && codes.every((code) => code === DUPLICATE_KEY)) return;
      throw error;
    }
  }

  async notRolledUp(ids: readonly string[]): Promise<Set<string>> {
    return this.idsWithRolledUp(ids, false);
  }

  async rolledUp(ids: readonly string[]): Promise<Set<string>> {
    return this.idsWithRolledUp(ids, true);
  }

  async markRolledUp(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.models.usageEvents.updateMany({ _id: { $in: [...ids] } }, { $set: { rolledUp: true } });
  }

  async applyRollups(increments: readonly RollupIncrement[]): Promise<void> {
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
      await this.models.usageRollups.bulkWrite(operations, { ordered: true });
    } catch (error) {
      throw new RollupWriteError(firstFailedIndex(error) ?? 0, { cause: error });
    }
  }

  /** Retention: deletes the events recorded before `cutoff` (rollups are kept); returns how many. */
  async deleteEventsBefore(cutoff: Date): Promise<number> {
    return (await this.models.usageEvents.deleteMany({ at: { $lt: cutoff } })).deletedCount;
  }

  /** The daily rollups of the org (or one team, one capability) between two days. */
  rollups(filter: RollupFilter): Promise<UsageRollupRecord[]> {
    const query: FilterQuery<UsageRollupRecord> = {
      orgId: filter.orgId,
      day: { $gte: filter.fromDay, $lte: filter.toDay },
    };
    if (filter.teamId !== undefined) query.teamId = filter.teamId;
    if (filter.capability !== undefined) query.capability = filter.capability;
    return this.models.usageRollups.find(query).lean<UsageRollupRecord[]>();
  }

  /**
   * The cost of the events recorded in [from, to) of the given orgs, teams or keys (an event counts
   * when any of its three owners is listed), summed per (org, team, key).
   */
  async costByOwner(
    from: Date,
    to: Date,
    owners: { orgIds: readonly string[]; teamIds: readonly string[]; keyIds: readonly string[] },
  ): Promise<OwnerCost[]> {
    const or = [
      ...(owners.orgIds.length > 0 ? [{ orgId: { $in: [...owners.orgIds] } }] : []),
      ...(owners.teamIds.length > 0 ? [{ teamId: { $in: [...owners.teamIds] } }] : []),
      ...(owners.keyIds.length > 0 ? [{ keyId: { $in: [...owners.keyIds] } }] : []),
    ];
    const rows = await this.models.usageEvents.aggregate<{
      _id: { orgId: string; teamId: string; keyId: string };
      cost: number;
    }>([
      { $match: { at: { $gte: from, $lt: to }, $or: or } },
      {
        $group: {
          _id: { orgId: '$orgId', teamId: '$teamId', keyId: '$keyId' },
          cost: { $sum: '$costUsd' },
        },
      },
    ]);
    return rows.map((row) => ({ ...row._id, costUsd: row.cost }));
  }

  private async idsWithRolledUp(ids: readonly string[], rolledUp: boolean): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.models.usageEvents
      .find({ _id: { $in: [...ids] }, rolledUp }, { _id: 1 })
      .lean<Array<{ _id: string }>>();
    return new Set(rows.map((row) => row._id));
  }
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
