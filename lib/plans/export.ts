// Export of plan lines as CSV or Excel (.xlsx), with the columns the import reads (Chinese
// headers, amount in yuan), so an exported file can be imported back unchanged.
import ExcelJS from 'exceljs';
import { PLAN_FILE_COLUMNS } from './import';

export interface ExportLine {
  category: string;
  regionId: string | null;
  storeId: string | null;
  qty: number;
  amountFen: number | bigint;
}

/** 123450 fen → '1234.50', by integer arithmetic. */
export function fenToYuan(fen: number | bigint): string {
  const f = BigInt(fen);
  const sign = f < 0n ? '-' : '';
  const abs = f < 0n ? -f : f;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

const HEADER = PLAN_FILE_COLUMNS.map((c) => c.zh);

function rowOf(l: ExportLine): string[] {
  return [l.category, l.regionId ?? '', l.storeId ?? '', String(l.qty), fenToYuan(l.amountFen)];
}

function csvField(s: string): string {
  return /[",\r\n\t;]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM (so Excel shows the Chinese), CRLF line ends. */
export function planLinesCsv(lines: ExportLine[]): Buffer {
  const text = [HEADER, ...lines.map(rowOf)].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  return Buffer.from(`\uFEFF${text}`, 'utf8');
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\. */
export function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || '计划明细';
}

export async function planLinesXlsx(lines: ExportLine[], title = '计划明细'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'merchandise-flow';
  const ws = wb.addWorksheet(sheetName(title));
  ws.columns = [
    { header: HEADER[0], key: 'category', width: 16 },
    { header: HEADER[1], key: 'region', width: 10 },
    { header: HEADER[2], key: 'store', width: 10 },
    { header: HEADER[3], key: 'qty', width: 10 },
    { header: HEADER[4], key: 'amount', width: 16, style: { numFmt: '0.00' } },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const l of lines) {
    // Cells hold numbers so Excel can sum them; the yuan value is parsed from its exact
    // decimal text, and the import reads it back to the same fen.
    ws.addRow({ category: l.category, region: l.regionId ?? null, store: l.storeId ?? null, qty: l.qty, amount: Number(fenToYuan(l.amountFen)) });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
