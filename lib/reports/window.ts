// The clock of a report: "now", today, this week (Monday to Sunday) and a period of whole days,
// all as business days in TZ_BUSINESS. SQL gets the boundaries as instants (a business day is
// [its 00:00, the next day's 00:00) in the zone), never UTC dates, so a row written at
// 2027-03-01T15:59:59Z counts on 1 March and one at 16:00:00Z on 2 March in Asia/Shanghai.
import { DateTime } from 'luxon';

export interface ReportWindow {
  tz: string;
  /** "Now" of the report: overdue means due before this instant. */
  at: Date;
  /** The business date of `at`, YYYY-MM-DD. */
  today: string;
  /** Today as [dayStart, dayEnd). */
  dayStart: Date;
  dayEnd: Date;
  /** The week of `at`, Monday to Sunday (YYYY-MM-DD), as [weekStartAt, weekEndAt). */
  weekStart: string;
  weekEnd: string;
  weekStartAt: Date;
  weekEndAt: Date;
  /** The period of whole days from..to (inclusive), as [fromAt, toAt). */
  from: string;
  to: string;
  fromAt: Date;
  toAt: Date;
}

export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date YYYY-MM-DD. */
export function isBusinessDate(s: string): boolean {
  return DATE.test(s) && DateTime.fromISO(s, { zone: 'UTC' }).isValid;
}

/** The business date (YYYY-MM-DD in the zone) of an instant. */
export function businessDate(at: Date | string | number, tz: string): string {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  return DateTime.fromMillis(ms, { zone: tz }).toISODate()!;
}

/** The instant a business date starts (00:00 in the zone). */
export function startOfBusinessDay(date: string, tz: string): Date {
  return DateTime.fromISO(date, { zone: tz }).startOf('day').toJSDate();
}

/** A business date plus whole days. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round(DateTime.fromISO(b, { zone: 'UTC' }).diff(DateTime.fromISO(a, { zone: 'UTC' }), 'days').days);
}

export class WindowError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The window of a report at `at` (default now). The period defaults to the DEFAULT_PERIOD_DAYS
 * days that end today; `from` alone runs to today, `to` alone starts DEFAULT_PERIOD_DAYS − 1
 * days before it.
 */
export function reportWindow(opts: { tz: string; at?: Date; from?: string; to?: string }): ReportWindow {
  const at = opts.at ?? new Date();
  const tz = opts.tz;
  const local = DateTime.fromJSDate(at, { zone: tz });
  const today = local.toISODate()!;
  const weekStart = local.startOf('week').toISODate()!; // luxon weeks start on Monday (ISO)
  for (const [field, v] of [
    ['from', opts.from],
    ['to', opts.to],
  ] as const) {
    if (v !== undefined && !isBusinessDate(v)) throw new WindowError(field, 'must be a date YYYY-MM-DD');
  }
  const to = opts.to ?? (opts.from ? maxDate(opts.from, today) : today);
  const from = opts.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) throw new WindowError('from', 'must not be after to');
  if (daysBetween(from, to) >= MAX_PERIOD_DAYS) throw new WindowError('from', `a period is at most ${MAX_PERIOD_DAYS} days`);
  return {
    tz,
    at,
    today,
    dayStart: startOfBusinessDay(today, tz),
    dayEnd: startOfBusinessDay(addDays(today, 1), tz),
    weekStart,
    weekEnd: addDays(weekStart, 6),
    weekStartAt: startOfBusinessDay(weekStart, tz),
    weekEndAt: startOfBusinessDay(addDays(weekStart, 7), tz),
    from,
    to,
    fromAt: startOfBusinessDay(from, tz),
    toAt: startOfBusinessDay(addDays(to, 1), tz),
  };
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
