/**
 * `Query.usage`: sums of the daily rollups between two dates, grouped in code by the requested
 * dimensions (no `$avg`, no percentile operators: PORTABILITY.md). Granularity is the UTC day: a
 * range covers every day from the day of `from` to the day of `to`, both included.
 */
import { BadUserInputError } from '../errors/app-error.js';
import { periodKey } from '../governance/period.js';
import type { UsageRollupRecord } from '../store/models/usage-rollup.model.js';
import type { UsageRepository } from '../store/repos/usage.repo.js';
import { HISTOGRAM_FIELDS, latencyQuantile } from './latency-histogram.js';

export type UsageDimension = 'CAPABILITY' | 'MODEL' | 'PROVIDER' | 'TEAM' | 'KEY' | 'DAY';

export interface UsageQuery {
  orgId: string;
  from: Date;
  to: Date;
  groupBy: readonly UsageDimension[];
  capability?: string;
  /** Limit to one team (id); undefined = the whole org. */
  teamId?: string;
}

export interface UsageRow {
  /** The group: one property per dimension, e.g. `{ capability: 'summarize', day: '2026-11-22' }`. */
  key: Record<string, string>;
  requests: number;
  errors: number;
  cachedRequests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMsAvg: number;
  latencyMsP95: number;
}

const MAX_RANGE_DAYS = 400;
const DAY_MS = 86_400_000;

interface Group {
  key: Record<string, string>;
  sums: Omit<UsageRow, 'key' | 'latencyMsAvg' | 'latencyMsP95'> & {
    latencySumMs: number;
    latencyMaxMs: number;
  };
  histogram: Record<string, number>;
}

export class UsageQueryService {
  constructor(
    private readonly options: {
      usage: Pick<UsageRepository, 'rollups'>;
      /** Team names by id, for the TEAM dimension. */
      teamNames: (teamIds: readonly string[]) => Promise<Map<string, string>>;
    },
  ) {}

  async query(query: UsageQuery): Promise<UsageRow[]> {
    const { from, to } = query;
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) {
      throw new BadUserInputError('`from` must be a date at or before `to`.');
    }
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new BadUserInputError(`A usage query covers at most ${MAX_RANGE_DAYS} days.`);
    }
    const rollups = await this.options.usage.rollups({
      orgId: query.orgId,
      fromDay: periodKey('DAILY', from),
      toDay: periodKey('DAILY', to),
      ...(query.teamId !== undefined ? { teamId: query.teamId } : {}),
      ...(query.capability !== undefined ? { capability: query.capability } : {}),
    });

    const dimensions = [...new Set(query.groupBy)];
    const teamNames = dimensions.includes('TEAM')
      ? await this.options.teamNames(rollups.map((rollup) => rollup.teamId))
      : new Map<string, string>();
    const groups = new Map<string, Group>();
    for (const rollup of rollups) {
      const key = groupKey(rollup, dimensions, teamNames);
      const id = JSON.stringify(dimensions.map((dimension) => key[keyName(dimension)]));
      let group = groups.get(id);
      if (!group) groups.set(id, (group = emptyGroup(key)));
      addRollup(group, rollup);
    }
    return [...groups.entries()]
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
      .map(([, group]) => toRow(group));
  }
}

function keyName(dimension: UsageDimension): string {
  return dimension.toLowerCase();
}

function groupKey(
  rollup: UsageRollupRecord,
  dimensions: readonly UsageDimension[],
  teamNames: Map<string, string>,
): Record<string, string> {
  const key: Record<string, string> = {};
  for (const dimension of dimensions) {
    switch (dimension) {
      case 'CAPABILITY':
        key.capability = rollup.capability;
        break;
      case 'MODEL':
        key.model = rollup.model;
        break;
      case 'PROVIDER':
        // Rollups from before the provider was kept have none: empty, like a run that reached no model.
        key.provider = rollup.provider ?? '';
        break;
      case 'TEAM':
        key.team = teamNames.get(rollup.teamId) ?? rollup.teamId;
        break;
      case 'KEY':
        key.key = rollup.keyId;
        break;
      case 'DAY':
        key.day = rollup.day;
        break;
    }
  }
  return key;
}

function emptyGroup(key: Record<string, string>): Group {
  return {
    key,
    sums: {
      requests: 0,
      errors: 0,
      cachedRequests: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      latencySumMs: 0,
      latencyMaxMs: 0,
    },
    histogram: {},
  };
}

function addRollup(group: Group, rollup: UsageRollupRecord): void {
  const sums = group.sums;
  sums.requests += rollup.requests ?? 0;
  sums.errors += rollup.errorCount ?? 0;
  sums.cachedRequests += rollup.cachedRequests ?? 0;
  sums.inputTokens += rollup.inputTokens ?? 0;
  sums.outputTokens += rollup.outputTokens ?? 0;
  sums.costUsd += rollup.costUsd ?? 0;
  sums.latencySumMs += rollup.latencySumMs ?? 0;
  sums.latencyMaxMs = Math.max(sums.latencyMaxMs, rollup.latencyMaxMs ?? 0);
  for (const field of HISTOGRAM_FIELDS) {
    const count = rollup.h?.[field];
    if (count) group.histogram[field] = (group.histogram[field] ?? 0) + count;
  }
}

function toRow(group: Group): UsageRow {
  const { latencySumMs, latencyMaxMs, ...sums } = group.sums;
  return {
    key: group.key,
    ...sums,
    latencyMsAvg: sums.requests > 0 ? latencySumMs / sums.requests : 0,
    latencyMsP95: latencyQuantile(group.histogram, 0.95, latencyMaxMs),
  };
}
