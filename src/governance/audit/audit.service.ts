/**
 * The audit trail in MongoDB: `append` (the `AuditLog` seam every admin mutation calls) and the
 * paginated, tenant-filtered listing behind `Query.auditLog`. There is no update or delete.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from '../../graphql/relay/connection.type.js';
import { DEFAULT_PAGE_SIZE, validatePageRequest } from '../../graphql/relay/page-request.js';
import type { Logger } from '../../infra/logger.js';
import type { AuditEntryRecord } from '../../store/models/audit-entry.model.js';
import type { AuditFilter, AuditRepository } from '../../store/repos/audit.repo.js';
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

export type AuditPage = Connection<AuditEntryInfo>;

export interface AuditQuery {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  action?: string | null;
  /** Actor key id (or JWT subject). */
  actor?: string | null;
}

export class AuditService implements AuditLog {
  constructor(private readonly options: { auditLog: AuditRepository; logger: Logger }) {}

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
    await this.options.auditLog.append(record);
  }

  /** One entry by its id, under the same visibility as `list`; null when none is visible. */
  async get(principal: Principal, id: string): Promise<AuditEntryInfo | null> {
    const record = await this.options.auditLog.find(id, visibleTo(principal));
    return record ? toAuditEntryInfo(record, this.options.logger) : null;
  }

  /**
   * Newest first. Org ADMINs see the whole org; everyone else the entries their team made or that
   * concern their team.
   */
  async list(principal: Principal, query: AuditQuery): Promise<AuditPage> {
    validatePageRequest(query);
    const filter: AuditFilter = {
      ...visibleTo(principal),
      ...(query.action ? { action: query.action } : {}),
      ...(query.actor ? { actorKeyId: query.actor } : {}),
    };
    const totalCount = await this.options.auditLog.count(filter);
    // Newest first: `after` moves to older entries, `before` to newer ones.
    const after = query.after ? decodeAuditCursor(query.after, 'after') : undefined;
    const before = query.before ? decodeAuditCursor(query.before, 'before') : undefined;
    const backward = query.last != null;
    const size = backward ? query.last! : (query.first ?? DEFAULT_PAGE_SIZE);
    const records = await this.options.auditLog.page(filter, {
      ...(after ? { after } : {}),
      ...(before ? { before } : {}),
      oldestFirst: backward,
      limit: size + 1,
    });
    const page = records.slice(0, size);
    if (backward) page.reverse();
    const more = records.length > size;
    const edges = page.map((record) => ({
      cursor: encodeAuditCursor({ at: record.at, id: record._id }),
      node: toAuditEntryInfo(record, this.options.logger),
    }));
    return {
      edges,
      pageInfo: {
        hasNextPage: backward ? Boolean(query.before) : more,
        hasPreviousPage: backward ? more : Boolean(query.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount,
    };
  }
}

/** Org ADMINs see the whole org; everyone else the entries their team made or that concern it. */
function visibleTo(principal: Principal): AuditFilter {
  return hasRole(principal, 'ADMIN')
    ? { orgId: principal.orgId }
    : { orgId: principal.orgId, visibleToTeam: principal.teamId };
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
