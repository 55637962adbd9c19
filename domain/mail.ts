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
 * A year the business calendar has no official holidays for while the system's dates reach into
 * it (daily_digest to admins; lib/calendar/official.ts CalendarGap).
 */
export interface MailCalendarGap {
  year: number;
  /** Days until the year begins (0: it has begun). */
  daysUntil?: number;
  /** Open tasks due in that year or later. */
  openTasks?: number;
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
 * Which fields each template reads: MailParamsByTemplate below.
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
  /** Years without official holidays that the system's dates reach into (daily_digest, to admins). */
  calendarGaps?: MailCalendarGap[];
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

/** The fields of MailParams one mail reads, plus the greeting's name and the action link every mail has. */
type MailParamsWith<K extends keyof MailParams> = Pick<MailParams, K | 'recipientName' | 'link'>;

/** task_assigned: a new task for the recipient. */
export type TaskAssignedParams = MailParamsWith<'processTitle' | 'taskTitle' | 'dueAt' | 'submitterName'>;
/** task_reminder: the recipient's task is due in `lead`. */
export type TaskReminderParams = MailParamsWith<'processTitle' | 'taskTitle' | 'dueAt' | 'lead'>;
/** task_overdue: someone's task is overdue and escalated to the recipient. */
export type TaskOverdueParams = MailParamsWith<'processTitle' | 'taskTitle' | 'dueAt' | 'assigneeName' | 'level'>;
/** task_reassigned: a task was handed to the recipient (reason: a ReassignReason; toName is not shown). */
export type TaskReassignedParams = MailParamsWith<'processTitle' | 'taskTitle' | 'dueAt' | 'fromName' | 'toName' | 'reason' | 'comment'>;
/** task_urged: the submitter urges the recipient to act (comment: their message). */
export type TaskUrgedParams = MailParamsWith<'processTitle' | 'taskTitle' | 'dueAt' | 'submitterName' | 'comment'>;
/** task_sent_back: the recipient's submission was sent back to them at step taskTitle. */
export type TaskSentBackParams = MailParamsWith<'processTitle' | 'taskTitle' | 'byName' | 'comment'>;
/** process_result: the submitter's process ended (reason: the rejection reason). */
export type ProcessResultParams = MailParamsWith<'processTitle' | 'result' | 'reason' | 'byName' | 'comment'>;
/** process_cc: a process the recipient is copied on ended (reason: the rejection reason). */
export type ProcessCcParams = MailParamsWith<'processTitle' | 'result' | 'reason' | 'submitterName' | 'byName'>;
/** booking_statement: the franchisee's order was recorded; pay the prepayment. */
export type BookingStatementParams = MailParamsWith<
  'bookingCode' | 'franchiseeName' | 'seasonCode' | 'amountFen' | 'prepaymentDueFen' | 'paymentDeadline' | 'lines' | 'paymentInstructions'
>;
/** booking_reminder: the prepayment is due in `lead`. */
export type BookingReminderParams = MailParamsWith<
  | 'bookingCode'
  | 'franchiseeName'
  | 'seasonCode'
  | 'prepaymentDueFen'
  | 'paidFen'
  | 'outstandingFen'
  | 'paymentDeadline'
  | 'lead'
  | 'paymentInstructions'
>;
/** booking_extended: the payment deadline moved (paymentDeadline: the new one; comment: the extension's note). */
export type BookingExtendedParams = MailParamsWith<
  'bookingCode' | 'franchiseeName' | 'seasonCode' | 'outstandingFen' | 'paymentDeadline' | 'comment' | 'paymentInstructions'
>;
/** booking_confirmed: the prepayment arrived in full. */
export type BookingConfirmedParams = MailParamsWith<
  'bookingCode' | 'franchiseeName' | 'seasonCode' | 'amountFen' | 'prepaymentDueFen' | 'paidFen'
>;
/** booking_cancelled: result 'rejected' means not approved, anything else cancelled; paidFen above 0 adds the refund. */
export type BookingCancelledParams = MailParamsWith<
  'bookingCode' | 'franchiseeName' | 'seasonCode' | 'amountFen' | 'paidFen' | 'reason' | 'result'
>;
/**
 * price_notice: an approved price adjustment to acknowledge (dueAt: acknowledge by; reason: why
 * the price changes; link: the acknowledgement task).
 */
export type PriceNoticeParams = MailParamsWith<
  'adjustmentCode' | 'storeNames' | 'effectiveDate' | 'arrivalDate' | 'dueAt' | 'reason' | 'urgent' | 'priceLines' | 'comment'
>;
/** price_superseded: a notified adjustment is void (effectiveDate: the one now void; reason: why superseded or withdrawn). */
export type PriceSupersededParams = MailParamsWith<
  'adjustmentCode' | 'supersededBy' | 'effectiveDate' | 'storeNames' | 'reason' | 'comment'
>;
/** daily_digest: overdue tasks of the recipient and their team (link: the overdue inbox; each row has its own). */
export type DailyDigestParams = MailParamsWith<'reportDate' | 'ownOverdue' | 'teamOverdue' | 'digestTasks' | 'calendarGaps'>;
/** weekly_summary: the department's week (link: the dashboard; reportDate is not shown). */
export type WeeklySummaryParams = MailParamsWith<
  | 'reportDate'
  | 'periodFrom'
  | 'periodTo'
  | 'summaryRows'
  | 'openTasks'
  | 'overdueTasks'
  | 'escalations'
  | 'delayedShipments'
  | 'lateApprovals'
  | 'pendingReturns'
  | 'defectiveQty'
>;

/** Each mail's parameters: a template reads these fields of MailParams and no others. */
export interface MailParamsByTemplate {
  task_assigned: TaskAssignedParams;
  task_reminder: TaskReminderParams;
  task_overdue: TaskOverdueParams;
  task_reassigned: TaskReassignedParams;
  task_urged: TaskUrgedParams;
  task_sent_back: TaskSentBackParams;
  process_result: ProcessResultParams;
  process_cc: ProcessCcParams;
  booking_statement: BookingStatementParams;
  booking_reminder: BookingReminderParams;
  booking_extended: BookingExtendedParams;
  booking_confirmed: BookingConfirmedParams;
  booking_cancelled: BookingCancelledParams;
  price_notice: PriceNoticeParams;
  price_superseded: PriceSupersededParams;
  daily_digest: DailyDigestParams;
  weekly_summary: WeeklySummaryParams;
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
