// Price adjustment (调价, docs/domain.md process 4): the deadlines the seed sets — approval at least
// `leadDays` before the allocation date, finance and the stores told before the goods arrive —
// and the stock-age markdown rule that suggests a price. Pure functions; integer fen.
import { DateTime } from 'luxon';
import type { Actor } from './approval';

export type PriceAdjustmentStatus = 'pending_approval' | 'approved' | 'effective' | 'rejected' | 'superseded' | 'withdrawn';
/** Not yet effective: a later adjustment of the same SKU and store must supersede it explicitly. */
export const PENDING_PRICE_STATUSES: readonly PriceAdjustmentStatus[] = ['pending_approval', 'approved'];

/** Stock age (库龄) in whole days on `today` (a day in the business zone) of stock received on `receivedOn` (yyyy-MM-dd). */
export function ageDays(receivedOn: string, today: DateTime): number {
  return Math.max(0, Math.floor(today.diff(DateTime.fromISO(receivedOn, { zone: today.zone }), 'days').days));
}

export function adjustmentCode(seq: number): string {
  return `PA${String(seq).padStart(6, '0')}`;
}

export function priceWorkflowId(adjustmentId: string): string {
  return `price-${adjustmentId}`;
}

export interface PriceDeadlines {
  /** End of the day `leadDays` before the allocation date. */
  approvalDueAt: string;
  /** Start of the arrival date: finance and the stores must know by then. */
  notifyBy: string;
  /** Start of the effective date: the new price applies from then. */
  effectiveAt: string;
}

/** The deadlines of an adjustment, in the business zone. Dates are YYYY-MM-DD. */
export function priceDeadlines(
  d: { allocationDate: string; arrivalDate: string; effectiveDate: string },
  leadDays: number,
  zone: string,
): PriceDeadlines {
  const day = (s: string) => DateTime.fromISO(s, { zone }).startOf('day');
  return {
    approvalDueAt: day(d.allocationDate).minus({ days: leadDays }).endOf('day').toUTC().toISO()!,
    notifyBy: day(d.arrivalDate).toUTC().toISO()!,
    effectiveAt: day(d.effectiveDate).toUTC().toISO()!,
  };
}

/** Whether a proposal made `now` can still meet its deadlines: 'ok', only if urgent, or never. */
export function timeliness(nowMs: number, dl: PriceDeadlines): 'ok' | 'urgent_only' | 'too_late' {
  if (nowMs >= Date.parse(dl.notifyBy)) return 'too_late';
  if (nowMs > Date.parse(dl.approvalDueAt)) return 'urgent_only';
  return 'ok';
}

export interface MarkdownBand {
  minAgeDays: number;
  discountBp: number;
}

/** The discount of the highest band the stock age has reached (0 below the first). */
export function markdownFor(ageDays: number, rule: MarkdownBand[]): number {
  return rule
    .filter((b) => ageDays >= b.minAgeDays)
    .reduce((best, b) => (b.minAgeDays >= best.minAgeDays ? b : best), { minAgeDays: -1, discountBp: 0 }).discountBp;
}

/** Retail × (1 − discount), rounded half up to the whole yuan (prices end in .00). */
export function suggestedPriceFen(retailFen: number, discountBp: number): number {
  // retail × (10000 − bp) is in 1/10000 fen; one yuan is 100 fen = 1,000,000 of those.
  const scaled = BigInt(retailFen) * BigInt(10_000 - discountBp);
  const yuan = (scaled + 500_000n) / 1_000_000n;
  return Number(yuan * 100n);
}

/** Sell-through in basis points: sold / (sold + on hand). */
export function sellThroughBp(soldQty: number, onHand: number): number | null {
  const total = soldQty + onHand;
  return total > 0 ? Math.floor((soldQty * 10_000) / total) : null;
}

export interface PriceLine {
  sku: string;
  oldPriceFen: number;
  newPriceFen: number;
}

export interface PriceAdjustmentInput {
  adjustmentId: string;
  code: string;
  title: string;
  submitterId: string;
  urgent: boolean;
  reason: string;
  lines: (PriceLine & { name: string })[];
  storeIds: string[];
  storeNames: string[];
  allocationDate: string;
  arrivalDate: string;
  effectiveDate: string;
  deadlines: PriceDeadlines;
}

export interface SupersedeInput {
  actor: Actor;
  byAdjustmentId: string;
  byCode: string;
}

/** regular: an adjustment, in force until the next one; clearance (清货): in force for its period only. */
export type PriceChangeKind = 'regular' | 'clearance';

/** A row of the price history as the price in force is computed from it. */
export interface PriceHistoryRow {
  priceFen: number;
  kind: string;
  effectiveAt: Date;
  /** A clearance's end, exclusive; null for a regular change. */
  endsAt: Date | null;
  createdAt: Date;
  note?: string | null;
}

export interface PriceInForce {
  priceFen: number;
  /** When the price in force took effect; null for the product's retail price. */
  since: Date | null;
  /** The price without any clearance: the latest regular change by then, else retail. */
  regularFen: number;
  regularSince: Date | null;
  /** The clearance in force, if one is. */
  clearance: { priceFen: number; since: Date; endsAt: Date; note: string | null } | null;
}

const later = (a: PriceHistoryRow, b: PriceHistoryRow) =>
  a.effectiveAt.getTime() - b.effectiveAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime();

/**
 * The price of one SKU in one store at `at`, from its history: the latest clearance whose period
 * holds `at` (effectiveAt ≤ at < endsAt), else the latest regular change by then, else retail.
 * So a clearance ends by itself, and a regular change inside its period applies after it.
 */
export function priceInForce(rows: readonly PriceHistoryRow[], retailFen: number, at: Date): PriceInForce {
  const t = at.getTime();
  let regular: PriceHistoryRow | undefined;
  let clearance: PriceHistoryRow | undefined;
  for (const r of rows) {
    if (r.effectiveAt.getTime() > t) continue;
    if (r.kind === 'clearance') {
      if (r.endsAt && r.endsAt.getTime() > t && (!clearance || later(r, clearance) > 0)) clearance = r;
    } else if (!regular || later(r, regular) > 0) regular = r;
  }
  const regularFen = regular?.priceFen ?? retailFen;
  const regularSince = regular?.effectiveAt ?? null;
  return clearance
    ? {
        priceFen: clearance.priceFen,
        since: clearance.effectiveAt,
        regularFen,
        regularSince,
        clearance: { priceFen: clearance.priceFen, since: clearance.effectiveAt, endsAt: clearance.endsAt!, note: clearance.note ?? null },
      }
    : { priceFen: regularFen, since: regularSince, regularFen, regularSince, clearance: null };
}
