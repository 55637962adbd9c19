import { API_URL, httpClient } from '../httpClient';
import { zonedToIso } from '../shipments/helpers';
import type { PriceContext, StorePrice } from './types';

/** The price endpoints beyond CRUD (list, show and create go through the dataProvider as `price-adjustments`). */

/** GET /api/price-adjustments/context: the grounds of a proposal for a SKU and the receiving stores. */
export const getPriceContext = async (sku: string, storeIds: string[]): Promise<PriceContext> => {
  const params = new URLSearchParams({ sku });
  if (storeIds.length) params.set('storeIds', storeIds.join(','));
  const { json } = await httpClient(`${API_URL}/price-adjustments/context?${params}`);
  return json as PriceContext;
};

/** GET /api/prices: the current price and its history per SKU and store (a store manager: their store). */
export const getPrices = async (sku?: string, storeId?: string): Promise<StorePrice[]> => {
  const params = new URLSearchParams();
  if (sku) params.set('sku', sku);
  if (storeId) params.set('storeId', storeId);
  const qs = params.toString();
  const { json } = await httpClient(`${API_URL}/prices${qs ? `?${qs}` : ''}`);
  return (Array.isArray(json) ? json : []) as StorePrice[];
};

// ---- dates and deadlines (the rules of domain/prices.ts, for the form's preview) ----------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD date plus (or minus) whole days. */
export const addDays = (date: string, days: number): string => {
  const m = DATE.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
};

export const isDate = (value: unknown): value is string => typeof value === 'string' && DATE.test(value);

export interface PriceDeadlines {
  /** End of the day `leadDays` before the allocation date. */
  approvalDueAt: string;
  /** Start of the arrival date: finance and the stores must know by then. */
  notifyBy: string;
  /** Start of the effective date. */
  effectiveAt: string;
}

/** The deadlines the server will set (approval by the end of allocation − lead days; notices by arrival). */
export const priceDeadlines = (
  d: { allocationDate: string; arrivalDate: string; effectiveDate: string },
  leadDays: number,
  tz: string,
): PriceDeadlines | undefined => {
  const endOfDay = zonedToIso(`${addDays(d.allocationDate, -leadDays)}T23:59:59`, tz);
  const notifyBy = zonedToIso(`${d.arrivalDate}T00:00:00`, tz);
  const effectiveAt = zonedToIso(`${d.effectiveDate}T00:00:00`, tz);
  if (!endOfDay || !notifyBy || !effectiveAt) return undefined;
  return { approvalDueAt: new Date(Date.parse(endOfDay) + 999).toISOString(), notifyBy, effectiveAt };
};

/** Whether a proposal made now meets its deadlines: 'ok', only if urgent, or never. */
export const timeliness = (nowMs: number, dl: PriceDeadlines): 'ok' | 'urgent_only' | 'too_late' => {
  if (nowMs >= Date.parse(dl.notifyBy)) return 'too_late';
  if (nowMs > Date.parse(dl.approvalDueAt)) return 'urgent_only';
  return 'ok';
};

/** Integer fen as the yuan an input shows: 13900 → "139.00" (string arithmetic, no floats). */
export const fenToYuanInput = (fen: number): string => `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;

/** The change from old to new in basis points (−3015 = −30.15 %), or null without an old price. */
export const changeBp = (oldFen: number | null | undefined, newFen: number | null | undefined): number | null =>
  oldFen && newFen !== null && newFen !== undefined ? Math.round(((newFen - oldFen) * 10_000) / oldFen) : null;
