import { describe, expect, it } from 'vitest';
import { bucketStarts, intervalFor, shapeHits } from './rate-limit-series.js';

describe('shapeHits', () => {
  const from = new Date('2026-12-01T10:20:00Z');
  const to = new Date('2026-12-01T13:05:00Z');

  it('gives every hour of the range a point, zero where nothing was refused, largest series first', () => {
    const rows = [
      { start: '2026-12-01T10:00:00.000Z', key: { rule: 'KEY k1 requestsPerMinute' }, hits: 2 },
      { start: '2026-12-01T12:00:00.000Z', key: { rule: 'KEY k1 requestsPerMinute' }, hits: 1 },
      { start: '2026-12-01T12:00:00.000Z', key: { rule: 'TEAM search tokensPerMinute' }, hits: 5 },
    ];
    const shaped = shapeHits(rows, { dimension: 'rule', interval: 'HOUR', from, to });
    expect(shaped.series).toEqual(['TEAM search tokensPerMinute', 'KEY k1 requestsPerMinute']);
    expect(shaped.points.map((point) => point.at)).toEqual([
      '12-01 10:00',
      '12-01 11:00',
      '12-01 12:00',
      '12-01 13:00',
    ]);
    expect(shaped.points[2]).toMatchObject({
      'TEAM search tokensPerMinute': 5,
      'KEY k1 requestsPerMinute': 1,
    });
    expect(shaped.points[1]).toMatchObject({
      'TEAM search tokensPerMinute': 0,
      'KEY k1 requestsPerMinute': 0,
    });
    expect(shaped.total).toBe(8);
  });

  it('folds the smallest series into "other"', () => {
    const rows = ['a', 'b', 'c'].map((team, index) => ({
      start: '2026-12-01T11:00:00.000Z',
      key: { team },
      hits: 3 - index,
    }));
    const shaped = shapeHits(rows, { dimension: 'team', interval: 'HOUR', from, to, maxSeries: 2 });
    expect(shaped.series).toEqual(['a', 'other']);
    expect(shaped.totals).toEqual({ a: 3, other: 3 });
  });

  it('picks hours for short ranges and days for long ones, and bounds the buckets', () => {
    expect(intervalFor(new Date('2026-12-01'), new Date('2026-12-08'))).toBe('HOUR');
    expect(intervalFor(new Date('2026-09-01'), new Date('2026-12-01'))).toBe('DAY');
    expect(
      bucketStarts(new Date('2026-12-01T00:00:30Z'), new Date('2026-12-01T00:03:00Z'), 'MINUTE'),
    ).toHaveLength(4);
  });
});
