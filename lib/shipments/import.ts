// Import of head office's shipping list (总公司下发的发货数据) from a CSV or Excel (.xlsx) file:
// one row per shipment (发货单号), SKU and size, with the shipment's expected arrival and,
// optionally, the booking it fills (订单号), its carrier and tracking number. Long layout only.
// Columns are found by their header (Chinese or English), in the first rows of the sheet (a title
// row above the header is passed over). Rows are grouped into shipments by 发货单号 in the order
// they first appear; every row of a shipment must give the same 预计到货 and 订单号. Blank or 0
// quantities and (sub)total rows are skipped; other bad cells are row-level errors keyed
// `rows.<row as the user sees it>.<field>` (the header is row 1). Lines are neither merged nor
// checked against master data or bookings here: the caller does that.
import {
  dateOrInstant,
  findHeaderRow,
  isBlankRow,
  isTableType,
  isTotalLabel,
  quantityCell,
  readTable,
  RowErrors,
  type TableRow,
} from '../files/read';
import { GOODS_LINE_HEADERS } from '../files/headers';

/** The columns of the shipping list, in order (what shippingListCsv writes). */
export const SHIPPING_LIST_COLUMNS = [
  { field: 'externalRef', zh: '发货单号', en: 'shipmentNo', required: true },
  { field: 'sku', zh: '款号', en: 'sku', required: true },
  { field: 'size', zh: '尺码', en: 'size', required: true },
  { field: 'qty', zh: '数量', en: 'qty', required: true },
  { field: 'expectedArrival', zh: '预计到货', en: 'expectedArrival', required: true },
  { field: 'bookingCode', zh: '订单号', en: 'bookingCode', required: false },
  { field: 'carrier', zh: '承运商', en: 'carrier', required: false },
  { field: 'trackingNo', zh: '运单号', en: 'trackingNo', required: false },
] as const;

export type ShippingListField = (typeof SHIPPING_LIST_COLUMNS)[number]['field'];

/** Header spellings (after normalizeHeader) → field. */
const HEADERS: Record<string, ShippingListField> = {
  发货单号: 'externalRef',
  发货单: 'externalRef',
  发货单编号: 'externalRef',
  单号: 'externalRef',
  shipmentno: 'externalRef',
  'shipmentno.': 'externalRef',
  shipment_no: 'externalRef',
  shipmentnumber: 'externalRef',
  externalref: 'externalRef',
  external_ref: 'externalRef',
  ...GOODS_LINE_HEADERS,
  发货数量: 'qty',
  发货数: 'qty',
  预计到货: 'expectedArrival',
  预计到货日期: 'expectedArrival',
  预计到货时间: 'expectedArrival',
  预计到达: 'expectedArrival',
  预计到达日期: 'expectedArrival',
  到货日期: 'expectedArrival',
  expectedarrival: 'expectedArrival',
  expected_arrival: 'expectedArrival',
  eta: 'expectedArrival',
  订单号: 'bookingCode',
  订货单号: 'bookingCode',
  订单编号: 'bookingCode',
  bookingcode: 'bookingCode',
  booking_code: 'bookingCode',
  booking: 'bookingCode',
  承运商: 'carrier',
  物流公司: 'carrier',
  快递公司: 'carrier',
  carrier: 'carrier',
  运单号: 'trackingNo',
  物流单号: 'trackingNo',
  快递单号: 'trackingNo',
  trackingno: 'trackingNo',
  tracking_no: 'trackingNo',
  trackingnumber: 'trackingNo',
  waybillno: 'trackingNo',
};

export const MAX_SHIPPING_LIST_LINES = 20_000;
export const MAX_SHIPMENT_LINE_QTY = 1_000_000;
/** 发货单号, 款号 and 尺码: at most this many characters. */
export const MAX_SHIPPING_LIST_TEXT = 100;

/** A booking's code, as a franchisee writes it in a transfer remark: BK000012. */
const BOOKING_CODE = /^BK\d{1,12}$/i;

export interface ShippingListLine {
  /** The sheet row it came from. */
  row: number;
  sku: string;
  size: string;
  qty: number;
}

/** One 发货单号 of the list. Cells are trimmed, not otherwise changed (but the booking code). */
export interface ShippingListShipment {
  externalRef: string;
  /** 'YYYY-MM-DD' for a date (whatever way it was written), or an ISO instant as toISOString. */
  expectedArrival: string;
  /** A booking code as the system writes it (bk12 → BK000012); null when the list does not say. */
  bookingCode: string | null;
  /** The distinct non-blank values of the shipment's rows, joined by ', '; null when none. */
  carrier: string | null;
  trackingNo: string | null;
  /** The sheet row of its first line. */
  firstRow: number;
  lines: ShippingListLine[];
}

export type ShippingListResult =
  | { ok: true; shipments: ShippingListShipment[] }
  /** `shipments`: those whose rows are all well-formed, when the errors are in rows (not in the file as a whole). */
  | { ok: false; message: string; details: Record<string, string>; shipments?: ShippingListShipment[] };

const fileError = (message: string): ShippingListResult => ({ ok: false, message, details: { file: message } });

export function isShippingListType(contentType: string | undefined): boolean {
  return isTableType(contentType);
}

const REQUIRED = SHIPPING_LIST_COLUMNS.filter((c) => c.required);
const names = (lang: 'zh' | 'en') => REQUIRED.map((c) => c[lang]).join(', ');

/** A shipment being gathered: the values its rows must agree on, with the row that set them. */
interface Group {
  externalRef: string;
  expectedArrival?: { value: string; row: number };
  bookingCode?: { value: string | null; row: number };
  carriers: Set<string>;
  trackingNos: Set<string>;
  lines: ShippingListLine[];
  bad: boolean;
}

const joined = (values: Set<string>) => (values.size ? [...values].join(', ') : null);

function shipmentsFrom(records: TableRow[]): ShippingListResult {
  const found = findHeaderRow(records, HEADERS, ['externalRef', 'sku']);
  if ('error' in found) return fileError(found.error);
  if (!found.header) return fileError(`no header row: row ${found.first.number} must name the columns ${names('zh')} (or ${names('en')})`);
  const { row: header, columns } = found.header;
  const missing = REQUIRED.filter((c) => !columns.has(c.field)).map((c) => `${c.zh}/${c.en}`);
  if (missing.length) return fileError(`missing required columns: ${missing.join(', ')}`);
  const column = (f: ShippingListField) => columns.get(f);

  const data = records.filter((r) => r.number > header.number && !isBlankRow(r));
  if (!data.length) return fileError('the file has no shipment lines below its header');
  if (data.length > MAX_SHIPPING_LIST_LINES) return fileError(`at most ${MAX_SHIPPING_LIST_LINES} lines per file, not ${data.length}`);

  const errors = new RowErrors();
  const groups = new Map<string, Group>();
  for (const r of data) {
    const cell = (f: ShippingListField) => {
      const i = column(f);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const externalRef = cell('externalRef');
    const sku = cell('sku');
    const size = cell('size');
    const firstCell = r.cells.find((c) => c.trim() !== '') ?? '';
    if ([externalRef, sku, size, firstCell].some(isTotalLabel)) continue;
    // The quantity first: a row without one ships nothing, whatever else it holds.
    const qty = quantityCell(cell('qty'), MAX_SHIPMENT_LINE_QTY);
    if ('skip' in qty) continue;

    const before = errors.count;
    const text = (field: 'externalRef' | 'sku' | 'size', value: string) => {
      if (!value) errors.fail(r.number, field, 'required');
      else if (value.length > MAX_SHIPPING_LIST_TEXT) errors.fail(r.number, field, `at most ${MAX_SHIPPING_LIST_TEXT} characters`);
    };
    text('externalRef', externalRef);
    text('sku', sku);
    text('size', size);
    if ('error' in qty) errors.fail(r.number, 'qty', qty.error);

    let expectedArrival: string | undefined;
    const eta = cell('expectedArrival');
    if (!eta) errors.fail(r.number, 'expectedArrival', 'required');
    else {
      const read = dateOrInstant(eta);
      if ('error' in read) errors.fail(r.number, 'expectedArrival', read.error);
      else expectedArrival = 'date' in read ? read.date : read.instant;
    }

    let bookingCode: string | null | undefined = null;
    const code = cell('bookingCode');
    if (code && !BOOKING_CODE.test(code)) {
      errors.fail(r.number, 'bookingCode', `must be a booking code such as BK000012, not "${code}"`);
      bookingCode = undefined;
    } else if (code) bookingCode = `BK${BigInt(code.slice(2)).toString().padStart(6, '0')}`;

    // The shipment's values: set by its first row giving a well-formed one, the same on every other.
    let group: Group | undefined;
    if (externalRef && externalRef.length <= MAX_SHIPPING_LIST_TEXT) {
      group = groups.get(externalRef);
      if (!group) {
        group = { externalRef, carriers: new Set(), trackingNos: new Set(), lines: [], bad: false };
        groups.set(externalRef, group);
      }
      if (expectedArrival !== undefined) {
        if (!group.expectedArrival) group.expectedArrival = { value: expectedArrival, row: r.number };
        else if (group.expectedArrival.value !== expectedArrival)
          errors.fail(r.number, 'expectedArrival', `differs from row ${group.expectedArrival.row} of the same shipment`);
      }
      if (bookingCode !== undefined) {
        if (!group.bookingCode) group.bookingCode = { value: bookingCode, row: r.number };
        else if (group.bookingCode.value !== bookingCode)
          errors.fail(r.number, 'bookingCode', `differs from row ${group.bookingCode.row} of the same shipment`);
      }
    }
    if (errors.count !== before) {
      if (group) group.bad = true;
      continue;
    }
    const g = group!;
    if (cell('carrier')) g.carriers.add(cell('carrier'));
    if (cell('trackingNo')) g.trackingNos.add(cell('trackingNo'));
    if ('qty' in qty) g.lines.push({ row: r.number, sku, size, qty: qty.qty });
  }

  const shipments = (all: boolean) =>
    [...groups.values()]
      .filter((g) => g.lines.length && (all || !g.bad))
      .map((g): ShippingListShipment => ({
        externalRef: g.externalRef,
        expectedArrival: g.expectedArrival!.value,
        bookingCode: g.bookingCode!.value,
        carrier: joined(g.carriers),
        trackingNo: joined(g.trackingNos),
        firstRow: g.lines[0]!.row,
        lines: g.lines,
      }));
  if (errors.count) return { ok: false, ...errors.report(), shipments: shipments(false) };
  const result = shipments(true);
  if (!result.length) return fileError('the file has no shipment lines: every quantity is blank or 0');
  return { ok: true, shipments: result };
}

/**
 * Reads head office's shipping list from a file body. The Content-Type says CSV (UTF-8 or
 * GB18030) or .xlsx (octet-stream: told apart by the file's first bytes; .xlsx: its first
 * worksheet, formulas as their cached results). A malformed file is an error on `file`; bad cells
 * are errors on `rows.<n>.<field>` (externalRef, sku, size, qty, expectedArrival, bookingCode),
 * with the shipments whose rows are all well-formed in `shipments`. Shipments are in the order of
 * their first row, lines in the sheet's order; the same SKU and size twice is kept as two lines.
 */
export async function parseShippingList(body: Buffer, contentType: string | undefined): Promise<ShippingListResult> {
  const read = await readTable(body, contentType);
  return 'error' in read ? fileError(read.error) : shipmentsFrom(read.rows);
}
