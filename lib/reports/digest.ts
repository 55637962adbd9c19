// What the daily digest and the weekly summary say, per recipient. SQL fetches the overdue tasks
// and the people; the team of a manager is everyone below them through User.superiorId (all
// levels). Pure assembly is separate (dailyDigests) so that it can be reasoned about alone.
import type { MailDigestTask, MailParams, MailSummaryRow } from '../../domain/mail';
import { calendarCoverage, type CalendarGap } from '../calendar/official';
import type { Db } from '../db/client';
import {
  cycleTimeFigures,
  delayedShipmentFigures,
  escalationFigures,
  lateApprovalFigures,
  processFlow,
  returnFigures,
  taskFigures,
} from './figures';
import { addDays, reportWindow } from './window';

/** Who gets a daily digest (when there is something in it): managers and supervisors. */
export const DIGEST_ROLES = ['manager', 'supervisor'] as const;
/** Who gets the weekly summary: the department manager(s). */
export const SUMMARY_ROLES = ['manager'] as const;
/** At most this many tasks are listed in one digest (the mail says how many in all). */
export const MAX_DIGEST_TASKS = 100;

export const INBOX_OVERDUE_LINK = `/#/tasks?filter=${encodeURIComponent(JSON.stringify({ overdue: true }))}`;
export const DASHBOARD_LINK = '/#/dashboard';
export const CALENDAR_LINK = '/#/calendar-overrides';

export interface DigestPerson {
  id: string;
  name: string;
  roles: string[];
  regionId: string | null;
  superiorId: string | null;
  active: boolean;
}

export interface OverdueTask {
  id: string;
  title: string;
  processTitle: string;
  processType: string;
  dueAt: Date;
  assigneeId: string | null;
  assigneeName: string | null;
  candidateRole: string | null;
  candidateRegionId: string | null;
}

export interface Digest {
  userId: string;
  /** The mail's idempotency key: one per recipient and business date. */
  key: string;
  params: MailParams;
}

/**
 * Recipients hold a digest role and are active; the system administrator (role admin, who holds
 * every role for set-up) gets none.
 */
function isRecipient(p: DigestPerson, roles: readonly string[]): boolean {
  return p.active && !p.roles.includes('admin') && p.roles.some((r) => roles.includes(r));
}

/** Everyone below `rootId` through superiorId, at any depth (a cycle in the data stops the walk). */
export function teamOf(rootId: string, people: readonly DigestPerson[]): Set<string> {
  const below = new Map<string, string[]>();
  for (const p of people) if (p.superiorId) below.set(p.superiorId, [...(below.get(p.superiorId) ?? []), p.id]);
  const team = new Set<string>();
  const queue = [...(below.get(rootId) ?? [])];
  while (queue.length) {
    const id = queue.shift()!;
    if (id === rootId || team.has(id)) continue;
    team.add(id);
    queue.push(...(below.get(id) ?? []));
  }
  return team;
}

/** A role task nobody claimed is the person's when they hold its role (in its region, if it names one). */
function claimableBy(t: OverdueTask, p: DigestPerson): boolean {
  return (
    t.assigneeId === null &&
    t.candidateRole !== null &&
    p.roles.includes(t.candidateRole) &&
    (t.candidateRegionId === null || t.candidateRegionId === p.regionId)
  );
}

const DAY_MS = 24 * 3600_000;

/** The digests of one moment: one per manager or supervisor with overdue work of their own or their team's. */
export function dailyDigests(people: readonly DigestPerson[], overdue: readonly OverdueTask[], at: Date, date: string): Digest[] {
  const out: Digest[] = [];
  for (const p of people) {
    if (!isRecipient(p, DIGEST_ROLES)) continue;
    const team = teamOf(p.id, people);
    const teamPeople = people.filter((x) => team.has(x.id));
    const mine = overdue.filter((t) => t.assigneeId === p.id || claimableBy(t, p));
    const theirs = overdue.filter(
      (t) => !mine.includes(t) && ((t.assigneeId !== null && team.has(t.assigneeId)) || teamPeople.some((x) => claimableBy(t, x))),
    );
    if (!mine.length && !theirs.length) continue;
    const row = (t: OverdueTask, own: boolean): MailDigestTask => ({
      processTitle: t.processTitle,
      taskTitle: t.title,
      assigneeName: t.assigneeName ?? undefined,
      role: t.assigneeId === null ? (t.candidateRole ?? undefined) : undefined,
      dueAt: t.dueAt.toISOString(),
      overdueDays: Math.max(0, Math.floor((at.getTime() - t.dueAt.getTime()) / DAY_MS)),
      mine: own,
      link: `/#/tasks/${t.id}/show`,
    });
    const byDue = (a: OverdueTask, b: OverdueTask) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id);
    const rows = [...[...mine].sort(byDue).map((t) => row(t, true)), ...[...theirs].sort(byDue).map((t) => row(t, false))];
    out.push({
      userId: p.id,
      key: `digest:daily:${p.id}:${date}`,
      params: {
        reportDate: date,
        ownOverdue: mine.length,
        teamOverdue: theirs.length,
        digestTasks: rows.slice(0, MAX_DIGEST_TASKS),
        link: INBOX_OVERDUE_LINK,
      },
    });
  }
  return out;
}

export async function loadPeople(db: Db): Promise<DigestPerson[]> {
  const rows = await db.user.findMany({
    select: { id: true, name: true, roles: true, regionId: true, superiorId: true, active: true },
    orderBy: { username: 'asc' },
  });
  return rows.map((r) => ({ ...r, roles: r.roles.map(String) }));
}

export async function loadOverdueTasks(db: Db, at: Date): Promise<OverdueTask[]> {
  return db.$queryRaw<OverdueTask[]>`
    SELECT t.id::text, t.title, p.title AS "processTitle", t."processType", t."dueAt", t."assigneeId"::text AS "assigneeId",
      u.name AS "assigneeName", t."candidateRole"::text AS "candidateRole", t."candidateRegionId"
    FROM "Task" t
    JOIN "ProcessInstance" p ON p."workflowId" = t."workflowId"
    LEFT JOIN "User" u ON u.id = t."assigneeId"
    WHERE t.status = 'open' AND t."dueAt" < ${at.toISOString()}::timestamptz
    ORDER BY t."dueAt", t.id`;
}

/**
 * The admins' digests: the business calendar's warning (years the system's dates reach into
 * without official holidays, lib/calendar/official.ts), one mail per active admin and day, only
 * while there is a gap. The calendar is the admin's (they import the schedule).
 */
export function calendarDigests(people: readonly DigestPerson[], gaps: readonly CalendarGap[], date: string): Digest[] {
  if (!gaps.length) return [];
  return people
    .filter((p) => p.active && p.roles.includes('admin'))
    .map((p) => ({
      userId: p.id,
      key: `digest:daily:${p.id}:${date}`,
      params: {
        reportDate: date,
        calendarGaps: gaps.map((g) => ({ year: g.year, daysUntil: g.daysUntil, openTasks: g.openTasks })),
        link: CALENDAR_LINK,
      },
    }));
}

/** The daily digests at `at`: what each manager and supervisor is sent today, and the admins' calendar warning. */
export async function buildDailyDigests(db: Db, tz: string, at: Date): Promise<{ date: string; digests: Digest[] }> {
  const date = reportWindow({ tz, at }).today;
  const [people, overdue, coverage] = await Promise.all([loadPeople(db), loadOverdueTasks(db, at), calendarCoverage(db, tz, at)]);
  return { date, digests: [...dailyDigests(people, overdue, at, date), ...calendarDigests(people, coverage.gaps, date)] };
}

/**
 * The weekly summaries at `at`: the 7 business days before today (on a Monday, last Monday to
 * Sunday), the same for every department manager.
 */
export async function buildWeeklySummaries(
  db: Db,
  tz: string,
  at: Date,
): Promise<{ date: string; from: string; to: string; summaries: Digest[] }> {
  const today = reportWindow({ tz, at }).today;
  const from = addDays(today, -7);
  const to = addDays(today, -1);
  const w = reportWindow({ tz, at, from, to });
  const [people, tasks, escalations, cycles, flow, late, delayed, returns] = await Promise.all([
    loadPeople(db),
    taskFigures(db, w),
    escalationFigures(db, tz, w.from, w.to, w.fromAt, w.toAt),
    cycleTimeFigures(db, w),
    processFlow(db, w.fromAt, w.toAt),
    lateApprovalFigures(db, w),
    delayedShipmentFigures(db, w),
    returnFigures(db),
  ]);
  const types = [...new Set([...flow.map((f) => f.processType), ...tasks.byProcess.map((t) => t.processType)])].sort();
  const rows: MailSummaryRow[] = types.map((processType) => {
    const f = flow.find((x) => x.processType === processType);
    const t = tasks.byProcess.find((x) => x.processType === processType);
    const c = cycles.processes.find((x) => x.processType === processType);
    return {
      processType,
      started: f?.started ?? 0,
      ended: f?.ended ?? 0,
      medianCycleSeconds: c?.medianSeconds ?? undefined,
      openTasks: t?.open ?? 0,
      overdueTasks: t?.overdue ?? 0,
    };
  });
  const params: MailParams = {
    reportDate: today,
    periodFrom: from,
    periodTo: to,
    summaryRows: rows,
    openTasks: tasks.totals.open,
    overdueTasks: tasks.totals.overdue,
    escalations: escalations.total,
    delayedShipments: delayed.total,
    lateApprovals: late.late,
    pendingReturns: returns.pending,
    defectiveQty: returns.defects.defectiveQty,
    link: DASHBOARD_LINK,
  };
  const summaries = people
    .filter((p) => isRecipient(p, SUMMARY_ROLES))
    .map((p) => ({ userId: p.id, key: `digest:weekly:${p.id}:${today}`, params }));
  return { date: today, from, to, summaries };
}
