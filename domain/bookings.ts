// Order-fair booking (订货会期货订单与预付款, docs/domain.md process 2): the rules of a futures
// order's amount, its prepayment, its payment deadline and how it compares to the quota.
// Pure functions (the workflow imports this file too): money in integer fen, computed in
// BigInt so no amount is ever rounded by floating point; time through luxon in a given zone.
import { DateTime, Duration } from 'luxon';
import type { Actor } from './approval';

export type BookingStatus = 'awaiting_approval' | 'awaiting_payment' | 'overdue' | 'confirmed' | 'cancelled' | 'rejected';
/** Statuses whose booking holds quota and may still be paid. */
export const OPEN_STATUSES: readonly BookingStatus[] = ['awaiting_approval', 'awaiting_payment', 'overdue'];
/** Statuses of a booking that counts against the quota (a cancelled one releases it). */
export const ACTIVE_STATUSES: readonly BookingStatus[] = [...OPEN_STATUSES, 'confirmed'];

/** within: quota × (1 − tolerance) ≤ amount ≤ quota. Anything else goes to the manager. */
export type QuotaCheck = 'within' | 'below' | 'above' | 'no_quota';

export const BP = 10_000n;

/** `BK000012`: what a franchisee writes in the transfer remark. */
export function bookingCode(seq: number): string {
  return `BK${String(seq).padStart(6, '0')}`;
}

export function bookingWorkflowId(bookingId: string): string {
  return `booking-${bookingId}`;
}

/** A share such as 0.3 in basis points (3000), rounded to the nearest basis point. */
export function shareToBp(share: number): number {
  return Math.round(share * 10_000);
}

export interface PricedLine {
  qty: number;
  unitPriceFen: number;
}

/** Line amount: quantity × unit price, exact. */
export function lineAmountFen(line: PricedLine): bigint {
  return BigInt(line.qty) * BigInt(line.unitPriceFen);
}

export function orderTotals(lines: PricedLine[]): { amountFen: bigint; totalQty: number } {
  return {
    amountFen: lines.reduce((s, l) => s + lineAmountFen(l), 0n),
    totalQty: lines.reduce((s, l) => s + l.qty, 0),
  };
}

/**
 * The prepayment due (预付金额): amount × share, **rounded half up to the whole fen**
 * (四舍五入到分): 5 fen at 30% is 1.5 → 2 fen, 1 fen at 30% is 0.3 → 0 fen. Exact in BigInt
 * for any amount.
 */
export function prepaymentDueFen(amountFen: bigint, shareBp: number): bigint {
  if (amountFen < 0n) throw new RangeError('amount must not be negative');
  if (!Number.isInteger(shareBp) || shareBp < 0 || shareBp > 10_000) throw new RangeError('share must be 0..10000 basis points');
  return (amountFen * BigInt(shareBp) * 2n + BP) / (2n * BP);
}

/** How an order compares to the season quota; toleranceBp is booking.quotaTolerance in basis points. */
export function quotaCheck(amountFen: bigint, quotaFen: bigint | null, toleranceBp: number): QuotaCheck {
  if (quotaFen === null || quotaFen <= 0n) return 'no_quota';
  if (amountFen > quotaFen) return 'above';
  // amount < quota × (1 − tol), compared without division.
  if (amountFen * BP < quotaFen * (BP - BigInt(toleranceBp))) return 'below';
  return 'within';
}

/**
 * The payment deadline: `window` after `from`. A whole-day window (P7D) ends at the end of
 * that calendar day in the business zone, so "7 days" means "by the end of the 7th day";
 * a window with a time part (PT30S, in tests) is exact. Calendar days: banks take transfers
 * on holidays too.
 */
export function paymentDeadline(fromIso: string, window: string, zone: string): string {
  const from = DateTime.fromISO(fromIso, { zone });
  const d = Duration.fromISO(window);
  if (!from.isValid || !d.isValid) throw new RangeError(`invalid deadline input ${fromIso} + ${window}`);
  const o = d.shiftTo('days', 'hours', 'minutes', 'seconds', 'milliseconds').toObject();
  const wholeDays = !o.hours && !o.minutes && !o.seconds && !o.milliseconds;
  const at = from.plus(d);
  return (wholeDays ? at.endOf('day') : at).toUTC().toISO()!;
}

/**
 * Whether a payment's date (YYYY-MM-DD, the day the franchisee paid) lies after today in the
 * business zone at `nowMs`: a payment cannot have been made tomorrow. The API and the workflow's
 * Update validator refuse such a payment (payment_date_in_future).
 */
export function paidOnInFuture(paidOn: string, nowMs: number, zone: string): boolean {
  const today = DateTime.fromMillis(nowMs, { zone }).toISODate();
  return today !== null && paidOn > today;
}

/**
 * What the booking workflow is given: the API prices the order; the workflow sets the payment
 * deadline from its own clock when it sends the franchisee the order statement (订货确认单):
 * the payment window runs from then, not from entry (patch 'booking-deadline-from-statement').
 */
export interface OrderBookingInput {
  bookingId: string;
  code: string;
  title: string;
  submitterId: string;
  seasonCode: string;
  franchiseeId: string;
  franchiseeName: string;
  amountFen: number;
  prepaymentDueFen: number;
  quotaCheck: QuotaCheck;
  quotaFen: number | null;
  /**
   * The franchisee's payment window (its own, or the setting's when it has none), counted from
   * the moment the order statement is sent. reminderLeadTimes: only in inputs of runs started before the
   * workflow read its settings at start (booking.reminderLeadTimes, see ProcessSettings).
   */
  terms: { paymentWindow: string; reminderLeadTimes?: string[] };
}

export interface RecordPaymentInput {
  actor: Actor;
  amountFen: number;
  reference: string;
  paidOn?: string | null;
  note?: string | null;
}

export interface CancelBookingInput {
  actor: Actor;
  reason: string;
}

export interface BookingStateView {
  bookingId: string;
  status: BookingStatus;
  amountFen: number;
  prepaymentDueFen: number;
  paidFen: number;
  /** '' until the order statement is sent (runs on the patch 'booking-deadline-from-statement'). */
  paymentDeadline: string;
  references: string[];
}
