/**
 * Rate-limit hits: the requests a rate limit refused, per team, key, capability and rule over time.
 *
 * On the request path a refusal only adds 1 to an in-memory counter (one per team, key, capability,
 * rule and UTC minute); every `flushIntervalMs` the counters are written as `$inc` upserts, one per
 * counter, in one ordered bulk write (so a refusal storm is one small write per minute and rule, not
 * a write per refused request). Each instance writes documents of its own (its instance id is part of
 * `_id`; queries sum over instances): the embedded FerretDB engine applies concurrent updates of one
 * document as read-modify-write and would lose one instance's `$inc`. What a
 * failed flush could not write stays counted for the next one; what a killed instance had not
 * flushed yet (at most one interval) is lost — these are statistics, not accounting.
 */
import { randomUUID } from 'node:crypto';
import { BadUserInputError, type RateLimitedError } from '../../errors/app-error.js';
import type { Logger } from '../../infra/logger.js';
import { RetentionJob, type RetentionJobOptions } from '../../infra/retention-job.js';
import type { RateLimitHitRecord } from '../../store/models/rate-limit-hit.model.js';
import type { RateLimitHitRepository } from '../../store/repos/rate-limit-hit.repo.js';
import type { Principal } from '../auth/principal.js';
import type { RateLimitScope } from './rate-limit.types.js';

const MINUTE_MS = 60_000;
type LimitName = RateLimitHitRecord['limit'];

interface HitCounter {
  id: string;
  key: Omit<RateLimitHitRecord, '_id' | 'hits' | 'updatedAt'>;
  hits: number;
}

/** The rule a refusal names (`extensions` of the gate's RateLimitedError); undefined for others. */
export function refusingRule(
  error: RateLimitedError,
): { scope: RateLimitScope; target: string; limit: LimitName } | undefined {
  const { scope, target, limit } = error.extensions;
  if (scope !== 'ORG' && scope !== 'TEAM' && scope !== 'KEY') return undefined;
  if (typeof target !== 'string') return undefined;
  if (limit !== 'requestsPerMinute' && limit !== 'tokensPerMinute') return undefined;
  return { scope, target, limit };
}

export class RateLimitHitRecorder {
  private counters = new Map<string, HitCounter>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private readonly maxCounters: number;
  /** Part of every document id: no two instances ever update one document. */
  private readonly instance = randomUUID();

  constructor(
    private readonly options: {
      hits: RateLimitHitRepository;
      logger: Logger;
      flushIntervalMs: number;
      /** Counters kept while the database is failing; beyond this new ones are dropped. Default 100,000. */
      maxCounters?: number;
    },
  ) {
    this.maxCounters = options.maxCounters ?? 100_000;
    this.timer = setInterval(() => {
      this.flush().catch(() => {}); // logged in write(); the counts stay for the next flush
    }, options.flushIntervalMs);
    this.timer.unref();
  }

  /** Counts one refusal by the gate. Never throws, never waits. */
  record(
    principal: Pick<Principal, 'orgId' | 'teamId' | 'id'>,
    error: RateLimitedError,
    capability = '',
    at = new Date(),
  ): void {
    try {
      const rule = refusingRule(error);
      if (!rule) return;
      const minute = new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
      const key = {
        orgId: principal.orgId,
        teamId: principal.teamId,
        keyId: principal.id,
        capability,
        ...rule,
        minute,
      };
      const id = JSON.stringify([
        key.orgId,
        key.teamId,
        key.keyId,
        key.capability,
        key.scope,
        key.target,
        key.limit,
        minute.toISOString(),
        this.instance,
      ]);
      const counter = this.counters.get(id);
      if (counter) counter.hits += 1;
      else if (this.counters.size < this.maxCounters) this.counters.set(id, { id, key, hits: 1 });
    } catch (caught) {
      this.options.logger.error({ err: caught }, 'rate-limit hit could not be counted');
    }
  }

  /** Writes the counts held now; rejects if some could not be written (they are kept). */
  flush(): Promise<void> {
    const next = this.flushing.catch(() => {}).then(() => this.write());
    this.flushing = next;
    return next;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => {});
  }

  private async write(): Promise<void> {
    const counters = [...this.counters.values()];
    if (counters.length === 0) return;
    this.counters = new Map();
    const now = new Date();
    try {
      await this.options.hits.add(counters, now);
    } catch (error) {
      // Ordered: everything before the failed write was applied; the rest is counted again.
      const applied = firstFailedIndex(error) ?? 0;
      for (const counter of counters.slice(applied)) {
        const current = this.counters.get(counter.id);
        if (current) current.hits += counter.hits;
        else this.counters.set(counter.id, counter);
      }
      this.options.logger.error({ err: error, pending: this.counters.size }, 'rate-limit hits flush failed');
      throw error;
    }
  }
}

function firstFailedIndex(error: unknown): number | undefined {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors === undefined ? [] : [writeErrors];
  const indexes = list.flatMap((item) => {
    const index = (item as { index?: unknown; err?: { index?: unknown } } | null)?.index;
    return typeof index === 'number' ? [index] : [];
  });
  return indexes.length > 0 ? Math.min(...indexes) : undefined;
}

export type RateLimitHitDimension = 'TEAM' | 'KEY' | 'CAPABILITY' | 'RULE';
export type RateLimitHitInterval = 'MINUTE' | 'HOUR' | 'DAY';

const INTERVAL_MS: Record<RateLimitHitInterval, number> = {
  MINUTE: MINUTE_MS,
  HOUR: 60 * MINUTE_MS,
  DAY: 24 * 60 * MINUTE_MS,
};
/** Buckets one query may span (a day of minutes, two months of hours, four years of days). */
const MAX_BUCKETS = 1500;

export interface RateLimitHitRow {
  /** The start of the time bucket (UTC). */
  start: Date;
  key: Record<string, string>;
  hits: number;
}

export class RateLimitHitQueryService {
  constructor(
    private readonly options: {
      hits: RateLimitHitRepository;
      /** Team names by id, for the TEAM dimension and TEAM rules. */
      teamNames: (teamIds: readonly string[]) => Promise<Map<string, string>>;
    },
  ) {}

  /** Sums per time bucket and group, in time order then by group. */
  async query(query: {
    orgId: string;
    from: Date;
    to: Date;
    interval: RateLimitHitInterval;
    groupBy: readonly RateLimitHitDimension[];
    teamId?: string;
    capability?: string;
  }): Promise<RateLimitHitRow[]> {
    const { from, to, interval } = query;
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) {
      throw new BadUserInputError('`from` must be a date at or before `to`.', {
        extensions: { argument: 'from' },
      });
    }
    const size = INTERVAL_MS[interval];
    const firstBucket = Math.floor(from.getTime() / size) * size;
    if ((to.getTime() - firstBucket) / size >= MAX_BUCKETS) {
      throw new BadUserInputError(
        `At most ${MAX_BUCKETS} ${interval.toLowerCase()} buckets per query: use a longer interval or a shorter range.`,
        { extensions: { argument: 'interval' } },
      );
    }
    const records = await this.options.hits.find({
      orgId: query.orgId,
      fromMinute: new Date(Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS),
      to,
      ...(query.teamId !== undefined ? { teamId: query.teamId } : {}),
      ...(query.capability !== undefined ? { capability: query.capability } : {}),
    });

    const dimensions = [...new Set(query.groupBy)];
    const needsNames = dimensions.includes('TEAM') || dimensions.includes('RULE');
    const teamNames = needsNames
      ? await this.options.teamNames([
          ...records.map((record) => record.teamId),
          ...records.filter((record) => record.scope === 'TEAM').map((record) => record.target),
        ])
      : new Map<string, string>();
    const groups = new Map<string, RateLimitHitRow>();
    for (const record of records) {
      const start = Math.floor(new Date(record.minute).getTime() / size) * size;
      const key: Record<string, string> = {};
      for (const dimension of dimensions) {
        if (dimension === 'TEAM') key.team = teamNames.get(record.teamId) ?? record.teamId;
        else if (dimension === 'KEY') key.key = record.keyId;
        else if (dimension === 'CAPABILITY') key.capability = record.capability;
        else {
          const target =
            record.scope === 'TEAM' ? (teamNames.get(record.target) ?? record.target) : record.target;
          key.rule = `${record.scope} ${target} ${record.limit}`;
        }
      }
      const id = JSON.stringify([start, ...dimensions.map((dimension) => key[keyName(dimension)])]);
      const group = groups.get(id);
      if (group) group.hits += record.hits ?? 0;
      else groups.set(id, { start: new Date(start), key, hits: record.hits ?? 0 });
    }
    return [...groups.entries()]
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
      .map(([, row]) => row);
  }
}

function keyName(dimension: RateLimitHitDimension): string {
  return dimension.toLowerCase();
}

/** Removes hit counters older than the usage retention period, through the shared retention job. */
export class RateLimitHitRetention extends RetentionJob {
  constructor(options: RetentionJobOptions & { hits: RateLimitHitRepository }) {
    super({
      ...options,
      name: 'rate-limit hits',
      removedMessage: 'old rate-limit hit counts removed',
      deleteBefore: (cutoff) => options.hits.deleteBefore(cutoff),
    });
  }
}
