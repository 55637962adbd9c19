// Import of plan lines from a CSV or Excel (.xlsx) file. Columns are found by their header
// (Chinese or English); every data row becomes a line or row-level errors keyed
// `rows.<row number as the user sees it>.<field>` (the header is row 1). Amounts in yuan are
// turned into integer fen by string arithmetic, never through floating point.
import type { PlanLineInput } from '../../domain/plans';
import { yuanToFen } from '../files/money';
import { headerColumns, isBlankRow, readTable, RowErrors, unguardedText, wholeNumber, type TableRow } from '../files/read';

export { CSV_TYPES, XLSX_TYPE, cellText, parseCsv } from '../files/read';
export { yuanToFen } from '../files/money';

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

// ---- rows → lines ----------------------------------------------------------------------------

function linesFrom(records: TableRow[]): ImportResult {
  const first = records.findIndex((r) => !isBlankRow(r));
  if (first < 0) return fileError('the file is empty');
  const header = records[first]!;
  const found = headerColumns(header.cells, HEADERS);
  if ('error' in found) return fileError(found.error);
  const { columns } = found;
  if (!columns.size) {
    return fileError(
      `no header row: row ${header.number} must name the columns ${PLAN_FILE_COLUMNS.map((c) => c.zh).join(', ')} (or ${PLAN_FILE_COLUMNS.map((c) => c.en).join(', ')})`,
    );
  }
  if (columns.has('amount') && columns.has('amountFen'))
    return fileError('give the amount once: either 金额/amount (yuan) or 金额(分)/amountFen');
  const missing = [
    ...(columns.has('category') ? [] : ['品类/category']),
    ...(columns.has('qty') ? [] : ['数量/qty']),
    ...(columns.has('amount') || columns.has('amountFen') ? [] : ['金额/amount']),
  ];
  if (missing.length) return fileError(`missing required columns: ${missing.join(', ')}`);
  const amountField: 'amount' | 'amountFen' = columns.has('amountFen') ? 'amountFen' : 'amount';

  const data = records.slice(first + 1).filter((r) => !isBlankRow(r));
  if (!data.length) return fileError('the file has no plan lines below its header');
  if (data.length > MAX_IMPORT_ROWS) return fileError(`at most ${MAX_IMPORT_ROWS} lines per file`);

  const errors = new RowErrors();
  const fail = (row: number, field: string, message: string) => errors.fail(row, field, message);
  const lines: ImportedLine[] = [];
  for (const r of data) {
    const cell = (f: PlanFileField) => {
      const i = columns.get(f);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const before = errors.count;
    const category = unguardedText(cell('category'));
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
        /^\s*-/.test(amountText)
          ? 'must be ≥ 0'
          : amountField === 'amount'
            ? `must be an amount in yuan with at most 2 decimals, not "${amountText}"`
            : `must be a whole number of fen, not "${amountText}"`,
      );
    } else if (fen > BigInt(Number.MAX_SAFE_INTEGER)) fail(r.number, amountField, 'is too large');

    if (errors.count === before) {
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
  if (errors.count) return { ok: false, lines, ...errors.report() };
  return { ok: true, lines, amountField };
}

/**
 * Reads plan lines from a file body. The Content-Type says CSV or .xlsx (octet-stream: told
 * apart by the file's first bytes). A malformed file is an error on `file`; bad cells are
 * errors on `rows.<n>.<field>`.
 */
export async function parsePlanFile(body: Buffer, contentType: string | undefined): Promise<ImportResult> {
  const read = await readTable(body, contentType);
  return 'error' in read ? fileError(read.error) : linesFrom(read.rows);
}
