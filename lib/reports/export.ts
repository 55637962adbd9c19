// The report figures as files (GET /api/reports/<figure>?format=csv|xlsx): each figure is one or
// more tables ("sheets") with headers in Chinese or English. CSV puts the tables one after the
// other, each under its title, separated by an empty line; .xlsx gives each its own worksheet.
// Money is yuan from integer fen (by integer arithmetic), durations are hours with one decimal.
import { fenToYuan } from '../files/money';
import { csvBuffer, csvText, newWorkbook, sheetName, xlsxBuffer } from '../files/write';
import type {
  CycleTimeFigures,
  Dashboard,
  DelayedShipmentFigures,
  EscalationFigures,
  LateApprovalFigures,
  OrderTotals,
  PrepaymentFigures,
  ReturnFigures,
  TaskFigures,
} from './figures';

export type ReportLocale = 'zh-CN' | 'en';

/** How a column is written: text, a whole number, yuan (from fen) or hours (from seconds). */
type Kind = 'text' | 'int' | 'yuan' | 'hours' | 'decimal';

export interface Sheet {
  title: string;
  columns: { header: string; kind: Kind }[];
  rows: (string | number | null)[][];
}

const PROCESS_TYPES: Record<string, [string, string]> = {
  approval: ['通用审批', 'General approval'],
  plan: ['计划审批', 'Plan approval'],
  booking: ['订货', 'Order booking'],
  shipment: ['发货跟踪', 'Shipment tracking'],
  price: ['调价', 'Price adjustment'],
  return: ['返货', 'Return'],
  clearance: ['清货', 'Clearance'],
};

const STATUSES: Record<string, [string, string]> = {
  checking: ['检查中', 'Checking'],
  pending_approval: ['待审批', 'Awaiting approval'],
  in_transit: ['在途', 'In transit'],
  defect_handling: ['残次处理', 'Defect handling'],
  accounting: ['财务处理', 'Accounting'],
  approved: ['已批准', 'Approved'],
  running: ['进行中', 'Running'],
};

const pick = (pair: [string, string] | undefined, locale: ReportLocale, fallback: string) =>
  pair ? pair[locale === 'en' ? 1 : 0] : fallback;
export const processTypeLabel = (t: string, locale: ReportLocale) => pick(PROCESS_TYPES[t], locale, t);
const statusLabel = (s: string, locale: ReportLocale) => pick(STATUSES[s], locale, s);

function col(zh: string, en: string, kind: Kind, locale: ReportLocale) {
  return { header: locale === 'en' ? en : zh, kind };
}

const hours = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 360) / 10);

export function taskSheets(f: TaskFigures, locale: ReportLocale): Sheet[] {
  const en = locale === 'en';
  const counts = [col('未办', 'Open', 'int', locale), col('已逾期', 'Overdue', 'int', locale), col('今日到期', 'Due today', 'int', locale)];
  return [
    {
      title: en ? 'Tasks by process' : '按流程的待办',
      columns: [col('流程', 'Process', 'text', locale), ...counts],
      rows: [
        ...f.byProcess.map((r) => [processTypeLabel(r.processType, locale), r.open, r.overdue, r.dueToday]),
        [en ? 'Total' : '合计', f.totals.open, f.totals.overdue, f.totals.dueToday],
      ],
    },
    {
      title: en ? 'Tasks by person' : '按人员的待办',
      columns: [
        col('处理人', 'Assignee', 'text', locale),
        col('用户名', 'Username', 'text', locale),
        col('角色（未认领）', 'Role (unclaimed)', 'text', locale),
        ...counts,
      ],
      rows: f.byPerson.map((r) => [r.name, r.username, r.role, r.open, r.overdue, r.dueToday]),
    },
  ];
}

export function escalationSheets(f: EscalationFigures, locale: ReportLocale): Sheet[] {
  const en = locale === 'en';
  return [
    {
      title: en ? `Escalations ${f.from} – ${f.to}` : `升级 ${f.from} 至 ${f.to}`,
      columns: [col('日期', 'Date', 'text', locale), col('升级次数', 'Escalations', 'int', locale)],
      rows: [...f.byDay.map((d) => [d.date, d.count]), [en ? 'Total' : '合计', f.total]],
    },
    {
      title: en ? 'Escalations by process' : '按流程的升级',
      columns: [col('流程', 'Process', 'text', locale), col('升级次数', 'Escalations', 'int', locale)],
      rows: f.byProcess.map((r) => [processTypeLabel(r.processType, locale), r.count]),
    },
  ];
}

export function cycleTimeSheets(f: CycleTimeFigures, locale: ReportLocale): Sheet[] {
  const en = locale === 'en';
  const stats = [
    col('件数', 'Count', 'int', locale),
    col('中位数（小时）', 'Median (hours)', 'hours', locale),
    col('P90（小时）', 'P90 (hours)', 'hours', locale),
  ];
  return [
    {
      title: en ? `Cycle time per process ${f.from} – ${f.to}` : `流程周期 ${f.from} 至 ${f.to}`,
      columns: [col('流程', 'Process', 'text', locale), ...stats],
      rows: f.processes.map((r) => [processTypeLabel(r.processType, locale), r.count, r.medianSeconds, r.p90Seconds]),
    },
    {
      title: en ? 'Cycle time per step' : '步骤周期',
      columns: [
        col('流程', 'Process', 'text', locale),
        col('步骤', 'Step', 'text', locale),
        col('步骤名称', 'Step title', 'text', locale),
        ...stats,
      ],
      rows: f.steps.map((r) => [
        processTypeLabel(r.processType, locale),
        r.stepKey,
        locale === 'en' ? r.titleEn : r.title,
        r.count,
        r.medianSeconds,
        r.p90Seconds,
      ]),
    },
  ];
}

export function prepaymentSheets(f: PrepaymentFigures, locale: ReportLocale): Sheet[] {
  const en = locale === 'en';
  const money = (zh: string, e: string) => col(zh, e, 'yuan', locale);
  return [
    {
      title: en ? `Prepayments ${f.season ?? ''}`.trim() : `${f.season ?? ''}预付款`,
      columns: [
        col('片区编号', 'Region id', 'text', locale),
        col('片区', 'Region', 'text', locale),
        col('订单数', 'Bookings', 'int', locale),
        money('应付预付款', 'Due'),
        money('已收', 'Received'),
        money('未收', 'Outstanding'),
        money('逾期未收', 'Overdue'),
      ],
      rows: [
        ...f.regions.map((r) => [r.regionId, r.regionName, r.bookings, r.dueFen, r.receivedFen, r.outstandingFen, r.overdueFen]),
        [en ? 'Total' : '合计', '', f.totals.bookings, f.totals.dueFen, f.totals.receivedFen, f.totals.outstandingFen, f.totals.overdueFen],
      ],
    },
  ];
}

export function delayedShipmentSheets(f: DelayedShipmentFigures, locale: ReportLocale): Sheet[] {
  const en = locale === 'en';
  return [
    {
      title: en ? 'Delayed shipments by escalation level' : '按升级级别的延误发货',
      columns: [
        col('升级级别', 'Level', 'int', locale),
        col('延误数', 'Delayed', 'int', locale),
        col('逾期未到', 'Late', 'int', locale),
        col('无动态', 'Silent', 'int', locale),
      ],
      rows: [...f.byLevel.map((r) => [r.level, r.count, r.late, r.silent]), [en ? 'Total' : '合计', f.total, null, null]],
    },
    {
      title: en ? 'Delayed shipments' : '延误发货明细',
      columns: [
        col('发货单', 'Shipment', 'text', locale),
        col('类型', 'Kind', 'text', locale),
        col('季节', 'Season', 'text', locale),
        col('升级级别', 'Level', 'int', locale),
        col('原因', 'Reason', 'text', locale),
        col('延误开始', 'Delayed since', 'text', locale),
        col('预计到货', 'Expected arrival', 'text', locale),
        col('已延误（小时）', 'Hours delayed', 'decimal', locale),
      ],
      rows: f.shipments.map((s) => [
        `SH${String(s.seq).padStart(6, '0')}`,
        s.kind,
        s.seasonCode,
        s.level,
        s.reason,
        s.delayedSince,
        s.expectedArrival,
        s.hoursDelayed,
      ]),
    },
  ];
}

export function orderTotalSheets(f: OrderTotals, locale: ReportLocale): Sheet[] {
  const en = locale === 'en';
  const q = (zh: string, e: string) => col(zh, e, 'int', locale);
  return [
    {
      title: en ? `Ordered, shipped, owed ${f.season ?? ''}`.trim() : `${f.season ?? ''}期货订发欠`,
      columns: [
        col('片区编号', 'Region id', 'text', locale),
        col('片区', 'Region', 'text', locale),
        q('订货数', 'Ordered'),
        q('已发数', 'Shipped'),
        q('欠发数', 'Owed'),
        q('已到货数', 'Received'),
      ],
      rows: [
        ...f.byRegion.map((r) => [r.regionId, r.regionName, r.orderedQty, r.shippedQty, r.owedQty, r.receivedQty]),
        [en ? 'Total' : '合计', '', f.totals.orderedQty, f.totals.shippedQty, f.totals.owedQty, f.totals.receivedQty],
      ],
    },
  ];
}

export function lateApprovalSheets(f: LateApprovalFigures, locale: ReportLocale): Sheet[] {
  const en = locale === 'en';
  return [
    {
      title: en ? `Price approvals ${f.from} – ${f.to}` : `调价审批 ${f.from} 至 ${f.to}`,
      columns: [col('已批准', 'Approved', 'int', locale), col('按时', 'On time', 'int', locale), col('逾期批准', 'Late', 'int', locale)],
      rows: [[f.approved, f.onTime, f.late]],
    },
    {
      title: en ? 'Price adjustments approved late' : '逾期批准的调价',
      columns: [
        col('调价单', 'Adjustment', 'text', locale),
        col('提议人', 'Proposed by', 'text', locale),
        col('加急', 'Urgent', 'text', locale),
        col('审批截止', 'Due', 'text', locale),
        col('批准时间', 'Approved at', 'text', locale),
        col('逾期（小时）', 'Hours late', 'decimal', locale),
      ],
      rows: f.adjustments.map((a) => [
        a.seq === null ? a.adjustmentId : `PA${String(a.seq).padStart(6, '0')}`,
        a.proposerName,
        a.urgent ? (en ? 'yes' : '是') : '',
        a.dueAt,
        a.approvedAt,
        a.hoursLate,
      ]),
    },
  ];
}

export function returnSheets(f: ReturnFigures, locale: ReportLocale): Sheet[] {
  const en = locale === 'en';
  const kind = (k: string) => processTypeLabel(k, locale);
  return [
    {
      title: en ? 'Returns and clearances pending' : '待处理的返货与清货',
      columns: [col('类型', 'Kind', 'text', locale), col('状态', 'Status', 'text', locale), col('件数', 'Requests', 'int', locale)],
      rows: [...f.byStatus.map((r) => [kind(r.kind), statusLabel(r.status, locale), r.count]), [en ? 'Total' : '合计', '', f.pending]],
    },
    {
      title: en ? 'Defective goods pending' : '待处理的残次',
      columns: [
        col('状态', 'Status', 'text', locale),
        col('申请数', 'Requests', 'int', locale),
        col('残次件数', 'Defective units', 'int', locale),
      ],
      rows: [
        ...f.defects.byStatus.map((r) => [statusLabel(r.status, locale), r.requests, r.defectiveQty]),
        [en ? 'Total' : '合计', f.defects.requests, f.defects.defectiveQty],
      ],
    },
  ];
}

export function dashboardSheets(d: Dashboard, locale: ReportLocale): Sheet[] {
  return [
    ...taskSheets(d.tasks, locale),
    ...escalationSheets(d.escalations, locale),
    ...cycleTimeSheets(d.cycleTimes, locale),
    ...prepaymentSheets(d.prepayments, locale),
    ...delayedShipmentSheets(d.delayedShipments, locale),
    ...orderTotalSheets(d.orders, locale),
    ...lateApprovalSheets(d.lateApprovals, locale),
    ...returnSheets(d.returns, locale),
  ];
}

// ---- writing ------------------------------------------------------------------------------------

function cellText(v: string | number | null, kind: Kind): string {
  if (v === null || v === undefined) return '';
  if (kind === 'yuan' && typeof v === 'number') return fenToYuan(v);
  if (kind === 'hours' && typeof v === 'number') return String(hours(v));
  if (typeof v === 'number') return String(v);
  return csvText(v);
}

function cellValue(v: string | number | null, kind: Kind): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  if (kind === 'yuan' && typeof v === 'number') return Number(fenToYuan(v));
  if (kind === 'hours' && typeof v === 'number') return hours(v);
  return v;
}

/** UTF-8 with a BOM, CRLF; each table under its title, tables separated by an empty line. */
export function sheetsCsv(sheets: readonly Sheet[]): Buffer {
  const rows: string[][] = [];
  sheets.forEach((s, i) => {
    if (i > 0) rows.push([]);
    if (sheets.length > 1) rows.push([csvText(s.title)]);
    rows.push(s.columns.map((c) => c.header));
    for (const r of s.rows) rows.push(s.columns.map((c, j) => cellText(r[j] ?? null, c.kind)));
  });
  return csvBuffer(rows);
}

const FORMATS: Record<Kind, string | undefined> = { text: '@', int: '#,##0', yuan: '#,##0.00', hours: '0.0', decimal: '0.0' };

/** One worksheet per table: a bold, frozen header row; numbers as numbers, yuan '#,##0.00'. */
export async function sheetsXlsx(sheets: readonly Sheet[]): Promise<Buffer> {
  const wb = newWorkbook();
  const used = new Set<string>();
  sheets.forEach((s, i) => {
    let name = sheetName(s.title, `Sheet${i + 1}`);
    if (used.has(name)) name = sheetName(`${name.slice(0, 27)} ${i + 1}`);
    used.add(name);
    const ws = wb.addWorksheet(name);
    ws.columns = s.columns.map((c, j) => ({
      key: `c${j}`,
      width: c.kind === 'text' ? 18 : 14,
      style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {},
    }));
    ws.addRow(s.columns.map((c) => c.header)).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of s.rows) ws.addRow(s.columns.map((c, j) => cellValue(r[j] ?? null, c.kind)));
  });
  return xlsxBuffer(wb);
}
