// Head office's shipping list import (总公司发货数据): CSV and .xlsx, grouping by 发货单号, dates,
// row-level errors, limits, the round trip through the template. Pure: no database, no Temporal.
import ExcelJS from 'exceljs';
import { dateOrInstant, quantityCell } from '../../lib/files/read';
import { shippingListCsv } from '../../lib/shipments/export';
import {
  isShippingListType,
  MAX_SHIPPING_LIST_LINES,
  parseShippingList,
  SHIPPING_LIST_COLUMNS,
  type ShippingListResult,
  type ShippingListShipment,
} from '../../lib/shipments/import';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = '发货单号,款号,尺码,数量,预计到货';

const csv = (text: string, type = 'text/csv; charset=utf-8') => parseShippingList(Buffer.from(text, 'utf8'), type);

async function xlsx(rows: ExcelJS.CellValue[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('发货单');
  for (const r of rows) ws.addRow(r);
  build?.(ws);
  wb.addWorksheet('其他').addRow(HEADER.split(',')); // only the first sheet counts
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function ok(r: ShippingListResult) {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r;
}

function failed(r: ShippingListResult) {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return r;
}

const shipment = (
  s: Partial<ShippingListShipment> & Pick<ShippingListShipment, 'externalRef' | 'firstRow' | 'lines'>,
): ShippingListShipment => ({
  expectedArrival: '2027-03-15',
  bookingCode: null,
  carrier: null,
  trackingNo: null,
  ...s,
});

describe('CSV', () => {
  test('rows grouped by 发货单号 in first-appearance order; blank and 0 quantities, total rows skipped', async () => {
    const r = ok(
      await csv(
        '\uFEFF发货单号,款号,品名,尺码,数量,预计到货,订单号,承运商,运单号,备注\r\n' +
          ' FH-002 , 27SS-TS-001 ,圆领T恤,M,100,2027-03-15,bk000012,顺丰,SF1001,\r\n' + // row 2
          'FH-001,27SS-PT-004,直筒裤,28,"1,200",2027-03-20,,德邦,DB77,加急\r\n' + // row 3
          'FH-002,27SS-TS-001,圆领T恤,L,0,2027-03-15,BK000012,,,\r\n' + // row 4: 0, skipped
          'FH-002,27SS-TS-001,圆领T恤,XL,,2027-03-15,BK000012,,,\r\n' + // row 5: blank, skipped
          '\r\n' + // row 6
          'FH-002,27SS-DR-003,"连衣裙, 长款",均码,7,2027-03-15,BK000012,顺丰,SF1002,\r\n' + // row 7
          'FH-001,27SS-PT-004,直筒裤,30,3,2027-03-20,,德邦,DB77,\r\n' + // row 8
          '合计,,,,1310,,,,,\r\n' + // row 9: a total row
          ',,小计,,1310,,,,,\r\n', // row 10: a total row, labelled elsewhere
      ),
    );
    expect(r.shipments).toEqual([
      shipment({
        externalRef: 'FH-002',
        bookingCode: 'BK000012',
        carrier: '顺丰',
        trackingNo: 'SF1001, SF1002',
        firstRow: 2,
        lines: [
          { row: 2, sku: '27SS-TS-001', size: 'M', qty: 100 },
          { row: 7, sku: '27SS-DR-003', size: '均码', qty: 7 },
        ],
      }),
      shipment({
        externalRef: 'FH-001',
        expectedArrival: '2027-03-20',
        carrier: '德邦',
        trackingNo: 'DB77',
        firstRow: 3,
        lines: [
          { row: 3, sku: '27SS-PT-004', size: '28', qty: 1200 },
          { row: 8, sku: '27SS-PT-004', size: '30', qty: 3 },
        ],
      }),
    ]);
  });

  test('English headers, tabs or semicolons, and the other Chinese spellings', async () => {
    const expected = [
      shipment({ externalRef: 'X1', bookingCode: 'BK000003', firstRow: 2, lines: [{ row: 2, sku: 'A', size: '28', qty: 3 }] }),
    ];
    const rows = [
      'ShipmentNo\tSKU\tSize\tQty\tETA\tBookingCode\nX1\tA\t28\t3\t2027-03-15\tBK000003\n',
      'externalRef;sku;size;quantity;expectedArrival;booking\nX1;A;28;3;2027-03-15;BK000003\n',
      '发货单,货号,尺寸,发货数量,预计到货日期,订货单号\nX1,A,28,3,2027-03-15,BK000003\n',
      '单号,款号,尺码,数量,到货日期,订单号\nX1,A,28,3.0,2027-03-15,bk3\n', // the booking code as the system writes it
      'Shipment No,Style,Size,Quantity,Expected Arrival,Booking Code\nX1,A,28,3,2027-03-15,BK000003\n',
    ];
    for (const text of rows) expect(ok(await csv(text)).shipments).toEqual(expected);
  });

  test('a title row above the header is passed over; rows count as the sheet shows them', async () => {
    const r = ok(await csv(`总公司发货通知 2027-03-01,,,,\n\n${HEADER}\nFH1,A,M,1,2027-03-15\n`));
    expect(r.shipments).toEqual([shipment({ externalRef: 'FH1', firstRow: 4, lines: [{ row: 4, sku: 'A', size: 'M', qty: 1 }] })]);
  });

  test('a GB18030-encoded CSV, as a Chinese Excel saves it', async () => {
    // '发货单号,款号,尺码,数量,预计到货,承运商\r\nFH-001,27SS-TS-001,均码,5,2027/3/15,顺丰速运\r\n' in GB18030
    const body = Buffer.from(
      'b7a2bbf5b5a5bac52cbfeebac52cb3dfc2eb2ccafdc1bf2cd4a4bcc6b5bdbbf52cb3d0d4cbc9cc0d0a46482d3030312c323753532d54532d3030312cbef9c2eb2c352c323032372f332f31352ccbb3b7e1cbd9d4cb0d0a',
      'hex',
    );
    expect(ok(await parseShippingList(body, 'text/csv')).shipments).toEqual([
      shipment({ externalRef: 'FH-001', carrier: '顺丰速运', firstRow: 2, lines: [{ row: 2, sku: '27SS-TS-001', size: '均码', qty: 5 }] }),
    ]);
  });

  test('one date in several formats is the same date; an instant is kept as an instant', async () => {
    const r = ok(
      await csv(
        `${HEADER}\n` +
          'FH1,A,S,1,2027-03-15\n' +
          'FH1,A,M,1,2027/3/15\n' +
          'FH1,A,L,1,2027.3.15\n' +
          'FH1,A,XL,1,2027年3月15日\n' +
          'FH1,A,XXL,1,20270315\n' +
          'FH1,B,S,1,2027/3/15 14:30\n' + // a date-time without zone (Excel's CSV of a date-time cell): its date
          'FH1,B,M,1,46461\n' + // an Excel serial (a cell whose date format exceljs does not know)
          'FH2,A,S,1,2027-03-15T10:00:00+08:00\n' +
          'FH2,A,M,1,2027-03-15T02:00:00Z\n' + // the same instant
          'FH2,A,L,1,2027-03-15 10:00+0800\n',
      ),
    );
    expect(r.shipments.map((s) => [s.externalRef, s.expectedArrival, s.lines.length])).toEqual([
      ['FH1', '2027-03-15', 7],
      ['FH2', '2027-03-15T02:00:00.000Z', 3],
    ]);
  });

  test('within one 发货单号 every row gives the same 预计到货 and 订单号', async () => {
    const r = failed(
      await csv(
        `${HEADER},订单号\n` +
          'FH1,A,S,1,2027-03-15,BK000001\n' + // row 2: sets the shipment's values
          'FH2,A,S,1,2027-03-18,\n' + // row 3: another shipment
          'FH1,A,M,1,2027/3/16,BK000001\n' + // row 4: another date
          'FH1,A,L,1,2027/3/15,\n' + // row 5: no booking
          'FH1,A,XL,1,2027-03-15T00:00:00+08:00,bk000002\n' + // row 6: an instant is not the date; another booking
          'FH2,A,M,1,2027-03-18,BK000009\n', // row 7
      ),
    );
    expect(r.details).toEqual({
      'rows.4.expectedArrival': 'differs from row 2 of the same shipment',
      'rows.5.bookingCode': 'differs from row 2 of the same shipment',
      'rows.6.expectedArrival': 'differs from row 2 of the same shipment',
      'rows.6.bookingCode': 'differs from row 2 of the same shipment',
      'rows.7.bookingCode': 'differs from row 3 of the same shipment',
    });
    expect(r.shipments).toEqual([]);
  });

  test('row errors with exact keys; the shipments without any still returned', async () => {
    const r = failed(
      await csv(
        `${HEADER},订单号,承运商\n` +
          'FH1,A,M,5,2027-03-15,,顺丰\n' + // row 2: good
          ',A,M,5,2027-03-15,,\n' + // row 3: no 发货单号
          'FH2,,M,5,2027-03-15,,\n' + // row 4: no SKU
          'FH2,A,,5,2027-03-15,,\n' + // row 5: no size
          'FH2,A,L,2.5,2027-03-15,,\n' + // row 6
          'FH2,A,L,-1,2027-03-15,,\n' + // row 7
          'FH2,A,L,1000001,2027-03-15,,\n' + // row 8
          'FH2,A,L,abc,2027-03-15,,\n' + // row 9
          'FH2,A,XL,1000000,,,\n' + // row 10: no date
          'FH2,A,XL,1,2027-02-29,,\n' + // row 11: no such day
          'FH2,A,XL,1,next week,,\n' + // row 12
          'FH2,A,XL,1,2027-03-15,PO-123,\n' + // row 13
          `FH2,${'X'.repeat(101)},XL,1,2027-03-15,,\n` + // row 14
          ',,,0,,,\n' + // row 15: no quantity: skipped, not an error
          'FH3,A,XL,1000000,2027-03-15,,\n', // row 16: good (the maximum)
      ),
    );
    expect(r.details).toEqual({
      'rows.3.externalRef': 'required',
      'rows.4.sku': 'required',
      'rows.5.size': 'required',
      'rows.6.qty': expect.stringContaining('whole number from 1 to 1000000'),
      'rows.7.qty': expect.stringContaining('whole number from 1 to 1000000'),
      'rows.8.qty': expect.stringContaining('at most 1000000'),
      'rows.9.qty': expect.stringContaining('"abc"'),
      'rows.10.expectedArrival': 'required',
      'rows.11.expectedArrival': expect.stringContaining('must be a date such as 2027-03-15'),
      'rows.12.expectedArrival': expect.stringContaining('not "next week"'),
      'rows.13.bookingCode': 'must be a booking code such as BK000012, not "PO-123"',
      'rows.14.sku': 'at most 100 characters',
    });
    expect(r.message).toMatch(/^12 errors in the file's rows: rows\.3\.externalRef/);
    // FH2 has errors: left out as a whole
    expect(r.shipments).toEqual([
      shipment({ externalRef: 'FH1', carrier: '顺丰', firstRow: 2, lines: [{ row: 2, sku: 'A', size: 'M', qty: 5 }] }),
      shipment({ externalRef: 'FH3', firstRow: 16, lines: [{ row: 16, sku: 'A', size: 'XL', qty: 1_000_000 }] }),
    ]);
  });

  test('the same SKU and size twice is kept as two lines (the caller reports it)', async () => {
    const r = ok(await csv(`${HEADER}\nFH1,A,M,1,2027-03-15\nFH1,A,M,2,2027-03-15\n`));
    expect(r.shipments[0]!.lines.map((l) => l.qty)).toEqual([1, 2]);
  });

  test('at most 200 row errors are listed, the rest counted', async () => {
    const r = failed(await csv(`${HEADER}\n${',A,M,1,2027-03-15\n'.repeat(250)}`));
    expect(Object.keys(r.details)).toHaveLength(201);
    expect(r.details.rows).toBe('50 more errors not shown');
  });

  test('exported constants', () => {
    expect(SHIPPING_LIST_COLUMNS.map((c) => c.zh)).toEqual(['发货单号', '款号', '尺码', '数量', '预计到货', '订单号', '承运商', '运单号']);
    expect(isShippingListType('text/csv; charset=gb18030')).toBe(true);
    expect(isShippingListType(XLSX)).toBe(true);
    expect(isShippingListType('application/octet-stream')).toBe(true);
    expect(isShippingListType('application/json')).toBe(false);
    expect(isShippingListType(undefined)).toBe(false);
  });
});

describe('xlsx', () => {
  test('the first worksheet; Excel date cells, numbers and rich text as text', async () => {
    const body = await xlsx(
      [
        ['总公司发货单'],
        ['发货单号', '款号', '尺码', '数量', '预计到货', '订单号', '运单号'],
        ['FH1', '27SS-TS-001', 'M', 12, new Date(Date.UTC(2027, 2, 15)), 'BK000012', 'SF1'],
        [
          'FH1',
          { richText: [{ text: '27SS-' }, { text: 'SH-002', font: { bold: true } }] },
          28,
          3,
          new Date(Date.UTC(2027, 2, 15, 14, 30)),
          'BK000012',
          'SF1',
        ],
        ['FH1', '27SS-SH-002', 30, 1, '2027/3/15', 'BK000012', null], // a date as text
        ['FH1', '27SS-SH-002', 32, 1, 46461, 'BK000012', null], // the serial of a cell whose format exceljs does not know
        ['FH1', '27SS-SH-002', 34, 1, 46461, 'BK000012', null], // a Chinese date format (row 7, formatted below)
        [20270401, 'A', 'S', 0, new Date(Date.UTC(2027, 3, 1)), null, null], // 0: skipped
        [20270401, 'A', 'S', 2, new Date(Date.UTC(2027, 3, 1)), null, 'YT 9'], // a numeric 发货单号
      ],
      (ws) => {
        ws.getCell('E7').numFmt = 'yyyy"年"m"月"d"日"';
      },
    );
    const expected = [
      shipment({
        externalRef: 'FH1',
        bookingCode: 'BK000012',
        trackingNo: 'SF1',
        firstRow: 3,
        lines: [
          { row: 3, sku: '27SS-TS-001', size: 'M', qty: 12 },
          { row: 4, sku: '27SS-SH-002', size: '28', qty: 3 },
          { row: 5, sku: '27SS-SH-002', size: '30', qty: 1 },
          { row: 6, sku: '27SS-SH-002', size: '32', qty: 1 },
          { row: 7, sku: '27SS-SH-002', size: '34', qty: 1 },
        ],
      }),
      shipment({
        externalRef: '20270401',
        expectedArrival: '2027-04-01',
        trackingNo: 'YT 9',
        firstRow: 9,
        lines: [{ row: 9, sku: 'A', size: 'S', qty: 2 }],
      }),
    ];
    expect(ok(await parseShippingList(body, XLSX)).shipments).toEqual(expected);
    // told apart by its bytes when sent as octet-stream
    expect(ok(await parseShippingList(body, 'application/octet-stream')).shipments).toEqual(expected);
  });

  test('merged 发货单号 and 预计到货 cells count on every row they span', async () => {
    const body = await xlsx(
      [
        ['发货单号', '款号', '尺码', '数量', '预计到货'],
        ['FH1', 'A', 'S', 1, new Date(Date.UTC(2027, 2, 15))],
        [null, 'A', 'M', 2, null],
      ],
      (ws) => {
        ws.mergeCells('A2:A3');
        ws.mergeCells('E2:E3');
      },
    );
    expect(ok(await parseShippingList(body, XLSX)).shipments).toEqual([
      shipment({
        externalRef: 'FH1',
        firstRow: 2,
        lines: [
          { row: 2, sku: 'A', size: 'S', qty: 1 },
          { row: 3, sku: 'A', size: 'M', qty: 2 },
        ],
      }),
    ]);
  });

  test('formulas: the cached result is used, never evaluated', async () => {
    const body = await xlsx([
      ['发货单号', '款号', '尺码', '数量', '预计到货'],
      ['FH1', 'A', 'M', { formula: '2*3', result: 6 }, { formula: 'DATE(2027,3,15)', result: new Date(Date.UTC(2027, 2, 15)) }],
      ['FH1', 'A', 'L', { formula: '1+1', result: 99 }, '2027-03-15'], // the cached value wins
      ['FH1', 'A', 'XL', { formula: '1/0', result: { error: '#DIV/0!' } }, '2027-03-15'],
      ['FH1', 'A', 'S', 1, { formula: 'E2+1', result: { error: '#VALUE!' } }],
      ['FH1', 'A', 'XXL', { formula: '0*1', result: 0 }, '2027-03-15'], // 0: skipped
    ] as ExcelJS.CellValue[][]);
    const r = failed(await parseShippingList(body, XLSX));
    expect(r.details).toEqual({
      'rows.4.qty': expect.stringContaining('#DIV/0!'),
      'rows.5.expectedArrival': expect.stringContaining('#VALUE!'),
    });
  });

  test('a formula date cell gives its date', async () => {
    const body = await xlsx([
      ['发货单号', '款号', '尺码', '数量', '预计到货'],
      ['FH1', 'A', 'M', 1, { formula: 'DATE(2027,3,15)', result: new Date(Date.UTC(2027, 2, 15)) }],
    ] as ExcelJS.CellValue[][]);
    expect(ok(await parseShippingList(body, XLSX)).shipments[0]!.expectedArrival).toBe('2027-03-15');
  });
});

describe('the file as a whole', () => {
  test.each<[string, Buffer | string, string | undefined, RegExp]>([
    ['empty body', '', 'text/csv', /the file is empty/],
    ['only blank lines', '\r\n ,, \r\n', 'text/csv', /the file is empty/],
    [
      'no header',
      'FH1,A,M,1,2027-03-15\n',
      'text/csv',
      /no header row: row 1 must name the columns 发货单号, 款号, 尺码, 数量, 预计到货 \(or shipmentNo, sku, size, qty, expectedArrival\)/,
    ],
    ['no SKU column', '发货单号,尺码,数量,预计到货\nFH1,M,1,2027-03-15\n', 'text/csv', /^missing required columns: 款号\/sku$/],
    [
      'no date and quantity',
      '发货单号,款号,尺码\nFH1,A,M\n',
      'text/csv',
      /^missing required columns: 数量\/qty, 预计到货\/expectedArrival$/,
    ],
    ['a column twice', '发货单号,单号,款号,尺码,数量,预计到货\n', 'text/csv', /the column 单号 appears twice/],
    ['no data rows', `${HEADER}\r\n`, 'text/csv', /no shipment lines below its header/],
    ['only zero quantities', `${HEADER}\nFH1,A,M,0,2027-03-15\n`, 'text/csv', /every quantity is blank or 0/],
    ['unterminated quote', `${HEADER}\n"FH1,A,M,1,2027-03-15\n`, 'text/csv', /malformed CSV/],
    ['binary', Buffer.from([0x00, 0x01, 0xff, 0xfe]), 'text/csv', /not a CSV text file/],
    ['wrong type', `${HEADER}\nFH1,A,M,1,2027-03-15\n`, 'application/json', /send the file as text\/csv or/],
    ['old .xls', Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), XLSX, /old Excel \.xls/],
    ['not an xlsx', 'hello', XLSX, /not a valid \.xlsx/],
  ])('%s', async (_name, body, type, message) => {
    const r = failed(await parseShippingList(typeof body === 'string' ? Buffer.from(body) : body, type));
    expect(Object.keys(r.details)).toEqual(['file']);
    expect(r.details.file).toMatch(message);
    expect(r.message).toBe(r.details.file);
    expect(r.shipments).toBeUndefined();
  });

  test(`at most ${MAX_SHIPPING_LIST_LINES} lines`, async () => {
    const rows = (n: number) => `${HEADER}\n` + Array.from({ length: n }, (_, i) => `FH${i % 7},SKU${i},M,1,2027-03-15\n`).join('');
    const r = ok(await csv(rows(MAX_SHIPPING_LIST_LINES)));
    expect(r.shipments).toHaveLength(7);
    expect(r.shipments.reduce((n, s) => n + s.lines.length, 0)).toBe(MAX_SHIPPING_LIST_LINES);
    expect(failed(await csv(rows(MAX_SHIPPING_LIST_LINES + 1))).details.file).toBe('at most 20000 lines per file, not 20001');
  });
});

describe('round trip through the template', () => {
  const shipments: ShippingListShipment[] = [
    shipment({
      externalRef: 'FH-2027-0001',
      bookingCode: 'BK000012',
      carrier: '顺丰, 德邦',
      trackingNo: 'SF1, "x"',
      firstRow: 2,
      lines: [
        { row: 2, sku: '27SS-TS-001', size: 'M', qty: 100 },
        { row: 3, sku: '0012', size: '均码', qty: 1_000_000 },
      ],
    }),
    shipment({
      externalRef: '-1',
      expectedArrival: '2027-04-01T01:30:00.000Z',
      firstRow: 4,
      lines: [{ row: 4, sku: 'A,B', size: '160/84A', qty: 7 }],
    }),
  ];

  test('CSV', async () => {
    const file = shippingListCsv(shipments);
    expect(file.toString('utf8')).toMatch(
      /^\uFEFF发货单号,款号,尺码,数量,预计到货,订单号,承运商,运单号\r\nFH-2027-0001,27SS-TS-001,M,100,2027-03-15,BK000012,"顺丰, 德邦","SF1, ""x"""\r\n/,
    );
    expect(ok(await parseShippingList(file, 'text/csv'))).toEqual({ ok: true, shipments });
  });

  test('an empty template has the header only', async () => {
    expect(shippingListCsv([]).toString('utf8')).toBe('\uFEFF发货单号,款号,尺码,数量,预计到货,订单号,承运商,运单号\r\n');
    expect(failed(await parseShippingList(shippingListCsv([]), 'text/csv')).details.file).toMatch(/no shipment lines below its header/);
  });
});

describe('the cell readers in lib/files', () => {
  test.each([
    ['2027-03-15', '2027-03-15'],
    ['2027/3/5', '2027-03-05'],
    [' 2027.03.05 ', '2027-03-05'],
    ['2027年3月5日', '2027-03-05'],
    ['2027年3月5', '2027-03-05'],
    ['20270305', '2027-03-05'],
    ['2028-02-29', '2028-02-29'],
    ['2027-03-15 23:59:59', '2027-03-15'],
    ['2027-03-15T08:00', '2027-03-15'],
    ['36526', '2000-01-01'],
    ['46461.75', '2027-03-15'],
    ['73050', '2099-12-31'],
  ])('date %s', (text, date) => {
    expect(dateOrInstant(text)).toEqual({ date });
  });

  test.each([
    ['2027-03-15T10:00:00+08:00', '2027-03-15T02:00:00.000Z'],
    ['2027-03-15T10:00:00.123456+0800', '2027-03-15T02:00:00.123Z'],
    ['2027-03-15t02:00z', '2027-03-15T02:00:00.000Z'],
    ['2027-03-15 02:00:00 -05:00', '2027-03-15T07:00:00.000Z'],
  ])('instant %s', (text, instant) => {
    expect(dateOrInstant(text)).toEqual({ instant });
  });

  test.each([
    '',
    '2027-02-29',
    '2027-13-01',
    '2027-00-10',
    '2027-3-15-1',
    '2027/03-15',
    '15/03/2027',
    '03/15/2027',
    '36525',
    '73051',
    '1000',
    '2027-03-15T24:00',
    '2027-03-15T10:60Z',
    '2027/3/15T10:00Z',
    '2027-03-15T10:00+15:00',
    'tomorrow',
    '0999-01-01',
  ])('not a date: %j', (text) => {
    expect(dateOrInstant(text)).toEqual({ error: expect.stringContaining('must be a date such as 2027-03-15') });
  });

  test('quantities', () => {
    expect(quantityCell(' 1,200 ', 5000)).toEqual({ qty: 1200 });
    expect(quantityCell('12.00', 12)).toEqual({ qty: 12 });
    expect(quantityCell('0', 5)).toEqual({ skip: true });
    expect(quantityCell('—', 5)).toEqual({ skip: true });
    expect(quantityCell('13', 12)).toEqual({ error: 'must be at most 12, not 13' });
    expect(quantityCell('1.5', 12)).toEqual({ error: 'must be a whole number from 1 to 12, not "1.5"' });
  });
});
