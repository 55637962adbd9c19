// Files of the order fair: the booking summary of a season (GET /api/bookings/summary/export) as
// CSV or Excel, and the order sheet (long layout) that parseOrderSheet reads back, offered as a
// template. Amounts in yuan from integer fen, by integer arithmetic.
import { fenToYuan } from '../files/money';
import { csvBuffer, csvText, newWorkbook, sheetName, xlsxBuffer } from '../files/write';
import { ORDER_SHEET_COLUMNS } from './import';

// ---- the summary -----------------------------------------------------------------------------

/** The figures of a franchisee, a region, or the whole season (GET /api/bookings/summary). */
export interface SummaryFigures {
  /** null (or absent from the sum) without a quota. */
  quotaFen: number | null;
  orderedFen: number;
  /** orderedFen * 10000 / quotaFen; null without a quota. */
  quotaUsedBp: number | null;
  prepaymentDueFen: number;
  receivedFen: number;
  outstandingFen: number;
  /** Active bookings. */
  bookings: number;
  confirmed: number;
  overdue: number;
}

export interface SummaryFranchisee extends SummaryFigures {
  franchiseeId: string;
  franchiseeName: string;
}

export interface SummaryRegion extends SummaryFigures {
  regionId: string | null;
  regionName: string | null;
  franchisees: SummaryFranchisee[];
}

export interface BookingSummary {
  season: string;
  totals: SummaryFigures;
  regions: SummaryRegion[];
}

export const SUMMARY_COLUMNS = [
  '片区',
  '加盟商编号',
  '加盟商',
  '订货指标(元)',
  '已订货(元)',
  '指标完成率',
  '应付预付款(元)',
  '已收预付款(元)',
  '未收(元)',
  '订单数',
  '已确认',
  '逾期',
] as const;

interface SummaryRow {
  kind: 'franchisee' | 'region' | 'total';
  region: string;
  franchiseeId: string;
  franchiseeName: string;
  figures: SummaryFigures;
}

const regionLabel = (r: SummaryRegion) => r.regionName || r.regionId || '未分片区';

/** One row per franchisee, a 片区小计 row after each region's, and the 合计 row last. */
function summaryRows(summary: BookingSummary): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const r of summary.regions) {
    const region = regionLabel(r);
    for (const f of r.franchisees)
      rows.push({ kind: 'franchisee', region, franchiseeId: f.franchiseeId, franchiseeName: f.franchiseeName, figures: f });
    rows.push({ kind: 'region', region, franchiseeId: '', franchiseeName: '片区小计', figures: r });
  }
  rows.push({ kind: 'total', region: '合计', franchiseeId: '', franchiseeName: '', figures: summary.totals });
  return rows;
}

/** 8750 bp → '87.5%' (one decimal, half up); '' without a quota. */
export function quotaRate(bp: number | null): string {
  if (bp === null || !Number.isFinite(bp)) return '';
  const tenths = Math.round(bp / 10);
  return `${Math.trunc(tenths / 10)}.${Math.abs(tenths % 10)}%`;
}

const AMOUNTS = ['quotaFen', 'orderedFen', 'prepaymentDueFen', 'receivedFen', 'outstandingFen'] as const;

/** UTF-8 with a BOM (Excel opens it with the Chinese intact), CRLF; amounts as 1234.50. */
export function bookingSummaryCsv(summary: BookingSummary): Buffer {
  const yuan = (fen: number | null) => (fen === null ? '' : fenToYuan(fen));
  return csvBuffer([
    SUMMARY_COLUMNS,
    ...summaryRows(summary).map(({ region, franchiseeId, franchiseeName, figures: f }) => [
      csvText(region),
      csvText(franchiseeId),
      csvText(franchiseeName),
      yuan(f.quotaFen),
      yuan(f.orderedFen),
      quotaRate(f.quotaUsedBp),
      yuan(f.prepaymentDueFen),
      yuan(f.receivedFen),
      yuan(f.outstandingFen),
      String(f.bookings),
      String(f.confirmed),
      String(f.overdue),
    ]),
  ]);
}

/**
 * A worksheet named after the season (e.g. 2027SS订货汇总): a bold header row, amounts as numbers
 * in yuan ('#,##0.00'), the rate as a number formatted '0.0%', subtotal and total rows in bold.
 */
export async function bookingSummaryXlsx(summary: BookingSummary): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(sheetName(`${summary.season}订货汇总`, '订货汇总'));
  const money = { numFmt: '#,##0.00' };
  ws.columns = [
    { key: 'region', width: 12 },
    { key: 'franchiseeId', width: 12 },
    { key: 'franchiseeName', width: 22 },
    ...AMOUNTS.slice(0, 2).map((key) => ({ key, width: 16, style: money })),
    { key: 'rate', width: 11, style: { numFmt: '0.0%' } },
    ...AMOUNTS.slice(2).map((key) => ({ key, width: 16, style: money })),
    { key: 'bookings', width: 8 },
    { key: 'confirmed', width: 8 },
    { key: 'overdue', width: 8 },
  ];
  ws.addRow([...SUMMARY_COLUMNS]).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  // The yuan value is parsed from its exact decimal text (exact as a number below 10^13 yuan).
  const yuan = (fen: number | null) => (fen === null ? null : Number(fenToYuan(fen)));
  for (const { kind, region, franchiseeId, franchiseeName, figures: f } of summaryRows(summary)) {
    const row = ws.addRow({
      region,
      franchiseeId,
      franchiseeName,
      ...Object.fromEntries(AMOUNTS.map((k) => [k, yuan(f[k])])),
      rate: f.quotaUsedBp === null ? null : f.quotaUsedBp / 10_000,
      bookings: f.bookings,
      confirmed: f.confirmed,
      overdue: f.overdue,
    });
    if (kind !== 'franchisee') row.font = { bold: true };
  }
  return xlsxBuffer(wb);
}

// ---- the order sheet -------------------------------------------------------------------------

export interface OrderSheetRow {
  franchiseeId: string;
  sku: string;
  size: string;
  qty: number;
}

const ORDER_HEADER = ORDER_SHEET_COLUMNS.map((c) => c.zh);

/** The long layout (加盟商, 款号, 尺码, 数量), UTF-8 with a BOM; parseOrderSheet reads it back. */
export function orderSheetCsv(lines: readonly OrderSheetRow[]): Buffer {
  return csvBuffer([ORDER_HEADER, ...lines.map((l) => [l.franchiseeId, l.sku, l.size, String(l.qty)])]);
}

/** The long layout as .xlsx: ids and sizes as text (28 stays "28"), quantities as numbers. */
export async function orderSheetXlsx(lines: readonly OrderSheetRow[], title = '订货单'): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(sheetName(title, '订货单'));
  ws.columns = [
    { key: 'franchiseeId', width: 12, style: { numFmt: '@' } },
    { key: 'sku', width: 16, style: { numFmt: '@' } },
    { key: 'size', width: 10, style: { numFmt: '@' } },
    { key: 'qty', width: 10 },
  ];
  ws.addRow(ORDER_HEADER).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const l of lines) ws.addRow({ franchiseeId: l.franchiseeId, sku: l.sku, size: l.size, qty: l.qty });
  return xlsxBuffer(wb);
}
