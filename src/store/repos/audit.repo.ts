/**
 * The audit trail (collection `auditLog`): appended, read newest first, never updated or deleted.
 * Reads are filtered by org and, for non-admins, by team: the entries a team made or that concern it.
 */
import type { FilterQuery, Model } from 'mongoose';
import type { AuditEntryRecord } from '../models/audit-entry.model.js';

export interface AuditFilter {
  orgId: string;
  /** Only the entries this team made or that concern it; undefined = the whole org. */
  visibleToTeam?: string;
  action?: string;
  actorKeyId?: string;
}

/** A page position: (at, id) of an entry. */
export interface AuditPosition {
  at: Date;
  id: string;
}

export interface AuditPageRequest {
  /** Entries older than this one. */
  after?: AuditPosition;
  /** Entries newer than this one. */
  before?: AuditPosition;
  /** Oldest first (for `last`/`before`), else newest first. */
  oldestFirst: boolean;
  limit: number;
}

export class AuditRepository {
  constructor(private readonly auditLog: Model<AuditEntryRecord>) {}

  async append(record: AuditEntryRecord): Promise<void> {
    await this.auditLog.create(record);
  }

  async find(id: string, filter: AuditFilter): Promise<AuditEntryRecord | undefined> {
    const conditions = this.conditions(filter);
    conditions.push({ _id: id });
    return (await this.auditLog.findOne({ $and: conditions }).lean<AuditEntryRecord>()) ?? undefined;
  }

  count(filter: AuditFilter): Promise<number> {
    return this.auditLog.countDocuments({ $and: this.conditions(filter) });
  }

  page(filter: AuditFilter, request: AuditPageRequest): Promise<AuditEntryRecord[]> {
    const conditions = this.conditions(filter);
    if (request.after) {
      const { at, id } = request.after;
      conditions.push({ $or: [{ at: { $lt: at } }, { at, _id: { $lt: id } }] });
    }
    if (request.before) {
      const { at, id } = request.before;
      conditions.push({ $or: [{ at: { $gt: at } }, { at, _id: { $gt: id } }] });
    }
    return this.auditLog
      .find({ $and: conditions })
      .sort(request.oldestFirst ? { at: 1, _id: 1 } : { at: -1, _id: -1 })
      .limit(request.limit)
      .lean<AuditEntryRecord[]>();
  }

  private conditions(filter: AuditFilter): Array<FilterQuery<AuditEntryRecord>> {
    const conditions: Array<FilterQuery<AuditEntryRecord>> = [{ orgId: filter.orgId }];
    if (filter.visibleToTeam !== undefined) {
      conditions.push({ $or: [{ actorTeamId: filter.visibleToTeam }, { teamId: filter.visibleToTeam }] });
    }
    if (filter.action) conditions.push({ action: filter.action });
    if (filter.actorKeyId) conditions.push({ actorKeyId: filter.actorKeyId });
    return conditions;
  }
}
