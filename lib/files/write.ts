// Writing a table as a file: CSV as Excel opens it (UTF-8 with a BOM, CRLF) and .xlsx helpers.
import ExcelJS from 'exceljs';

function csvField(s: string): string {
  return /[",\r\n\t;]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM (so Excel shows the Chinese), CRLF line ends, fields quoted when needed. */
export function csvBuffer(rows: readonly (readonly string[])[]): Buffer {
  const text = rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  return Buffer.from(`\uFEFF${text}`, 'utf8');
}

/**
 * Text that a spreadsheet would take for a formula (= + - @ first) gets a leading apostrophe,
 * for CSV cells holding names people typed (not for values that must import back unchanged).
 */
export function csvText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\. */
export function sheetName(title: string, fallback = 'Sheet1'): string {
  return (
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || fallback
  );
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'merchandise-flow';
  return wb;
}

export async function xlsxBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
