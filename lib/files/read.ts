// Reading a table from an uploaded file: CSV (UTF-8 with or without BOM, or GB18030 as saved
// by a Chinese Excel; comma, tab or semicolon) or Excel .xlsx (its first worksheet, formulas as
// their cached results, never evaluated). Every record keeps the row number the user sees, so
// errors can be keyed `rows.<n>.<field>` (the header is row 1). Used by the imports of plans and
// of order-fair order sheets.
import ExcelJS from 'exceljs';

export const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'text/comma-separated-values'];
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One record of a table: the row number the user sees, and its cells as text (not trimmed). */
export interface TableRow {
  number: number;
  cells: string[];
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** CSV, .xlsx, or octet-stream (told apart by the file's first bytes). */
export function isTableType(contentType: string | undefined): boolean {
  const t = mediaType(contentType);
  return CSV_TYPES.includes(t) || t === XLSX_TYPE || t === 'application/octet-stream';
}

/** A header as compared with known spellings: no BOM, no white space, ASCII parentheses, lower case. */
export function normalizeHeader(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** A cell our CSV export guarded against formula injection ('=1+1, see csvText) back to its text. */
export function unguardedText(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

/** '1,000' or '1000' → 1000n; null when the text is not a whole number ≥ 0. */
export function wholeNumber(text: string): bigint | null {
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
export function decodeText(buf: Buffer): string | null {
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

/**
 * A cell's value as text; a formula is its cached result (never evaluated here). exceljs reads a
 * cached 0 or "" as no result, so a formula without one is blank, like those.
 */
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

const isZip = (buf: Buffer) => buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;

/** What an .xlsx may unpack to: far above any real sheet (20,000 lines are ~5 MB of XML). */
export const MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024;

/**
 * The unpacked size of a zip as its central directory declares it (Infinity for ZIP64 sizes),
 * or null when there is no central directory to read (the zip reader then refuses the file).
 */
export function zipUnpackedSize(buf: Buffer): number | null {
  for (let eocd = buf.length - 22; eocd >= Math.max(0, buf.length - 22 - 0xffff); eocd--) {
    if (buf.readUInt32LE(eocd) !== 0x06054b50) continue;
    const entries = buf.readUInt16LE(eocd + 10);
    let at = buf.readUInt32LE(eocd + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
      const size = buf.readUInt32LE(at + 24);
      total += size === 0xffffffff ? Infinity : size;
      at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    }
    return total;
  }
  return null;
}

async function xlsxRows(buf: Buffer): Promise<{ rows: TableRow[] } | { error: string }> {
  if (!isZip(buf)) {
    if (buf.length >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0)
      return { error: 'this is an old Excel .xls file: save it as .xlsx (or CSV) and import that' };
    return { error: 'not a valid .xlsx file' };
  }
  // A few MB of zip can unpack to GBs (a zip bomb): refuse before unpacking anything.
  const unpacked = zipUnpackedSize(buf);
  if (unpacked !== null && unpacked > MAX_XLSX_UNPACKED_BYTES) {
    return { error: `the .xlsx unpacks to more than ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB: split it, or save it as CSV` };
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    return { error: 'not a valid .xlsx file' };
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { error: 'the workbook has no worksheet' };
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ number: row.number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { rows };
}

// ---- either ----------------------------------------------------------------------------------

/**
 * The records of an uploaded file. The Content-Type says CSV or .xlsx (octet-stream: told apart
 * by the file's first bytes). An error is a sentence about the file as a whole.
 */
export async function readTable(body: Buffer, contentType: string | undefined): Promise<{ rows: TableRow[] } | { error: string }> {
  const type = mediaType(contentType);
  if (!isTableType(type)) return { error: `send the file as text/csv or ${XLSX_TYPE}, not ${type || 'no Content-Type'}` };
  if (!body.length) return { error: 'the file is empty' };
  if (type === XLSX_TYPE || (type === 'application/octet-stream' && isZip(body))) return xlsxRows(body);
  if (isZip(body)) return { error: 'this looks like an .xlsx file: send it with the .xlsx Content-Type' };
  const text = decodeText(body);
  if (text === null) return { error: 'not a CSV text file (UTF-8 or GB18030)' };
  const parsed = parseCsv(text);
  if ('error' in parsed) return { error: `malformed CSV: ${parsed.error}` };
  return { rows: parsed.rows.map((cells, i) => ({ number: i + 1, cells })) };
}

export const isBlankRow = (r: TableRow): boolean => r.cells.every((c) => c.trim() === '');

/**
 * The columns of a header row: each known spelling (after normalizeHeader) → its field, and the
 * other non-blank headers as written (trimmed). A field named twice is an error.
 */
export function headerColumns<F extends string>(
  cells: string[],
  names: Readonly<Record<string, F>>,
): { columns: Map<F, number>; others: { index: number; text: string }[] } | { error: string } {
  const columns = new Map<F, number>();
  const others: { index: number; text: string }[] = [];
  for (const [i, h] of cells.entries()) {
    const field = Object.hasOwn(names, normalizeHeader(h)) ? names[normalizeHeader(h)] : undefined;
    if (field === undefined) {
      const text = h.replace(/^\uFEFF/, '').trim();
      if (text) others.push({ index: i, text });
    } else if (columns.has(field)) return { error: `the column ${h.trim()} appears twice` };
    else columns.set(field, i);
  }
  return { columns, others };
}

// ---- row errors ------------------------------------------------------------------------------

/** Row errors reported at most; the rest are counted under `rows`. */
export const MAX_ROW_ERRORS = 200;

/** Collects `rows.<n>.<field>` errors, at most MAX_ROW_ERRORS of them. */
export class RowErrors {
  count = 0;
  readonly details: Record<string, string> = {};

  fail(row: number, field: string, message: string): void {
    this.count++;
    if (this.count <= MAX_ROW_ERRORS) this.details[`rows.${row}.${field}`] = message;
  }

  /** The details with the count of those left out, and a one-line message naming the first. */
  report(): { message: string; details: Record<string, string> } {
    const details = { ...this.details };
    if (this.count > MAX_ROW_ERRORS) details.rows = `${this.count - MAX_ROW_ERRORS} more errors not shown`;
    const n = this.count;
    const first = Object.keys(this.details).slice(0, 5).join(', ');
    return { details, message: `${n} error${n === 1 ? '' : 's'} in the file's rows: ${first}${n > 5 ? ', …' : ''}` };
  }
}

// ---- header row ------------------------------------------------------------------------------

/** Rows above the header a sheet may have (a title, a date, who sent it). */
export const HEADER_SEARCH_ROWS = 10;

export interface HeaderRow<F extends string> {
  row: TableRow;
  columns: Map<F, number>;
  others: { index: number; text: string }[];
}

/**
 * The header among the first HEADER_SEARCH_ROWS non-blank records: the first naming every field
 * of `keys`, else the first naming any known column (so the caller can say which are missing),
 * else null. `first` is the first non-blank record. An error when there is none, or when a
 * record looked at names a field twice.
 */
export function findHeaderRow<F extends string>(
  records: readonly TableRow[],
  names: Readonly<Record<string, F>>,
  keys: readonly NoInfer<F>[],
): { header: HeaderRow<F> | null; first: TableRow } | { error: string } {
  const candidates = records.filter((r) => !isBlankRow(r)).slice(0, HEADER_SEARCH_ROWS);
  const first = candidates[0];
  if (!first) return { error: 'the file is empty' };
  let header: HeaderRow<F> | null = null;
  for (const row of candidates) {
    const found = headerColumns(row.cells, names);
    if ('error' in found) return found;
    if (keys.every((k) => found.columns.has(k))) return { header: { row, ...found }, first };
    if (!header && found.columns.size) header = { row, ...found };
  }
  return { header, first };
}

// ---- cells -----------------------------------------------------------------------------------

/** A cell saying its row is a (sub)total of the rows above, not data: 合计, 小计, total, … */
export function isTotalLabel(text: string): boolean {
  return ['合计', '小计', '总计', '总合计', 'total', 'subtotal', 'grandtotal'].includes(normalizeHeader(text));
}

export type QuantityCell = { qty: number } | { skip: true } | { error: string };

/**
 * A quantity cell: blank, '-' or 0 is no quantity (skip); else a whole number 1..max, written
 * as 12, 12.0 or 1,200.
 */
export function quantityCell(text: string, max: number): QuantityCell {
  let s = text.trim();
  if (s === '' || /^[-–—]$/.test(s)) return { skip: true };
  if (/^\d{1,3}(,\d{3})+(\.0+)?$/.test(s)) s = s.replace(/,/g, '');
  const m = /^(\d+)(\.0+)?$/.exec(s);
  if (!m) return { error: `must be a whole number from 1 to ${max}, not "${s}"` };
  const n = BigInt(m[1]!);
  if (n === 0n) return { skip: true };
  if (n > BigInt(max)) return { error: `must be at most ${max}, not ${n}` };
  return { qty: Number(n) };
}

/** Excel's day 0 (serial 1 is 1900-01-01, counting its phantom 29 February). */
const EXCEL_DAY_0 = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Excel serials read as dates: 2000-01-01 .. 2099-12-31. */
const SERIALS = { min: 36_526, max: 73_050 };

function calendarDate(y: string, m: string, d: string): string | null {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** '2027-03-15', '2027/3/15', '2027.3.15', '2027年3月15日', '20270315' → 'YYYY-MM-DD'. */
function dateText(s: string): string | null {
  const m =
    /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(s)?.filter((_, i) => i !== 2) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? calendarDate(m[1]!, m[2]!, m[3]!) : null;
}

/**
 * A date or an instant as a person or a spreadsheet writes it:
 *   a date 2027-03-15, 2027/3/15, 2027.3.15, 2027年3月15日 or 20270315 → { date: '2027-03-15' };
 *   an Excel date cell (cellText gives 2027-03-15), or its bare serial number (2000..2099, as when
 *     the cell's date format is one exceljs does not know) → its date;
 *   a date and time without a time zone (2027/3/15 14:00, as Excel saves a date-time cell to CSV)
 *     → its date, as cellText does for a date-time cell;
 *   an ISO instant with a time zone (2027-03-15T10:00:00+08:00, …Z) → { instant } as toISOString.
 * Anything else (incl. blank) → { error }.
 */
export function dateOrInstant(text: string): { date: string } | { instant: string } | { error: string } {
  const s = text.trim();
  const error = { error: `must be a date such as 2027-03-15 or 2027/3/15, or an instant such as 2027-03-15T10:00:00+08:00, not "${s}"` };
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const serial = Math.floor(Number(s));
    if (serial < SERIALS.min || serial > SERIALS.max) return error;
    return { date: new Date(EXCEL_DAY_0 + serial * DAY_MS).toISOString().slice(0, 10) };
  }
  const t = /^(\S+?)(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(s);
  if (!t) return error;
  const [, day, hh, mm, ss, frac, zone] = t;
  const date = dateText(day!);
  if (!date) return error;
  if (hh === undefined) return { date };
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return error;
  if (!zone) return { date };
  // An instant: in ISO form only (2027-03-15, not 2027/3/15), like any ISO-8601 reader.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day!)) return error;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(4)) > 59)) return error;
  const ms = Date.parse(`${date}T${hh.padStart(2, '0')}:${mm}:${ss ?? '00'}${(frac ?? '').slice(0, 4)}${offset}`);
  return Number.isNaN(ms) ? error : { instant: new Date(ms).toISOString() };
}
