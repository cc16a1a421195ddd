/**
 * The runs collection: batched writes from the run recorder, reads for `run` and `runs`, the
 * orphaned-run sweep and retention. Only portable operations: `bulkWrite` of inserts and upserts
 * (`$setOnInsert`/`$set`), finds with `$or` cursors, `countDocuments`, `deleteMany`.
 */
import type { AnyBulkWriteOperation, FilterQuery, Model, mongo } from 'mongoose';
import { isDuplicateKey } from './duplicate-key.js';
import type { RunRecord, RunStatusValue } from '../models/run.model.js';

/** Who started a run, on what; known from its start. */
export type RunIdentity = Pick<
  RunRecord,
  '_id' | 'orgId' | 'teamId' | 'keyId' | 'capability' | 'capabilityVersion' | 'frontDoor' | 'startedAt'
>;

/** How a run ended. */
export type RunOutcome = Omit<RunRecord, keyof RunIdentity | 'status'> & {
  status: Exclude<RunStatusValue, 'STARTED'>;
};

export type RunWrite =
  /** A followable run started: created as STARTED unless its end is already stored. */
  | { type: 'started'; identity: RunIdentity }
  /** A run ended whose start may be stored: upserted. */
  | { type: 'ended'; identity: RunIdentity; outcome: RunOutcome }
  /** A run whose start was never stored (one-shot, or started and ended in one batch): one insert. */
  | { type: 'whole'; record: RunRecord };

export interface RunListFilter {
  orgId: string;
  teamId?: string;
  capability?: string;
  status?: RunStatusValue;
  from?: Date;
  to?: Date;
}

export interface RunPosition {
  startedAt: Date;
  id: string;
}

export class RunRepository {
  constructor(private readonly runs: Model<RunRecord>) {}

  /** Applies the writes; a write already applied (duplicate insert) is skipped, not an error. */
  async write(writes: readonly RunWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const operations = writes.map((write): AnyBulkWriteOperation<RunRecord> => {
      switch (write.type) {
        case 'started': {
          const { _id, ...identity } = write.identity;
          return {
            updateOne: {
              filter: { _id },
              update: { $setOnInsert: { ...identity, status: 'STARTED' as const } },
              upsert: true,
            },
          };
        }
        case 'ended': {
          const { _id, ...identity } = write.identity;
          return {
            updateOne: {
              filter: { _id },
              update: { $setOnInsert: identity, $set: write.outcome },
              upsert: true,
            },
          };
        }
        case 'whole':
          return { insertOne: { document: write.record } };
      }
    });
    try {
      // The driver's bulkWrite: the records are already typed plain objects, and mongoose's per-op
      // casting cost more CPU than the write itself at /v1 rates.
      await this.runs.collection.bulkWrite(operations as mongo.AnyBulkWriteOperation[], { ordered: false });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }

  /** The run if it belongs to `orgId` (visibility within the org is the caller's rule). */
  async find(runId: string, orgId: string): Promise<RunRecord | undefined> {
    return (await this.runs.findOne({ _id: runId, orgId }).lean<RunRecord>()) ?? undefined;
  }

  /** Newest first, `first` of them after `after`, plus one more to tell whether a next page exists. */
  async list(filter: RunListFilter, first: number, after?: RunPosition): Promise<RunRecord[]> {
    const query: FilterQuery<RunRecord> = this.query(filter);
    if (after) {
      query.$or = [
        { startedAt: { $lt: after.startedAt } },
        { startedAt: after.startedAt, _id: { $lt: after.id } },
      ];
    }
    return this.runs
      .find(query)
      .sort({ startedAt: -1, _id: -1 })
      .limit(first + 1)
      .lean<RunRecord[]>();
  }

  count(filter: RunListFilter): Promise<number> {
    return this.runs.countDocuments(this.query(filter));
  }

  /**
   * Ends a run that is still STARTED (its instance died): FAILED with `errorCode`. Returns whether
   * this call ended it (false when it had already ended or is not stored).
   */
  async failIfStarted(
    runId: string,
    errorCode: string,
    errorMessage: string,
    endedAt: Date,
    owner?: { orgId: string; teamId: string; capability: string },
  ): Promise<boolean> {
    const result = await this.runs.updateOne(
      { _id: runId, status: 'STARTED' },
      { $set: { status: 'FAILED', errorCode, errorMessage, endedAt } },
    );
    if (result.modifiedCount > 0 || !owner) return result.modifiedCount > 0;
    // The lost instance may have died before its buffered STARTED record was written: record the
    // run from what its lease knew (only followable runs, from startRun/invokeStream, have leases).
    const inserted = await this.runs.updateOne(
      { _id: runId },
      {
        $setOnInsert: {
          ...owner,
          keyId: '',
          capabilityVersion: 0,
          frontDoor: 'graphql',
          status: 'FAILED',
          errorCode,
          errorMessage,
          startedAt: endedAt,
          endedAt,
        },
      },
      { upsert: true },
    );
    return inserted.upsertedCount > 0;
  }

  /** Deletes the runs started before `cutoff`; returns how many. */
  async deleteStartedBefore(cutoff: Date): Promise<number> {
    const result = await this.runs.deleteMany({ startedAt: { $lt: cutoff } });
    return result.deletedCount;
  }

  private query(filter: RunListFilter): FilterQuery<RunRecord> {
    const query: FilterQuery<RunRecord> = { orgId: filter.orgId };
    if (filter.teamId !== undefined) query.teamId = filter.teamId;
    if (filter.capability !== undefined) query.capability = filter.capability;
    if (filter.status !== undefined) query.status = filter.status;
    if (filter.from !== undefined || filter.to !== undefined) {
      query.startedAt = {
        ...(filter.from !== undefined ? { $gte: filter.from } : {}),
        ...(filter.to !== undefined ? { $lt: filter.to } : {}),
      };
    }
    return query;
  }
}

function onlyDuplicateKeys(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown[] } | null)?.writeErrors;
  if (!Array.isArray(writeErrors) || writeErrors.length === 0) return isDuplicateKey(error);
  return writeErrors.every(
    (writeError) =>
      isDuplicateKey(writeError) || isDuplicateKey((writeError as { err?: unknown } | null)?.err),
  );
}
