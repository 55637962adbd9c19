// Export of plan lines as CSV or Excel (.xlsx), with the columns the import reads (Chinese
// headers, amount in yuan), so an exported file can be imported back unchanged.
import { fenToYuan } from '../files/money';
import { csvBuffer, csvText, newWorkbook, sheetName, xlsxBuffer } from '../files/write';
import { PLAN_FILE_COLUMNS } from './import';

export { fenToYuan } from '../files/money';

export interface ExportLine {
  category: string;
  regionId: string | null;
  storeId: string | null;
  qty: number;
  amountFen: number | bigint;
}

const HEADER = PLAN_FILE_COLUMNS.map((c) => c.zh);

function rowOf(l: ExportLine): string[] {
  // The category is typed by people: guarded against formula injection (the import takes the ' off).
  return [csvText(l.category), l.regionId ?? '', l.storeId ?? '', String(l.qty), fenToYuan(l.amountFen)];
}

/** UTF-8 with a BOM (so Excel shows the Chinese), CRLF line ends. */
export function planLinesCsv(lines: ExportLine[]): Buffer {
  return csvBuffer([HEADER, ...lines.map(rowOf)]);
}

export async function planLinesXlsx(lines: ExportLine[], title = '计划明细'): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(sheetName(title, '计划明细'));
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
    ws.addRow({
      category: l.category,
      region: l.regionId ?? null,
      store: l.storeId ?? null,
      qty: l.qty,
      amount: Number(fenToYuan(l.amountFen)),
    });
  }
  return xlsxBuffer(wb);
}
