// Import of plan lines from a CSV or Excel (.xlsx) file. Columns are found by their header
// (Chinese or English); every data row becomes a line or row-level errors keyed
// `rows.<row number as the user sees it>.<field>` (the header is row 1). Amounts in yuan are
// turned into integer fen by string arithmetic, never through floating point.
import ExcelJS from 'exceljs';
import type { PlanLineInput } from '../../domain/plans';

export const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'text/comma-separated-values'];
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The columns of an import and an export, in order. */
export const PLAN_FILE_COLUMNS = [
  { field: 'category', zh: '品类', en: 'category' },
  { field: 'region', zh: '片区', en: 'region' },
  { field: 'store', zh: '店铺', en: 'store' },
  { field: 'qty', zh: '数量', en: 'qty' },
  { field: 'amount', zh: '金额', en: 'amount' },
] as const;

export type PlanFileField = 'category' | 'region' | 'store' | 'qty' | 'amount' | 'amountFen';

/** Header spellings (after normalizeHeader) → field. */
const HEADERS: Record<string, PlanFileField> = {
  品类: 'category',
  类别: 'category',
  category: 'category',
  片区: 'region',
  区域: 'region',
  region: 'region',
  regionid: 'region',
  店铺: 'store',
  门店: 'store',
  store: 'store',
  storeid: 'store',
  数量: 'qty',
  qty: 'qty',
  quantity: 'qty',
  金额: 'amount',
  '金额(元)': 'amount',
  amount: 'amount',
  'amount(yuan)': 'amount',
  '金额(分)': 'amountFen',
  amountfen: 'amountFen',
  'amount(fen)': 'amountFen',
};

export const MAX_IMPORT_ROWS = 10_000;
/** Row errors reported at most; the rest are counted under `rows`. */
const MAX_ROW_ERRORS = 200;
const INT4_MAX = 2_147_483_647;

/** A line read from a file, with the row it came from. */
export interface ImportedLine extends PlanLineInput {
  regionId: string | null;
  storeId: string | null;
  row: number;
}

export type ImportResult =
  | { ok: true; lines: ImportedLine[]; amountField: 'amount' | 'amountFen' }
  /** `lines`: the well-formed rows, when the errors are in rows (not in the file as a whole). */
  | { ok: false; details: Record<string, string>; message: string; lines?: ImportedLine[] };

const fileError = (message: string): ImportResult => ({ ok: false, message, details: { file: message } });

function normalizeHeader(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\s+/g, '')
    .toLowerCase();
}

// ---- money and counts ------------------------------------------------------------------------

/**
 * '1234.5' → 123450n fen. Accepts an optional ¥, thousands separators, and at most 2 decimals
 * (more only when they are zeros). null when the text is not such an amount.
 */
export function yuanToFen(text: string): bigint | null {
  let s = text.trim().replace(/^[¥￥]\s*/, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > 2 && !/^0+$/.test(frac.slice(2))) return null;
  return BigInt(m[1]!) * 100n + BigInt(frac.slice(0, 2).padEnd(2, '0'));
}

function wholeNumber(text: string): bigint | null {
  let s = text.trim();
  if (/^\d{1,3}(,\d{3})+$/.test(s)) s = s.replace(/,/g, '');
  return /^\d+$/.test(s) ? BigInt(s) : null;
}

// ---- CSV -------------------------------------------------------------------------------------

/** RFC 4180 records; a quoted field may hold the delimiter, quotes ("") and line breaks. */
export function parseCsv(text: string): { rows: string[][] } | { error: string } {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length - 1;
  const delimiter = [',', '\t', ';'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (quoted) return { error: `unterminated quoted field in record ${rows.length + 1}` };
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return { rows };
}

/** UTF-8 (with or without BOM), else GB18030 as saved by a Chinese Excel; null for binary. */
function decodeText(buf: Buffer): string | null {
  if (buf.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(buf);
    } catch {
      return null;
    }
  }
}

// ---- xlsx ------------------------------------------------------------------------------------

/** A number cell as the decimal text a person sees (Excel keeps 15 significant digits). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
  const s = n.toPrecision(15);
  if (/e/i.test(s)) return s;
  return s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result as ExcelJS.CellValue);
  if ('text' in v) return String((v as { text: unknown }).text);
  if ('error' in v) return String(v.error);
  return '';
}

async function xlsxRows(buf: Buffer): Promise<{ rows: { number: number; cells: string[] }[] } | { error: string }> {
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) {
    if (buf.length >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0) return { error: 'this is an old Excel .xls file: save it as .xlsx (or CSV) and import that' };
    return { error: 'not a valid .xlsx file' };
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    return { error: 'not a valid .xlsx file' };
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { error: 'the workbook has no worksheet' };
  const rows: { number: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ number: row.number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { rows };
}

// ---- rows → lines ----------------------------------------------------------------------------

function linesFrom(records: { number: number; cells: string[] }[]): ImportResult {
  const first = records.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
  if (first < 0) return fileError('the file is empty');
  const header = records[first]!;
  const columns = new Map<PlanFileField, number>();
  header.cells.forEach((h, i) => {
    const field = HEADERS[normalizeHeader(h)];
    if (!field) return;
    if (columns.has(field)) throw new DuplicateColumn(h.trim());
    columns.set(field, i);
  });
  if (!columns.size) {
    return fileError(`no header row: row ${header.number} must name the columns ${PLAN_FILE_COLUMNS.map((c) => c.zh).join(', ')} (or ${PLAN_FILE_COLUMNS.map((c) => c.en).join(', ')})`);
  }
  if (columns.has('amount') && columns.has('amountFen')) return fileError('give the amount once: either 金额/amount (yuan) or 金额(分)/amountFen');
  const missing = [
    ...(columns.has('category') ? [] : ['品类/category']),
    ...(columns.has('qty') ? [] : ['数量/qty']),
    ...(columns.has('amount') || columns.has('amountFen') ? [] : ['金额/amount']),
  ];
  if (missing.length) return fileError(`missing required columns: ${missing.join(', ')}`);
  const amountField: 'amount' | 'amountFen' = columns.has('amountFen') ? 'amountFen' : 'amount';

  const data = records.slice(first + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!data.length) return fileError('the file has no plan lines below its header');
  if (data.length > MAX_IMPORT_ROWS) return fileError(`at most ${MAX_IMPORT_ROWS} lines per file`);

  const details: Record<string, string> = {};
  let errors = 0;
  const fail = (row: number, field: string, message: string) => {
    errors++;
    if (errors <= MAX_ROW_ERRORS) details[`rows.${row}.${field}`] = message;
  };
  const lines: ImportedLine[] = [];
  for (const r of data) {
    const cell = (f: PlanFileField) => {
      const i = columns.get(f);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const before = errors;
    const category = cell('category');
    if (!category) fail(r.number, 'category', 'required');
    else if (category.length > 100) fail(r.number, 'category', 'at most 100 characters');

    const qtyText = cell('qty');
    const qty = wholeNumber(qtyText);
    if (!qtyText) fail(r.number, 'qty', 'required');
    else if (qty === null) fail(r.number, 'qty', /^\s*-/.test(qtyText) ? 'must be ≥ 0' : `must be a whole number ≥ 0, not "${qtyText}"`);
    else if (qty > BigInt(INT4_MAX)) fail(r.number, 'qty', `must be at most ${INT4_MAX}`);

    const amountText = cell(amountField);
    const fen = amountField === 'amount' ? yuanToFen(amountText) : wholeNumber(amountText);
    if (!amountText) fail(r.number, amountField, 'required');
    else if (fen === null) {
      fail(
        r.number,
        amountField,
        /^\s*-/.test(amountText) ? 'must be ≥ 0' : amountField === 'amount' ? `must be an amount in yuan with at most 2 decimals, not "${amountText}"` : `must be a whole number of fen, not "${amountText}"`,
      );
    } else if (fen > BigInt(Number.MAX_SAFE_INTEGER)) fail(r.number, amountField, 'is too large');

    if (errors === before) {
      lines.push({
        row: r.number,
        category,
        regionId: cell('region') || null,
        storeId: cell('store') || null,
        qty: Number(qty),
        amountFen: Number(fen),
      });
    }
  }
  if (errors > MAX_ROW_ERRORS) details.rows = `${errors - MAX_ROW_ERRORS} more errors not shown`;
  if (errors) return { ok: false, lines, details, message: `${errors} error${errors === 1 ? '' : 's'} in the file's rows: ${Object.keys(details).slice(0, 5).join(', ')}${errors > 5 ? ', …' : ''}` };
  return { ok: true, lines, amountField };
}

class DuplicateColumn extends Error {
  constructor(readonly column: string) {
    super(`the column ${column} appears twice`);
  }
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isPlanFileType(contentType: string | undefined): boolean {
  const t = mediaType(contentType);
  return CSV_TYPES.includes(t) || t === XLSX_TYPE || t === 'application/octet-stream';
}

/**
 * Reads plan lines from a file body. The Content-Type says CSV or .xlsx (octet-stream: told
 * apart by the file's first bytes). A malformed file is an error on `file`; bad cells are
 * errors on `rows.<n>.<field>`.
 */
export async function parsePlanFile(body: Buffer, contentType: string | undefined): Promise<ImportResult> {
  const type = mediaType(contentType);
  if (!isPlanFileType(type)) return fileError(`send the file as text/csv or ${XLSX_TYPE}, not ${type || 'no Content-Type'}`);
  if (!body.length) return fileError('the file is empty');
  const isZip = body.length >= 4 && body.readUInt32LE(0) === 0x04034b50;
  try {
    if (type === XLSX_TYPE || (type === 'application/octet-stream' && isZip)) {
      const read = await xlsxRows(body);
      if ('error' in read) return fileError(read.error);
      return linesFrom(read.rows);
    }
    if (isZip) return fileError('this looks like an .xlsx file: send it with the .xlsx Content-Type');
    const text = decodeText(body);
    if (text === null) return fileError('not a CSV text file (UTF-8 or GB18030)');
    const parsed = parseCsv(text);
    if ('error' in parsed) return fileError(`malformed CSV: ${parsed.error}`);
    return linesFrom(parsed.rows.map((cells, i) => ({ number: i + 1, cells })));
  } catch (err) {
    if (err instanceof DuplicateColumn) return fileError(err.message);
    throw err;
  }
}
