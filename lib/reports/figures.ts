// The department's figures, each one SQL query (or two) over the business tables — never a scan
// of workflow histories. Instants go to PostgreSQL as ISO strings cast to timestamptz, and days
// are cut in TZ_BUSINESS (see window.ts; grouping by day uses AT TIME ZONE), so the figures do
// not depend on the database session's time zone.
import type { Db } from '../db/client';
import { addDays, type ReportWindow } from './window';

const ts = (d: Date) => d.toISOString();
const num = (v: bigint | number | string | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));
const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

// ---- open and overdue tasks --------------------------------------------------------------------

export interface TaskCounts {
  open: number;
  /** Open and due before the report's "now". */
  overdue: number;
  /** Open, not yet overdue and due before the end of today (business day). */
  dueToday: number;
}

export interface TaskFigures {
  totals: TaskCounts;
  byProcess: (TaskCounts & { processType: string })[];
  /** Per assignee; a role task nobody claimed counts under its role (userId null). */
  byPerson: (TaskCounts & { userId: string | null; name: string | null; username: string | null; role: string | null })[];
}

export async function taskFigures(db: Db, w: ReportWindow): Promise<TaskFigures> {
  const at = ts(w.at);
  const dayEnd = ts(w.dayEnd);
  const counts = (alias: string) => `count(*)::int AS open,
      count(*) FILTER (WHERE ${alias}."dueAt" < $1::timestamptz)::int AS overdue,
      count(*) FILTER (WHERE ${alias}."dueAt" >= $1::timestamptz AND ${alias}."dueAt" < $2::timestamptz)::int AS "dueToday"`;
  const [byProcess, byPerson] = await Promise.all([
    db.$queryRawUnsafe<(TaskCounts & { processType: string })[]>(
      `SELECT t."processType", ${counts('t')} FROM "Task" t WHERE t.status = 'open' GROUP BY t."processType" ORDER BY overdue DESC, open DESC, t."processType"`,
      at,
      dayEnd,
    ),
    db.$queryRawUnsafe<TaskFigures['byPerson']>(
      `SELECT t."assigneeId" AS "userId", u.name, u.username,
          CASE WHEN t."assigneeId" IS NULL THEN t."candidateRole"::text END AS role, ${counts('t')}
        FROM "Task" t LEFT JOIN "User" u ON u.id = t."assigneeId"
        WHERE t.status = 'open'
        GROUP BY t."assigneeId", u.name, u.username, role
        ORDER BY overdue DESC, open DESC, u.name NULLS LAST, role`,
      at,
      dayEnd,
    ),
  ]);
  const totals = byProcess.reduce<TaskCounts>(
    (s, r) => ({ open: s.open + r.open, overdue: s.overdue + r.overdue, dueToday: s.dueToday + r.dueToday }),
    { open: 0, overdue: 0, dueToday: 0 },
  );
  return { totals, byProcess, byPerson };
}

// ---- escalations -----------------------------------------------------------------------------

export interface EscalationFigures {
  from: string;
  to: string;
  total: number;
  /** Every day of the range, also those without escalations. */
  byDay: { date: string; count: number }[];
  byProcess: { processType: string; count: number }[];
}

/** Escalations (audit events 'escalated': overdue tasks, delayed shipments) in [from, to] (business days). */
export async function escalationFigures(
  db: Db,
  tz: string,
  from: string,
  to: string,
  fromAt: Date,
  toAt: Date,
): Promise<EscalationFigures> {
  const rows = await db.$queryRaw<{ day: string; processType: string; count: number }[]>`
    SELECT to_char(e.at AT TIME ZONE ${tz}, 'YYYY-MM-DD') AS day, e."processType", count(*)::int AS count
    FROM "AuditEvent" e
    WHERE e.type = 'escalated' AND e.at >= ${ts(fromAt)}::timestamptz AND e.at < ${ts(toAt)}::timestamptz
    GROUP BY 1, 2`;
  const byDay: EscalationFigures['byDay'] = [];
  for (let d = from; d <= to; d = addDays(d, 1))
    byDay.push({ date: d, count: rows.filter((r) => r.day === d).reduce((n, r) => n + r.count, 0) });
  const perType = new Map<string, number>();
  for (const r of rows) perType.set(r.processType, (perType.get(r.processType) ?? 0) + r.count);
  const byProcess = [...perType]
    .map(([processType, count]) => ({ processType, count }))
    .sort((a, b) => b.count - a.count || a.processType.localeCompare(b.processType));
  return { from, to, total: rows.reduce((n, r) => n + r.count, 0), byDay, byProcess };
}

/** This week's escalations, Monday to Sunday of the report's "now". */
export function escalationsThisWeek(db: Db, w: ReportWindow): Promise<EscalationFigures> {
  return escalationFigures(db, w.tz, w.weekStart, w.weekEnd, w.weekStartAt, w.weekEndAt);
}

// ---- cycle times -----------------------------------------------------------------------------

export interface CycleTime {
  count: number;
  /** Seconds; null without a finished run. */
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface CycleTimeFigures {
  from: string;
  to: string;
  /** Start to end of runs that ended in the period (not withdrawn or failed). */
  processes: (CycleTime & { processType: string })[];
  /**
   * Created to decided of tasks decided in the period; a step key's ":store" suffix is folded.
   * The step's title in Chinese and English (the task's own title less its process, if none).
   */
  steps: (CycleTime & { processType: string; stepKey: string; title: string; titleEn: string })[];
}

export async function cycleTimeFigures(db: Db, w: ReportWindow): Promise<CycleTimeFigures> {
  const fromAt = ts(w.fromAt);
  const toAt = ts(w.toAt);
  const [processes, steps] = await Promise.all([
    db.$queryRaw<(CycleTime & { processType: string })[]>`
      SELECT p."processType", count(*)::int AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p."endedAt" - p."startedAt")::float8) AS "medianSeconds",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM p."endedAt" - p."startedAt")::float8) AS "p90Seconds"
      FROM "ProcessInstance" p
      WHERE p."endedAt" >= ${fromAt}::timestamptz AND p."endedAt" < ${toAt}::timestamptz
        AND p.status NOT IN ('running', 'withdrawn', 'failed')
      GROUP BY p."processType"
      ORDER BY p."processType"`,
    db.$queryRaw<(CycleTime & { processType: string; stepKey: string; title: string; titleEn: string })[]>`
      SELECT t."processType", split_part(t."stepKey", ':', 1) AS "stepKey",
        COALESCE(min(t.data->'stepTitle'->>'zh-CN'), min(split_part(t.title, ' · ', 1))) AS title,
        COALESCE(min(t.data->'stepTitle'->>'en'), min(split_part(t.title, ' · ', 1))) AS "titleEn",
        count(*)::int AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t."decidedAt" - t."createdAt")::float8) AS "medianSeconds",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t."decidedAt" - t."createdAt")::float8) AS "p90Seconds"
      FROM "Task" t
      WHERE t.status = 'done' AND t."decidedAt" >= ${fromAt}::timestamptz AND t."decidedAt" < ${toAt}::timestamptz
      GROUP BY t."processType", 2
      ORDER BY t."processType", 2`,
  ]);
  const fix = <T extends CycleTime>(r: T): T => ({ ...r, medianSeconds: round1(r.medianSeconds), p90Seconds: round1(r.p90Seconds) });
  return { from: w.from, to: w.to, processes: processes.map(fix), steps: steps.map(fix) };
}

// ---- prepayments ------------------------------------------------------------------------------

export interface PrepaymentRow {
  regionId: string;
  regionName: string;
  bookings: number;
  dueFen: number;
  receivedFen: number;
  outstandingFen: number;
  /** Outstanding on bookings whose payment deadline has passed. */
  overdueFen: number;
}

export interface PrepaymentFigures {
  season: string | null;
  regions: PrepaymentRow[];
  totals: Omit<PrepaymentRow, 'regionId' | 'regionName'>;
}

/**
 * Prepayment due vs received per region over the season's bookings (not cancelled or rejected);
 * overdue past the deadline, never while the quota review holds back the order statement (the
 * payment window starts when it is sent).
 */
export async function prepaymentFigures(db: Db, season: string | null, w: ReportWindow): Promise<PrepaymentFigures> {
  const rows = await db.$queryRaw<
    {
      regionId: string;
      regionName: string;
      bookings: number;
      dueFen: bigint;
      receivedFen: bigint;
      outstandingFen: bigint;
      overdueFen: bigint;
    }[]
  >`
    SELECT r.id AS "regionId", r.name AS "regionName", count(b.id)::int AS bookings,
      COALESCE(sum(b."prepaymentDueFen"), 0)::bigint AS "dueFen",
      COALESCE(sum(b."paidFen"), 0)::bigint AS "receivedFen",
      COALESCE(sum(GREATEST(b."prepaymentDueFen" - b."paidFen", 0)), 0)::bigint AS "outstandingFen",
      COALESCE(sum(GREATEST(b."prepaymentDueFen" - b."paidFen", 0)) FILTER (WHERE b."paymentDeadline" < ${ts(w.at)}::timestamptz AND b.status <> 'awaiting_approval'), 0)::bigint AS "overdueFen"
    FROM "Region" r
    LEFT JOIN "Franchisee" f ON f."regionId" = r.id
    LEFT JOIN "Booking" b ON b."franchiseeId" = f.id AND b."seasonCode" = ${season} AND b.status NOT IN ('cancelled', 'rejected')
    GROUP BY r.id, r.name
    ORDER BY r.id`;
  const regions = rows.map((r) => ({
    ...r,
    dueFen: num(r.dueFen),
    receivedFen: num(r.receivedFen),
    outstandingFen: num(r.outstandingFen),
    overdueFen: num(r.overdueFen),
  }));
  const totals = regions.reduce(
    (s, r) => ({
      bookings: s.bookings + r.bookings,
      dueFen: s.dueFen + r.dueFen,
      receivedFen: s.receivedFen + r.receivedFen,
      outstandingFen: s.outstandingFen + r.outstandingFen,
      overdueFen: s.overdueFen + r.overdueFen,
    }),
    { bookings: 0, dueFen: 0, receivedFen: 0, outstandingFen: 0, overdueFen: 0 },
  );
  return { season, regions, totals };
}

// ---- delayed shipments -------------------------------------------------------------------------

export interface DelayedShipmentFigures {
  total: number;
  /** Level 0 (delayed, not yet escalated) to the top rung reached; every level up to 3 is listed. */
  byLevel: { level: number; count: number; late: number; silent: number }[];
  /** The delayed shipments, longest delayed first (at most 100). */
  shipments: {
    id: string;
    seq: number;
    kind: string;
    seasonCode: string | null;
    level: number;
    reason: string | null;
    delayedSince: string | null;
    expectedArrival: string;
    hoursDelayed: number | null;
  }[];
}

export async function delayedShipmentFigures(db: Db, w: ReportWindow): Promise<DelayedShipmentFigures> {
  const [levels, rows] = await Promise.all([
    db.$queryRaw<{ level: number; count: number; late: number; silent: number }[]>`
      SELECT s."escalationLevel" AS level, count(*)::int AS count,
        count(*) FILTER (WHERE s."delayReason" = 'late')::int AS late,
        count(*) FILTER (WHERE s."delayReason" = 'silent')::int AS silent
      FROM "Shipment" s WHERE s.delayed GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<
      {
        id: string;
        seq: number;
        kind: string;
        seasonCode: string | null;
        level: number;
        reason: string | null;
        delayedSince: Date | null;
        expectedArrival: Date;
      }[]
    >`
      SELECT s.id::text, s.seq, s.kind, s."seasonCode", s."escalationLevel" AS level, s."delayReason" AS reason, s."delayedSince", s."expectedArrival"
      FROM "Shipment" s WHERE s.delayed
      ORDER BY s."delayedSince" ASC NULLS LAST, s.seq
      LIMIT 100`,
  ]);
  const top = Math.max(3, ...levels.map((l) => l.level));
  const byLevel = Array.from(
    { length: top + 1 },
    (_, level) => levels.find((l) => l.level === level) ?? { level, count: 0, late: 0, silent: 0 },
  );
  return {
    total: levels.reduce((n, l) => n + l.count, 0),
    byLevel,
    shipments: rows.map((r) => ({
      ...r,
      delayedSince: r.delayedSince ? r.delayedSince.toISOString() : null,
      expectedArrival: r.expectedArrival.toISOString(),
      hoursDelayed: r.delayedSince ? round1((w.at.getTime() - r.delayedSince.getTime()) / 3_600_000) : null,
    })),
  };
}

// ---- ordered / shipped / owed ------------------------------------------------------------------

export interface OrderQuantities {
  orderedQty: number;
  shippedQty: number;
  /** Ordered − shipped per franchisee and SKU, never below 0 (as the order-balance report). */
  owedQty: number;
  receivedQty: number;
}

export interface OrderTotals {
  season: string | null;
  totals: OrderQuantities;
  byRegion: (OrderQuantities & { regionId: string; regionName: string })[];
}

/** 期货订、发、欠 of the season in total and per region; owed as in /api/reports/order-balance. */
export async function orderTotals(db: Db, season: string | null): Promise<OrderTotals> {
  const rows = await db.$queryRaw<
    { regionId: string; regionName: string; orderedQty: bigint; shippedQty: bigint; owedQty: bigint; receivedQty: bigint }[]
  >`
    WITH g AS (
      SELECT o."franchiseeId", o.sku, sum(o.qty) AS ordered, sum(o."shippedQty") AS shipped, sum(o."receivedQty") AS received
      FROM "OrderLine" o WHERE o."seasonCode" = ${season}
      GROUP BY o."franchiseeId", o.sku
    )
    SELECT r.id AS "regionId", r.name AS "regionName",
      COALESCE(sum(g.ordered), 0)::bigint AS "orderedQty", COALESCE(sum(g.shipped), 0)::bigint AS "shippedQty",
      COALESCE(sum(GREATEST(g.ordered - g.shipped, 0)), 0)::bigint AS "owedQty", COALESCE(sum(g.received), 0)::bigint AS "receivedQty"
    FROM "Region" r
    LEFT JOIN "Franchisee" f ON f."regionId" = r.id
    LEFT JOIN g ON g."franchiseeId" = f.id
    GROUP BY r.id, r.name
    ORDER BY r.id`;
  const byRegion = rows.map((r) => ({
    regionId: r.regionId,
    regionName: r.regionName,
    orderedQty: num(r.orderedQty),
    shippedQty: num(r.shippedQty),
    owedQty: num(r.owedQty),
    receivedQty: num(r.receivedQty),
  }));
  const totals = byRegion.reduce<OrderQuantities>(
    (s, r) => ({
      orderedQty: s.orderedQty + r.orderedQty,
      shippedQty: s.shippedQty + r.shippedQty,
      owedQty: s.owedQty + r.owedQty,
      receivedQty: s.receivedQty + r.receivedQty,
    }),
    { orderedQty: 0, shippedQty: 0, owedQty: 0, receivedQty: 0 },
  );
  return { season, totals, byRegion };
}

// ---- price adjustments approved late -----------------------------------------------------------

export interface LateApprovalFigures {
  from: string;
  to: string;
  /** Price adjustments approved in the period (the approval step's approve decisions). */
  approved: number;
  /** Of them approved after the approval deadline (audit event approved_late). */
  late: number;
  onTime: number;
  adjustments: {
    adjustmentId: string;
    seq: number | null;
    approvedAt: string;
    dueAt: string | null;
    hoursLate: number | null;
    proposerName: string | null;
    urgent: boolean;
  }[];
}

export async function lateApprovalFigures(db: Db, w: ReportWindow): Promise<LateApprovalFigures> {
  const fromAt = ts(w.fromAt);
  const toAt = ts(w.toAt);
  const [approved, late] = await Promise.all([
    db.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT e."processId")::int AS n FROM "AuditEvent" e
      WHERE e."processType" = 'price' AND e.type = 'decided' AND e.detail->>'decision' = 'approve'
        AND e.detail->>'stepKey' IN ('superior', 'manager')
        AND e.at >= ${fromAt}::timestamptz AND e.at < ${toAt}::timestamptz`,
    db.$queryRaw<
      {
        adjustmentId: string;
        seq: number | null;
        approvedAt: Date;
        dueAt: string | null;
        lateByMs: string | null;
        proposerName: string | null;
        urgent: boolean | null;
      }[]
    >`
      SELECT e."processId" AS "adjustmentId", pa.seq, e.at AS "approvedAt", e.detail->>'dueAt' AS "dueAt", e.detail->>'lateByMs' AS "lateByMs",
        u.name AS "proposerName", pa.urgent
      FROM "AuditEvent" e
      LEFT JOIN "PriceAdjustment" pa ON pa.id::text = e."processId"
      LEFT JOIN "User" u ON u.id = pa."createdById"
      WHERE e.type = 'approved_late' AND e.at >= ${fromAt}::timestamptz AND e.at < ${toAt}::timestamptz
      ORDER BY e.at DESC
      LIMIT 200`,
  ]);
  const adjustments = late.map((r) => ({
    adjustmentId: r.adjustmentId,
    seq: r.seq,
    approvedAt: r.approvedAt.toISOString(),
    dueAt: r.dueAt,
    hoursLate: r.lateByMs !== null && Number.isFinite(Number(r.lateByMs)) ? round1(Number(r.lateByMs) / 3_600_000) : null,
    proposerName: r.proposerName,
    urgent: r.urgent ?? false,
  }));
  const n = approved[0]?.n ?? 0;
  return {
    from: w.from,
    to: w.to,
    approved: Math.max(n, adjustments.length),
    late: adjustments.length,
    onTime: Math.max(n - adjustments.length, 0),
    adjustments,
  };
}

// ---- returns and defects pending ---------------------------------------------------------------

/** Statuses in which a return or clearance still waits for someone or something. */
export const PENDING_RETURN_STATUSES = [
  'checking',
  'pending_approval',
  'in_transit',
  'defect_handling',
  'accounting',
  'approved',
  'running',
] as const;

export interface ReturnFigures {
  pending: number;
  byStatus: { kind: string; status: string; count: number }[];
  /** Returns whose defective units (残次) wait for after-sales or finance. */
  defects: { requests: number; defectiveQty: number; byStatus: { status: string; requests: number; defectiveQty: number }[] };
}

export async function returnFigures(db: Db): Promise<ReturnFigures> {
  const [byStatus, defects] = await Promise.all([
    db.$queryRaw<{ kind: string; status: string; count: number }[]>`
      SELECT r.kind, r.status, count(*)::int AS count FROM "ReturnRequest" r
      WHERE r.status = ANY(${[...PENDING_RETURN_STATUSES]}::text[])
      GROUP BY r.kind, r.status ORDER BY r.kind, r.status`,
    db.$queryRaw<{ status: string; requests: number; defectiveQty: bigint }[]>`
      SELECT r.status, count(DISTINCT r.id)::int AS requests, COALESCE(sum(l."defectiveQty"), 0)::bigint AS "defectiveQty"
      FROM "ReturnRequest" r JOIN "ReturnLine" l ON l."requestId" = r.id
      WHERE r.kind = 'return' AND r.status IN ('defect_handling', 'accounting')
      GROUP BY r.status ORDER BY r.status`,
  ]);
  const d = defects.map((r) => ({ status: r.status, requests: r.requests, defectiveQty: num(r.defectiveQty) }));
  return {
    pending: byStatus.reduce((n, r) => n + r.count, 0),
    byStatus,
    defects: { requests: d.reduce((n, r) => n + r.requests, 0), defectiveQty: d.reduce((n, r) => n + r.defectiveQty, 0), byStatus: d },
  };
}

// ---- processes started and ended ---------------------------------------------------------------

export interface ProcessFlow {
  processType: string;
  started: number;
  ended: number;
  running: number;
}

/** Runs started and ended in the period, and running now, per process type. */
export async function processFlow(db: Db, fromAt: Date, toAt: Date): Promise<ProcessFlow[]> {
  return db.$queryRaw<ProcessFlow[]>`
    SELECT p."processType",
      count(*) FILTER (WHERE p."startedAt" >= ${ts(fromAt)}::timestamptz AND p."startedAt" < ${ts(toAt)}::timestamptz)::int AS started,
      count(*) FILTER (WHERE p."endedAt" >= ${ts(fromAt)}::timestamptz AND p."endedAt" < ${ts(toAt)}::timestamptz)::int AS ended,
      count(*) FILTER (WHERE p.status = 'running')::int AS running
    FROM "ProcessInstance" p
    WHERE p."processType" <> 'system_check'
    GROUP BY p."processType"
    ORDER BY p."processType"`;
}

// ---- the season ---------------------------------------------------------------------------------

/** The season asked for, else the one running today, else the latest to start. Null: no seasons. */
export async function resolveSeason(db: Db, asked: string | undefined, today: string): Promise<string | null> {
  if (asked) return asked;
  const rows = await db.$queryRaw<{ code: string }[]>`
    SELECT code FROM "Season"
    ORDER BY ("startsOn" <= ${today}::date AND "endsOn" >= ${today}::date) DESC, "startsOn" DESC, code
    LIMIT 1`;
  return rows[0]?.code ?? null;
}

// ---- all of them ----------------------------------------------------------------------------------

export interface Dashboard {
  at: string;
  tz: string;
  today: string;
  season: string | null;
  period: { from: string; to: string };
  week: { from: string; to: string };
  tasks: TaskFigures;
  escalations: EscalationFigures;
  cycleTimes: CycleTimeFigures;
  prepayments: PrepaymentFigures;
  delayedShipments: DelayedShipmentFigures;
  orders: OrderTotals;
  lateApprovals: LateApprovalFigures;
  returns: ReturnFigures;
}

export async function dashboard(db: Db, w: ReportWindow, season: string | null): Promise<Dashboard> {
  const [tasks, escalations, cycleTimes, prepayments, delayedShipments, orders, lateApprovals, returns] = await Promise.all([
    taskFigures(db, w),
    escalationsThisWeek(db, w),
    cycleTimeFigures(db, w),
    prepaymentFigures(db, season, w),
    delayedShipmentFigures(db, w),
    orderTotals(db, season),
    lateApprovalFigures(db, w),
    returnFigures(db),
  ]);
  return {
    at: w.at.toISOString(),
    tz: w.tz,
    today: w.today,
    season,
    period: { from: w.from, to: w.to },
    week: { from: w.weekStart, to: w.weekEnd },
    tasks,
    escalations,
    cycleTimes,
    prepayments,
    delayedShipments,
    orders,
    lateApprovals,
    returns,
  };
}
