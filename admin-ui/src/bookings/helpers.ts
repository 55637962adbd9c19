import { DEFAULT_PREPAYMENT_BP, type QuotaCheck } from './types';

/** Today's date (YYYY-MM-DD) in a time zone, e.g. the business zone. */
export const todayIn = (tz: string, now = new Date()): string => {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
};

/**
 * The prepayment of an amount at a share in basis points, rounded to the fen (integer
 * arithmetic; an estimate: the server computes it with the franchisee's terms).
 */
export const prepaymentOf = (amountFen: number, shareBp: number | null | undefined = DEFAULT_PREPAYMENT_BP): number =>
  Math.round((amountFen * (shareBp ?? DEFAULT_PREPAYMENT_BP)) / 10_000);

/** Form values of a booking line. */
export interface LineFormValue {
  sku?: string | null;
  size?: string | null;
  qty?: number | string | null;
}

export interface BookingFormValues {
  franchiseeId?: string;
  season?: string;
  note?: string;
  lines?: LineFormValue[];
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Form values → POST /api/bookings. */
export const toCreateBody = (data: BookingFormValues) => ({
  franchiseeId: data.franchiseeId,
  season: data.season,
  lines: (data.lines ?? []).map((l) => ({
    sku: String(l.sku ?? '').trim(),
    size: String(l.size ?? '').trim(),
    qty: blank(l.qty) ? null : Number(l.qty),
  })),
  ...(data.note?.trim() ? { note: data.note.trim() } : {}),
});

export const validQty = (value: unknown) => {
  if (blank(value)) return 'ra.validation.required';
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? undefined : 'app.booking.validation.qty';
};

/**
 * How an order compares to the franchisee's season quota, the rule the server applies
 * (quotaCheck in domain/bookings.ts): within = quota × (1 − tolerance) ≤ amount ≤ quota; below,
 * above or without a quota the manager reviews it before the order statement is sent.
 * Integers only (BigInt), as on the server.
 */
export const quotaCheckOf = (amountFen: number, quotaFen: number | null | undefined, toleranceBp: number): QuotaCheck => {
  if (quotaFen === null || quotaFen === undefined || !Number.isFinite(quotaFen) || quotaFen <= 0) return 'no_quota';
  const amount = BigInt(Math.round(amountFen));
  const quota = BigInt(Math.round(quotaFen));
  if (amount > quota) return 'above';
  const bp = BigInt(10_000);
  if (amount * bp < quota * (bp - BigInt(Math.round(toleranceBp)))) return 'below';
  return 'within';
};
