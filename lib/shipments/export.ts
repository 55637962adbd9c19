// Files of shipment tracking: the order balance of a season (期货订、发、欠; GET
// /api/reports/order-balance?format=csv|xlsx) as CSV or Excel, and head office's shipping list
// (long layout) that parseShippingList reads back, offered as a template.
import { csvBuffer, csvText, newWorkbook, sheetName, xlsxBuffer } from '../files/write';
import { SHIPPING_LIST_COLUMNS } from './import';

// ---- the order balance -----------------------------------------------------------------------

/** The quantities of a franchisee's SKU, or of the whole report. owedQty = ordered − shipped, ≥ 0. */
export interface OrderBalanceTotals {
  orderedQty: number;
  shippedQty: number;
  owedQty: number;
  receivedQty: number;
}

export interface OrderBalanceRow extends OrderBalanceTotals {
  franchiseeId: string;
  franchiseeName: string;
  sku: string;
  productName: string;
}

/** GET /api/reports/order-balance?season= */
export interface OrderBalanceReport {
  season: string;
  rows: OrderBalanceRow[];
  totals: OrderBalanceTotals;
}

export const ORDER_BALANCE_COLUMNS = ['加盟商编号', '加盟商', '款号', '品名', '订货数', '已发数', '欠发数', '已到货数'] as const;

const QUANTITIES = ['orderedQty', 'shippedQty', 'owedQty', 'receivedQty'] as const;

/** One row per franchisee and SKU as the report gives them, then the 合计 row (the report's totals). */
function balanceRows(
  report: OrderBalanceReport,
): { total: boolean; text: [string, string, string, string]; figures: OrderBalanceTotals }[] {
  return [
    ...report.rows.map((r) => ({
      total: false,
      text: [r.franchiseeId, r.franchiseeName, r.sku, r.productName ?? ''] as [string, string, string, string],
      figures: r,
    })),
    { total: true, text: ['合计', '', '', ''], figures: report.totals },
  ];
}

/** UTF-8 with a BOM (Excel opens it with the Chinese intact), CRLF; text cells guarded against formulas. */
export function orderBalanceCsv(report: OrderBalanceReport): Buffer {
  return csvBuffer([
    ORDER_BALANCE_COLUMNS,
    ...balanceRows(report).map(({ text, figures }) => [...text.map(csvText), ...QUANTITIES.map((k) => String(figures[k]))]),
  ]);
}

/**
 * A worksheet named after the season (e.g. 2027SS期货订发欠): a bold, frozen header row, ids and
 * SKUs as text, quantities as numbers ('#,##0'), the 合计 row in bold.
 */
export async function orderBalanceXlsx(report: OrderBalanceReport): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(sheetName(`${report.season}期货订发欠`, '期货订发欠'));
  const text = { numFmt: '@' };
  ws.columns = [
    { key: 'franchiseeId', width: 12, style: text },
    { key: 'franchiseeName', width: 22, style: text },
    { key: 'sku', width: 16, style: text },
    { key: 'productName', width: 22, style: text },
    ...QUANTITIES.map((key) => ({ key, width: 11, style: { numFmt: '#,##0' } })),
  ];
  ws.addRow([...ORDER_BALANCE_COLUMNS]).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const { total, text: cells, figures } of balanceRows(report)) {
    const row = ws.addRow([...cells.map((c) => c || null), ...QUANTITIES.map((k) => figures[k])]);
    if (total) row.font = { bold: true };
  }
  return xlsxBuffer(wb);
}

// ---- the shipping list -----------------------------------------------------------------------

/** A shipment to write (a ShippingListShipment as parseShippingList gives it will do). */
export interface ShippingListInput {
  externalRef: string;
  /** Written as given: 'YYYY-MM-DD' or an ISO instant. */
  expectedArrival: string;
  bookingCode?: string | null;
  carrier?: string | null;
  trackingNo?: string | null;
  lines: readonly { sku: string; size: string; qty: number }[];
}

const SHIPPING_HEADER = SHIPPING_LIST_COLUMNS.map((c) => c.zh);

/**
 * The long layout (发货单号, 款号, 尺码, 数量, 预计到货, 订单号, 承运商, 运单号), one row per line,
 * UTF-8 with a BOM; parseShippingList reads it back. Values are written unchanged (no formula
 * guard: they must import back as they are). No shipments: the header alone, as a template.
 */
export function shippingListCsv(shipments: readonly ShippingListInput[]): Buffer {
  return csvBuffer([
    SHIPPING_HEADER,
    ...shipments.flatMap((s) =>
      s.lines.map((l) => [
        s.externalRef,
        l.sku,
        l.size,
        String(l.qty),
        s.expectedArrival,
        s.bookingCode ?? '',
        s.carrier ?? '',
        s.trackingNo ?? '',
      ]),
    ),
  ]);
}
