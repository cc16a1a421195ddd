/**
 * Chart data shaping for rate-limit hits: rows of `rateLimitHits(interval, groupBy: [<dimension>])`
 * become one point per time bucket of the range (zero where nothing was refused) with one value per
 * series (rule, team, key or capability), the largest kept and the rest summed as "other".
 */

export type HitInterval = 'MINUTE' | 'HOUR' | 'DAY';
export type HitDimensionKey = 'rule' | 'team' | 'key' | 'capability';

export interface HitRowLike {
  start: string;
  key: unknown;
  hits: number;
}

export interface HitPoint {
  at: string;
  [series: string]: number | string;
}

export const OTHER = 'other';
const INTERVAL_MS: Record<HitInterval, number> = { MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };
const MAX_BUCKETS = 1500;

/** The bucket width for a range: hours up to about two months, days beyond. */
export function intervalFor(from: Date, to: Date): HitInterval {
  return (to.getTime() - from.getTime()) / INTERVAL_MS.HOUR < MAX_BUCKETS - 24 ? 'HOUR' : 'DAY';
}

/** Bucket starts (ms) from the bucket holding `from` to the one holding `to`. */
export function bucketStarts(from: Date, to: Date, interval: HitInterval): number[] {
  const size = INTERVAL_MS[interval];
  const starts: number[] = [];
  for (
    let at = Math.floor(from.getTime() / size) * size;
    at <= to.getTime() && starts.length < MAX_BUCKETS;
    at += size
  )
    starts.push(at);
  return starts;
}

/** The label of a bucket: `YYYY-MM-DD` for days, `MM-DD HH:mm` (UTC) otherwise. */
export function bucketLabel(at: number, interval: HitInterval): string {
  const iso = new Date(at).toISOString();
  return interval === 'DAY' ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

export function shapeHits(
  rows: readonly HitRowLike[],
  options: { dimension: HitDimensionKey; interval: HitInterval; from: Date; to: Date; maxSeries?: number },
): { points: HitPoint[]; series: string[]; totals: Record<string, number>; total: number } {
  const maxSeries = options.maxSeries ?? 6;
  const totals: Record<string, number> = {};
  const cells = new Map<string, Map<number, number>>();
  let total = 0;
  for (const row of rows) {
    const key = typeof row.key === 'object' && row.key !== null ? (row.key as Record<string, unknown>) : {};
    const raw = key[options.dimension];
    const name = raw === undefined || raw === null || raw === '' ? '(none)' : String(raw);
    const at = new Date(row.start).getTime();
    if (Number.isNaN(at)) continue;
    total += row.hits;
    totals[name] = (totals[name] ?? 0) + row.hits;
    const byBucket = cells.get(name) ?? new Map<number, number>();
    byBucket.set(at, (byBucket.get(at) ?? 0) + row.hits);
    cells.set(name, byBucket);
  }
  const ranked = Object.keys(totals).sort((a, b) => totals[b]! - totals[a]! || a.localeCompare(b));
  const kept = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const folded = ranked.slice(kept.length);
  const series = folded.length > 0 ? [...kept, OTHER] : kept;
  const shapedTotals: Record<string, number> = {};
  for (const name of kept) shapedTotals[name] = totals[name]!;
  if (folded.length > 0) shapedTotals[OTHER] = folded.reduce((sum, name) => sum + totals[name]!, 0);
  const points = bucketStarts(options.from, options.to, options.interval).map((at) => {
    const point: HitPoint = { at: bucketLabel(at, options.interval) };
    for (const name of kept) point[name] = cells.get(name)?.get(at) ?? 0;
    if (folded.length > 0)
      point[OTHER] = folded.reduce((sum, name) => sum + (cells.get(name)?.get(at) ?? 0), 0);
    return point;
  });
  return { points, series, totals: shapedTotals, total };
}
