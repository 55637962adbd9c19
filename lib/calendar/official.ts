// The years the business calendar knows (issue 26, "the calendar runs out"): the State
// Council's holidays and 调休 days come from the chinese-days package for the years it ships
// (1.5.7: 2004-2026) and from the official schedules an admin imports (OfficialCalendarYear /
// OfficialCalendarDay). For any other year the calendar counts weekends only, so:
// - calendarCoverage() says which years the system's dates reach into without official data
//   (open tasks due there, the settings' durations from today, or the year starting within
//   `calendar.warnDaysBefore` days): /health, the dashboard and the admin's daily digest show it;
// - saveOfficialSchedule() stores a year's schedule, replacing an earlier import of that year,
//   and answers which dates it moved (the reschedule of open tasks starts from them).
// Precedence of a day: the company's CalendarOverride, then an imported official schedule,
// then the package (activities/calendar.ts reads them in that order).
import { getDayDetail } from 'chinese-days';
import { DateTime } from 'luxon';
import { addWorkDuration } from '../../domain/calendar';
import type { OfficialDay, ScheduleFormat } from '../../domain/officialCalendar';
import type { Db } from '../db/client';
import { readSettings, type SettingValues } from '../settings';

const WEEKDAY_NAMES = new Set(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);

/** Whether the chinese-days package has the official schedule of a year (every one has 元旦 on 1 January). */
export function packageKnowsYear(year: number): boolean {
  return !WEEKDAY_NAMES.has(getDayDetail(`${year}-01-01`).name);
}

/** The package's years, first to last (consecutive in the package). */
export const PACKAGE_YEARS = (() => {
  let first = 0;
  let last = 0;
  for (let y = 1990; y <= 2200; y++) {
    if (!packageKnowsYear(y)) continue;
    if (!first) first = y;
    last = y;
  }
  return { first, last };
})();

/** The package's calendar of one date: its holiday / 调休 table, else Monday to Friday. */
export function packageIsWorkday(isoDate: string): boolean {
  const detail = getDayDetail(isoDate);
  if (!WEEKDAY_NAMES.has(detail.name)) return detail.work;
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).weekday <= 5;
}

export interface ImportedYear {
  year: number;
  source: ScheduleFormat;
  fileName: string | null;
  holidays: number;
  workdays: number;
  importedAt: string;
  importedById: string | null;
}

export async function importedYears(db: Db): Promise<ImportedYear[]> {
  const rows = await db.officialCalendarYear.findMany({ orderBy: { year: 'asc' } });
  return rows.map((r) => ({ ...r, source: r.source as ScheduleFormat, importedAt: r.importedAt.toISOString() }));
}

export interface SavedSchedule {
  year: number;
  holidays: number;
  workdays: number;
  /** An earlier import of the year was replaced. */
  replaced: boolean;
  /** Dates whose working-day status changed (company overrides taken into account), ascending. */
  changedDates: string[];
}

function datesOfYear(year: number): string[] {
  const out: string[] = [];
  for (let d = DateTime.utc(year, 1, 1); d.year === year; d = d.plus({ days: 1 })) out.push(d.toISODate()!);
  return out;
}

/**
 * Stores a year's official schedule in one transaction, replacing an earlier import of the same
 * year (imports of one year are serialized by an advisory lock). Idempotent: the same schedule
 * again changes no date.
 */
export async function saveOfficialSchedule(
  db: Db,
  input: { year: number; days: OfficialDay[]; source: ScheduleFormat; fileName: string | null; byUserId: string | null },
): Promise<SavedSchedule> {
  const { year, days } = input;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('official-calendar'), ${year}::int)`;
    const [before, overrides, existing] = await Promise.all([
      tx.officialCalendarDay.findMany({ where: { year }, select: { date: true, isWorkday: true } }),
      tx.calendarOverride.findMany({ where: { date: { startsWith: `${year}-` } }, select: { date: true, isWorkday: true } }),
      tx.officialCalendarYear.findUnique({ where: { year }, select: { year: true } }),
    ]);
    const company = new Map(overrides.map((o) => [o.date, o.isWorkday]));
    const old = new Map(before.map((d) => [d.date, d.isWorkday]));
    const next = new Map(days.map((d) => [d.date, d.isWorkday]));
    const effective = (m: Map<string, boolean>, date: string) => company.get(date) ?? m.get(date) ?? packageIsWorkday(date);
    const changedDates = datesOfYear(year).filter((d) => effective(old, d) !== effective(next, d));

    const holidays = days.filter((d) => !d.isWorkday).length;
    const row = {
      source: input.source,
      fileName: input.fileName,
      holidays,
      workdays: days.length - holidays,
      importedById: input.byUserId,
    };
    if (existing) await tx.officialCalendarDay.deleteMany({ where: { year } });
    await tx.officialCalendarYear.upsert({ where: { year }, create: { year, ...row }, update: { ...row, importedAt: new Date() } });
    await tx.officialCalendarDay.createMany({ data: days.map((d) => ({ ...d, year })) });
    return { year, holidays, workdays: row.workdays, replaced: !!existing, changedDates };
  });
}

// ---- coverage ----------------------------------------------------------------------------------

export type CalendarGapReason = 'current_year' | 'warning_window' | 'open_tasks' | 'settings';

/** A year the system's dates reach into without official holidays for it. */
export interface CalendarGap {
  year: number;
  /** YYYY-01-01. */
  startsOn: string;
  /** Days from today (business zone) to its first day; 0 when it has begun. */
  daysUntil: number;
  reasons: CalendarGapReason[];
  /** Open tasks due in that year or later (their due dates counted weekends only there). */
  openTasks: number;
  /** The latest due time of those tasks. */
  latestDueAt: string | null;
}

export interface CalendarCoverage {
  /** 'warning' when some year lacks official data (never makes the system "down"). */
  status: 'ok' | 'warning';
  /** Today in the business zone. */
  today: string;
  /** The last year known without a gap from this year on; null when this year is unknown. */
  knownThrough: number | null;
  packageYears: { first: number; last: number };
  importedYears: number[];
  warnDaysBefore: number;
  /** How far the settings' durations reach from today (an estimate, weekends only). */
  settingsHorizon: string;
  gaps: CalendarGap[];
}

/** The longest wait the settings give a new step or process, from `from`: its end. */
function settingsHorizon(s: SettingValues, from: DateTime, zone: string): DateTime {
  const weekendsOnly = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).weekday <= 5;
  const add = (at: DateTime, duration: string, businessDays: boolean) =>
    DateTime.fromISO(addWorkDuration(at.toISO()!, duration, { zone, businessDays, isWorkday: weekendsOnly }), { zone });
  const longest = (ds: string[]) => ds.reduce((a, b) => (add(from, b, true) > add(from, a, true) ? b : a), 'PT0S');
  const business = s['task.dueInBusinessDays'];
  const taskDues = [s['task.defaultDue'], s['return.defectDue'], s['return.accountingDue']];
  const dueEnd = add(from, longest(taskDues), business);
  const candidates = [
    add(dueEnd, longest(s['escalation.steps']), business),
    add(from, s['booking.paymentWindow'], false),
    add(add(from, s['return.transitTime'], false), longest(s['shipment.escalationLadder']), false),
    add(add(from, s['shipment.silenceTimeout'], false), longest(s['shipment.escalationLadder']), false),
  ];
  return candidates.reduce((a, b) => (b > a ? b : a));
}

export async function calendarCoverage(db: Db, zone: string, at: Date): Promise<CalendarCoverage> {
  const [settings, imported] = await Promise.all([readSettings(db), importedYears(db)]);
  const now = DateTime.fromJSDate(at, { zone });
  const today = now.startOf('day');
  const warnDays = settings['calendar.warnDaysBefore'];
  const importedSet = new Set(imported.map((y) => y.year));
  const known = (y: number) => packageKnowsYear(y) || importedSet.has(y);
  const horizon = settingsHorizon(settings, now, zone);

  const [latest] = await db.task.findMany({ where: { status: 'open' }, orderBy: { dueAt: 'desc' }, take: 1, select: { dueAt: true } });
  const latestDue = latest ? DateTime.fromJSDate(latest.dueAt, { zone }) : null;
  const lastYear = Math.max(today.plus({ days: warnDays }).year, horizon.year, latestDue?.year ?? 0, today.year);

  const gaps: CalendarGap[] = [];
  for (let year = today.year; year <= lastYear && year <= today.year + 10; year++) {
    if (known(year)) continue;
    const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone });
    const reasons: CalendarGapReason[] = [];
    if (year === today.year) reasons.push('current_year');
    else if (today >= start.minus({ days: warnDays })) reasons.push('warning_window');
    const due = await db.task.aggregate({
      where: { status: 'open', dueAt: { gte: start.toJSDate() } },
      _count: { _all: true },
      _max: { dueAt: true },
    });
    if (due._count._all > 0) reasons.push('open_tasks');
    if (horizon >= start) reasons.push('settings');
    if (!reasons.length) continue;
    gaps.push({
      year,
      startsOn: start.toISODate()!,
      daysUntil: Math.max(0, Math.ceil(start.diff(today, 'days').days)),
      reasons,
      openTasks: due._count._all,
      latestDueAt: due._max.dueAt?.toISOString() ?? null,
    });
  }
  let knownThrough: number | null = null;
  for (let y = today.year; known(y); y++) knownThrough = y;
  return {
    status: gaps.length ? 'warning' : 'ok',
    today: today.toISODate()!,
    knownThrough,
    packageYears: PACKAGE_YEARS,
    importedYears: imported.map((y) => y.year),
    warnDaysBefore: warnDays,
    settingsHorizon: horizon.toISO()!,
    gaps,
  };
}
