import { describe, expect, it } from 'vitest';
import { daysBetween, shapeUsage, usageCsv, usageTotals, type UsageRowLike } from './usage-series.js';

const row = (key: Record<string, unknown>, figures: Partial<UsageRowLike> = {}): UsageRowLike => ({
  key,
  requests: 0,
  errors: 0,
  cachedRequests: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  latencyMsAvg: 0,
  latencyMsP95: 0,
  ...figures,
});

const from = new Date('2026-12-01T00:00:00Z');
const to = new Date('2026-12-03T15:00:00Z');

describe('shapeUsage', () => {
  it('gives every day of the range one point, zero where nothing ran, series largest first', () => {
    const rows = [
      row({ day: '2026-12-01', capability: 'summarize' }, { requests: 2 }),
      row({ day: '2026-12-03', capability: 'summarize' }, { requests: 1 }),
      row({ day: '2026-12-03', capability: 'blurb' }, { requests: 5 }),
    ];
    const shaped = shapeUsage(rows, { dimension: 'capability', metric: 'requests', from, to });
    expect(shaped.series).toEqual(['blurb', 'summarize']);
    expect(shaped.points).toEqual([
      { day: '2026-12-01', blurb: 0, summarize: 2 },
      { day: '2026-12-02', blurb: 0, summarize: 0 },
      { day: '2026-12-03', blurb: 5, summarize: 1 },
    ]);
    expect(shaped.totals).toEqual({ blurb: 5, summarize: 3 });
  });

  it('folds the smallest series into "other", summed for additive metrics', () => {
    const rows = ['a', 'b', 'c', 'd'].map((name, index) =>
      row({ day: '2026-12-02', model: name }, { costUsd: 4 - index, inputTokens: 10, outputTokens: index }),
    );
    const shaped = shapeUsage(rows, { dimension: 'model', metric: 'costUsd', from, to, maxSeries: 3 });
    expect(shaped.series).toEqual(['a', 'b', 'other']);
    expect(shaped.points[1]).toEqual({ day: '2026-12-02', a: 4, b: 3, other: 3 });
    expect(shapeUsage(rows, { dimension: 'model', metric: 'tokens', from, to }).totals).toEqual({
      a: 10,
      b: 11,
      c: 12,
      d: 13,
    });
  });

  it('takes the largest, not the sum, for p95 latency', () => {
    const rows = [
      row({ day: '2026-12-02', team: 'x' }, { latencyMsP95: 100 }),
      row({ day: '2026-12-02', team: 'y' }, { latencyMsP95: 300 }),
      row({ day: '2026-12-02', team: 'z' }, { latencyMsP95: 200 }),
    ];
    const shaped = shapeUsage(rows, { dimension: 'team', metric: 'latencyMsP95', from, to, maxSeries: 2 });
    expect(shaped.points[1]).toEqual({ day: '2026-12-02', y: 300, other: 200 });
    expect(usageTotals(rows).latencyMsP95).toBe(300);
  });

  it('labels a missing dimension value and ignores rows without a day', () => {
    const shaped = shapeUsage(
      [row({ day: '2026-12-01' }, { requests: 1 }), row({ capability: 'x' }, { requests: 9 })],
      {
        dimension: 'capability',
        metric: 'requests',
        from,
        to,
      },
    );
    expect(shaped.totals).toEqual({ '(none)': 1 });
  });

  it('shapes per provider, an empty provider (no model reached) labelled "(none)"', () => {
    const rows = [
      row({ day: '2026-12-01', provider: 'openai' }, { requests: 4 }),
      row({ day: '2026-12-01', provider: '' }, { requests: 1 }),
      row({ day: '2026-12-02', provider: 'local' }, { requests: 2 }),
    ];
    const shaped = shapeUsage(rows, { dimension: 'provider', metric: 'requests', from, to });
    expect(shaped.series).toEqual(['openai', 'local', '(none)']);
    expect(shaped.points[0]).toEqual({ day: '2026-12-01', openai: 4, local: 0, '(none)': 1 });
    expect(usageCsv(rows, ['day', 'provider']).split('\r\n')[2]).toBe('2026-12-01,,1,0,0,0,0,0,0,0');
  });
});

describe('daysBetween and usageCsv', () => {
  it('lists UTC days inclusively', () => {
    expect(daysBetween(new Date('2026-02-27T23:00:00Z'), new Date('2026-03-01T01:00:00Z'))).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
  });

  it('writes one line per row, quoting and neutralising formulas', () => {
    const csv = usageCsv(
      [
        row(
          { day: '2026-12-01', capability: 'say "hi", =1+1' },
          { requests: 3, costUsd: 0.5, latencyMsP95: 12 },
        ),
      ],
      ['day', 'capability'],
    );
    expect(csv.split('\r\n')).toEqual([
      'day,capability,requests,errors,cachedRequests,inputTokens,outputTokens,costUsd,latencyMsAvg,latencyMsP95',
      '2026-12-01,"say ""hi"", =1+1",3,0,0,0,0,0.5,0,12',
      '',
    ]);
    expect(
      usageCsv([row({ day: 'd', capability: '=HYPERLINK(1)' })], ['capability']).split('\r\n')[1],
    ).toMatch(/^'=HYPERLINK/);
  });
});
