// Business-day due-date arithmetic in a business time zone (TZ_BUSINESS, Asia/Shanghai by
// default). Pure: no I/O, no Node built-ins, no clock; workflow code may import it. Which
// days are working days is the caller's concern (an IsWorkday), so the mainland-China
// holiday calendar and the company's overrides live in activities/calendar.ts.
//
// Conventions (businessDays: true):
// - Order of application when adding: years and months (plain calendar arithmetic, the
//   result may be a non-working day), then whole days, then the time part.
// - Whole days (D) count working days only: each day moves to the next working day at the
//   same local time of day. A week (W) is 5 working days, not 7 calendar days.
// - The time part (H, M, S) is then added as clock time, ignoring the calendar
//   (PT4H from Friday 22:00 is Saturday 02:00).
// - A start on a non-working day is not moved first: counting starts from that day, so the
//   first counted day is the next working day (P1D from Saturday 10:00 is Monday 10:00,
//   as is P1D from Friday 10:00). A zero day part never moves the instant (PT0S, PT4H
//   from Saturday stay on Saturday).
// - Subtraction is the exact mirror, in reverse order: time part, then working days
//   backwards (each to the previous working day, same local time), then months and years.
//   "P1D before Monday 10:00" is the previous working day at 10:00.
// businessDays: false is plain calendar arithmetic in the zone (luxon plus/minus), P1W = 7 days.
import { DateTime, Info, type DurationLikeObject } from 'luxon';

/** Whether a calendar date (yyyy-MM-dd, in the business zone) is a working day. */
export type IsWorkday = (isoDate: string /* yyyy-MM-dd in the business zone */) => boolean;

export interface WorkDurationOptions {
  /** IANA time zone the calendar dates and local times are taken in, e.g. Asia/Shanghai. */
  zone: string;
  /** Count whole days and weeks in working days (see the conventions above). */
  businessDays: boolean;
  isWorkday: IsWorkday;
}

export interface ParsedDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  milliseconds: number;
}

/** No working day within this many consecutive calendar days means a broken calendar. */
const MAX_NON_WORKING_RUN = 366;

const DURATION_RE = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d{1,3}))?S)?)?$/;

/**
 * Parses a non-negative ISO-8601 duration with integer components (seconds may carry up to
 * three decimals): P2D, PT4H, P1DT4H, PT0S, P1W, P1M, P1Y2M3W4DT5H6M7.5S. Throws otherwise.
 */
export function parseDuration(duration: string): ParsedDuration {
  const text = typeof duration === 'string' ? duration.trim() : '';
  const m = DURATION_RE.exec(text);
  // "P" alone, or a "T" with nothing after it, matches the pattern but is not a duration.
  if (!m || text === 'P' || text.endsWith('T') || m.slice(1).every((g) => g === undefined)) {
    throw new Error(`Invalid duration ${JSON.stringify(duration)}: expected an ISO-8601 duration such as P2D, PT4H, P1DT4H, P1W or PT0S`);
  }
  const n = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
  return {
    years: n(1),
    months: n(2),
    weeks: n(3),
    days: n(4),
    hours: n(5),
    minutes: n(6),
    seconds: n(7),
    milliseconds: m[8] === undefined ? 0 : Number(m[8].padEnd(3, '0')),
  };
}

function parseInstant(fromIso: string, zone: string): DateTime {
  if (typeof zone !== 'string' || !Info.isValidIANAZone(zone)) {
    throw new Error(`Invalid time zone ${JSON.stringify(zone)}: expected an IANA zone such as Asia/Shanghai`);
  }
  // An offset in the string fixes the instant; without one it is a local time in `zone`.
  const dt = typeof fromIso === 'string' ? DateTime.fromISO(fromIso, { zone }) : DateTime.invalid('not a string');
  if (!dt.isValid) {
    throw new Error(`Invalid instant ${JSON.stringify(fromIso)}: expected an ISO-8601 date-time`);
  }
  return dt;
}

function toIso(dt: DateTime): string {
  const iso = dt.toISO();
  if (iso === null) throw new Error(`Date out of range: ${dt.invalidExplanation ?? 'invalid'}`);
  return iso;
}

/** Moves `count` working days forward (direction 1) or backward (-1), keeping the local time. */
function stepWorkdays(start: DateTime, count: number, direction: 1 | -1, isWorkday: IsWorkday): DateTime {
  const hms = { hour: start.hour, minute: start.minute, second: start.second, millisecond: start.millisecond };
  let date = start.startOf('day');
  for (let left = count; left > 0; left--) {
    let run = 0;
    do {
      date = date.plus({ days: direction }).startOf('day');
      if (++run > MAX_NON_WORKING_RUN) {
        throw new Error(`No working day within ${MAX_NON_WORKING_RUN} days ${direction > 0 ? 'after' : 'before'} ${start.toISODate()}`);
      }
    } while (!isWorkday(date.toISODate() as string));
  }
  // Same wall-clock time on the target date (a time skipped by a DST change moves forward).
  return count === 0 ? start : date.set(hms);
}

function calendarPart(d: ParsedDuration): DurationLikeObject {
  return { years: d.years, months: d.months };
}

function timePart(d: ParsedDuration): DurationLikeObject {
  return { hours: d.hours, minutes: d.minutes, seconds: d.seconds, milliseconds: d.milliseconds };
}

/**
 * `fromIso` + `duration`, returned as an ISO instant with the zone's offset
 * (e.g. 2027-02-05T10:00:00.000+08:00). See the conventions at the top of this file.
 */
export function addWorkDuration(fromIso: string, duration: string, opts: WorkDurationOptions): string {
  const d = parseDuration(duration);
  const start = parseInstant(fromIso, opts.zone);
  if (!opts.businessDays) return toIso(start.plus(d));
  let dt = start.plus(calendarPart(d));
  dt = stepWorkdays(dt, d.weeks * 5 + d.days, 1, opts.isWorkday);
  return toIso(dt.plus(timePart(d)));
}

/** `fromIso` − `duration`: the mirror of addWorkDuration (reminder lead times). */
export function subtractWorkDuration(fromIso: string, duration: string, opts: WorkDurationOptions): string {
  const d = parseDuration(duration);
  const start = parseInstant(fromIso, opts.zone);
  if (!opts.businessDays) return toIso(start.minus(d));
  let dt = start.minus(timePart(d));
  dt = stepWorkdays(dt, d.weeks * 5 + d.days, -1, opts.isWorkday);
  return toIso(dt.minus(calendarPart(d)));
}

/** A date a person picked (YYYY-MM-DD) as a deadline or an arrival: the end of that day in the zone; null when not a date. */
export function endOfDay(isoDate: string, zone: string): string | null {
  const d = DateTime.fromISO(isoDate, { zone });
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) && d.isValid ? d.endOf('day').toUTC().toISO() : null;
}
