import { describe, expect, it } from 'vitest';
import { HISTOGRAM_FIELDS, histogramField, latencyQuantile } from './latency-histogram.js';

describe('latency histogram', () => {
  it.each([
    [0, 'le10'],
    [10, 'le10'],
    [10.5, 'le25'],
    [60_000, 'le60000'],
    [60_001, 'leInf'],
  ])('puts %s ms in %s', (latency, field) => {
    expect(histogramField(latency)).toBe(field);
  });

  it('has one field per bound plus the open bucket, all valid MongoDB field names', () => {
    expect(HISTOGRAM_FIELDS).toHaveLength(13);
    for (const field of HISTOGRAM_FIELDS) expect(field).toMatch(/^le\w+$/);
  });

  it('interpolates the p95 within the bucket that holds it', () => {
    // 100 calls: 80 in (25, 50], 20 in (100, 250]; rank 95 is the 15th of 20 in (100, 250].
    const histogram = { le50: 80, le250: 20 };
    expect(latencyQuantile(histogram, 0.95, 240)).toBeCloseTo(100 + (140 * 15) / 20, 6);
  });

  it('never answers more than the slowest call, and bounds the open bucket by it', () => {
    expect(latencyQuantile({ le50: 10 }, 0.95, 30)).toBeLessThanOrEqual(30);
    expect(latencyQuantile({ leInf: 4 }, 0.5, 90_000)).toBe(60_000 + 30_000 * 0.5);
  });

  it('answers 0 for an empty histogram', () => {
    expect(latencyQuantile({}, 0.95, 0)).toBe(0);
  });
});
