import { describe, expect, it } from 'vitest';
import { periodEnd, periodKey } from './period.js';

describe('periodKey and periodEnd', () => {
  it.each([
    ['DAILY', '2026-11-22T00:00:00.000Z', '2026-11-22', '2026-11-23T00:00:00.000Z'],
    ['DAILY', '2026-11-22T23:59:59.999Z', '2026-11-22', '2026-11-23T00:00:00.000Z'],
    ['DAILY', '2028-02-28T12:00:00.000Z', '2028-02-28', '2028-02-29T00:00:00.000Z'],
    ['DAILY', '2026-12-31T18:00:00.000Z', '2026-12-31', '2027-01-01T00:00:00.000Z'],
    ['MONTHLY', '2026-11-30T23:59:59.999Z', '2026-11', '2026-12-01T00:00:00.000Z'],
    ['MONTHLY', '2026-12-01T00:00:00.000Z', '2026-12', '2027-01-01T00:00:00.000Z'],
  ] as const)('%s at %s is %s and ends at %s (UTC)', (period, at, key, end) => {
    expect(periodKey(period, new Date(at))).toBe(key);
    expect(periodEnd(period, new Date(at)).toISOString()).toBe(end);
  });
});
