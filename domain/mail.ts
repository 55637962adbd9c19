// The mail vocabulary shared by workflows (which decide what to send), the sendMail activity
// (which sends it once) and the templates (which word it). Pure types: workflow code imports
// this file, so no imports and no runtime values here.

export type MailLocale = 'zh-CN' | 'en';

export type MailTemplateName =
  | 'task_assigned'
  | 'task_reminder'
  | 'task_overdue'
  | 'task_reassigned'
  | 'task_urged'
  | 'task_sent_back'
  | 'process_result'
  | 'process_cc'
  | 'booking_statement'
  | 'booking_reminder'
  | 'booking_extended'
  | 'booking_confirmed'
  | 'booking_cancelled'
  | 'price_notice'
  | 'price_superseded'
  | 'daily_digest'
  | 'weekly_summary';

/** Why a task changed hands (task_reassigned). */
export type ReassignReason = 'escalation' | 'delegation' | 'out_of_office';

/** How a process ended (process_result, process_cc); bookings end 'completed' or 'cancelled'. */
export type ProcessResult = 'approved' | 'rejected' | 'withdrawn' | 'completed' | 'cancelled';

/**
 * One line of a booking statement (booking_statement). Money in integer fen. A line whose sku is
 * not a non-empty string, or whose qty, unitPriceFen or amountFen is not a safe integer, is left
 * out of the table.
 */
export interface MailBookingLine {
  sku: string;
  /** The product's name (the booking view calls it productName). */
  name?: string;
  size?: string;
  qty: number;
  unitPriceFen: number;
  amountFen: number;
}

/**
 * One line of a price adjustment (price_notice): a SKU's selling price before and after, in
 * integer fen. A line whose sku is not a non-empty string, or whose oldPriceFen or newPriceFen is
 * not a safe integer, is left out of the table.
 */
export interface MailPriceLine {
  sku: string;
  /** The product's name. */
  name?: string;
  oldPriceFen: number;
  newPriceFen: number;
}

/**
 * An overdue task in a daily digest (daily_digest): the recipient's own (mine) or their team's.
 * A row without a task or process title is left out.
 */
export interface MailDigestTask {
  processTitle?: string;
  taskTitle?: string;
  /** Who holds it; absent for a role task nobody has claimed (then role names the role). */
  assigneeName?: string;
  role?: string;
  /** ISO-8601 instant. */
  dueAt?: string;
  /** Whole days past the due time (0: less than a day). */
  overdueDays?: number;
  mine?: boolean;
  /** The task in the admin UI (`/#/tasks/<id>/show`). */
  link?: string;
}

/** One process type's line of the weekly summary (weekly_summary); counts are safe integers. */
export interface MailSummaryRow {
  /** approval | plan | booking | shipment | price | return | clearance (others shown as given). */
  processType: string;
  started?: number;
  ended?: number;
  /** Median start-to-end of the runs that ended in the period, seconds. */
  medianCycleSeconds?: number;
  openTasks?: number;
  overdueTasks?: number;
}

/**
 * What a template needs. One record for all templates: every field is optional and a template
 * leaves out the sentence or line whose value is missing (it never prints "undefined").
 * User text (titles, names, comments) is escaped in HTML by the renderer. Money is in integer
 * fen (shown as ¥1,234.50); a money field that is not a safe integer counts as absent.
 *
 * | template          | uses                                                                |
 * | ----------------- | ------------------------------------------------------------------- |
 * | task_assigned     | processTitle, taskTitle, dueAt, submitterName, link                 |
 * | task_reminder     | processTitle, taskTitle, dueAt, lead, link                          |
 * | task_overdue      | processTitle, taskTitle, dueAt, assigneeName, level, link           |
 * | task_reassigned   | processTitle, taskTitle, dueAt, fromName, reason, comment, link     |
 * | task_urged        | processTitle, taskTitle, dueAt, submitterName, comment, link        |
 * | task_sent_back    | processTitle, byName, comment, link                                 |
 * | process_result    | processTitle, result, reason (rejection reason), byName, link       |
 * | process_cc        | processTitle, result, reason, submitterName, byName, link           |
 * | booking_statement | bookingCode, franchiseeName, seasonCode, amountFen,                 |
 * |                   | prepaymentDueFen, paymentDeadline, lines, paymentInstructions, link |
 * | booking_reminder  | bookingCode, franchiseeName, seasonCode, prepaymentDueFen, paidFen, |
 * |                   | outstandingFen, paymentDeadline, lead, paymentInstructions, link    |
 * | booking_extended  | bookingCode, franchiseeName, seasonCode, outstandingFen,            |
 * |                   | paymentDeadline (the new one), comment, paymentInstructions, link   |
 * | booking_confirmed | bookingCode, franchiseeName, seasonCode, amountFen,                 |
 * |                   | prepaymentDueFen, paidFen, link                                     |
 * | booking_cancelled | bookingCode, franchiseeName, seasonCode, amountFen, paidFen,        |
 * |                   | reason, result ('rejected': not approved, else cancelled), link     |
 * | price_notice      | adjustmentCode, storeNames, effectiveDate, arrivalDate, dueAt (to   |
 * |                   | acknowledge by), reason (why the price changes), urgent,            |
 * |                   | priceLines, comment, link (the acknowledgement task)                |
 * | price_superseded  | adjustmentCode, supersededBy, effectiveDate (the one now void),     |
 * |                   | storeNames, reason (why it was superseded or withdrawn), comment,   |
 * |                   | link                                                                |
 * | daily_digest      | reportDate, ownOverdue, teamOverdue, digestTasks (their links are   |
 * |                   | per row in HTML), link (the overdue inbox)                          |
 * | weekly_summary    | reportDate, periodFrom, periodTo, summaryRows, openTasks,           |
 * |                   | overdueTasks, escalations, delayedShipments, lateApprovals,         |
 * |                   | pendingReturns, defectiveQty, link (the dashboard)                  |
 *
 * All booking templates are addressed to the franchisee (recipientName, or franchiseeName when
 * recipientName is absent, in the greeting). The price templates go to finance and to the
 * managers of the receiving stores (recipientName in the greeting).
 */
export interface MailParams {
  processTitle?: string;
  taskTitle?: string;
  /** ISO-8601 instant; shown in the business time zone, per locale. */
  dueAt?: string;
  /** ISO-8601 duration before the due time (task_reminder, booking_reminder); PT0S means "due now". */
  lead?: string;
  /** Whose task is overdue (task_overdue). */
  assigneeName?: string;
  /** Who held the task before (task_reassigned). */
  fromName?: string;
  /** Who the task went to (task_reassigned, for information). */
  toName?: string;
  /** Who decided: sent back, rejected, withdrew. */
  byName?: string;
  submitterName?: string;
  /** A person's own words: an urge message, a send-back or delegation comment, an extension's note. */
  comment?: string;
  /**
   * task_reassigned: a ReassignReason; process_result / process_cc: the rejection reason;
   * booking_cancelled: why the booking was cancelled or not approved (free text);
   * price_notice: why the price changes; price_superseded: why it was superseded or withdrawn.
   */
  reason?: ReassignReason | (string & {});
  /** Escalation level (1 = the superior was notified, 2 = reassigned to them, …). */
  level?: number;
  result?: ProcessResult;
  /** A path of the admin UI (`/#/tasks/<id>`, `/#/processes/<workflowId>`) or an absolute URL. */
  link?: string;
  /** The greeting's name; sendMail fills it from the recipient when absent. */
  recipientName?: string;

  // ---- order-fair bookings (booking_*) ----
  /** The booking's code, e.g. `BK000012`; the franchisee puts it in the transfer remark. */
  bookingCode?: string;
  franchiseeName?: string;
  /** The season, e.g. `2027SS`. */
  seasonCode?: string;
  /** The order amount in integer fen. */
  amountFen?: number;
  /** The prepayment required, integer fen. */
  prepaymentDueFen?: number;
  /** Received so far, integer fen (booking_cancelled: above 0 adds the refund sentence). */
  paidFen?: number;
  /** Prepayment still to pay, integer fen. */
  outstandingFen?: number;
  /** ISO-8601 instant; shown like dueAt in the business time zone. */
  paymentDeadline?: string;
  /** How to pay (bank account etc.): free text, may be multi-line. */
  paymentInstructions?: string;
  /** The booking's lines (booking_statement); shown as a table of at most 200 rows. */
  lines?: MailBookingLine[];

  // ---- price adjustments (price_*) ----
  /** The price adjustment's code, e.g. `TJ000007`. */
  adjustmentCode?: string;
  /** price_superseded: the code of the later adjustment that replaces this one (absent: withdrawn). */
  supersededBy?: string;
  /** The receiving stores' names; the first 20 are listed, then how many more. */
  storeNames?: string[];
  /** The day the new price takes effect, a calendar date `YYYY-MM-DD` (shown as 2027年3月10日 / 10 Mar 2027). */
  effectiveDate?: string;
  /** The day the goods are expected in the stores, `YYYY-MM-DD`. */
  arrivalDate?: string;
  /** price_notice: true marks the subject 【加急】 / [Urgent] and asks for a prompt acknowledgement. */
  urgent?: boolean;
  /** The adjusted SKUs (price_notice); shown as a table of at most 200 rows with the change in percent. */
  priceLines?: MailPriceLine[];

  // ---- reports (daily_digest, weekly_summary) ----
  /** The business day the digest or summary is for, `YYYY-MM-DD`. */
  reportDate?: string;
  /** The summary's period, calendar dates `YYYY-MM-DD` (inclusive). */
  periodFrom?: string;
  periodTo?: string;
  /** Overdue tasks of the recipient and of their team (daily_digest). */
  ownOverdue?: number;
  teamOverdue?: number;
  /** The overdue tasks listed (daily_digest); shown as a table of at most 200 rows. */
  digestTasks?: MailDigestTask[];
  /** Per process type (weekly_summary). */
  summaryRows?: MailSummaryRow[];
  /** Department figures (weekly_summary): now, or in the period (escalations, lateApprovals). */
  openTasks?: number;
  overdueTasks?: number;
  escalations?: number;
  delayedShipments?: number;
  lateApprovals?: number;
  pendingReturns?: number;
  defectiveQty?: number;
}

export interface MailRecipient {
  email: string;
  name?: string;
  locale?: MailLocale;
}

export interface MailInput {
  /** Same key, same mail: a retried activity never sends twice (e.g. `<workflowId>:<taskId>:reminder:P1D`). */
  idempotencyKey: string;
  /** A user: their e-mail, locale and name. An unknown or inactive user is 'no_address'. */
  toUserId?: string;
  /** An address outside the user table (e.g. a franchisee's). Ignored when toUserId is given. */
  to?: MailRecipient;
  template: MailTemplateName;
  params: MailParams;
  workflowId?: string;
}

/** 'rejected': the SMTP server refused it permanently (5xx); recorded as failed, not retried. */
export type MailSendStatus = 'sent' | 'captured' | 'already_sent' | 'no_address' | 'rejected';

export interface MailSendResult {
  status: MailSendStatus;
  /** The Message-ID header (derived from the idempotency key, so the same on every attempt). */
  messageId: string;
}
