// Deadlines for the approval engine: due time, reminder times and escalation times, in
// working days of the business zone. Working days come from the company's CalendarOverride
// table first, then from the mainland-China public-holiday calendar with its make-up
// working days (调休) as published by the State Council, from the `chinese-days` package.
// `chinese-days` covers the years it ships data for (1.5.7: 2004-2026); for a later year
// it knows only weekends until the package is updated, so the admin imports that year's
// official schedule meanwhile (OfficialCalendarDay, lib/calendar/official.ts).
import { ApplicationFailure } from '@temporalio/common';
import { getDayDetail } from 'chinese-days';
import { DateTime } from 'luxon';
import { addWorkDuration, parseDuration, subtractWorkDuration, type IsWorkday } from '../domain/calendar';
import type { Deadlines } from '../domain/approval';
import type { Config } from '../lib/config';
import type { Db } from '../lib/db/client';

export interface ComputeDeadlinesInput {
  /** The instant the clock starts (ISO-8601 with offset). */
  from: string;
  /** ISO-8601 duration from `from` to the due time, e.g. P2D; not read when `dueAt` is given. */
  due: string;
  /**
   * An absolute due time (ISO-8601 instant), e.g. the end of a day: kept exactly, to the
   * millisecond (shown with the zone's offset); reminders and escalations count from it.
   */
  dueAt?: string;
  /** Reminders this long before the due time, e.g. ["P1D", "PT4H", "PT0S"]. */
  leadTimes: string[];
  /** Escalation level i+1 this long after the due time (each from the due time, not cumulative). */
  escalationSteps: string[];
  /** Count days in working days (see domain/calendar.ts) instead of calendar days. */
  businessDays: boolean;
}

/** Deadlines (domain/approval.ts): due time, reminders (strictly after `from`, chronological,
 * one per instant) and escalations (in level order). */
export type { Deadlines } from '../domain/approval';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WEEKDAY_NAMES = new Set(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);

/** How far around the dates a computation touches the override query reaches. */
const WINDOW_MARGIN_DAYS = 60;

function toDate(isoDate: string): DateTime {
  const d = ISO_DATE.test(isoDate) ? DateTime.fromISO(isoDate, { zone: 'UTC' }) : DateTime.invalid('format');
  if (!d.isValid) throw new Error(`Invalid date ${JSON.stringify(isoDate)}: expected yyyy-MM-dd`);
  return d;
}

/**
 * The public-holiday calendar alone. `chinese-days` parses a date string as UTC midnight
 * and then reads its weekday in the process's local zone, which gives the previous
 * weekday where the process runs west of UTC; its holiday and 调休 tables are consistent
 * in every zone. So: the tables from the package, the weekday computed here.
 */
export function chinaIsWorkday(isoDate: string): boolean {
  const date = toDate(isoDate);
  const detail = getDayDetail(isoDate);
  // A name other than a weekday's means the date is in the holiday or 调休 table.
  if (!WEEKDAY_NAMES.has(detail.name)) return detail.work;
  return date.weekday <= 5; // luxon: 1 = Monday … 7 = Sunday
}

/** Company overrides (date → is a working day) first, then the public-holiday calendar. */
export function createIsWorkday(overrides: Map<string, boolean>): IsWorkday {
  return (isoDate) => {
    const override = overrides.get(isoDate);
    return override ?? chinaIsWorkday(isoDate);
  };
}

/** An instant as given, to the millisecond, shown with the zone's offset (without an offset: a local time in the zone). */
function exactInstant(iso: string, zone: string): string {
  const dt = typeof iso === 'string' ? DateTime.fromISO(iso, { zone }) : DateTime.invalid('not a string');
  const out = dt.isValid ? dt.toISO() : null;
  if (!out) throw new Error(`Invalid due time ${JSON.stringify(iso)}: expected an ISO-8601 instant`);
  return out;
}

function compute(input: ComputeDeadlinesInput, zone: string, isWorkday: IsWorkday): Deadlines {
  const opts = { zone, businessDays: input.businessDays, isWorkday };
  const dueAt = input.dueAt === undefined ? addWorkDuration(input.from, input.due, opts) : exactInstant(input.dueAt, zone);
  const fromMs = DateTime.fromISO(input.from).toMillis();

  const candidates = input.leadTimes.map((lead) => {
    const at = subtractWorkDuration(dueAt, lead, opts);
    return { lead, at, ms: DateTime.fromISO(at).toMillis() };
  });
  const seen = new Set<number>();
  const reminders = candidates
    .filter((r) => r.ms > fromMs)
    .sort((a, b) => a.ms - b.ms) // stable: the first-listed lead wins a tie
    .filter((r) => (seen.has(r.ms) ? false : (seen.add(r.ms), true)))
    .map(({ lead, at }) => ({ lead, at }));

  const escalations = input.escalationSteps.map((after, i) => ({
    level: i + 1,
    after,
    at: addWorkDuration(dueAt, after, opts),
  }));
  return { dueAt, reminders, escalations };
}

/** Wraps an IsWorkday to record the earliest and latest date it was asked about. */
function recording(isWorkday: IsWorkday) {
  const range: { min?: string; max?: string } = {};
  const fn: IsWorkday = (isoDate) => {
    if (range.min === undefined || isoDate < range.min) range.min = isoDate;
    if (range.max === undefined || isoDate > range.max) range.max = isoDate;
    return isWorkday(isoDate);
  };
  return { fn, range };
}

function widen(range: { min: string; max: string }): { min: string; max: string } {
  return {
    min: toDate(range.min).minus({ days: WINDOW_MARGIN_DAYS }).toISODate() as string,
    max: toDate(range.max).plus({ days: WINDOW_MARGIN_DAYS }).toISODate() as string,
  };
}

/** Bad input will not get better on retry: fail the activity for good. */
function invalidInput(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  throw ApplicationFailure.nonRetryable(message, 'InvalidDeadlineInput');
}

export function calendarActivities(db: Db, config: Config) {
  const zone = config.tzBusiness;

  async function loadOverrides(window: { min: string; max: string }): Promise<Map<string, boolean>> {
    const where = { date: { gte: window.min, lte: window.max } };
    const select = { date: true, isWorkday: true };
    // An imported official schedule (lib/calendar/official.ts) first, the company's own days over it.
    const [official, rows] = await Promise.all([
      db.officialCalendarDay.findMany({ where, select }),
      db.calendarOverride.findMany({ where, select }),
    ]);
    return new Map([...official, ...rows].map((r) => [r.date, r.isWorkday]));
  }

  return {
    /**
     * dueAt = from + due (or the absolute dueAt, exactly); reminders at dueAt − lead (strictly after `from`, chronological,
     * no duplicate instants); escalation level i+1 at dueAt + escalationSteps[i].
     * Overrides are read in one query for the dates the computation touches (plus a margin).
     */
    async computeDeadlines(input: ComputeDeadlinesInput): Promise<Deadlines> {
      let dry: ReturnType<typeof recording>;
      try {
        for (const d of [...(input.dueAt === undefined ? [input.due] : []), ...input.leadTimes, ...input.escalationSteps]) parseDuration(d);
        // A dry run on the public calendar alone finds the dates in play.
        dry = recording(createIsWorkday(new Map()));
        const result = compute(input, zone, dry.fn);
        if (!input.businessDays || dry.range.min === undefined) return result; // no day was counted
      } catch (err) {
        invalidInput(err);
      }

      let window = widen({ min: dry.range.min, max: dry.range.max as string });
      for (;;) {
        const overrides = await loadOverrides(window);
        const run = recording(createIsWorkday(overrides));
        const result = compute(input, zone, run.fn);
        const { min, max } = run.range as { min: string; max: string };
        // Company days off can push the dates beyond the window; then read a wider one.
        if (min >= window.min && max <= window.max) return result;
        window = widen({ min: min < window.min ? min : window.min, max: max > window.max ? max : window.max });
      }
    },
  };
}
