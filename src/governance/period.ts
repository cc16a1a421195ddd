/**
 * UTC calendar periods shared by budgets (and anything else that resets daily or monthly).
 * A period is identified by a stable, sortable key: `2026-11-22` for a day, `2026-11` for a month.
 */
export type CalendarPeriod = 'DAILY' | 'MONTHLY';

/** The key of the UTC period that contains `at`: `YYYY-MM-DD` (DAILY) or `YYYY-MM` (MONTHLY). */
export function periodKey(period: CalendarPeriod, at: Date): string {
  const iso = at.toISOString();
  return period === 'DAILY' ? iso.slice(0, 10) : iso.slice(0, 7);
}

/** The instant the UTC period containing `at` ends (exclusive), i.e. the start of the next one. */
export function periodEnd(period: CalendarPeriod, at: Date): Date {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  return period === 'DAILY'
    ? new Date(Date.UTC(year, month, at.getUTCDate() + 1))
    : new Date(Date.UTC(year, month + 1, 1));
}

/** The instant the UTC period containing `at` starts (inclusive). */
export function periodStart(period: CalendarPeriod, at: Date): Date {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  return period === 'DAILY'
    ? new Date(Date.UTC(year, month, at.getUTCDate()))
    : new Date(Date.UTC(year, month, 1));
}
