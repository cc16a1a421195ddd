/**
 * Reads for `run(id)` and `runs(...)`: the owning team and the admins of its organization see a run;
 * to everyone else it does not exist (NOT_FOUND). Pages are newest first with opaque cursors.
 */
import { BadUserInputError, NotFoundError } from '../errors/app-error.js';
import type { Principal } from '../governance/auth/principal.js';
import type { RunRecord } from '../store/models/run.model.js';
import type { RunListFilter, RunPosition, RunRepository } from '../store/repos/run.repo.js';
import { mayFollowRun } from './run-access.js';
import type { Run, RunConnection, RunStatus } from './run.types.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface RunListRequest {
  first?: number | null;
  after?: string | null;
  capability?: string;
  status?: RunStatus;
  /** Already resolved and authorized: undefined = the whole org (admins). */
  teamId?: string;
  from?: Date;
  to?: Date;
}

export class RunQueryService {
  constructor(private readonly runs: RunRepository) {}

  async run(runId: string, principal: Principal): Promise<Run> {
    const record = await this.runs.find(runId, principal.orgId);
    if (!record || !mayFollowRun(record, principal)) throw new NotFoundError(`Unknown run "${runId}".`);
    return toRun(record);
  }

  async list(principal: Principal, request: RunListRequest): Promise<RunConnection> {
    const first = request.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
      throw new BadUserInputError(`first: 1 to ${MAX_PAGE_SIZE}.`);
    if (request.from && request.to && request.from > request.to)
      throw new BadUserInputError('filter: `from` must not be after `to`.');
    const after = request.after != null ? decodeRunCursor(request.after) : undefined;
    const filter: RunListFilter = {
      orgId: principal.orgId,
      ...(request.teamId !== undefined ? { teamId: request.teamId } : {}),
      ...(request.capability !== undefined ? { capability: request.capability } : {}),
      ...(request.status !== undefined ? { status: request.status } : {}),
      ...(request.from !== undefined ? { from: request.from } : {}),
      ...(request.to !== undefined ? { to: request.to } : {}),
    };
    const [records, totalCount] = await Promise.all([
      this.runs.list(filter, first, after),
      this.runs.count(filter),
    ]);
    const page = records.slice(0, first);
    const edges = page.map((record) => ({
      cursor: encodeRunCursor({ startedAt: record.startedAt, id: record._id }),
      node: toRun(record),
    }));
    return {
      edges,
      pageInfo: {
        hasNextPage: records.length > first,
        hasPreviousPage: after !== undefined,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount,
    };
  }
}

export function encodeRunCursor(position: RunPosition): string {
  return Buffer.from(`${position.startedAt.getTime()}:${position.id}`, 'utf8').toString('base64url');
}

export function decodeRunCursor(cursor: string): RunPosition {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  const millis = Number(decoded.slice(0, separator));
  const id = decoded.slice(separator + 1);
  if (separator <= 0 || !/^\d+$/.test(decoded.slice(0, separator)) || !Number.isSafeInteger(millis) || !id) {
    throw new BadUserInputError(
      'Invalid cursor: pass the `endCursor` (or an edge `cursor`) of a previous page.',
    );
  }
  return { startedAt: new Date(millis), id };
}

function toRun(record: RunRecord): Run {
  const ended = record.status !== 'STARTED';
  return {
    id: record._id,
    capability: record.capability,
    capabilityVersion: record.capabilityVersion || undefined,
    status: record.status as RunStatus,
    createdAt: record.startedAt,
    endedAt: record.endedAt,
    teamId: record.teamId,
    frontDoor: record.frontDoor,
    model: record.model || undefined,
    provider: record.provider || undefined,
    usage:
      ended && record.latencyMs !== undefined
        ? {
            inputTokens: record.inputTokens ?? 0,
            outputTokens: record.outputTokens ?? 0,
            costUsd: record.costUsd ?? 0,
            latencyMs: record.latencyMs,
          }
        : undefined,
    cached: record.cached,
    attempts: record.attempts,
    errorCode: record.errorCode,
    errorMessage: record.errorMessage,
    input: record.input !== undefined ? (JSON.parse(record.input) as unknown) : undefined,
    output: record.output !== undefined ? (JSON.parse(record.output) as unknown) : undefined,
  };
}
