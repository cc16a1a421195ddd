/**
 * Chart data shaping for the usage page: rows of `usage(groupBy: [DAY, <dimension>])` become one point
 * per day (every day of the range, zero where nothing ran) with one value per series (capability, model,
 * provider or team), the largest series kept and the rest summed as "other"; and the same rows as CSV.
 */

export type UsageMetric = 'requests' | 'errors' | 'costUsd' | 'latencyMsP95' | 'tokens';
export type UsageDimensionKey = 'capability' | 'model' | 'provider' | 'team' | 'key';

export interface UsageRowLike {
  key: unknown;
  requests: number;
  errors: number;
  cachedRequests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMsAvg: number;
  latencyMsP95: number;
}

export interface SeriesPoint {
  day: string;
  [series: string]: number | string;
}

export interface ShapedSeries {
  points: SeriesPoint[];
  /** Series names, largest total first ("other" last when present). */
  series: string[];
  totals: Record<string, number>;
}

export const OTHER = 'other';
const DAY_MS = 86_400_000;

export const METRICS: Record<UsageMetric, { label: string; stack: boolean }> = {
  requests: { label: 'Requests', stack: true },
  errors: { label: 'Errors', stack: true },
  costUsd: { label: 'Cost (USD)', stack: true },
  tokens: { label: 'Tokens (in + out)', stack: true },
  // Percentiles do not add up: drawn as lines, the "other" series is the largest of the rest.
  latencyMsP95: { label: 'p95 latency (ms)', stack: false },
};

/** `YYYY-MM-DD` (UTC) of every day from `from` to `to`, both included. */
export function daysBetween(from: Date, to: Date): string[] {
  const days: string[] = [];
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  const end = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  for (let at = start; at <= end && days.length < 400; at += DAY_MS)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

function keyOf(row: UsageRowLike): Record<string, unknown> {
  return typeof row.key === 'object' && row.key !== null ? (row.key as Record<string, unknown>) : {};
}

export function metricOf(row: UsageRowLike, metric: UsageMetric): number {
  return metric === 'tokens' ? row.inputTokens + row.outputTokens : row[metric];
}

/** The series of one dimension for one metric, over the days of the range. */
export function shapeUsage(
  rows: readonly UsageRowLike[],
  options: { dimension: UsageDimensionKey; metric: UsageMetric; from: Date; to: Date; maxSeries?: number },
): ShapedSeries {
  const { dimension, metric } = options;
  const maxSeries = options.maxSeries ?? 6;
  const additive = METRICS[metric].stack;
  const totals: Record<string, number> = {};
  const cells = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const key = keyOf(row);
    const day = typeof key.day === 'string' ? key.day : undefined;
    if (!day) continue;
    // Empty: no model was reached (refused before routing), or usage from before the dimension existed.
    const raw = key[dimension];
    const name = raw === undefined || raw === null || raw === '' ? '(none)' : String(raw);
    const value = metricOf(row, metric);
    totals[name] = additive ? (totals[name] ?? 0) + value : Math.max(totals[name] ?? 0, value);
    const byDay = cells.get(name) ?? new Map<string, number>();
    byDay.set(day, additive ? (byDay.get(day) ?? 0) + value : Math.max(byDay.get(day) ?? 0, value));
    cells.set(name, byDay);
  }
  const ranked = Object.keys(totals).sort((a, b) => totals[b]! - totals[a]! || a.localeCompare(b));
  const kept = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const folded = ranked.slice(kept.length);
  const series = folded.length > 0 ? [...kept, OTHER] : kept;
  const shapedTotals: Record<string, number> = {};
  for (const name of kept) shapedTotals[name] = totals[name]!;
  if (folded.length > 0)
    shapedTotals[OTHER] = folded.reduce(
      (sum, name) => (additive ? sum + totals[name]! : Math.max(sum, totals[name]!)),
      0,
    );
  const points = daysBetween(options.from, options.to).map((day) => {
    const point: SeriesPoint = { day };
    for (const name of kept) point[name] = cells.get(name)?.get(day) ?? 0;
    if (folded.length > 0)
      point[OTHER] = folded.reduce((sum, name) => {
        const value = cells.get(name)?.get(day) ?? 0;
        return additive ? sum + value : Math.max(sum, value);
      }, 0);
    return point;
  });
  return { points, series, totals: shapedTotals };
}

/** Sums of the rows (the page's headline figures); p95 is the largest of the groups'. */
export function usageTotals(rows: readonly UsageRowLike[]) {
  return rows.reduce(
    (sum, row) => ({
      requests: sum.requests + row.requests,
      errors: sum.errors + row.errors,
      costUsd: sum.costUsd + row.costUsd,
      tokens: sum.tokens + row.inputTokens + row.outputTokens,
      latencyMsP95: Math.max(sum.latencyMsP95, row.latencyMsP95),
    }),
    { requests: 0, errors: 0, costUsd: 0, tokens: 0, latencyMsP95: 0 },
  );
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote what needs it, and neutralise spreadsheet formulas (=, +, -, @ at the start).
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as CSV: one column per key dimension (in the given order), then the figures. */
export function usageCsv(rows: readonly UsageRowLike[], dimensions: readonly string[]): string {
  const figures = [
    'requests',
    'errors',
    'cachedRequests',
    'inputTokens',
    'outputTokens',
    'costUsd',
    'latencyMsAvg',
    'latencyMsP95',
  ] as const;
  const lines = [[...dimensions, ...figures].join(',')];
  for (const row of rows) {
    const key = keyOf(row);
    lines.push(
      [...dimensions.map((name) => csvCell(key[name])), ...figures.map((name) => csvCell(row[name]))].join(
        ',',
      ),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
