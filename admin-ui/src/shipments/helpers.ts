import type { ReceiptBodyLine } from './api';
import type { ShipmentLine } from './types';

// ---- time in the business zone ------------------------------------------------------------------

const partsIn = (tz: string, date: Date): Record<string, number> => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const out: Record<string, number> = {};
  for (const p of parts) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
};

/** Minutes the zone is ahead of UTC at an instant (Asia/Shanghai: 480). */
const offsetMinutes = (tz: string, ms: number): number => {
  try {
    const p = partsIn(tz, new Date(ms));
    const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
    return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  } catch {
    return -new Date(ms).getTimezoneOffset();
  }
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Now as a datetime-local value (YYYY-MM-DDTHH:mm) in a zone. */
export const nowLocalIn = (tz: string, now = new Date()): string => {
  try {
    const p = partsIn(tz, now);
    return `${p.year}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour! % 24)}:${pad(p.minute!)}`;
  } catch {
    return now.toISOString().slice(0, 16);
  }
};

/** Today (YYYY-MM-DD) in a zone. */
export const todayIn = (tz: string, now = new Date()): string => nowLocalIn(tz, now).slice(0, 10);

/**
 * A wall-clock time typed in a datetime-local input (YYYY-MM-DDTHH:mm), read in the business
 * zone, as an ISO instant; undefined when it is not one.
 */
export const zonedToIso = (local: string, tz: string): string | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (Number.isNaN(wall)) return undefined;
  // The offset at the guessed instant, then once more at the corrected one (a DST edge).
  let ms = wall - offsetMinutes(tz, wall) * 60_000;
  ms = wall - offsetMinutes(tz, ms) * 60_000;
  return new Date(ms).toISOString();
};

// ---- scan-in ------------------------------------------------------------------------------------

export const keyOf = (sku: string, size: string) => `${sku}\u0000${size}`;

/**
 * A scanned code as "SKU/SIZE" (also "SKU SIZE", "SKU,SIZE", "SKU|SIZE"), optionally with a count
 * ("27SS-TS-001/M*3", "…/M x3"). SKU and size are matched case-insensitively against what the
 * shipment holds; undefined when the code cannot be read.
 */
export const parseScan = (code: string): { sku: string; size: string; qty?: number } | undefined => {
  const text = code.trim();
  const m = /^(.+?)\s*[/|,，\s]\s*([^/|,，\s*]+?)(?:\s*[*×xX]\s*(\d{1,6}))?$/.exec(text);
  if (!m) return undefined;
  const sku = m[1]!.trim();
  const size = m[2]!.trim();
  if (!sku || !size) return undefined;
  return { sku, size, ...(m[3] ? { qty: Number(m[3]) } : {}) };
};

/** One scan: a count of an SKU and size, good or damaged. */
export interface Scan {
  id: number;
  sku: string;
  size: string;
  qty: number;
  damaged: boolean;
  at: number;
}

export interface TallyRow {
  sku: string;
  size: string;
  productName?: string | null;
  expected: number;
  /** Every unit scanned, damaged ones included. */
  scanned: number;
  damaged: number;
  /** scanned − expected: negative is short. */
  diff: number;
  /** Not in the shipment at all (wrong SKU or size). */
  unexpected: boolean;
}

/** Scanned against expected per SKU and size: the shipment's lines in order, then anything else scanned. */
export const tally = (lines: ShipmentLine[], scans: Scan[]): TallyRow[] => {
  const rows = new Map<string, TallyRow>();
  for (const l of lines) {
    const k = keyOf(l.sku, l.size);
    const row = rows.get(k) ?? {
      sku: l.sku,
      size: l.size,
      productName: l.productName,
      expected: 0,
      scanned: 0,
      damaged: 0,
      diff: 0,
      unexpected: false,
    };
    row.expected += l.qty;
    rows.set(k, row);
  }
  for (const s of scans) {
    const k = keyOf(s.sku, s.size);
    const row = rows.get(k) ?? { sku: s.sku, size: s.size, expected: 0, scanned: 0, damaged: 0, diff: 0, unexpected: true };
    row.scanned += s.qty;
    if (s.damaged) row.damaged += s.qty;
    rows.set(k, row);
  }
  return [...rows.values()].map((r) => ({ ...r, diff: r.scanned - r.expected }));
};

/** The receipt to send: every SKU and size of the shipment (0 when none was scanned) and anything else scanned. */
export const receiptLines = (rows: TallyRow[]): ReceiptBodyLine[] =>
  rows.filter((r) => !r.unexpected || r.scanned > 0).map((r) => ({ sku: r.sku, size: r.size, qty: r.scanned, damaged: r.damaged }));

/**
 * Matches a scanned SKU and size to the shipment's own spelling (case-insensitive), so
 * "27ss-ts-001/m" counts towards 27SS-TS-001 M.
 */
export const canonical = (lines: ShipmentLine[], sku: string, size: string): { sku: string; size: string } => {
  const hit = lines.find((l) => l.sku.toLowerCase() === sku.toLowerCase() && l.size.toLowerCase() === size.toLowerCase());
  if (hit) return { sku: hit.sku, size: hit.size };
  const skuHit = lines.find((l) => l.sku.toLowerCase() === sku.toLowerCase());
  return { sku: skuHit?.sku ?? sku.toUpperCase(), size: size.toUpperCase() };
};
