/**
 * The fixed latency buckets of the usage rollups and the percentile estimate computed from them.
 * Stored as one counter per bucket (`h.le50`, …, `h.leInf`): sums that `$inc` can keep on any
 * MongoDB-compatible server, with no arrays and no `$avg`/`$percentile` (PORTABILITY.md).
 * Changing the bounds changes how old rollups read: only append to this list.
 */
export const LATENCY_BOUNDS_MS = [
  10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000,
] as const;

/** Field names under `h`, in bucket order; the last one counts calls slower than every bound. */
export const HISTOGRAM_FIELDS: readonly string[] = [
  ...LATENCY_BOUNDS_MS.map((bound) => `le${bound}`),
  'leInf',
];

/** The histogram field a latency falls in: the first bound it does not exceed. */
export function histogramField(latencyMs: number): string {
  const index = LATENCY_BOUNDS_MS.findIndex((bound) => latencyMs <= bound);
  return HISTOGRAM_FIELDS[index === -1 ? LATENCY_BOUNDS_MS.length : index] as string;
}

/**
 * The `quantile` (0..1) of the latencies counted in `histogram`, interpolated linearly within the
 * bucket that holds it (as Prometheus' `histogram_quantile` does). A bucket's upper edge is capped
 * by `maxLatencyMs`, the slowest call seen, which also bounds the open last bucket. 0 when empty.
 */
export function latencyQuantile(
  histogram: Partial<Record<string, number>>,
  quantile: number,
  maxLatencyMs: number,
): number {
  const counts = HISTOGRAM_FIELDS.map((field) => histogram[field] ?? 0);
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return 0;
  const rank = Math.min(1, Math.max(0, quantile)) * total;
  let below = 0;
  for (let index = 0; index < counts.length; index++) {
    const count = counts[index] ?? 0;
    if (count > 0 && below + count >= rank) {
      const lower = index === 0 ? 0 : (LATENCY_BOUNDS_MS[index - 1] ?? 0);
      const bound = LATENCY_BOUNDS_MS[index] ?? Number.POSITIVE_INFINITY;
      const upper = Math.max(lower, Math.min(bound, maxLatencyMs));
      return lower + ((upper - lower) * (rank - below)) / count;
    }
    below += count;
  }
  return maxLatencyMs;
}
