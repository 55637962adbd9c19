// Import of an order fair's order sheet (订货会订单) from a CSV or Excel (.xlsx) file, in either
// layout:
//   long: one row per franchisee, SKU and size: 加盟商, 款号, 尺码, 数量;
//   wide (尺码配比): one row per franchisee and SKU, then one column per size whose header is the
//         size itself (S, M, L, 均码, 160/84A, 28, …) holding the quantity.
// Columns are found by their header (Chinese or English), in the first rows of the sheet (a title
// row above the header is passed over). Blank or 0 quantities are skipped; other bad cells are
// row-level errors keyed `rows.<row as the user sees it>.<field>` (the header is row 1), the field
// being franchisee, sku, size, qty, or in the wide layout the size header as written. Lines are
// neither merged nor checked against master data here: the caller does that.
import {
  findHeaderRow,
  isBlankRow,
  isTableType,
  isTotalLabel,
  normalizeHeader,
  quantityCell,
  readTable,
  RowErrors,
  type TableRow,
} from '../files/read';
import { GOODS_LINE_HEADERS } from '../files/headers';

/** The columns of the long layout, in order (what orderSheetCsv / orderSheetXlsx write). */
export const ORDER_SHEET_COLUMNS = [
  { field: 'franchisee', zh: '加盟商', en: 'franchisee' },
  { field: 'sku', zh: '款号', en: 'sku' },
  { field: 'size', zh: '尺码', en: 'size' },
  { field: 'qty', zh: '数量', en: 'qty' },
] as const;

export type OrderSheetField = (typeof ORDER_SHEET_COLUMNS)[number]['field'];

/** Header spellings (after normalizeHeader) → field. */
const HEADERS: Record<string, OrderSheetField> = {
  加盟商: 'franchisee',
  加盟商编号: 'franchisee',
  加盟商代码: 'franchisee',
  客户: 'franchisee',
  客户编号: 'franchisee',
  客户代码: 'franchisee',
  franchisee: 'franchisee',
  franchiseeid: 'franchisee',
  franchisee_id: 'franchisee',
  ...GOODS_LINE_HEADERS,
  订货数量: 'qty',
  订量: 'qty',
};

/**
 * Other columns order sheets carry, ignored in both layouts (in the wide one they are not
 * sizes). Compared after normalizeHeader, without a trailing unit such as (元).
 */
const IGNORED = new Set([
  ...['品名', '名称', '商品名称', '产品名称', '款名', '款式名称', 'name', 'productname', 'description', '描述'],
  ...['单价', '价格', '批发价', '订货价', '吊牌价', '零售价', '折扣', 'price', 'unitprice', 'wholesaleprice', 'retailprice', 'discount'],
  ...['金额', '总金额', '订货金额', '金额合计', 'amount', 'totalamount'],
  ...['颜色', '色号', '颜色编号', '色系', 'color', 'colour'],
  ...['备注', '说明', 'note', 'notes', 'remark', 'remarks', 'comment'],
  ...['片区', '区域', 'region', '加盟商名称', '客户名称', 'franchiseename', 'customername'],
  ...[
    '序号',
    '行号',
    'no',
    'no.',
    '#',
    '品类',
    '类别',
    '大类',
    'category',
    '季节',
    'season',
    '波段',
    'wave',
    '系列',
    'series',
    '性别',
    '年份',
    '品牌',
    'brand',
    '面料',
    '图片',
    'image',
    'picture',
  ],
  ...['合计', '小计', '总计', '总数', '总数量', '数量合计', '合计数量', 'total', 'subtotal', 'totalqty'],
]);
const isIgnored = (header: string) => {
  const h = normalizeHeader(header);
  return IGNORED.has(h) || IGNORED.has(h.replace(/\([^()]*\)$/, ''));
};

export const MAX_ORDER_SHEET_LINES = 20_000;
export const MAX_LINE_QTY = 100_000;

/** A line read from a sheet, with the row it came from. Cells are trimmed, not otherwise changed. */
export interface OrderSheetLine {
  row: number;
  franchiseeId: string;
  sku: string;
  size: string;
  qty: number;
}

export type OrderSheetResult =
  | { ok: true; layout: 'long' | 'wide'; lines: OrderSheetLine[] }
  /** `lines`: the well-formed lines, when the errors are in rows (not in the file as a whole). */
  | { ok: false; message: string; details: Record<string, string>; lines?: OrderSheetLine[] };

const fileError = (message: string): OrderSheetResult => ({ ok: false, message, details: { file: message } });

export function isOrderSheetType(contentType: string | undefined): boolean {
  return isTableType(contentType);
}

interface Layout {
  layout: 'long' | 'wide';
  franchisee: number;
  sku: number;
  /** long: the size column. */
  size?: number;
  /** long: the one quantity column; wide: one per size. */
  quantities: { index: number; size: string }[];
}

/** The header row and its layout; an error when no row in the first ones names the columns. */
function findLayout(records: TableRow[]): { header: number; layout: Layout } | { error: string } {
  // The header is the first row naming the franchisee and SKU columns, else the first row
  // naming any known column (to say which are missing).
  const found = findHeaderRow(records, HEADERS, ['franchisee', 'sku']);
  if ('error' in found) return found;
  const { header: chosen, first } = found;
  if (!chosen) {
    const names = (lang: 'zh' | 'en') => ORDER_SHEET_COLUMNS.map((c) => c[lang]).join(', ');
    return {
      error: `no header row: row ${first.number} must name the columns ${names('zh')} (or ${names('en')}), or 加盟商, 款号 and one column per size`,
    };
  }
  const { row, columns, others } = chosen;
  const missing = [...(columns.has('franchisee') ? [] : ['加盟商/franchisee']), ...(columns.has('sku') ? [] : ['款号/sku'])];
  if (columns.has('size')) {
    if (!columns.has('qty')) missing.push('数量/qty');
    if (missing.length) return { error: `missing required columns: ${missing.join(', ')}` };
    return {
      header: row.number,
      layout: {
        layout: 'long',
        franchisee: columns.get('franchisee')!,
        sku: columns.get('sku')!,
        size: columns.get('size')!,
        quantities: [{ index: columns.get('qty')!, size: '' }],
      },
    };
  }
  // Wide: every other column is a size (a 数量 column there is the row's total, not read).
  const sizes = others.filter((o) => !isIgnored(o.text));
  const seen = new Set<string>();
  for (const s of sizes) {
    if (seen.has(s.text)) return { error: `the column ${s.text} appears twice` };
    seen.add(s.text);
  }
  if (!sizes.length) missing.push(columns.has('qty') ? '尺码/size' : '尺码/size and 数量/qty (or one column per size, headed by the size)');
  if (missing.length) return { error: `missing required columns: ${missing.join(', ')}` };
  return {
    header: row.number,
    layout: {
      layout: 'wide',
      franchisee: columns.get('franchisee')!,
      sku: columns.get('sku')!,
      quantities: sizes.map((s) => ({ index: s.index, size: s.text })),
    },
  };
}

function linesFrom(records: TableRow[]): OrderSheetResult {
  const found = findLayout(records);
  if ('error' in found) return fileError(found.error);
  const { layout } = found;
  const data = records.filter((r) => r.number > found.header && !isBlankRow(r));
  if (!data.length) return fileError('the file has no order lines below its header');
  if (data.length > MAX_ORDER_SHEET_LINES) return fileError(`at most ${MAX_ORDER_SHEET_LINES} lines per file, not ${data.length}`);

  const errors = new RowErrors();
  const lines: OrderSheetLine[] = [];
  for (const r of data) {
    const cell = (i: number) => (r.cells[i] ?? '').trim();
    const franchiseeId = cell(layout.franchisee);
    const sku = cell(layout.sku);
    if (isTotalLabel(franchiseeId) || isTotalLabel(sku)) continue;

    // The row's quantities first: a row without any is no order, whatever else it holds.
    const quantities: { size: string; qty: number }[] = [];
    const bad: { field: string; message: string }[] = [];
    for (const q of layout.quantities) {
      const read = quantityCell(cell(q.index), MAX_LINE_QTY);
      if ('skip' in read) continue;
      const field = layout.layout === 'long' ? 'qty' : q.size;
      if ('error' in read) bad.push({ field, message: layout.layout === 'long' ? read.error : `size ${q.size}: ${read.error}` });
      else quantities.push({ size: q.size, qty: read.qty });
    }
    if (!quantities.length && !bad.length) continue;

    const before = errors.count;
    if (!franchiseeId) errors.fail(r.number, 'franchisee', 'required');
    if (!sku) errors.fail(r.number, 'sku', 'required');
    let size = '';
    if (layout.size !== undefined) {
      size = cell(layout.size);
      if (!size) errors.fail(r.number, 'size', 'required');
    }
    for (const b of bad) errors.fail(r.number, b.field, b.message);
    if (errors.count !== before) continue;
    for (const q of quantities)
      lines.push({ row: r.number, franchiseeId, sku, size: layout.layout === 'long' ? size : q.size, qty: q.qty });
  }
  if (lines.length > MAX_ORDER_SHEET_LINES) return fileError(`at most ${MAX_ORDER_SHEET_LINES} order lines per file, not ${lines.length}`);
  if (errors.count) return { ok: false, lines, ...errors.report() };
  if (!lines.length) return fileError('the file has no order lines: every quantity is blank or 0');
  return { ok: true, layout: layout.layout, lines };
}

/**
 * Reads the lines of an order sheet from a file body. The Content-Type says CSV or .xlsx
 * (octet-stream: told apart by the file's first bytes; .xlsx: its first worksheet). A malformed
 * file is an error on `file`; bad cells are errors on `rows.<n>.<field>`, with the good lines in
 * `lines`. Lines are in the sheet's order; in the wide layout a row gives one line per size, in
 * the order of the columns.
 */
export async function parseOrderSheet(body: Buffer, contentType: string | undefined): Promise<OrderSheetResult> {
  const read = await readTable(body, contentType);
  return 'error' in read ? fileError(read.error) : linesFrom(read.rows);
}
