// The booking summary export (订货汇总): CSV and .xlsx. Pure: no database, no Temporal.
import ExcelJS from 'exceljs';
import {
  bookingSummaryCsv,
  bookingSummaryXlsx,
  quotaRate,
  SUMMARY_COLUMNS,
  type BookingSummary,
  type SummaryFigures,
} from '../../lib/bookings/export';
import { parseCsv } from '../../lib/files/read';

const figures = (f: Partial<SummaryFigures>): SummaryFigures => ({
  quotaFen: 0,
  orderedFen: 0,
  quotaUsedBp: null,
  prepaymentDueFen: 0,
  receivedFen: 0,
  outstandingFen: 0,
  bookings: 0,
  confirmed: 0,
  overdue: 0,
  ...f,
});

const summary: BookingSummary = {
  season: '2027SS',
  totals: figures({
    quotaFen: 80_000_000,
    orderedFen: 10_000_000_000_001,
    quotaUsedBp: 1_250_000_000,
    prepaymentDueFen: 3_000_000_000_001,
    receivedFen: 1,
    outstandingFen: 3_000_000_000_000,
    bookings: 3,
    confirmed: 1,
    overdue: 1,
  }),
  regions: [
    {
      regionId: 'EAST',
      regionName: '华东',
      ...figures({
        quotaFen: 50_000_000,
        orderedFen: 43_750_000,
        quotaUsedBp: 8750,
        prepaymentDueFen: 13_125_000,
        receivedFen: 1,
        outstandingFen: 13_124_999,
        bookings: 2,
        confirmed: 1,
        overdue: 0,
      }),
      franchisees: [
        {
          franchiseeId: 'F001',
          franchiseeName: '杭州西湖服饰有限公司',
          ...figures({
            quotaFen: 50_000_000,
            orderedFen: 43_750_000,
            quotaUsedBp: 8750,
            prepaymentDueFen: 13_125_000,
            receivedFen: 1,
            outstandingFen: 13_124_999,
            bookings: 2,
            confirmed: 1,
          }),
        },
        // no quota: blank quota and rate; a name a spreadsheet would take for a formula
        { franchiseeId: 'F009', franchiseeName: '=1+1', ...figures({ quotaFen: null, quotaUsedBp: null }) },
      ],
    },
    {
      regionId: 'SOUTH',
      regionName: '华南',
      ...figures({
        quotaFen: 30_000_000,
        orderedFen: 9_999_956_250_001,
        quotaUsedBp: 3_333_318_750,
        prepaymentDueFen: 2_999_986_875_001,
        outstandingFen: 2_999_986_875_001,
        bookings: 1,
        overdue: 1,
      }),
      franchisees: [
        {
          franchiseeId: 'F002',
          franchiseeName: '广州, "天河" 店',
          ...figures({
            quotaFen: 30_000_000,
            orderedFen: 9_999_956_250_001,
            quotaUsedBp: 3_333_318_750,
            prepaymentDueFen: 2_999_986_875_001,
            outstandingFen: 2_999_986_875_001,
            bookings: 1,
            overdue: 1,
          }),
        },
      ],
    },
  ],
};

test('the rate: one decimal, half up, blank without quota', () => {
  expect(quotaRate(8750)).toBe('87.5%');
  expect(quotaRate(0)).toBe('0.0%');
  expect(quotaRate(10000)).toBe('100.0%');
  expect(quotaRate(1)).toBe('0.0%');
  expect(quotaRate(5)).toBe('0.1%');
  expect(quotaRate(12345.6)).toBe('123.5%');
  expect(quotaRate(null)).toBe('');
});

describe('CSV', () => {
  const file = bookingSummaryCsv(summary);
  const text = file.toString('utf8');
  const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
  const rows = 'rows' in parsed ? parsed.rows : [];

  test('UTF-8 with a BOM and CRLF', () => {
    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFF片区,加盟商编号,加盟商,订货指标(元),已订货(元),指标完成率,应付预付款(元),已收预付款(元),未收(元),订单数,已确认,逾期',
    );
    expect(text.endsWith('\r\n')).toBe(true);
  });

  test('a row per franchisee, a subtotal per region, a total; amounts in yuan', () => {
    expect(rows).toEqual([
      [...SUMMARY_COLUMNS],
      ['华东', 'F001', '杭州西湖服饰有限公司', '500000.00', '437500.00', '87.5%', '131250.00', '0.01', '131249.99', '2', '1', '0'],
      ['华东', 'F009', "'=1+1", '', '0.00', '', '0.00', '0.00', '0.00', '0', '0', '0'],
      ['华东', '', '片区小计', '500000.00', '437500.00', '87.5%', '131250.00', '0.01', '131249.99', '2', '1', '0'],
      [
        '华南',
        'F002',
        '广州, "天河" 店',
        '300000.00',
        '99999562500.01',
        '33333187.5%',
        '29999868750.01',
        '0.00',
        '29999868750.01',
        '1',
        '0',
        '1',
      ],
      ['华南', '', '片区小计', '300000.00', '99999562500.01', '33333187.5%', '29999868750.01', '0.00', '29999868750.01', '1', '0', '1'],
      ['合计', '', '', '800000.00', '100000000000.01', '12500000.0%', '30000000000.01', '0.01', '30000000000.00', '3', '1', '1'],
    ]);
  });

  test('no regions: the header and the total row', () => {
    const empty = bookingSummaryCsv({ season: '2027SS', totals: figures({}), regions: [] }).toString('utf8');
    expect(empty).toBe(`\uFEFF${SUMMARY_COLUMNS.join(',')}\r\n合计,,,0.00,0.00,,0.00,0.00,0.00,0,0,0\r\n`);
  });
});

describe('xlsx', () => {
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bookingSummaryXlsx(summary)) as unknown as ArrayBuffer);
    ws = wb.worksheets[0]!;
  });
  const values = (n: number) => (ws.getRow(n).values as ExcelJS.CellValue[]).slice(1);

  test('a sheet named after the season, a bold header', () => {
    expect(ws.name).toBe('2027SS订货汇总');
    expect(values(1)).toEqual([...SUMMARY_COLUMNS]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.rowCount).toBe(7);
  });

  test('amounts are numbers in yuan formatted #,##0.00; the rate a percentage; counts numbers', () => {
    expect(values(2)).toEqual(['华东', 'F001', '杭州西湖服饰有限公司', 500000, 437500, 0.875, 131250, 0.01, 131249.99, 2, 1, 0]);
    expect(ws.getCell('D2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('I2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('F2').numFmt).toBe('0.0%');
    // no quota: blank cells; the name is text, not a formula
    const noQuota = ws.getRow(3);
    expect(noQuota.getCell(3).value).toBe('=1+1');
    expect(noQuota.getCell(4).value).toBeNull();
    expect(noQuota.getCell(6).value).toBeNull();
    expect(ws.getRow(2).font?.bold).toBeFalsy();
  });

  test('subtotal and total rows, in bold; 10^13 fen exact', () => {
    expect(values(4).slice(0, 5)).toEqual(['华东', '', '片区小计', 500000, 437500]);
    expect(ws.getRow(4).font?.bold).toBe(true);
    expect(values(5)[4]).toBe(99999562500.01);
    expect(values(7)).toEqual(['合计', '', '', 800000, 100000000000.01, 125000, 30000000000.01, 0.01, 30000000000, 3, 1, 1]);
    expect(ws.getRow(7).font?.bold).toBe(true);
  });

  test('a long season name still makes a valid sheet name', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await bookingSummaryXlsx({ season: '2027SS/春夏:第一场订货会[华东]*', totals: figures({}), regions: [] })) as unknown as ArrayBuffer,
    );
    expect(wb.worksheets[0]!.name.length).toBeLessThanOrEqual(31);
    expect(wb.worksheets[0]!.name).not.toMatch(/[[\]:*?/\\]/);
  });
});
