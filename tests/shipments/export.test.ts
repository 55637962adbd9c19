// The order balance export (期货订、发、欠): CSV and .xlsx. Pure: no database, no Temporal.
import ExcelJS from 'exceljs';
import { parseCsv } from '../../lib/files/read';
import { ORDER_BALANCE_COLUMNS, orderBalanceCsv, orderBalanceXlsx, type OrderBalanceReport } from '../../lib/shipments/export';

const report: OrderBalanceReport = {
  season: '2027SS',
  rows: [
    {
      franchiseeId: 'F001',
      franchiseeName: '杭州西湖服饰有限公司',
      sku: '27SS-TS-001',
      productName: '圆领T恤',
      orderedQty: 1200,
      shippedQty: 1000,
      owedQty: 200,
      receivedQty: 900,
    },
    {
      franchiseeId: 'F001',
      franchiseeName: '杭州西湖服饰有限公司',
      sku: '0012',
      productName: '直筒裤, "修身"',
      orderedQty: 5,
      shippedQty: 7,
      owedQty: 0,
      receivedQty: 7,
    },
    // names a spreadsheet would take for a formula
    {
      franchiseeId: 'F009',
      franchiseeName: '=HYPERLINK("x")',
      sku: '-27SS',
      productName: '@品名',
      orderedQty: 3_000_000,
      shippedQty: 0,
      owedQty: 3_000_000,
      receivedQty: 0,
    },
  ],
  totals: { orderedQty: 3_001_205, shippedQty: 1007, owedQty: 3_000_200, receivedQty: 907 },
};

describe('CSV', () => {
  const file = orderBalanceCsv(report);
  const text = file.toString('utf8');
  const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
  const rows = 'rows' in parsed ? parsed.rows : [];

  test('UTF-8 with a BOM and CRLF, the header first', () => {
    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.split('\r\n')[0]).toBe('\uFEFF加盟商编号,加盟商,款号,品名,订货数,已发数,欠发数,已到货数');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  test('one row per franchisee and SKU, formulas guarded, then the 合计 row', () => {
    expect(rows).toEqual([
      [...ORDER_BALANCE_COLUMNS],
      ['F001', '杭州西湖服饰有限公司', '27SS-TS-001', '圆领T恤', '1200', '1000', '200', '900'],
      ['F001', '杭州西湖服饰有限公司', '0012', '直筒裤, "修身"', '5', '7', '0', '7'],
      ['F009', `'=HYPERLINK("x")`, `'-27SS`, `'@品名`, '3000000', '0', '3000000', '0'],
      ['合计', '', '', '', '3001205', '1007', '3000200', '907'],
    ]);
  });

  test('an empty report: the header and a 合计 of zeros', () => {
    const empty = orderBalanceCsv({ season: '2027SS', rows: [], totals: { orderedQty: 0, shippedQty: 0, owedQty: 0, receivedQty: 0 } });
    expect(empty.toString('utf8')).toBe('\uFEFF加盟商编号,加盟商,款号,品名,订货数,已发数,欠发数,已到货数\r\n合计,,,,0,0,0,0\r\n');
  });
});

describe('xlsx', () => {
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await orderBalanceXlsx(report)) as unknown as ArrayBuffer);
    ws = wb.worksheets[0]!;
  });

  test('a sheet named after the season, a bold frozen header', () => {
    expect(ws.name).toBe('2027SS期货订发欠');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...ORDER_BALANCE_COLUMNS]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  test('text as written (no guard needed in a cell), quantities as numbers', () => {
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      'F001',
      '杭州西湖服饰有限公司',
      '27SS-TS-001',
      '圆领T恤',
      1200,
      1000,
      200,
      900,
    ]);
    expect(ws.getCell('C3').value).toBe('0012'); // stays text
    expect(ws.getCell('B4').value).toBe('=HYPERLINK("x")'); // a string, not a formula
    expect(ws.getCell('E4').value).toBe(3_000_000);
    expect(ws.getCell('E4').numFmt).toBe('#,##0');
    expect(ws.getRow(2).font?.bold).toBeFalsy();
  });

  test('the 合计 row last, in bold', () => {
    expect(ws.rowCount).toBe(5);
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual(
      ['合计', null, null, null, 3_001_205, 1007, 3_000_200, 907].map((v) => (v === null ? undefined : v)),
    );
    expect(ws.getRow(5).font?.bold).toBe(true);
  });
});
