/**
 * The audit trail in MongoDB: `append` (the `AuditLog` seam every admin mutation calls) and the
 * paginated, tenant-filtered listing behind `Query.auditLog`. There is no update or delete.
 */
import { randomUUID } from 'node:crypto';
import type { FilterQuery, Model } from 'mongoose';
import { BadUserInputError } from '../../errors/app-error.js';
import type { Logger } from '../../infra/logger.js';
import type { AuditEntryRecord } from '../../store/models/audit-entry.model.js';
import type { AuditEntryInput, AuditLog } from '../../usage/usage.types.js';
import { hasRole, type Principal } from '../auth/principal.js';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.js';
import { redactSecrets } from './redact-secrets.js';

export interface AuditEntryInfo {
  id: string;
  at: Date;
  actorKeyId: string;
  actorTeamId: string;
  teamId?: string;
  action: string;
  target: string;
  summary: Record<string, unknown>;
  requestId: string;
}

export interface AuditPage {
  edges: Array<{ cursor: string; node: AuditEntryInfo }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface AuditQuery {
  first?: number | null;
  after?: string | null;
  action?: string | null;
  /** Actor key id (or JWT subject). */
  actor?: string | null;
}

export const DEFAULT_AUDIT_PAGE_SIZE = 20;
export const MAX_AUDIT_PAGE_SIZE = 100;

export class AuditService implements AuditLog {
  constructor(private readonly options: { auditLog: Model<AuditEntryRecord>; logger: Logger }) {}

  async append(entry: AuditEntryInput): Promise<void> {
    const record: AuditEntryRecord = {
      _id: `aud_${randomUUID()}`,
      orgId: entry.orgId,
      at: new Date(),
      actorKeyId: entry.actorKeyId,
      actorTeamId: entry.actorTeamId,
      ...(entry.teamId ? { teamId: entry.teamId } : {}),
      action: entry.action,
      target: entry.target,
      summary: JSON.stringify(redactSecrets(entry.summary)),
      requestId: entry.requestId,
    };
    await this.options.auditLog.create(record);
  }

  /**
   * Newest first. Org ADMINs see the whole org; everyone else the entries their team made or that
   * concern their team.
   */
  async list(principal: Principal, query: AuditQuery): Promise<AuditPage> {
    const first = query.first ?? DEFAULT_AUDIT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_AUDIT_PAGE_SIZE) {
      throw new BadUserInputError(`first must be between 1 and ${MAX_AUDIT_PAGE_SIZE}.`);
    }
    const conditions: Array<FilterQuery<AuditEntryRecord>> = [{ orgId: principal.orgId }];
    if (!hasRole(principal, 'ADMIN')) {
      conditions.push({ $or: [{ actorTeamId: principal.teamId }, { teamId: principal.teamId }] });
    }
    if (query.action) conditions.push({ action: query.action });
    if (query.actor) conditions.push({ actorKeyId: query.actor });
    if (query.after) {
      const { at, id } = decodeAuditCursor(query.after);
      conditions.push({ $or: [{ at: { $lt: at } }, { at, _id: { $lt: id } }] });
    }
    const records = await this.options.auditLog
      .find({ $and: conditions })
      .sort({ at: -1, _id: -1 })
      .limit(first + 1)
      .lean();
    const page = records.slice(0, first);
    const edges = page.map((record) => ({
      cursor: encodeAuditCursor({ at: record.at, id: record._id }),
      node: toAuditEntryInfo(record, this.options.logger),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: records.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}

function toAuditEntryInfo(record: AuditEntryRecord, logger: Logger): AuditEntryInfo {
  let summary: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(record.summary);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      summary = parsed as Record<string, unknown>;
  } catch (error) {
    logger.warn({ err: error, auditId: record._id }, 'unreadable audit summary');
  }
  return {
    id: record._id,
    at: record.at,
    actorKeyId: record.actorKeyId,
    actorTeamId: record.actorTeamId,
    ...(record.teamId ? { teamId: record.teamId } : {}),
    action: record.action,
    target: record.target,
    summary,
    requestId: record.requestId,
  };
}
