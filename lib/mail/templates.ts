// Mail templates of the approval engine, in Chinese and English, as plain text and HTML.
// Each template yields a small content model (subject, sentences, facts, a table, a titled block,
// a quoted comment, an action link); one renderer turns it into text and into simple
// inline-styled HTML, escaping every piece of user text. A missing parameter drops its sentence
// part or line: the output never shows "undefined", "null" or "NaN". Money arrives in integer fen
// and is formatted by string arithmetic (formatFen), never by floating-point division.
import { DateTime, Duration } from 'luxon';
import type { MailBookingLine, MailDigestTask, MailLocale, MailParams, MailPriceLine, MailSummaryRow, MailTemplateName, ProcessResult } from '../../domain/mail';

export type { MailLocale, MailParams, MailTemplateName } from '../../domain/mail';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface RenderOptions {
  /** IANA zone the due times are shown in (TZ_BUSINESS). */
  zone: string;
  /** Base URL of the admin UI (PUBLIC_URL) that relative links are resolved against. */
  publicUrl: string;
}

export const MAIL_TEMPLATES: readonly MailTemplateName[] = [
  'task_assigned',
  'task_reminder',
  'task_overdue',
  'task_reassigned',
  'task_urged',
  'task_sent_back',
  'process_result',
  'process_cc',
  'booking_statement',
  'booking_reminder',
  'booking_extended',
  'booking_confirmed',
  'booking_cancelled',
  'price_notice',
  'price_superseded',
  'daily_digest',
  'weekly_summary',
];

/** A table of a mail (the lines of a booking statement, of a price adjustment); every cell is user text. */
export interface MailTable {
  headers: string[];
  rows: string[][];
  /** Per column; absent means left. Numbers read better right-aligned. */
  align?: ('left' | 'right')[];
  /** Per row: an absolute URL the row's first cell links to in HTML (the text version has none). */
  links?: (string | undefined)[];
}

/** A table shows at most this many rows, then a note of how many more there are. */
export const MAX_TABLE_ROWS = 200;

/** A list of store names shows at most this many names, then how many stores there are in all. */
export const MAX_STORE_NAMES = 20;

// ---- formatting helpers ---------------------------------------------------------------------

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `2027年2月5日 周五 10:00` / `Fri 5 Feb 2027, 10:00` in the given zone; undefined when not an instant. */
export function formatDueAt(iso: string | undefined, locale: MailLocale, zone: string): string | undefined {
  if (!iso) return undefined;
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) return undefined;
  const local = dt.setZone(zone).setLocale(locale);
  if (!local.isValid) return undefined;
  return locale === 'zh-CN' ? local.toFormat('yyyy年M月d日 EEE HH:mm') : local.toFormat('EEE d MMM yyyy, HH:mm');
}

/**
 * `2027年3月10日` / `10 Mar 2027` from a calendar date `YYYY-MM-DD` (a day, not an instant: no time
 * zone shifts it); undefined when not such a date (2027-02-30, 2027-3-10, an instant …).
 */
export function formatDate(date: string | undefined, locale: MailLocale): string | undefined {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const dt = DateTime.fromFormat(date, 'yyyy-MM-dd', { zone: 'UTC', locale });
  if (!dt.isValid) return undefined;
  return locale === 'zh-CN' ? dt.toFormat('yyyy年M月d日') : dt.toFormat('d MMM yyyy');
}

const LEAD_UNITS = ['days', 'hours', 'minutes', 'seconds'] as const;
const LEAD_WORDS: Record<MailLocale, Record<(typeof LEAD_UNITS)[number], [string, string]>> = {
  'zh-CN': { days: ['天', '天'], hours: ['小时', '小时'], minutes: ['分钟', '分钟'], seconds: ['秒', '秒'] },
  en: { days: ['day', 'days'], hours: ['hour', 'hours'], minutes: ['minute', 'minutes'], seconds: ['second', 'seconds'] },
};

/** `1 天后到期` / `due in 1 day`; PT0S is `现已到期` / `due now`; undefined when not a duration. */
export function formatLead(iso: string | undefined, locale: MailLocale): string | undefined {
  if (!iso) return undefined;
  const d = Duration.fromISO(iso);
  if (!d.isValid) return undefined;
  if (d.toMillis() <= 0) return locale === 'zh-CN' ? '现已到期' : 'due now';
  const shifted = d.shiftTo(...LEAD_UNITS).toObject();
  const parts: string[] = [];
  for (const unit of LEAD_UNITS) {
    const n = Math.round(shifted[unit] ?? 0);
    if (n > 0) {
      const [one, many] = LEAD_WORDS[locale][unit];
      parts.push(`${n} ${n === 1 ? one : many}`);
    }
  }
  if (parts.length === 0) return locale === 'zh-CN' ? '现已到期' : 'due now';
  if (locale === 'zh-CN') return `${parts.join(' ')}后到期`;
  const words = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `due in ${words}`;
}

/** Digits with a comma every three from the right: `1234567` → `1,234,567`. */
function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `¥1,234.50` from integer fen (the same in both locales; negative is `-¥1.50`), by string
 * arithmetic on the digits so that no floating-point division can round a cent away. Undefined
 * when the value is not a safe integer (a string, NaN, 1.5, 2 ** 60 …).
 */
export function formatFen(fen: unknown, _locale: MailLocale = 'zh-CN'): string | undefined {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen)) return undefined;
  // A safe integer prints as plain digits (no exponent below 1e21); at least 3 so yuan is "0".
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}¥${groupDigits(digits.slice(0, -2))}.${digits.slice(-2)}`;
}

/**
 * The change from an old to a new price in percent, one decimal, rounded half away from zero:
 * `−20.1%` (19900 → 15900), `+5.0%`, `0.0%`. Computed on integers (BigInt, so any safe integers
 * work) so that no floating-point artefact shows. Undefined when either is not a safe integer or
 * the old price is not above 0 (no percent of nothing). The minus is U+2212, as typeset.
 */
export function formatPriceChange(oldFen: unknown, newFen: unknown): string | undefined {
  if (typeof oldFen !== 'number' || !Number.isSafeInteger(oldFen) || oldFen <= 0) return undefined;
  if (typeof newFen !== 'number' || !Number.isSafeInteger(newFen)) return undefined;
  const old = BigInt(oldFen);
  const diff = BigInt(newFen) - old;
  const abs = (diff < 0n ? -diff : diff) * 1000n; // per mille, ×10 for the one decimal
  let tenths = abs / old;
  if ((abs % old) * 2n >= old) tenths += 1n;
  const digits = tenths.toString().padStart(2, '0');
  const sign = tenths === 0n ? '' : diff < 0n ? '\u2212' : '+';
  return `${sign}${digits.slice(0, -1)}.${digits.slice(-1)}%`;
}

/** `1,200` from a safe integer; undefined otherwise. */
function formatCount(n: unknown): string | undefined {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) return undefined;
  return `${n < 0 ? '-' : ''}${groupDigits(String(Math.abs(n)))}`;
}

/** A link of the admin UI made absolute; only http(s) URLs pass through as they are. */
export function absoluteLink(link: string | undefined, publicUrl: string): string | undefined {
  if (!link) return undefined;
  if (/^https?:\/\//i.test(link)) return link;
  return `${publicUrl.replace(/\/+$/, '')}${link.startsWith('/') ? '' : '/'}${link}`;
}

// ---- parameters -----------------------------------------------------------------------------

interface Values {
  processTitle?: string;
  taskTitle?: string;
  due?: string;
  lead?: string;
  assigneeName?: string;
  fromName?: string;
  toName?: string;
  byName?: string;
  submitterName?: string;
  comment?: string;
  reason?: string;
  level?: number;
  result?: ProcessResult;
  link?: string;
  recipientName?: string;
  bookingCode?: string;
  franchiseeName?: string;
  seasonCode?: string;
  /** Money already formatted (¥1,234.50). */
  amount?: string;
  prepaymentDue?: string;
  paid?: string;
  /** paidFen when a safe integer (booking_cancelled: refund sentence above 0). */
  paidFen?: number;
  outstanding?: string;
  paymentDeadline?: string;
  /** Trimmed, line breaks normalised to \n. */
  paymentInstructions?: string;
  lines: BookingLine[];
  adjustmentCode?: string;
  supersededBy?: string;
  /** The store names, trimmed, blanks left out (joined per locale by storeList). */
  storeNames: string[];
  /** Calendar dates already formatted (2027年3月10日 / 10 Mar 2027). */
  effectiveDate?: string;
  arrivalDate?: string;
  /** Only a real `true` counts. */
  urgent: boolean;
  priceLines: PriceLine[];
  /** Calendar dates already formatted. */
  reportDate?: string;
  periodFrom?: string;
  periodTo?: string;
  /** Counts: safe integers ≥ 0, else absent. */
  ownOverdue?: number;
  teamOverdue?: number;
  digestTasks: DigestTask[];
  summaryRows: SummaryRow[];
  openTasks?: number;
  overdueTasks?: number;
  escalations?: number;
  delayedShipments?: number;
  lateApprovals?: number;
  pendingReturns?: number;
  defectiveQty?: number;
}

interface DigestTask {
  processTitle?: string;
  taskTitle?: string;
  assigneeName?: string;
  role?: string;
  /** Already formatted in the zone. */
  due?: string;
  overdueDays?: number;
  mine: boolean;
  /** Absolute. */
  link?: string;
}

interface SummaryRow {
  processType: string;
  started?: number;
  ended?: number;
  medianCycleSeconds?: number;
  openTasks?: number;
  overdueTasks?: number;
}

interface BookingLine {
  sku: string;
  name?: string;
  size?: string;
  qty: number;
  unitPriceFen: number;
  amountFen: number;
}

interface PriceLine {
  sku: string;
  name?: string;
  oldPriceFen: number;
  newPriceFen: number;
}

const PROCESS_RESULTS: readonly ProcessResult[] = ['approved', 'rejected', 'withdrawn', 'completed', 'cancelled'];

/** Params may arrive through Temporal's JSON: anything not a non-empty string counts as absent. */
function str(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** Multi-line user text: trimmed, \r\n made \n, trailing blanks of each line dropped. */
function multiline(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  return t === '' ? undefined : t;
}

const safeInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined);

/** The lines that are whole: a sku and safe-integer qty, unit price and amount; others are left out. */
function bookingLines(v: unknown): BookingLine[] {
  if (!Array.isArray(v)) return [];
  const out: BookingLine[] = [];
  for (const raw of v as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const line = raw as Partial<Record<keyof MailBookingLine, unknown>>;
    const sku = str(line.sku);
    const qty = safeInt(line.qty);
    const unitPriceFen = safeInt(line.unitPriceFen);
    const amountFen = safeInt(line.amountFen);
    if (sku === undefined || qty === undefined || unitPriceFen === undefined || amountFen === undefined) continue;
    out.push({ sku, name: str(line.name), size: str(line.size), qty, unitPriceFen, amountFen });
  }
  return out;
}

/** The price lines that are whole: a sku and safe-integer old and new prices; others are left out. */
function priceLines(v: unknown): PriceLine[] {
  if (!Array.isArray(v)) return [];
  const out: PriceLine[] = [];
  for (const raw of v as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const line = raw as Partial<Record<keyof MailPriceLine, unknown>>;
    const sku = str(line.sku);
    const oldPriceFen = safeInt(line.oldPriceFen);
    const newPriceFen = safeInt(line.newPriceFen);
    if (sku === undefined || oldPriceFen === undefined || newPriceFen === undefined) continue;
    out.push({ sku, name: str(line.name), oldPriceFen, newPriceFen });
  }
  return out;
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined);

/** The digest rows that name a task or a process; others are left out. */
function digestTasks(v: unknown, locale: MailLocale, opts: RenderOptions): DigestTask[] {
  if (!Array.isArray(v)) return [];
  const out: DigestTask[] = [];
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
function summaryRows(v: unknown): SummaryRow[] {
  if (!Array.isArray(v)) return [];
  const out: SummaryRow[] = [];
  for (const raw of v as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const r = raw as Partial<Record<keyof MailSummaryRow, unknown>>;
    const processType = str(r.processType);
    if (processType === undefined) continue;
    const median = typeof r.medianCycleSeconds === 'number' && Number.isFinite(r.medianCycleSeconds) && r.medianCycleSeconds >= 0 ? r.medianCycleSeconds : undefined;
    out.push({ processType, started: count(r.started), ended: count(r.ended), medianCycleSeconds: median, openTasks: count(r.openTasks), overdueTasks: count(r.overdueTasks) });
  }
  return out;
}

/** The non-blank strings of an array, trimmed; anything else is an empty list. */
function strings(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return (v as unknown[]).map(str).filter((s): s is string => s !== undefined);
}

function values(p: MailParams, locale: MailLocale, opts: RenderOptions): Values {
  const level = typeof p.level === 'string' ? Number(p.level) : p.level;
  const result = PROCESS_RESULTS.find((r) => r === p.result);
  return {
    processTitle: str(p.processTitle),
    taskTitle: str(p.taskTitle),
    due: formatDueAt(str(p.dueAt), locale, opts.zone),
    lead: formatLead(str(p.lead), locale),
    assigneeName: str(p.assigneeName),
    fromName: str(p.fromName),
    toName: str(p.toName),
    byName: str(p.byName),
    submitterName: str(p.submitterName),
    comment: typeof p.comment === 'string' && p.comment.trim() !== '' ? p.comment.trim() : undefined,
    reason: str(p.reason),
    level: typeof level === 'number' && Number.isFinite(level) && level > 0 ? Math.floor(level) : undefined,
    result,
    link: absoluteLink(str(p.link), opts.publicUrl),
    recipientName: str(p.recipientName),
    bookingCode: str(p.bookingCode),
    franchiseeName: str(p.franchiseeName),
    seasonCode: str(p.seasonCode),
    amount: formatFen(p.amountFen, locale),
    prepaymentDue: formatFen(p.prepaymentDueFen, locale),
    paid: formatFen(p.paidFen, locale),
    paidFen: safeInt(p.paidFen),
    outstanding: formatFen(p.outstandingFen, locale),
    paymentDeadline: formatDueAt(str(p.paymentDeadline), locale, opts.zone),
    paymentInstructions: multiline(p.paymentInstructions),
    lines: bookingLines(p.lines),
    adjustmentCode: str(p.adjustmentCode),
    supersededBy: str(p.supersededBy),
    storeNames: strings(p.storeNames),
    effectiveDate: formatDate(str(p.effectiveDate), locale),
    arrivalDate: formatDate(str(p.arrivalDate), locale),
    urgent: p.urgent === true,
    priceLines: priceLines(p.priceLines),
    reportDate: formatDate(str(p.reportDate), locale),
    periodFrom: formatDate(str(p.periodFrom), locale),
    periodTo: formatDate(str(p.periodTo), locale),
    ownOverdue: count(p.ownOverdue),
    teamOverdue: count(p.teamOverdue),
    digestTasks: digestTasks(p.digestTasks, locale, opts),
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

// ---- the content of each template -----------------------------------------------------------

interface Content {
  subject: string;
  /** Sentences after the greeting, one paragraph each. */
  intro: string[];
  facts: [label: string, value: string | undefined][];
  /** After the facts; at most MAX_TABLE_ROWS rows are shown. */
  table?: MailTable;
  quote?: { label: string; text: string | undefined };
  /** A titled block after the quote (how to pay): multi-line free text, then sentences. */
  block?: { title: string; text?: string; sentences: string[] };
  /** The label of the link button. */
  action: string;
}

const L = {
  'zh-CN': {
    process: '流程',
    task: '待办',
    due: '截止时间',
    submitter: '提交人',
    assignee: '处理人',
    from: '原处理人',
    reason: '原因',
    level: '升级级别',
    result: '结果',
    by: '处理人',
    comment: '意见',
    message: '留言',
    note: '说明',
    openTask: '去处理',
    openProcess: '查看流程',
    revise: '修改并重新提交',
    greeting: (name?: string) => (name ? `${name}，您好：` : '您好：'),
    linkHint: '如果按钮无法打开，请复制以下链接到浏览器：',
    footer: '此邮件由商品运营流程系统自动发送，请勿直接回复。',
    brand: '商品运营流程',
    colon: '：',
    quote: (s: string) => `「${s}」`,
    levelN: (n: number) => `第 ${n} 级`,
    results: { approved: '已通过', rejected: '已驳回', withdrawn: '已撤回', completed: '已完成', cancelled: '已取消' } satisfies Record<
      ProcessResult,
      string
    >,
    reasons: { escalation: '逾期升级', delegation: '委托转交', out_of_office: '休假代理' } as Record<string, string>,
    bookingCode: '订单号',
    franchisee: '加盟商',
    season: '订货季',
    amount: '订单金额',
    prepaymentDue: '应付预付款',
    paid: '已付金额',
    outstanding: '未付金额',
    deadline: '付款截止时间',
    newDeadline: '新的付款截止时间',
    lineHeaders: ['货号', '品名', '尺码', '数量', '单价', '金额'],
    howToPay: '付款方式',
    remark: (code?: string) =>
      code ? `请在付款附言中注明订单号 ${code}，以便我们核对到账。` : '请在付款附言中注明订单号，以便我们核对到账。',
    openStatement: '查看订货确认单',
    openBooking: '查看订单',
    moreRows: (n: number) => `… 另有 ${n} 行`,
    adjustmentCode: '调价单号',
    stores: '收货门店',
    effective: '生效日期',
    wasEffective: '原定生效日期',
    arrival: '预计到店日期',
    ackBy: '确认截止时间',
    priceReason: '调价原因',
    supersededBy: '取代它的调价单',
    priceHeaders: ['货号', '品名', '原价', '新价', '调幅'],
    acknowledge: '确认知悉',
    openAdjustment: '查看调价单',
    storeList: (names: string[], more: number) => `${names.join('、')}${more > 0 ? ` 等 ${names.length + more} 家门店` : ''}`,
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
    processTypes: { approval: '通用审批', plan: '计划审批', booking: '订货', shipment: '发货跟踪', price: '调价', return: '返货', clearance: '清货' } as Record<string, string>,
    roles: {
      admin: '管理员', general_manager: '总经理', manager: '商品经理', supervisor: '商品主管', specialist: '商品专员', follower: '跟单员', buyer: '买手',
      store_lead: '直营商品组长', after_sales: '售后专员', finance: '财务', store_manager: '店长', franchisee: '加盟商', area_manager: '片管',
    } as Record<string, string>,
  },
  en: {
    process: 'Process',
    task: 'Task',
    due: 'Due',
    submitter: 'Submitted by',
    assignee: 'Assignee',
    from: 'Previously with',
    reason: 'Reason',
    level: 'Escalation level',
    result: 'Result',
    by: 'Decided by',
    comment: 'Comment',
    message: 'Message',
    note: 'Note',
    openTask: 'Open the task',
    openProcess: 'View the process',
    revise: 'Revise and resubmit',
    greeting: (name?: string) => (name ? `Hello ${name},` : 'Hello,'),
    linkHint: 'If the button does not work, copy this link into your browser:',
    footer: 'This e-mail was sent automatically by Merchandise Flow. Please do not reply to it.',
    brand: 'Merchandise Flow',
    colon: ': ',
    quote: (s: string) => `"${s}"`,
    levelN: (n: number) => `level ${n}`,
    results: {
      approved: 'approved',
      rejected: 'rejected',
      withdrawn: 'withdrawn',
      completed: 'completed',
      cancelled: 'cancelled',
    } satisfies Record<ProcessResult, string>,
    reasons: { escalation: 'escalation (the task was overdue)', delegation: 'delegation', out_of_office: 'out of office' } as Record<
      string,
      string
    >,
    bookingCode: 'Booking',
    franchisee: 'Franchisee',
    season: 'Season',
    amount: 'Order amount',
    prepaymentDue: 'Prepayment due',
    paid: 'Paid so far',
    outstanding: 'Outstanding',
    deadline: 'Payment deadline',
    newDeadline: 'New payment deadline',
    lineHeaders: ['SKU', 'Product', 'Size', 'Qty', 'Unit price', 'Amount'],
    howToPay: 'How to pay',
    remark: (code?: string) =>
      code
        ? `Please put the booking code ${code} in the transfer remark so that we can match your payment.`
        : 'Please put the booking code in the transfer remark so that we can match your payment.',
    openStatement: 'View the order statement',
    openBooking: 'View the booking',
    moreRows: (n: number) => `… and ${n} more ${n === 1 ? 'line' : 'lines'}`,
    adjustmentCode: 'Adjustment',
    stores: 'Stores',
    effective: 'Takes effect',
    wasEffective: 'Was to take effect',
    arrival: 'Goods expected in store',
    ackBy: 'Acknowledge by',
    priceReason: 'Reason for the change',
    supersededBy: 'Superseded by',
    priceHeaders: ['SKU', 'Product', 'Old price', 'New price', 'Change'],
    acknowledge: 'Acknowledge',
    openAdjustment: 'View the price adjustment',
    storeList: (names: string[], more: number) => `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
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
    processTypes: { approval: 'General approval', plan: 'Plan approval', booking: 'Order booking', shipment: 'Shipment tracking', price: 'Price adjustment', return: 'Return', clearance: 'Clearance' } as Record<string, string>,
    roles: {
      admin: 'Administrator', general_manager: 'General manager', manager: 'Merchandise manager', supervisor: 'Merchandise supervisor', specialist: 'Merchandise specialist',
      follower: 'Order follower', buyer: 'Buyer', store_lead: 'Direct-store merchandise lead', after_sales: 'After-sales specialist', finance: 'Finance',
      store_manager: 'Store manager', franchisee: 'Franchisee', area_manager: 'Area manager',
    } as Record<string, string>,
  },
} as const;

/** The task's name for a subject: task and process title, or a generic word. */
function taskName(v: Values, locale: MailLocale): string {
  const parts = [v.taskTitle, v.processTitle].filter((s): s is string => !!s);
  if (parts.length > 0) return parts.join(' · ');
  return locale === 'zh-CN' ? '待办任务' : 'a task';
}

function taskFacts(v: Values, locale: MailLocale): Content['facts'] {
  const l = L[locale];
  return [
    [l.process, v.processTitle],
    [l.task, v.taskTitle],
    [l.due, v.due],
  ];
}

type Builder = (v: Values, locale: MailLocale) => Content;

/** 已审批通过 / 已被 张三 驳回 / 已撤回 / 已结束. */
function zhOutcome(result: ProcessResult | undefined, by: string | undefined): string {
  switch (result) {
    case 'approved':
      return '已审批通过';
    case 'rejected':
      return by ? `已被 ${by} 驳回` : '已被驳回';
    case 'withdrawn':
      return by ? `已由 ${by} 撤回` : '已撤回';
    case 'completed':
      return '已完成';
    case 'cancelled':
      return by ? `已由 ${by} 取消` : '已取消';
    default:
      return '已结束';
  }
}

const zh = (locale: MailLocale) => locale === 'zh-CN';

/** Results that name nobody as the one who decided: approval is the chain's, completion the process's own. */
const decidedByNobody = (result: ProcessResult | undefined) => result === 'approved' || result === 'completed';

/** The facts every booking mail starts with. */
function bookingFacts(v: Values, locale: MailLocale): Content['facts'] {
  const l = L[locale];
  return [
    [l.bookingCode, v.bookingCode],
    [l.franchisee, v.franchiseeName],
    [l.season, v.seasonCode],
  ];
}

/** The how-to-pay block: the instructions as given, then the transfer remark. */
function howToPay(v: Values, locale: MailLocale): Content['block'] {
  const l = L[locale];
  return { title: l.howToPay, text: v.paymentInstructions, sentences: [l.remark(v.bookingCode)] };
}

function linesTable(v: Values, locale: MailLocale): MailTable | undefined {
  if (v.lines.length === 0) return undefined;
  return {
    headers: [...L[locale].lineHeaders],
    rows: v.lines.map((line) => [
      line.sku,
      line.name ?? '',
      line.size ?? '',
      formatCount(line.qty) ?? '',
      formatFen(line.unitPriceFen, locale) ?? '',
      formatFen(line.amountFen, locale) ?? '',
    ]),
    align: ['left', 'left', 'left', 'right', 'right', 'right'],
  };
}

/** The receiving stores, the first MAX_STORE_NAMES of them; undefined when none. */
function storeList(v: Values, locale: MailLocale): string | undefined {
  if (v.storeNames.length === 0) return undefined;
  const shown = v.storeNames.slice(0, MAX_STORE_NAMES);
  return L[locale].storeList(shown, v.storeNames.length - shown.length);
}

function priceTable(v: Values, locale: MailLocale): MailTable | undefined {
  if (v.priceLines.length === 0) return undefined;
  return {
    headers: [...L[locale].priceHeaders],
    rows: v.priceLines.map((line) => [
      line.sku,
      line.name ?? '',
      formatFen(line.oldPriceFen, locale) ?? '',
      formatFen(line.newPriceFen, locale) ?? '',
      formatPriceChange(line.oldPriceFen, line.newPriceFen) ?? '',
    ]),
    align: ['left', 'left', 'right', 'right', 'right'],
  };
}

function digestTable(v: Values, locale: MailLocale): MailTable | undefined {
  if (v.digestTasks.length === 0) return undefined;
  const l = L[locale];
  const who = (t: DigestTask) => (t.mine ? (t.assigneeName ?? l.me) : (t.assigneeName ?? (t.role ? l.unclaimed(l.roles[t.role] ?? t.role) : '')));
  return {
    headers: [...l.digestHeaders],
    rows: v.digestTasks.map((t) => [t.taskTitle ?? '', t.processTitle ?? '', who(t), t.due ?? '', t.overdueDays === undefined ? '' : l.days(t.overdueDays)]),
    align: ['left', 'left', 'left', 'left', 'right'],
    links: v.digestTasks.map((t) => t.link),
  };
}

function summaryTable(v: Values, locale: MailLocale): MailTable | undefined {
  if (v.summaryRows.length === 0) return undefined;
  const l = L[locale];
  const n = (x: number | undefined) => formatCount(x) ?? '';
  return {
    headers: [...l.summaryHeaders],
    rows: v.summaryRows.map((r) => [l.processTypes[r.processType] ?? r.processType, n(r.started), n(r.ended), r.medianCycleSeconds === undefined ? '' : l.cycle(r.medianCycleSeconds), n(r.openTasks), n(r.overdueTasks)]),
    align: ['left', 'right', 'right', 'right', 'right', 'right'],
  };
}

const BUILDERS: Record<MailTemplateName, Builder> = {
  task_assigned(v, locale) {
    const l = L[locale];
    return {
      subject: zh(locale) ? `【待办】${taskName(v, locale)}` : `[Task] ${taskName(v, locale)}`,
      intro: [
        zh(locale)
          ? `您有一项新的待办任务${v.due ? `，请于 ${v.due} 前处理` : '，请及时处理'}。`
          : `You have a new task to act on${v.due ? ` by ${v.due}` : ''}.`,
      ],
      facts: [...taskFacts(v, locale), [l.submitter, v.submitterName]],
      action: l.openTask,
    };
  },

  task_reminder(v, locale) {
    const l = L[locale];
    const lead = v.lead ?? (zh(locale) ? '即将到期' : 'due soon');
    const name = v.taskTitle ?? v.processTitle;
    return {
      subject: zh(locale)
        ? `【提醒】${name ? `待办${l.quote(name)}` : '您的待办任务'}${lead}`
        : `[Reminder] ${name ? `${l.quote(name)} is` : 'Your task is'} ${lead}`,
      intro: [
        zh(locale)
          ? `您的待办任务${v.lead && v.lead !== '现已到期' ? '将于 ' : ''}${lead}${v.due ? `（截止时间 ${v.due}）` : ''}，请尽快处理。`
          : `Your task is ${lead}${v.due ? ` (${v.due})` : ''}. Please act on it soon.`,
      ],
      facts: taskFacts(v, locale),
      action: l.openTask,
    };
  },

  task_overdue(v, locale) {
    const l = L[locale];
    const name = v.taskTitle ? l.quote(v.taskTitle) : '';
    const level = v.level ? (zh(locale) ? `（${l.levelN(v.level)}升级）` : ` (escalation ${l.levelN(v.level)})`) : '';
    return {
      subject: zh(locale)
        ? `【逾期】${v.assigneeName ? `${v.assigneeName}的` : ''}待办${name}已逾期`
        : `[Overdue] ${v.assigneeName ? `${v.assigneeName}'s task` : 'Task'}${name ? ` ${name}` : ''} is overdue`,
      intro: [
        zh(locale)
          ? `${v.assigneeName ? `${v.assigneeName}的` : '一项'}待办任务已逾期${v.due ? `（截止时间 ${v.due}）` : ''}，已升级给您${level}。请跟进处理。`
          : `${v.assigneeName ? `${v.assigneeName}'s task` : 'A task'} is overdue${v.due ? ` (it was due ${v.due})` : ''} and has been escalated to you${level}. Please follow up.`,
      ],
      facts: [...taskFacts(v, locale), [l.assignee, v.assigneeName], [l.level, v.level ? (zh(locale) ? l.levelN(v.level) : String(v.level)) : undefined]],
      action: l.openTask,
    };
  },

  task_reassigned(v, locale) {
    const l = L[locale];
    const reason = v.reason ? (l.reasons[v.reason] ?? v.reason) : undefined;
    return {
      subject: zh(locale)
        ? `【转交】${taskName(v, locale)}${v.fromName ? `（由 ${v.fromName} 转交）` : ''}`
        : `[Reassigned] ${taskName(v, locale)}${v.fromName ? ` (from ${v.fromName})` : ''}`,
      intro: [
        zh(locale)
          ? `${v.fromName ? `${v.fromName}的` : '一项'}待办任务已转交给您${reason ? `，原因：${reason}` : ''}。请处理。`
          : `A task has been handed to you${v.fromName ? ` from ${v.fromName}` : ''}${reason ? ` because of ${reason}` : ''}. Please act on it.`,
      ],
      facts: [...taskFacts(v, locale), [l.from, v.fromName], [l.reason, reason]],
      quote: { label: l.note, text: v.comment },
      action: l.openTask,
    };
  },

  task_urged(v, locale) {
    const l = L[locale];
    return {
      subject: zh(locale)
        ? `【催办】${v.submitterName ? `${v.submitterName} 催您处理` : '请尽快处理'}：${taskName(v, locale)}`
        : `[Urgent] ${v.submitterName ? `${v.submitterName} asks you to act on` : 'Please act on'} ${taskName(v, locale)}`,
      intro: [
        zh(locale)
          ? `${v.submitterName ?? '提交人'}催促您尽快处理以下待办任务。`
          : `${v.submitterName ?? 'The submitter'} urges you to act on this task soon.`,
      ],
      facts: [...taskFacts(v, locale), [l.submitter, v.submitterName]],
      quote: { label: l.message, text: v.comment },
      action: l.openTask,
    };
  },

  task_sent_back(v, locale) {
    const l = L[locale];
    return {
      subject: zh(locale)
        ? `【退回】${v.processTitle ?? '您的提交'}${v.byName ? ` 被 ${v.byName} 退回` : ' 被退回'}`
        : `[Sent back] ${v.processTitle ?? 'Your submission'} was sent back${v.byName ? ` by ${v.byName}` : ''}`,
      intro: [
        zh(locale)
          ? `${v.byName ?? '审批人'}退回了您的提交${v.taskTitle ? `（${v.taskTitle}）` : ''}，请根据意见修改后重新提交。`
          : `${v.byName ?? 'An approver'} sent your submission back${v.taskTitle ? ` at step "${v.taskTitle}"` : ''}. Please revise it as asked and resubmit.`,
      ],
      facts: [
        [l.process, v.processTitle],
        [l.task, v.taskTitle],
        [l.by, v.byName],
      ],
      quote: { label: l.comment, text: v.comment },
      action: l.revise,
    };
  },

  process_result(v, locale) {
    const l = L[locale];
    const result = v.result ? l.results[v.result] : undefined;
    const why = v.result === 'rejected' && v.reason ? (zh(locale) ? `（${v.reason}）` : ` (${v.reason})`) : '';
    const by = v.byName && !decidedByNobody(v.result) ? v.byName : undefined;
    return {
      subject: zh(locale)
        ? `【结果】${v.processTitle ?? '您提交的流程'} ${result ?? '已结束'}`
        : `[Result] ${v.processTitle ?? 'Your process'} ${result ? `was ${result}` : 'has ended'}`,
      intro: [
        zh(locale)
          ? `您提交的流程${zhOutcome(v.result, by)}${why}。`
          : `Your process ${result ? `was ${result}${by ? ` by ${by}` : ''}` : 'has ended'}${why}.`,
      ],
      facts: [
        [l.process, v.processTitle],
        [l.result, result],
        [l.by, by],
      ],
      quote: v.result === 'rejected' && v.reason ? undefined : { label: l.comment, text: v.comment },
      action: l.openProcess,
    };
  },

  process_cc(v, locale) {
    const l = L[locale];
    const result = v.result ? l.results[v.result] : undefined;
    const why = v.result === 'rejected' && v.reason ? (zh(locale) ? `（${v.reason}）` : ` (${v.reason})`) : '';
    return {
      subject: zh(locale)
        ? `【抄送】${v.processTitle ?? '流程'} ${result ?? '已结束'}`
        : `[CC] ${v.processTitle ?? 'A process'} ${result ? `was ${result}` : 'has ended'}`,
      intro: [
        zh(locale)
          ? `抄送给您的流程${v.processTitle ? l.quote(v.processTitle) : ''}已结束${result ? `，结果：${result}` : ''}${why}。`
          : `A process you are copied on${v.processTitle ? `, ${l.quote(v.processTitle)},` : ''} has ended${result ? `: ${result}` : ''}${why}.`,
        zh(locale) ? '此邮件仅供知悉，您无需处理。' : 'This is for your information; no action is needed.',
      ],
      facts: [
        [l.process, v.processTitle],
        [l.submitter, v.submitterName],
        [l.result, result],
        [l.by, !decidedByNobody(v.result) ? v.byName : undefined],
      ],
      action: l.openProcess,
    };
  },

  booking_statement(v, locale) {
    const l = L[locale];
    const pay = v.prepaymentDue;
    return {
      subject: zh(locale)
        ? `【订货确认单】${v.seasonCode ? `${v.seasonCode} ` : ''}期货订单${v.bookingCode ? ` ${v.bookingCode}` : ''}`
        : `[Order statement] ${v.seasonCode ? `${v.seasonCode} ` : ''}futures order${v.bookingCode ? ` ${v.bookingCode}` : ''}`,
      intro: zh(locale)
        ? [
            `您在${v.seasonCode ? ` ${v.seasonCode} ` : '本次'}订货会的期货订单已登记${v.bookingCode ? `，订单号 ${v.bookingCode}` : ''}。`,
            `请${v.paymentDeadline ? `于 ${v.paymentDeadline} 前` : '按时'}支付预付款${pay ? ` ${pay}` : ''}，全额到账后订单即确认。`,
          ]
        : [
            `Your futures order${v.seasonCode ? ` for season ${v.seasonCode}` : ' at the order fair'} has been recorded${v.bookingCode ? ` as booking ${v.bookingCode}` : ''}.`,
            `Please pay the prepayment${pay ? ` of ${pay}` : ''}${v.paymentDeadline ? ` by ${v.paymentDeadline}` : ''}; the booking is confirmed once it has been received in full.`,
          ],
      facts: [
        ...bookingFacts(v, locale),
        [l.amount, v.amount],
        [l.prepaymentDue, v.prepaymentDue],
        [l.deadline, v.paymentDeadline],
      ],
      table: linesTable(v, locale),
      block: howToPay(v, locale),
      action: l.openStatement,
    };
  },

  booking_reminder(v, locale) {
    const l = L[locale];
    const lead = v.lead ?? (zh(locale) ? '即将到期' : 'due soon');
    const code = v.bookingCode;
    const out = v.outstanding;
    return {
      subject: zh(locale)
        ? `【付款提醒】${code ? `订单 ${code} ` : ''}预付款${/^\d/.test(lead) ? ' ' : ''}${lead}`
        : `[Payment reminder] ${code ? `Booking ${code}: prepayment` : 'Prepayment'} ${lead}`,
      intro: [
        zh(locale)
          ? `您的订单${code ? ` ${code} ` : ''}尚有预付款${out ? ` ${out} ` : ''}未付，${v.lead && v.lead !== '现已到期' ? '将于 ' : ''}${lead}${v.paymentDeadline ? `（付款截止时间 ${v.paymentDeadline}）` : ''}，请尽快付款。`
          : `${code ? `Booking ${code}` : 'Your booking'} still has ${out ? `${out} of ` : ''}prepayment outstanding, ${lead}${v.paymentDeadline ? ` (deadline ${v.paymentDeadline})` : ''}. Please pay soon.`,
      ],
      facts: [
        ...bookingFacts(v, locale),
        [l.prepaymentDue, v.prepaymentDue],
        [l.paid, v.paid],
        [l.outstanding, out],
        [l.deadline, v.paymentDeadline],
      ],
      block: howToPay(v, locale),
      action: l.openBooking,
    };
  },

  booking_extended(v, locale) {
    const l = L[locale];
    const code = v.bookingCode;
    const deadline = v.paymentDeadline;
    const out = v.outstanding;
    return {
      subject: zh(locale)
        ? `【付款延期】${code ? `订单 ${code} ` : ''}付款截止时间已延${deadline ? `至 ${deadline}` : '长'}`
        : `[Deadline extended] ${code ? `Booking ${code}: ` : ''}${deadline ? `pay by ${deadline}` : 'payment deadline extended'}`,
      intro: zh(locale)
        ? [
            `您的订单${code ? ` ${code} ` : ''}的预付款付款截止时间已延长${deadline ? `至 ${deadline}` : ''}。`,
            `${out ? `尚未支付的预付款为 ${out}，` : ''}请在新的截止时间前付款。`,
          ]
        : [
            `The payment deadline of ${code ? `booking ${code}` : 'your booking'} has been extended${deadline ? ` to ${deadline}` : ''}.`,
            out ? `${out} of the prepayment is still outstanding; please pay by the new deadline.` : 'Please pay by the new deadline.',
          ],
      facts: [...bookingFacts(v, locale), [l.newDeadline, deadline], [l.outstanding, out]],
      quote: { label: l.note, text: v.comment },
      block: howToPay(v, locale),
      action: l.openBooking,
    };
  },

  booking_confirmed(v, locale) {
    const l = L[locale];
    const code = v.bookingCode;
    const received = v.paid ?? v.prepaymentDue;
    return {
      subject: zh(locale)
        ? `【订单确认】${code ? `订单 ${code} ` : '您的订单'}已确认`
        : `[Booking confirmed] ${code ? `Booking ${code}` : 'Your booking'} is confirmed`,
      intro: zh(locale)
        ? [
            `我们已全额收到${code ? `订单 ${code} 的` : '您订单的'}预付款${received ? ` ${received}` : ''}，订单已确认。`,
            '感谢您的订货，我们将按订货会计划安排交货。',
          ]
        : [
            `We have received the prepayment${received ? ` of ${received}` : ''} for ${code ? `booking ${code}` : 'your booking'} in full; the booking is confirmed.`,
            'Thank you for your order. We will deliver it as planned for the season.',
          ],
      facts: [
        ...bookingFacts(v, locale),
        [l.amount, v.amount],
        [l.prepaymentDue, v.prepaymentDue],
        [l.paid, v.paid],
      ],
      action: l.openBooking,
    };
  },

  booking_cancelled(v, locale) {
    const l = L[locale];
    const code = v.bookingCode;
    const notApproved = v.result === 'rejected';
    const refund = v.paidFen !== undefined && v.paidFen > 0 ? v.paid : undefined;
    return {
      subject: zh(locale)
        ? `${notApproved ? '【订单未获批准】' : '【订单取消】'}${code ? `订单 ${code} ` : '您的订单'}${notApproved ? '未获批准' : '已取消'}`
        : `${notApproved ? '[Booking not approved]' : '[Booking cancelled]'} ${code ? `Booking ${code}` : 'Your booking'} ${notApproved ? 'was not approved' : 'was cancelled'}`,
      intro: zh(locale)
        ? [
            `很抱歉，您的订单${code ? ` ${code} ` : ''}${notApproved ? '未获批准' : '已取消'}${v.reason ? `，原因：${v.reason}` : ''}。`,
            ...(refund ? [`您已支付的 ${refund} 将由财务部退还给您。`] : []),
            '如有疑问，请联系商品部。',
          ]
        : [
            `We are sorry: ${code ? `booking ${code}` : 'your booking'} ${notApproved ? 'was not approved' : 'has been cancelled'}${v.reason ? ` (reason: ${v.reason})` : ''}.`,
            ...(refund ? [`The ${refund} you have paid will be refunded to you by finance.`] : []),
            'If you have any questions, please contact the merchandise department.',
          ],
      facts: [
        ...bookingFacts(v, locale),
        [l.amount, v.amount],
        [l.paid, refund],
        [l.reason, v.reason],
      ],
      action: l.openBooking,
    };
  },

  price_notice(v, locale) {
    const l = L[locale];
    const code = v.adjustmentCode;
    const eff = v.effectiveDate;
    const arr = v.arrivalDate;
    return {
      subject: zh(locale)
        ? `【调价通知】${v.urgent ? '【加急】' : ''}${code ? `调价单 ${code} ` : '商品调价'}${eff ? `将于 ${eff} 生效` : '已批准'}`
        : `[Price change]${v.urgent ? ' [Urgent]' : ''} ${code ? `Adjustment ${code}` : 'A price adjustment'} ${eff ? `takes effect on ${eff}` : 'was approved'}`,
      intro: zh(locale)
        ? [
            `以下商品调价已批准，${eff ? `将于 ${eff} 生效` : '即将生效'}；${arr ? `货品预计 ${arr} 到店，` : ''}请在到货前确认知悉。`,
            ...(v.urgent ? ['此次调价时间紧迫，请尽快确认。'] : []),
          ]
        : [
            `The price adjustment below has been approved and ${eff ? `takes effect on ${eff}` : 'will take effect soon'}${arr ? `; the goods are expected in store on ${arr}` : ''}. Please acknowledge it before the goods arrive.`,
            ...(v.urgent ? ['This adjustment is urgent: please acknowledge it as soon as you can.'] : []),
          ],
      facts: [
        [l.adjustmentCode, code],
        [l.stores, storeList(v, locale)],
        [l.effective, eff],
        [l.arrival, arr],
        [l.ackBy, v.due],
        [l.priceReason, v.reason],
      ],
      table: priceTable(v, locale),
      quote: { label: l.note, text: v.comment },
      action: l.acknowledge,
    };
  },

  price_superseded(v, locale) {
    const l = L[locale];
    const code = v.adjustmentCode;
    const by = v.supersededBy;
    return {
      subject: zh(locale)
        ? `【调价作废】${code ? `调价单 ${code} ` : '此前通知的调价'}${by ? `已被 ${by} 取代` : '已撤销'}`
        : `[Price change void] ${code ? `Adjustment ${code}` : 'The price adjustment notified earlier'} ${by ? `is superseded by ${by}` : 'was withdrawn'}`,
      intro: zh(locale)
        ? [
            `此前通知您的调价${code ? ` ${code} ` : ''}在生效前${by ? `已被调价单 ${by} 取代` : '已撤销'}${v.reason ? `，原因：${v.reason}` : ''}。`,
            by
              ? `请忽略该调价通知，不要按其调整价格，以调价单 ${by} 的通知为准；您无需再确认该调价。`
              : '请忽略该调价通知，不要按其调整价格；您无需再确认该调价。',
          ]
        : [
            `The price adjustment${code ? ` ${code}` : ''} you were notified of ${by ? `has been superseded by adjustment ${by}` : 'has been withdrawn'} before taking effect${v.reason ? ` (reason: ${v.reason})` : ''}.`,
            by
              ? `Please disregard its notice and do not apply its prices; the notice of ${by} applies instead. You no longer need to acknowledge it.`
              : 'Please disregard its notice and do not apply its prices. You no longer need to acknowledge it.',
          ],
      facts: [
        [l.adjustmentCode, code],
        [l.supersededBy, by],
        [l.wasEffective, v.effectiveDate],
        [l.stores, storeList(v, locale)],
        [l.reason, v.reason],
      ],
      quote: { label: l.note, text: v.comment },
      action: l.openAdjustment,
    };
  },

  daily_digest(v, locale) {
    const l = L[locale];
    const date = v.reportDate;
    const own = v.ownOverdue;
    const team = v.teamOverdue;
    const known = own !== undefined && team !== undefined;
    const zhCounts = known ? `您有 ${own} 项、团队有 ${team} 项逾期待办` : '逾期待办';
    const enCounts = known ? `${own} overdue ${own === 1 ? 'task' : 'tasks'} of yours, ${team} of your team` : 'overdue tasks';
    return {
      subject: zh(locale) ? `【每日待办摘要】${date ? `${date}：` : ''}${zhCounts}` : `[Daily digest] ${date ? `${date}: ` : ''}${enCounts}`,
      intro: zh(locale)
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

  weekly_summary(v, locale) {
    const l = L[locale];
    const period = v.periodFrom && v.periodTo ? l.range(v.periodFrom, v.periodTo) : undefined;
    return {
      subject: zh(locale) ? `【每周汇总】商品部流程周报${period ? ` ${period}` : ''}` : `[Weekly summary] Merchandise processes${period ? `, ${period}` : ''}`,
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

// ---- rendering ------------------------------------------------------------------------------

/** Columns a terminal or a monospaced font gives a character: 2 for CJK and full-width forms. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** The table's header and shown rows as single-line cells, every row as long as the widest; and how many rows are not shown. */
function tableCells(t: MailTable): { cells: string[][]; more: number } {
  const shown = t.rows.slice(0, MAX_TABLE_ROWS);
  const cols = Math.max(t.headers.length, ...shown.map((r) => r.length));
  const cell = (c: unknown) => (typeof c === 'string' ? c.replace(/\s+/g, ' ').trim() : '');
  const cells = [t.headers, ...shown].map((r) => Array.from({ length: cols }, (_, i) => cell(r[i])));
  return { cells, more: Math.max(0, t.rows.length - shown.length) };
}

function textTable(t: MailTable, locale: MailLocale): string[] {
  const { cells, more } = tableCells(t);
  const widths = (cells[0] ?? []).map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  const lines = cells.map((r) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)));
        return t.align?.[i] === 'right' ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd(),
  );
  if (more > 0) lines.push(L[locale].moreRows(more));
  return lines;
}

/**
 * A plain table; per-cell styles are kept short (row borders on <tr>, alignment as an attribute)
 * so that 200 rows stay well under the ~100 kB at which some clients clip a message.
 */
function htmlTable(t: MailTable, locale: MailLocale): string[] {
  const e = escapeHtml;
  const { cells, more } = tableCells(t);
  const [headers = [], ...rows] = cells;
  const right = (i: number) => t.align?.[i] === 'right';
  const out = [
    '<div style="overflow-x:auto;margin:8px 0 16px;">',
    '<table cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;font-size:13px;">',
    `<tr style="border-bottom:1px solid #c9cdd4;">${headers
      .map((h, i) => `<th align="${right(i) ? 'right' : 'left'}" style="padding:4px 8px;color:#86909c;font-weight:600;white-space:nowrap;">${e(h)}</th>`)
      .join('')}</tr>`,
    ...rows.map(
      (r, n) =>
        `<tr style="border-bottom:1px solid #e5e6eb;">${r
          .map((c, i) => {
            const href = i === 0 && c !== '' ? t.links?.[n] : undefined;
            const content = href ? `<a href="${e(href)}" style="color:#1664ff;">${e(c)}</a>` : e(c);
            return right(i) ? `<td align="right" style="padding:4px 8px;white-space:nowrap;">${content}</td>` : `<td style="padding:4px 8px;">${content}</td>`;
          })
          .join('')}</tr>`,
    ),
    '</table>',
  ];
  if (more > 0) out.push(`<p style="margin:4px 0 0;font-size:12px;color:#86909c;">${e(L[locale].moreRows(more))}</p>`);
  out.push('</div>');
  return out;
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei',Helvetica,Arial,sans-serif";

function renderText(c: Content, v: Values, locale: MailLocale): string {
  const l = L[locale];
  const lines: string[] = [l.greeting(v.recipientName), ''];
  for (const p of c.intro) lines.push(p, '');
  const facts = c.facts.filter((f): f is [string, string] => !!f[1]);
  if (facts.length > 0) {
    for (const [label, value] of facts) lines.push(`${label}${l.colon}${value}`);
    lines.push('');
  }
  if (c.table && c.table.rows.length > 0) lines.push(...textTable(c.table, locale), '');
  if (c.quote?.text) {
    lines.push(`${c.quote.label}${l.colon}`.trimEnd());
    for (const q of c.quote.text.split(/\r?\n/)) lines.push(`> ${q}`);
    lines.push('');
  }
  if (c.block) {
    lines.push(`${c.block.title}${l.colon}`.trimEnd());
    if (c.block.text) lines.push(...c.block.text.split(/\r?\n/));
    lines.push(...c.block.sentences, '');
  }
  if (v.link) lines.push(`${c.action}${l.colon}${v.link}`, '');
  lines.push('--', l.footer);
  return `${lines.join('\n')}\n`;
}

function renderHtml(c: Content, v: Values, locale: MailLocale, subject: string): string {
  const l = L[locale];
  const e = escapeHtml;
  const p = (s: string) => `<p style="margin:0 0 12px;">${e(s)}</p>`;
  const facts = c.facts.filter((f): f is [string, string] => !!f[1]);
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f4f5f7;">`,
    `<div style="max-width:600px;margin:0 auto;padding:24px 12px;font-family:${e(FONT)};font-size:14px;line-height:1.6;color:#1f2329;">`,
    '<div style="background:#ffffff;border:1px solid #e5e6eb;border-radius:6px;padding:24px;">',
    `<p style="margin:0 0 8px;font-size:12px;color:#86909c;">${e(l.brand)}</p>`,
    `<h1 style="margin:0 0 16px;font-size:18px;line-height:1.4;font-weight:600;">${e(subject)}</h1>`,
    p(l.greeting(v.recipientName)),
    ...c.intro.map(p),
  ];
  if (facts.length > 0) {
    out.push('<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:8px 0 16px;">');
    for (const [label, value] of facts) {
      out.push(
        '<tr>',
        `<td style="padding:4px 16px 4px 0;color:#86909c;white-space:nowrap;vertical-align:top;">${e(label)}</td>`,
        `<td style="padding:4px 0;vertical-align:top;">${e(value)}</td>`,
        '</tr>',
      );
    }
    out.push('</table>');
  }
  if (c.table && c.table.rows.length > 0) out.push(...htmlTable(c.table, locale));
  if (c.quote?.text) {
    out.push(
      `<p style="margin:0 0 4px;color:#86909c;">${e(c.quote.label)}</p>`,
      `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #c9cdd4;background:#f7f8fa;color:#4e5969;">${c.quote.text
        .split(/\r?\n/)
        .map(e)
        .join('<br>')}</blockquote>`,
    );
  }
  if (c.block) {
    out.push(
      '<div style="margin:0 0 16px;padding:12px 16px;background:#f7f8fa;border:1px solid #e5e6eb;border-radius:4px;">',
      `<p style="margin:0 0 8px;font-weight:600;">${e(c.block.title)}</p>`,
      ...(c.block.text ? [`<p style="margin:0 0 8px;">${c.block.text.split(/\r?\n/).map(e).join('<br>')}</p>`] : []),
      ...c.block.sentences.map((s) => `<p style="margin:0;">${e(s)}</p>`),
      '</div>',
    );
  }
  if (v.link) {
    out.push(
      `<p style="margin:20px 0 12px;"><a href="${e(v.link)}" style="display:inline-block;padding:10px 20px;background:#1664ff;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600;">${e(c.action)}</a></p>`,
      `<p style="margin:0;font-size:12px;color:#86909c;">${e(l.linkHint)}<br><a href="${e(v.link)}" style="color:#1664ff;word-break:break-all;">${e(v.link)}</a></p>`,
    );
  }
  out.push(
    '</div>',
    `<p style="margin:12px 0 0;font-size:12px;color:#86909c;text-align:center;">${e(l.footer)}</p>`,
    '</div>',
    '</body>',
    '</html>',
  );
  return `${out.join('\n')}\n`;
}

/** Renders one template in one locale: subject (one line), plain text and HTML. */
export function renderMail(template: MailTemplateName, locale: MailLocale, params: MailParams, opts: RenderOptions): RenderedMail {
  const build = BUILDERS[template];
  if (!build) throw new Error(`Unknown mail template: ${String(template)}`);
  const loc: MailLocale = locale === 'en' ? 'en' : 'zh-CN';
  const v = values(params ?? {}, loc, opts);
  // Booking mails go to the franchisee: its name greets when the recipient has none.
  if (template.startsWith('booking_') && !v.recipientName) v.recipientName = v.franchiseeName;
  const content = build(v, loc);
  const subject = content.subject.replace(/\s+/g, ' ').trim();
  return { subject, text: renderText(content, v, loc), html: renderHtml(content, v, loc, subject) };
}
