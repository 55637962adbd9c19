// The report mails: the daily digest of overdue tasks and the department's weekly summary.
// Parameters: domain/mail.ts (DailyDigestParams, WeeklySummaryParams).
import type { MailDigestTask, MailLocale, MailSummaryRow } from '../../../domain/mail';
import { calendarGaps, calendarSentences, calendarSubject } from './calendar';
import type { FieldsOf, MailBuilders, RenderOptions } from './content';
import { formatDate, formatDueAt } from './dates';
import { absoluteLink } from './links';
import { formatCount } from './numbers';
import { count, str } from './read';
import type { MailTable } from './table';
import { WORDS, zh } from './words';

type ReportMail = 'daily_digest' | 'weekly_summary';

const W = {
  'zh-CN': {
    ...WORDS['zh-CN'],
    reportDate: '日期',
    period: '统计周期',
    ownOverdue: '我的逾期待办',
    teamOverdue: '团队逾期待办',
    digestHeaders: ['待办', '流程', '处理人', '截止时间', '已逾期'],
    summaryHeaders: ['流程', '发起', '结束', '周期中位数', '未办待办', '逾期待办'],
    openTasks: '未办待办（当前）',
    overdueTasks: '逾期待办（当前）',
    escalations: '本期升级次数',
    delayedShipments: '延误发货（当前）',
    lateApprovals: '本期逾期批准的调价',
    pendingReturns: '待处理返货/清货',
    defectiveQty: '待处理残次件数',
    openInbox: '查看逾期待办',
    openDashboard: '查看报表',
    me: '我',
    unclaimed: (role: string) => `${role}（待认领）`,
    days: (n: number) => (n < 1 ? '不足 1 天' : `${n} 天`),
    cycle: (seconds: number) => (seconds < 48 * 3600 ? `${(seconds / 3600).toFixed(1)} 小时` : `${(seconds / 86400).toFixed(1)} 天`),
    range: (a: string, b: string) => `${a} 至 ${b}`,
    processTypes: {
      approval: '通用审批',
      plan: '计划审批',
      booking: '订货',
      shipment: '发货跟踪',
      price: '调价',
      return: '返货',
      clearance: '清货',
    } as Record<string, string>,
    roles: {
      admin: '管理员',
      general_manager: '总经理',
      manager: '商品经理',
      supervisor: '商品主管',
      specialist: '商品专员',
      follower: '跟单员',
      buyer: '买手',
      store_lead: '直营商品组长',
      after_sales: '售后专员',
      finance: '财务',
      store_manager: '店长',
      franchisee: '加盟商',
      area_manager: '片管',
    } as Record<string, string>,
  },
  en: {
    ...WORDS.en,
    reportDate: 'Date',
    period: 'Period',
    ownOverdue: 'Your overdue tasks',
    teamOverdue: 'Your team’s overdue tasks',
    digestHeaders: ['Task', 'Process', 'Assignee', 'Due', 'Overdue by'],
    summaryHeaders: ['Process', 'Started', 'Ended', 'Median cycle', 'Open tasks', 'Overdue tasks'],
    openTasks: 'Open tasks (now)',
    overdueTasks: 'Overdue tasks (now)',
    escalations: 'Escalations in the period',
    delayedShipments: 'Delayed shipments (now)',
    lateApprovals: 'Price adjustments approved late',
    pendingReturns: 'Returns and clearances pending',
    defectiveQty: 'Defective units pending',
    openInbox: 'Open the overdue tasks',
    openDashboard: 'Open the dashboard',
    me: 'me',
    unclaimed: (role: string) => `${role} (unclaimed)`,
    days: (n: number) => (n < 1 ? 'less than a day' : `${n} ${n === 1 ? 'day' : 'days'}`),
    cycle: (seconds: number) => (seconds < 48 * 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${(seconds / 86400).toFixed(1)} days`),
    range: (a: string, b: string) => `${a} – ${b}`,
    processTypes: {
      approval: 'General approval',
      plan: 'Plan approval',
      booking: 'Order booking',
      shipment: 'Shipment tracking',
      price: 'Price adjustment',
      return: 'Return',
      clearance: 'Clearance',
    } as Record<string, string>,
    roles: {
      admin: 'Administrator',
      general_manager: 'General manager',
      manager: 'Merchandise manager',
      supervisor: 'Merchandise supervisor',
      specialist: 'Merchandise specialist',
      follower: 'Order follower',
      buyer: 'Buyer',
      store_lead: 'Direct-store merchandise lead',
      after_sales: 'After-sales specialist',
      finance: 'Finance',
      store_manager: 'Store manager',
      franchisee: 'Franchisee',
      area_manager: 'Area manager',
    } as Record<string, string>,
  },
} as const;

/** A digest row as shown: its due time formatted in the zone, its link absolute. */
type ShownDigestTask = Omit<MailDigestTask, 'dueAt' | 'mine'> & { due?: string; mine: boolean };

/** The digest rows that name a task or a process; others are left out. */
function digestTasks(v: unknown, locale: MailLocale, opts: RenderOptions): ShownDigestTask[] {
  if (!Array.isArray(v)) return [];
  const out: ShownDigestTask[] = [];
  for (const raw of v as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const t = raw as Partial<Record<keyof MailDigestTask, unknown>>;
    const taskTitle = str(t.taskTitle);
    const processTitle = str(t.processTitle);
    if (taskTitle === undefined && processTitle === undefined) continue;
    out.push({
      processTitle,
      taskTitle,
      assigneeName: str(t.assigneeName),
      role: str(t.role),
      due: formatDueAt(str(t.dueAt), locale, opts.zone),
      overdueDays: count(t.overdueDays),
      mine: t.mine === true,
      link: absoluteLink(str(t.link), opts.publicUrl),
    });
  }
  return out;
}

/** The summary rows with a process type; counts that are not safe integers ≥ 0 are absent. */
function summaryRows(v: unknown): MailSummaryRow[] {
  if (!Array.isArray(v)) return [];
  const out: MailSummaryRow[] = [];
  for (const raw of v as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const r = raw as Partial<Record<keyof MailSummaryRow, unknown>>;
    const processType = str(r.processType);
    if (processType === undefined) continue;
    const median =
      typeof r.medianCycleSeconds === 'number' && Number.isFinite(r.medianCycleSeconds) && r.medianCycleSeconds >= 0
        ? r.medianCycleSeconds
        : undefined;
    out.push({
      processType,
      started: count(r.started),
      ended: count(r.ended),
      medianCycleSeconds: median,
      openTasks: count(r.openTasks),
      overdueTasks: count(r.overdueTasks),
    });
  }
  return out;
}

/** The report mails' parameters as shown: days formatted, counts absent unless safe integers ≥ 0. */
function shown(p: FieldsOf<ReportMail>, locale: MailLocale, opts: RenderOptions) {
  return {
    reportDate: formatDate(str(p.reportDate), locale),
    periodFrom: formatDate(str(p.periodFrom), locale),
    periodTo: formatDate(str(p.periodTo), locale),
    ownOverdue: count(p.ownOverdue),
    teamOverdue: count(p.teamOverdue),
    digestTasks: digestTasks(p.digestTasks, locale, opts),
    calendarGaps: calendarGaps(p.calendarGaps),
    summaryRows: summaryRows(p.summaryRows),
    openTasks: count(p.openTasks),
    overdueTasks: count(p.overdueTasks),
    escalations: count(p.escalations),
    delayedShipments: count(p.delayedShipments),
    lateApprovals: count(p.lateApprovals),
    pendingReturns: count(p.pendingReturns),
    defectiveQty: count(p.defectiveQty),
  };
}

type Shown = ReturnType<typeof shown>;

function digestTable(v: Shown, locale: MailLocale): MailTable | undefined {
  if (v.digestTasks.length === 0) return undefined;
  const l = W[locale];
  const who = (t: ShownDigestTask) =>
    t.mine ? (t.assigneeName ?? l.me) : (t.assigneeName ?? (t.role ? l.unclaimed(l.roles[t.role] ?? t.role) : ''));
  return {
    headers: [...l.digestHeaders],
    rows: v.digestTasks.map((t) => [
      t.taskTitle ?? '',
      t.processTitle ?? '',
      who(t),
      t.due ?? '',
      t.overdueDays === undefined ? '' : l.days(t.overdueDays),
    ]),
    align: ['left', 'left', 'left', 'left', 'right'],
    links: v.digestTasks.map((t) => t.link),
  };
}

function summaryTable(v: Shown, locale: MailLocale): MailTable | undefined {
  if (v.summaryRows.length === 0) return undefined;
  const l = W[locale];
  const n = (x: number | undefined) => formatCount(x) ?? '';
  return {
    headers: [...l.summaryHeaders],
    rows: v.summaryRows.map((r) => [
      l.processTypes[r.processType] ?? r.processType,
      n(r.started),
      n(r.ended),
      r.medianCycleSeconds === undefined ? '' : l.cycle(r.medianCycleSeconds),
      n(r.openTasks),
      n(r.overdueTasks),
    ]),
    align: ['left', 'right', 'right', 'right', 'right', 'right'],
  };
}

export const REPORT_MAILS: MailBuilders<ReportMail> = {
  daily_digest(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    const date = v.reportDate;
    const own = v.ownOverdue;
    const team = v.teamOverdue;
    const known = own !== undefined && team !== undefined;
    const zhCounts = known ? `您有 ${own} 项、团队有 ${team} 项逾期待办` : '逾期待办';
    const enCounts = known ? `${own} overdue ${own === 1 ? 'task' : 'tasks'} of yours, ${team} of your team` : 'overdue tasks';
    // The admin's digest may carry the business calendar's warning alone (no overdue work).
    const calendarOnly = v.calendarGaps.length > 0 && !own && !team && v.digestTasks.length === 0;
    if (calendarOnly) {
      return {
        subject: calendarSubject(v.calendarGaps, locale, date),
        intro: calendarSentences(v.calendarGaps, locale),
        facts: [[l.reportDate, date]],
        action: zh(locale) ? '打开业务日历' : 'Open the business calendar',
      };
    }
    return {
      subject: zh(locale)
        ? `【每日待办摘要】${date ? `${date}：` : ''}${zhCounts}`
        : `[Daily digest] ${date ? `${date}: ` : ''}${enCounts}`,
      intro: [
        ...calendarSentences(v.calendarGaps, locale),
        ...(zh(locale)
          ? [
              known
                ? `${date ? `截至 ${date}，` : ''}您有 ${own} 项待办已逾期，您的团队有 ${team} 项待办已逾期。`
                : `${date ? `截至 ${date}，` : ''}以下是您和团队已逾期的待办。`,
              '请尽快处理您自己的待办，并跟进团队的逾期事项。',
            ]
          : [
              known
                ? `${date ? `As of ${date}, ` : ''}${own} of your tasks ${own === 1 ? 'is' : 'are'} overdue, and ${team} of your team’s.`
                : `${date ? `As of ${date}, ` : ''}these tasks of yours and your team’s are overdue.`,
              'Please act on your own tasks and follow up on your team’s.',
            ]),
      ],
      facts: [
        [l.reportDate, date],
        [l.ownOverdue, formatCount(own)],
        [l.teamOverdue, formatCount(team)],
      ],
      table: digestTable(v, locale),
      action: l.openInbox,
    };
  },

  weekly_summary(p, locale, opts) {
    const v = shown(p, locale, opts);
    const l = W[locale];
    const period = v.periodFrom && v.periodTo ? l.range(v.periodFrom, v.periodTo) : undefined;
    return {
      subject: zh(locale)
        ? `【每周汇总】商品部流程周报${period ? ` ${period}` : ''}`
        : `[Weekly summary] Merchandise processes${period ? `, ${period}` : ''}`,
      intro: zh(locale)
        ? [
            `以下是${period ? ` ${period} ` : '上周'}商品部各流程的汇总${v.escalations !== undefined ? `：期间升级 ${v.escalations} 次` : ''}${v.overdueTasks !== undefined ? `${v.escalations !== undefined ? '，' : '：'}目前有 ${v.overdueTasks} 项待办逾期` : ''}。`,
          ]
        : [
            `Here is the summary of the merchandise department’s processes${period ? ` for ${period}` : ' for last week'}${v.escalations !== undefined ? `: ${v.escalations} ${v.escalations === 1 ? 'escalation' : 'escalations'} in the period` : ''}${v.overdueTasks !== undefined ? `${v.escalations !== undefined ? ',' : ':'} ${v.overdueTasks} overdue ${v.overdueTasks === 1 ? 'task' : 'tasks'} now` : ''}.`,
          ],
      facts: [
        [l.period, period],
        [l.openTasks, formatCount(v.openTasks)],
        [l.overdueTasks, formatCount(v.overdueTasks)],
        [l.escalations, formatCount(v.escalations)],
        [l.delayedShipments, formatCount(v.delayedShipments)],
        [l.lateApprovals, formatCount(v.lateApprovals)],
        [l.pendingReturns, formatCount(v.pendingReturns)],
        [l.defectiveQty, formatCount(v.defectiveQty)],
      ],
      table: summaryTable(v, locale),
      action: l.openDashboard,
    };
  },
};
