// The order sheet import (订货会订单): CSV and .xlsx, long and wide layouts, row-level errors.
// Pure: no database, no Temporal.
import ExcelJS from 'exceljs';
import {
  isOrderSheetType,
  MAX_ORDER_SHEET_LINES,
  ORDER_SHEET_COLUMNS,
  parseOrderSheet,
  type OrderSheetResult,
} from '../../lib/bookings/import';
import { orderSheetCsv, orderSheetXlsx } from '../../lib/bookings/export';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const csv = (text: string, type = 'text/csv; charset=utf-8') => parseOrderSheet(Buffer.from(text, 'utf8'), type);

async function xlsx(rows: ExcelJS.CellValue[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('订单');
  for (const r of rows) ws.addRow(r);
  build?.(ws);
  wb.addWorksheet('其他').addRow(['加盟商', '款号', '尺码', '数量']); // only the first sheet counts
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function ok(r: OrderSheetResult) {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r;
}

function failed(r: OrderSheetResult) {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return r;
}

describe('long layout', () => {
  test('a CSV with BOM, CRLF, extra columns, blank and 0 quantities, trimmed cells', async () => {
    const r = ok(
      await csv(
        '\uFEFF加盟商,款号,品名,颜色,尺码,单价,数量,金额(元)\r\n' +
          ' F001 , 27SS-TS-001 ,圆领T恤,白,M,89.00,100,8900.00\r\n' +
          'F001,27SS-TS-001,"圆领T恤, 短袖",白,L,89,"1,200",\r\n' +
          'F001,27SS-TS-001,,,XL,,0,\r\n' + // 0: skipped
          'F001,27SS-TS-001,,,S,,,\r\n' + // blank: skipped
          '\r\n' +
          'f002,27ss-sh-002,,,均码,,7\r\n',
      ),
    );
    expect(r.layout).toBe('long');
    expect(r.lines).toEqual([
      { row: 2, franchiseeId: 'F001', sku: '27SS-TS-001', size: 'M', qty: 100 },
      { row: 3, franchiseeId: 'F001', sku: '27SS-TS-001', size: 'L', qty: 1200 },
      // as written: not upper-cased
      { row: 7, franchiseeId: 'f002', sku: '27ss-sh-002', size: '均码', qty: 7 },
    ]);
  });

  test('English headers, tabs or semicolons, and the other Chinese spellings', async () => {
    const expected = [{ row: 2, franchiseeId: 'F003', sku: '27SS-PT-004', size: '28', qty: 3 }];
    expect(ok(await csv('FranchiseeId\tSKU\tSize\tQuantity\nF003\t27SS-PT-004\t28\t3\n')).lines).toEqual(expected);
    expect(ok(await csv('franchisee;sku;size;qty\nF003;27SS-PT-004;28;3\n')).lines).toEqual(expected);
    expect(ok(await csv('客户编号,货号,尺寸,订货数量\nF003,27SS-PT-004,28,3\n')).lines).toEqual(expected);
    expect(ok(await csv('客户,款号,尺码,数量\nF003,27SS-PT-004,28,3.0\n')).lines).toEqual(expected);
  });

  test('duplicate lines are kept (the caller reports them)', async () => {
    const r = ok(await csv('加盟商,款号,尺码,数量\nF001,A,M,1\nF001,A,M,2\n'));
    expect(r.lines.map((l) => l.qty)).toEqual([1, 2]);
  });

  test('a title row above the header is passed over; rows count as the sheet shows them', async () => {
    const r = ok(await csv('2027SS 订货会订单,,,\n\n加盟商,款号,尺码,数量\nF001,A,M,1\n'));
    expect(r.lines).toEqual([{ row: 4, franchiseeId: 'F001', sku: 'A', size: 'M', qty: 1 }]);
  });

  test('a GB18030-encoded CSV, as a Chinese Excel saves it', async () => {
    // '加盟商,款号,尺码,数量,品名\r\nF001,27SS-TS-001,均码,5,圆领T恤\r\n' in GB18030
    const body = Buffer.from(
      'bcd3c3cbc9cc2cbfeebac52cb3dfc2eb2ccafdc1bf2cc6b7c3fb0d0a463030312c323753532d54532d3030312cbef9c2eb2c352cd4b2c1ec54d0f40d0a',
      'hex',
    );
    const r = ok(await parseOrderSheet(body, 'text/csv'));
    expect(r.lines).toEqual([{ row: 2, franchiseeId: 'F001', sku: '27SS-TS-001', size: '均码', qty: 5 }]);
  });

  test('row errors with exact keys, and the good lines still returned', async () => {
    const r = failed(
      await csv(
        '加盟商,款号,尺码,数量\n' +
          'F001,A,M,5\n' + // row 2: good
          ',A,M,5\n' + // row 3: no franchisee
          'F001,,M,5\n' + // row 4: no SKU
          'F001,A,,5\n' + // row 5: no size
          'F001,A,L,2.5\n' + // row 6
          'F001,A,L,-1\n' + // row 7
          'F001,A,L,100001\n' + // row 8
          'F001,A,L,abc\n' + // row 9
          'F001,A,XL,100000\n' + // row 10: good (the maximum)
          ',,,0\n', // row 11: no quantity: skipped, not an error
      ),
    );
    expect(r.details).toEqual({
      'rows.3.franchisee': 'required',
      'rows.4.sku': 'required',
      'rows.5.size': 'required',
      'rows.6.qty': expect.stringContaining('whole number from 1 to 100000'),
      'rows.7.qty': expect.stringContaining('whole number from 1 to 100000'),
      'rows.8.qty': expect.stringContaining('at most 100000'),
      'rows.9.qty': expect.stringContaining('"abc"'),
    });
    expect(r.message).toMatch(/^7 errors in the file's rows: rows\.3\.franchisee/);
    expect(r.lines).toEqual([
      { row: 2, franchiseeId: 'F001', sku: 'A', size: 'M', qty: 5 },
      { row: 10, franchiseeId: 'F001', sku: 'A', size: 'XL', qty: 100000 },
    ]);
  });

  test('at most 200 row errors are listed, the rest counted', async () => {
    const r = failed(await csv(`加盟商,款号,尺码,数量\n${',A,M,1\n'.repeat(250)}`));
    expect(Object.keys(r.details)).toHaveLength(201);
    expect(r.details.rows).toBe('50 more errors not shown');
  });

  test('exported constants', () => {
    expect(ORDER_SHEET_COLUMNS.map((c) => c.zh)).toEqual(['加盟商', '款号', '尺码', '数量']);
    expect(isOrderSheetType('text/csv; charset=gb18030')).toBe(true);
    expect(isOrderSheetType(XLSX)).toBe(true);
    expect(isOrderSheetType('application/octet-stream')).toBe(true);
    expect(isOrderSheetType('application/json')).toBe(false);
    expect(isOrderSheetType(undefined)).toBe(false);
  });
});

describe('wide layout (尺码配比)', () => {
  test('a CSV with one column per size; blank and 0 cells skipped; known columns are not sizes', async () => {
    const r = ok(
      await csv(
        '加盟商,款号,品名,单价(元),S,M,L,XL,XXL,均码,160/84A,28,合计,金额,备注\n' +
          'F001,27SS-TS-001,圆领T恤,89,10,20,0,,5,,,,35,3115,\n' +
          'F002,27SS-PT-004,直筒裤,139,,,,,,,3,4,7,973,加急\n' +
          'F003,27SS-DR-003,连衣裙,239,,,,,,,,,0,0,\n' + // nothing ordered: skipped
          '合计,,,,10,20,0,0,5,0,3,4,42,4088,\n', // a total row: not an order
      ),
    );
    expect(r.layout).toBe('wide');
    expect(r.lines).toEqual([
      { row: 2, franchiseeId: 'F001', sku: '27SS-TS-001', size: 'S', qty: 10 },
      { row: 2, franchiseeId: 'F001', sku: '27SS-TS-001', size: 'M', qty: 20 },
      { row: 2, franchiseeId: 'F001', sku: '27SS-TS-001', size: 'XXL', qty: 5 },
      { row: 3, franchiseeId: 'F002', sku: '27SS-PT-004', size: '160/84A', qty: 3 },
      { row: 3, franchiseeId: 'F002', sku: '27SS-PT-004', size: '28', qty: 4 },
    ]);
  });

  test('a bad cell is keyed by its size header; a row with quantities needs franchisee and SKU', async () => {
    const r = failed(await csv('加盟商,款号,S,M,160/84A\nF001,A,1,x,2\n,B,1,,\nF001,,,,1\nF002,C,,,-\nF002,D,3,,\n'));
    expect(r.details).toEqual({
      'rows.2.M': expect.stringContaining('size M: must be a whole number from 1 to 100000, not "x"'),
      'rows.3.franchisee': 'required',
      'rows.4.sku': 'required',
    });
    // row 5: '-' is a blank; row 2 had an error, so none of its sizes is a line
    expect(r.lines).toEqual([{ row: 6, franchiseeId: 'F002', sku: 'D', size: 'S', qty: 3 }]);
  });

  test('a size column named twice is an error on the file', async () => {
    expect(failed(await csv('加盟商,款号,S,M,S\nF001,A,1,2,3\n')).details).toEqual({ file: 'the column S appears twice' });
  });
});

describe('xlsx', () => {
  test('long layout from the first worksheet, numbers and rich text as text', async () => {
    const body = await xlsx([
      ['加盟商', '款号', '尺码', '数量', '单价'],
      ['F001', '27SS-TS-001', 'M', 12, 89],
      ['F001', { richText: [{ text: '27SS-' }, { text: 'SH-002', font: { bold: true } }] }, 28, 3, 159],
      ['F002', '27SS-DR-003', 'L', 0, 239],
      [' F002 ', '27SS-DR-003', 'S', null, 239],
    ]);
    const r = ok(await parseOrderSheet(body, XLSX));
    expect(r.layout).toBe('long');
    expect(r.lines).toEqual([
      { row: 2, franchiseeId: 'F001', sku: '27SS-TS-001', size: 'M', qty: 12 },
      { row: 3, franchiseeId: 'F001', sku: '27SS-SH-002', size: '28', qty: 3 },
    ]);
    // told apart by its bytes when sent as octet-stream
    expect(ok(await parseOrderSheet(body, 'application/octet-stream')).lines).toHaveLength(2);
  });

  test('wide layout, with a merged franchisee cell and numeric size headers', async () => {
    const body = await xlsx(
      [
        ['2027SS 订货会 尺码配比'],
        ['加盟商', '款号', 'S', 'M', '均码', 28, 30],
        ['F001', '27SS-TS-001', 1, 2, null, null, null],
        [null, '27SS-PT-004', null, null, null, 4, 0],
      ],
      (ws) => ws.mergeCells('A3:A4'),
    );
    const r = ok(await parseOrderSheet(body, XLSX));
    expect(r.layout).toBe('wide');
    expect(r.lines).toEqual([
      { row: 3, franchiseeId: 'F001', sku: '27SS-TS-001', size: 'S', qty: 1 },
      { row: 3, franchiseeId: 'F001', sku: '27SS-TS-001', size: 'M', qty: 2 },
      { row: 4, franchiseeId: 'F001', sku: '27SS-PT-004', size: '28', qty: 4 },
    ]);
  });

  test('formulas: the cached result is used, never evaluated', async () => {
    const body = await xlsx([
      ['加盟商', '款号', '尺码', '数量'],
      ['F001', 'A', 'M', { formula: '2*3', result: 6 }],
      ['F001', 'A', 'L', { formula: '1+1', result: 99 }], // the cached value wins
      [{ formula: '"F0"&"02"', result: 'F002' }, 'A', 'S', 1],
      ['F001', 'A', 'XL', { formula: '1/0', result: { error: '#DIV/0!' } }],
      ['F001', 'A', 'XXL', { formula: 'IF(1,"","")', result: '' }], // blank: skipped
      ['F001', 'A', 'S', { formula: '0*1', result: 0 }], // 0: skipped
      ['F001', 'A', 'XXL', { formula: 'B2*2' }], // no cached value (exceljs reads 0 and "" so too): blank
    ] as ExcelJS.CellValue[][]);
    const r = failed(await parseOrderSheet(body, XLSX));
    expect(r.details).toEqual({
      'rows.5.qty': expect.stringContaining('#DIV/0!'),
    });
    expect(r.lines).toEqual([
      { row: 2, franchiseeId: 'F001', sku: 'A', size: 'M', qty: 6 },
      { row: 3, franchiseeId: 'F001', sku: 'A', size: 'L', qty: 99 },
      { row: 4, franchiseeId: 'F002', sku: 'A', size: 'S', qty: 1 },
    ]);
  });

  test('row errors in a wide sheet name the sheet row and the size', async () => {
    const body = await xlsx([
      ['加盟商', '款号', 'S', 'M'],
      ['F001', 'A', 1.5, 2],
    ]);
    expect(failed(await parseOrderSheet(body, XLSX)).details).toEqual({ 'rows.2.S': expect.stringContaining('not "1.5"') });
  });
});

describe('the file as a whole', () => {
  test.each<[string, Buffer | string, string | undefined, RegExp]>([
    ['empty body', '', 'text/csv', /the file is empty/],
    ['only blank lines', '\r\n ,, \r\n', 'text/csv', /the file is empty/],
    ['no header', 'F001,A,M,1\n', 'text/csv', /no header row: row 1 must name the columns 加盟商, 款号, 尺码, 数量/],
    ['no SKU column', '加盟商,尺码,数量\nF001,M,1\n', 'text/csv', /missing required columns: 款号\/sku/],
    ['no quantity column', '加盟商,款号,尺码\nF001,A,M\n', 'text/csv', /missing required columns: 数量\/qty/],
    ['no size', '加盟商,款号,数量\nF001,A,1\n', 'text/csv', /missing required columns: 尺码\/size$/],
    ['no size columns', '加盟商,款号,品名\nF001,A,T恤\n', 'text/csv', /尺码\/size and 数量\/qty \(or one column per size/],
    ['a column twice', '加盟商,客户,款号,尺码,数量\n', 'text/csv', /the column 客户 appears twice/],
    ['no data rows', '加盟商,款号,尺码,数量\r\n', 'text/csv', /no order lines below its header/],
    ['only zero quantities', '加盟商,款号,尺码,数量\nF001,A,M,0\n', 'text/csv', /every quantity is blank or 0/],
    ['unterminated quote', '加盟商,款号,尺码,数量\n"F001,A,M,1\n', 'text/csv', /malformed CSV/],
    ['binary', Buffer.from([0x00, 0x01, 0xff, 0xfe]), 'text/csv', /not a CSV text file/],
    ['wrong type', '加盟商,款号,尺码,数量\nF001,A,M,1\n', 'application/json', /send the file as text\/csv or/],
    ['no type', '加盟商,款号,尺码,数量\nF001,A,M,1\n', undefined, /no Content-Type/],
    ['old .xls', Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), XLSX, /old Excel \.xls/],
    ['not an xlsx', 'hello', XLSX, /not a valid \.xlsx/],
    ['a zip as CSV', Buffer.from('504b0304140000000800', 'hex'), 'text/csv', /looks like an \.xlsx/],
  ])('%s', async (_name, body, type, message) => {
    const r = failed(await parseOrderSheet(typeof body === 'string' ? Buffer.from(body) : body, type));
    expect(Object.keys(r.details)).toEqual(['file']);
    expect(r.details.file).toMatch(message);
    expect(r.message).toBe(r.details.file);
    expect(r.lines).toBeUndefined();
  });

  test('a corrupt .xlsx (zip header, no workbook)', async () => {
    const r = failed(await parseOrderSheet(Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(100, 1)]), XLSX));
    expect(r.details.file).toMatch(/not a valid \.xlsx/);
  });

  test(`at most ${MAX_ORDER_SHEET_LINES} lines`, async () => {
    const rows = (n: number) => '加盟商,款号,尺码,数量\n' + Array.from({ length: n }, (_, i) => `F001,SKU${i},M,1\n`).join('');
    expect(ok(await csv(rows(MAX_ORDER_SHEET_LINES))).lines).toHaveLength(MAX_ORDER_SHEET_LINES);
    expect(failed(await csv(rows(MAX_ORDER_SHEET_LINES + 1))).details.file).toMatch(/at most 20000 lines per file/);
    // the wide layout counts the lines it makes
    const wide = '加盟商,款号,S,M\n' + Array.from({ length: MAX_ORDER_SHEET_LINES / 2 + 1 }, (_, i) => `F001,SKU${i},1,1\n`).join('');
    expect(failed(await csv(wide)).details.file).toMatch(/at most 20000 order lines per file/);
  });
});

describe('round trip', () => {
  const lines = [
    { franchiseeId: 'F001', sku: '27SS-TS-001', size: 'M', qty: 100 },
    { franchiseeId: 'F001', sku: '27SS-TS-001', size: '均码', qty: 1 },
    { franchiseeId: 'F002', sku: '0012', size: '28', qty: 100000 },
    { franchiseeId: 'F 3', sku: 'A,B "x"', size: '160/84A', qty: 7 },
  ];
  const expected = lines.map((l, i) => ({ row: i + 2, ...l }));

  test('CSV', async () => {
    const file = orderSheetCsv(lines);
    expect(file.toString('utf8')).toMatch(/^\uFEFF加盟商,款号,尺码,数量\r\nF001,27SS-TS-001,M,100\r\n/);
    expect(ok(await parseOrderSheet(file, 'text/csv'))).toEqual({ ok: true, layout: 'long', lines: expected });
  });

  test('xlsx', async () => {
    const file = await orderSheetXlsx(lines);
    expect(ok(await parseOrderSheet(file, XLSX))).toEqual({ ok: true, layout: 'long', lines: expected });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getCell('C4').value).toBe('28'); // sizes stay text
    expect(ws.getCell('D4').value).toBe(100000); // quantities are numbers
  });

  test('an empty template has the header only', async () => {
    expect(orderSheetCsv([]).toString('utf8')).toBe('\uFEFF加盟商,款号,尺码,数量\r\n');
    expect(failed(await parseOrderSheet(await orderSheetXlsx([]), XLSX)).details.file).toMatch(/no order lines below its header/);
  });
});
