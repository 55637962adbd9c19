// Plans over HTTP (process 1): drafts with lines, waves and server-side totals; validation
// naming the row and field with nothing saved; import and export of CSV and .xlsx; submit,
// send back, a new revision, the diff, resubmit and approval on the real workflow.
import ExcelJS from 'exceljs';
import { startEngine, type EngineHarness } from '../helpers/engine';
import { startTestApi, type TestApi } from '../helpers/api';
import { until } from '../helpers/until';
import { yuanToFen } from '../../lib/plans/import';
import { fenToYuan } from '../../lib/plans/export';

let h: EngineHarness;
let api: TestApi;
const tokens: Record<string, string> = {};
const as = (username: string) => ({ token: tokens[username]! });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  h = await startEngine();
  api = await startTestApi({
    db: h.db,
    databaseUrl: h.config.databaseUrl!,
    temporal: h.env.client,
    env: { TEMPORAL_TASK_QUEUE: h.taskQueue },
  });
  for (const u of ['admin', 'manager', 'supervisor', 'specialist', 'finance', 'store1', 'franchisee1']) tokens[u] = await api.login(u);
  await h.settings({ 'reminder.leadTimes': [], 'escalation.steps': [] });
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const LINES = [
  { category: 'T恤', regionId: 'EAST', qty: 1000, amountFen: 8_900_000 },
  { category: 'T恤', storeId: 'S002', qty: 300, amountFen: 2_670_000 },
  { category: '衬衫', regionId: 'EAST', storeId: 'S001', qty: 200, amountFen: 3_180_000 },
  { category: '衬衫', qty: 50, amountFen: 795_050 },
];

const post = (body: unknown, user = 'specialist') => api.request('POST', '/api/plans', { ...as(user), body });
const put = (id: string, body: unknown, user = 'specialist') => api.request('PUT', `/api/plans/${id}`, { ...as(user), body });
const get = (path: string, user = 'specialist') => api.request('GET', path, as(user));

async function upload(id: string, file: Buffer | string, contentType: string, user = 'specialist') {
  const res = await fetch(`${api.url}/api/plans/${id}/lines`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': contentType },
    body: typeof file === 'string' ? file : new Uint8Array(file),
  });
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function download(id: string, query: string) {
  const res = await fetch(`${api.url}/api/plans/${id}/export?${query}`, { headers: { authorization: `Bearer ${tokens.specialist}` } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('明细');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const counts = async () => ({
  plans: await h.db.plan.count(),
  revisions: await h.db.planRevision.count(),
  lines: await h.db.planLine.count(),
  waves: await h.db.planWave.count(),
});

const plain = (lines: { category: string; regionId: string | null; storeId: string | null; qty: number; amountFen: number }[]) =>
  lines.map(({ category, regionId, storeId, qty, amountFen }) => ({ category, regionId, storeId, qty, amountFen }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function expect422(res: { status: number; body: any }, field: string) {
  expect({ field, status: res.status, code: res.body?.error?.code }).toEqual({ field, status: 422, code: 'validation_failed' });
  expect(Object.keys(res.body.error.details)).toContain(field);
}

async function waitStatus(id: string, status: string) {
  return (
    await until(
      `plan ${id} ${status}`,
      () => get(`/api/plans/${id}`),
      (res) => res.body.status === status,
      { timeoutMs: 10_000, intervalMs: 50 },
    )
  ).body;
}

async function openTask(workflowId: string, stepKey: string) {
  const tasks = await h.tasks(workflowId, (ts) => ts.some((t) => t.stepKey === stepKey && t.status === 'open'));
  return tasks.find((t) => t.stepKey === stepKey && t.status === 'open')!;
}

describe('drafts', () => {
  test('create and read a purchase plan: totals per region and category are computed on the server', async () => {
    const created = await post({
      season: '2027SS',
      type: 'purchase',
      title: '2027春夏采买计划',
      lines: LINES,
      totals: { qty: 1550, amountFen: 15_545_050 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      season: '2027SS',
      type: 'purchase',
      title: '2027春夏采买计划',
      ownerId: h.user('specialist').id,
      ownerName: '张专员',
      status: 'draft',
      currentRevision: 1,
      workflowId: null,
      lockedAt: null,
      revision: { number: 1, status: 'draft', submittedAt: null, waves: [] },
    });
    expect(plain(created.body.revision.lines)).toEqual(LINES.map((l) => ({ regionId: null, storeId: null, ...l })));
    expect(created.body.revision.lines.map((l: { position: number }) => l.position)).toEqual([0, 1, 2, 3]);
    const { totals } = created.body.revision;
    expect(totals).toMatchObject({ qty: 1550, amountFen: 15_545_050 });
    // S002 counts for SOUTH, S001 (with its region) for EAST; the branch-wide line has none.
    expect(totals.byRegion).toEqual([
      { regionId: 'EAST', qty: 1200, amountFen: 12_080_000 },
      { regionId: null, qty: 50, amountFen: 795_050 },
      { regionId: 'SOUTH', qty: 300, amountFen: 2_670_000 },
    ]);
    expect(totals.byCategory).toEqual([
      { category: 'T恤', qty: 1300, amountFen: 11_570_000 },
      { category: '衬衫', qty: 250, amountFen: 3_975_050 },
    ]);

    const one = await get(`/api/plans/${created.body.id}`, 'finance');
    expect(one.status).toBe(200);
    expect(one.body).toEqual(created.body);

    const list = await get(`/api/plans?filter=${encodeURIComponent(JSON.stringify({ season: '2027SS', type: 'purchase', mine: true }))}`);
    expect(list.status).toBe(200);
    expect(list.headers.get('content-range')).toMatch(/^plans 0-\d+\/\d+$/);
    expect(list.body.find((p: { id: string }) => p.id === created.body.id)).toMatchObject({
      totalQty: 1550,
      totalAmountFen: 15_545_050,
      status: 'draft',
    });
    expect(
      (await get(`/api/plans?filter=${encodeURIComponent(JSON.stringify({ mine: true }))}`, 'manager')).body.map(
        (p: { id: string }) => p.id,
      ),
    ).not.toContain(created.body.id);
  });

  test('a launch plan has waves, with dates and categories', async () => {
    const waves = [
      { name: '第一波', startsOn: '2027-02-15', endsOn: '2027-03-15', categories: ['T恤'] },
      { name: '第二波', startsOn: '2027-03-16', categories: ['T恤', '衬衫'] },
    ];
    const created = await post({ season: '2027SS', type: 'launch', title: '上市计划', lines: LINES, waves });
    expect(created.status).toBe(201);
    expect(
      created.body.revision.waves.map(({ name, startsOn, endsOn, categories }: Record<string, unknown>) => ({
        name,
        startsOn,
        endsOn,
        categories,
      })),
    ).toEqual([waves[0], { ...waves[1], endsOn: null }]);
  });

  test('bad plan input is refused with 422 naming the row and field, and nothing is saved', async () => {
    const before = await counts();
    const base = { season: '2027SS', type: 'purchase', title: '错误的计划' };
    const line = { category: 'T恤', qty: 1, amountFen: 100 };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, lines: [line, { ...line, category: '衬衫', qty: -5 }] }, 'lines.1.qty'],
      [{ ...base, lines: [{ ...line, qty: 1.5 }] }, 'lines.0.qty'],
      [{ ...base, lines: [{ ...line, amountFen: 12.5 }] }, 'lines.0.amountFen'],
      [{ ...base, lines: [{ ...line, amountFen: -1 }] }, 'lines.0.amountFen'],
      [{ ...base, lines: [{ ...line, category: ' ' }] }, 'lines.0.category'],
      [{ ...base, lines: [line, line, { ...line, category: 'X', storeId: 'S999' }] }, 'lines.2.storeId'],
      [{ ...base, lines: [{ ...line, regionId: 'MARS' }] }, 'lines.0.regionId'],
      [{ ...base, lines: [{ ...line, regionId: 'EAST', storeId: 'S002' }] }, 'lines.0.storeId'],
      [{ ...base, lines: [line, { ...line, qty: 2 }] }, 'lines.1'],
      // A store line is the same place whether or not its region is written out.
      [
        {
          ...base,
          lines: [
            { ...line, storeId: 'S001' },
            { ...line, regionId: 'EAST', storeId: 'S001' },
          ],
        },
        'lines.1',
      ],
      [{ ...base, lines: [line], totals: { qty: 2, amountFen: 100 } }, 'totals.qty'],
      [{ ...base, lines: [line], totals: { qty: 1, amountFen: 101 } }, 'totals.amountFen'],
      [{ ...base, season: '2099XX', lines: [line] }, 'season'],
      [{ ...base, type: 'sale', lines: [line] }, 'type'],
      [{ ...base, title: '', lines: [line] }, 'title'],
      [{ ...base, lines: [line], waves: [{ name: 'w', startsOn: '2027-02-01', categories: ['T恤'] }] }, 'waves'],
      [
        {
          ...base,
          type: 'launch',
          lines: [line],
          waves: [{ name: 'w', startsOn: '2027-03-01', endsOn: '2027-02-01', categories: ['T恤'] }],
        },
        'waves.0.endsOn',
      ],
      [
        { ...base, type: 'launch', lines: [line], waves: [{ name: 'w', startsOn: '2027-02-01', categories: ['T恤', '外套'] }] },
        'waves.0.categories',
      ],
      [{ ...base, type: 'launch', lines: [line], waves: [{ name: 'w', startsOn: '2027-02-01', categories: [] }] }, 'waves.0.categories'],
      [{ ...base, type: 'launch', lines: [line], waves: [{ name: 'w', startsOn: '2027-02-30', categories: ['T恤'] }] }, 'waves.0.startsOn'],
    ];
    for (const [body, field] of cases) expect422(await post(body), field);
    const mismatch = await post({ ...base, lines: [line], totals: { qty: 1, amountFen: 101 } });
    expect(mismatch.body.error.message).toMatch(/mismatched totals/i);
    expect(await counts()).toEqual(before);
  });

  test('who may create, read and edit', async () => {
    expect((await post({ season: '2027SS', type: 'purchase', title: 'x' }, 'franchisee1')).status).toBe(403);
    expect((await post({ season: '2027SS', type: 'purchase', title: 'x' }, 'finance')).status).toBe(403);
    const created = await post({ season: '2027SS', type: 'purchase', title: '权限测试', lines: LINES.slice(0, 1) });
    const id = created.body.id as string;
    expect((await get(`/api/plans/${id}`, 'store1')).status).toBe(403);
    expect((await get('/api/plans', 'franchisee1')).status).toBe(403);
    expect((await get('/api/plans/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await get('/api/plans/nope')).status).toBe(404);

    const other = await put(id, { title: '改名' }, 'supervisor');
    expect(other).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await upload(id, '品类,数量,金额\nT恤,1,1\n', 'text/csv', 'supervisor')).status).toBe(403);
    expect((await api.request('POST', `/api/plans/${id}/submit`, { ...as('supervisor'), body: {} })).status).toBe(403);
    expect((await put(id, { title: '管理员改名' }, 'admin')).body.title).toBe('管理员改名');
  });

  test('a draft is edited in place; a bad edit changes nothing', async () => {
    const created = await post({
      season: '2027SS',
      type: 'launch',
      title: '草稿',
      lines: LINES,
      waves: [{ name: '一波', startsOn: '2027-02-15', categories: ['衬衫'] }],
    });
    const id = created.body.id as string;
    const before = await counts();
    expect422(await put(id, { lines: [{ category: 'T恤', qty: 1, amountFen: 1 }] }), 'waves.0.categories'); // the wave's 衬衫 would be gone
    expect422(await put(id, { lines: [{ category: '衬衫', qty: 1, amountFen: 1, storeId: 'S404' }] }), 'lines.0.storeId');
    expect(await counts()).toEqual(before);
    const edited = await put(id, { title: '草稿 v2', lines: [{ category: '衬衫', qty: 7, amountFen: 700 }], comment: '先放一行' });
    expect(edited).toMatchObject({
      status: 200,
      body: {
        title: '草稿 v2',
        currentRevision: 1,
        revision: { number: 1, status: 'draft', comment: '先放一行', totals: { qty: 7, amountFen: 700 } },
      },
    });
    expect(edited.body.revision.waves).toHaveLength(1);
    expect((await get(`/api/plans/${id}/revisions`)).body).toHaveLength(1);
  });
});

describe('import and export', () => {
  let id: string;
  beforeAll(async () => {
    id = (await post({ season: '2027SS', type: 'purchase', title: '导入/测试', lines: LINES.slice(0, 1) })).body.id;
  });

  test('yuan are turned into fen by string arithmetic', () => {
    expect(yuanToFen('1234.5')).toBe(123450n);
    expect(yuanToFen('0.01')).toBe(1n);
    expect(yuanToFen('¥1,234,567.89')).toBe(123456789n);
    expect(yuanToFen('19.90')).toBe(1990n);
    expect(yuanToFen('2.500')).toBe(250n);
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
    expect(yuanToFen('1e3')).toBeNull();
    expect(fenToYuan(123450)).toBe('1234.50');
    expect(fenToYuan(7n)).toBe('0.07');
  });

  test('a CSV with Chinese headers replaces the lines; empty region and store are none', async () => {
    const csv = '\uFEFF品类,片区,店铺,数量,金额\r\nT恤,EAST,,1000,89000\r\n"衬衫, 短袖",,S002,20,3180.5\r\n\r\n连衣裙,,,5,0.07\r\n';
    const res = await upload(id, csv, 'text/csv; charset=utf-8');
    expect(res.status).toBe(200);
    expect(plain(res.body.revision.lines)).toEqual([
      { category: 'T恤', regionId: 'EAST', storeId: null, qty: 1000, amountFen: 8_900_000 },
      { category: '衬衫, 短袖', regionId: null, storeId: 'S002', qty: 20, amountFen: 318_050 },
      { category: '连衣裙', regionId: null, storeId: null, qty: 5, amountFen: 7 },
    ]);
    expect(res.body.revision.totals).toMatchObject({ qty: 1025, amountFen: 9_218_057 });
  });

  test('English headers and an amount in fen', async () => {
    const res = await upload(id, 'Category,Region,Store,Qty,amountFen\nT恤,SOUTH,S002,3,1999\n', 'text/csv');
    expect(res.status).toBe(200);
    expect(plain(res.body.revision.lines)).toEqual([{ category: 'T恤', regionId: 'SOUTH', storeId: 'S002', qty: 3, amountFen: 1999 }]);
  });

  test('row-level errors name the spreadsheet row and field; nothing is saved', async () => {
    const before = await get(`/api/plans/${id}`);
    const csv = [
      '品类,片区,店铺,数量,金额',
      'T恤,EAST,,10,100', // row 2: fine
      '衬衫,,,-3,100', // row 3: negative quantity
      '连衣裙,,S999,1,100', // row 4: unknown store
      '裤装,,,1,1.005', // row 5: more than 2 decimals
      ',,,1,1', // row 6: no category
      'T恤,EAST,,2,2', // row 7: the same line as row 2
      '外套,EAST,S002,1,1', // row 8: store in another region
      '帽子,MARS,,1,1', // row 9: unknown region
    ].join('\n');
    const res = await upload(id, csv, 'text/csv');
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual({
      'rows.3.qty': 'must be ≥ 0',
      'rows.4.store': 'no such store S999',
      'rows.5.amount': expect.stringMatching(/2 decimals/),
      'rows.6.category': 'required',
      'rows.7': expect.stringMatching(/row 2/),
      'rows.8.store': expect.stringMatching(/SOUTH/),
      'rows.9.region': 'no such region MARS',
    });
    expect(res.body.error.message).toMatch(/rows\.3\.qty/);
    expect((await get(`/api/plans/${id}`)).body).toEqual(before.body);
  });

  test('an .xlsx file imports, with row-level errors too', async () => {
    const good = await xlsx([
      ['品类', '片区', '店铺', '数量', '金额（元）'],
      ['T恤', 'EAST', null, 120, 1234.5],
      ['衬衫', null, 'S001', 8, '99.99'],
      ['连衣裙', null, null, 1, 0.1 + 0.2],
    ]);
    const ok = await upload(id, good, XLSX);
    expect(ok.status).toBe(200);
    expect(plain(ok.body.revision.lines)).toEqual([
      { category: 'T恤', regionId: 'EAST', storeId: null, qty: 120, amountFen: 123_450 },
      { category: '衬衫', regionId: null, storeId: 'S001', qty: 8, amountFen: 9_999 },
      { category: '连衣裙', regionId: null, storeId: null, qty: 1, amountFen: 30 },
    ]);
    const bad = await xlsx([
      ['品类', '片区', '店铺', '数量', '金额'],
      ['T恤', null, null, 1, 1],
      ['衬衫', null, null, 2.5, 1],
      ['裤装', null, 'S404', 1, 1],
    ]);
    const res = await upload(id, bad, XLSX);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual({ 'rows.3.qty': expect.any(String), 'rows.4.store': 'no such store S404' });
  });

  test('a malformed file is 422 on file', async () => {
    const before = await counts();
    const cases: [Buffer | string, string][] = [
      [Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00]), 'text/csv'], // binary
      ['not a zip at all', XLSX],
      [Buffer.from('PK\u0003\u0004garbage'), XLSX], // a broken zip
      ['', 'text/csv'],
      ['T恤,EAST,,1,1\n', 'text/csv'], // no header
      ['品类,片区,店铺,金额\nT恤,,,1\n', 'text/csv'], // no quantity column
      ['品类,数量,金额\n', 'text/csv'], // no lines
      ['品类,数量,金额,金额(分)\nT恤,1,1,100\n', 'text/csv'], // two amounts
      ['品类,数量,金额\n"T恤,1,1\n', 'text/csv'], // unterminated quote
      ['{"lines": []}', 'application/json'],
      ['<xml/>', 'application/xml'],
    ];
    for (const [file, type] of cases) {
      const res = await upload(id, file, type);
      expect({ type, file: String(file).slice(0, 20), status: res.status, keys: Object.keys(res.body.error?.details ?? {}) }).toEqual({
        type,
        file: String(file).slice(0, 20),
        status: 422,
        keys: ['file'],
      });
    }
    expect(await counts()).toEqual(before);
  });

  test.each(['csv', 'xlsx'])('an export (%s) imports back to the same lines', async (format) => {
    const lines = [
      { category: 'T恤', regionId: 'EAST', storeId: null, qty: 1000, amountFen: 8_900_001 },
      { category: '衬衫, "短袖"', regionId: 'SOUTH', storeId: 'S002', qty: 0, amountFen: 0 },
      { category: '连衣裙', regionId: null, storeId: 'S003', qty: 7, amountFen: 12_345_678_901 },
      { category: '裤装', regionId: null, storeId: null, qty: 3, amountFen: 5 },
    ];
    const plan = await post({ season: '2027SS', type: 'purchase', title: `往返/${format}`, lines });
    const file = await download(plan.body.id, `format=${format}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename=.*\.(csv|xlsx)"?; filename\*=UTF-8''/);
    expect(decodeURIComponent(file.headers.get('content-disposition')!.split("''")[1]!)).toBe(`往返_${format}-r1.${format}`);
    if (format === 'csv') expect(file.body.toString('utf8')).toMatch(/^\uFEFF品类,片区,店铺,数量,金额\r\nT恤,EAST,,1000,89000\.01\r\n/);
    const other = await post({ season: '2027SS', type: 'purchase', title: '空白' });
    const back = await upload(other.body.id, file.body, format === 'csv' ? 'text/csv' : XLSX);
    expect(back.status).toBe(200);
    expect(plain(back.body.revision.lines)).toEqual(lines);
    expect((await download(plan.body.id, 'format=pdf')).status).toBe(422);
    expect((await download(plan.body.id, 'revision=9')).status).toBe(404);
  });
});

describe('submit, send back, revise, resubmit, approve', () => {
  test('an empty plan cannot be submitted', async () => {
    const plan = await post({ season: '2027SS', type: 'purchase', title: '空计划' });
    expect422(await api.request('POST', `/api/plans/${plan.body.id}/submit`, { ...as('specialist'), body: {} }), 'lines');
    expect((await get(`/api/plans/${plan.body.id}`)).body.status).toBe('draft');
  });

  test('the whole round: a submitted plan is not editable (409); a send back opens revision 2; the diff; approval locks it', async () => {
    const created = await post({
      season: '2027SS',
      type: 'launch',
      title: '2027春夏上市计划',
      lines: LINES,
      waves: [{ name: '第一波', startsOn: '2027-02-15', categories: ['T恤', '衬衫'] }],
    });
    const id = created.body.id as string;
    const submitted = await api.request('POST', `/api/plans/${id}/submit`, { ...as('specialist'), body: { comment: '请审批' } });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      workflowId: `plan-${id}`,
      revision: { number: 1, status: 'submitted', comment: '请审批' },
    });
    expect(submitted.body.revision.submittedAt).toEqual(expect.any(String));

    const locked = await put(id, { title: '改不了' });
    expect(locked).toMatchObject({
      status: 409,
      body: { error: { code: 'plan_not_editable', message: expect.stringMatching(/submitted/) } },
    });
    expect((await upload(id, '品类,数量,金额\nT恤,1,1\n', 'text/csv')).body.error.code).toBe('plan_not_editable');
    expect((await api.request('POST', `/api/plans/${id}/submit`, { ...as('specialist'), body: {} })).body.error.code).toBe(
      'plan_not_editable',
    );
    expect((await get(`/api/plans/${id}`)).body.title).toBe('2027春夏上市计划');

    // The specialist's plan goes to the supervisor, who sends it back.
    const wf = `plan-${id}`;
    const first = await openTask(wf, 'supervisor');
    const back = await api.request('POST', `/api/tasks/${first.id}/decision`, {
      ...as('supervisor'),
      body: { decision: 'send_back', comment: 'T恤数量太多' },
    });
    expect(back.status).toBe(200);
    expect(await waitStatus(id, 'sent_back')).toMatchObject({ reason: 'T恤数量太多', currentRevision: 1 });

    // The first edit opens revision 2 (waves copied); the second edits the same draft.
    const r2 = await put(id, { lines: [{ ...LINES[0], qty: 800, amountFen: 7_120_000 }, LINES[1], LINES[2]], comment: '已减少T恤' });
    expect(r2).toMatchObject({
      status: 200,
      body: { status: 'sent_back', currentRevision: 2, revision: { number: 2, status: 'draft', comment: '已减少T恤' } },
    });
    expect(r2.body.revision.waves.map((w: { name: string }) => w.name)).toEqual(['第一波']);
    const r2b = await upload(
      id,
      '品类,片区,店铺,数量,金额\nT恤,EAST,,800,71200\nT恤,,S002,300,26700\n衬衫,EAST,S001,200,31800\n裤装,NORTH,,10,1000.00\n',
      'text/csv',
    );
    expect(r2b).toMatchObject({ status: 200, body: { currentRevision: 2, revision: { number: 2, status: 'draft' } } });
    expect((await get(`/api/plans/${id}/revisions/1`)).body).toMatchObject({ number: 1, status: 'submitted', lines: expect.any(Array) });
    expect(plain((await get(`/api/plans/${id}/revisions/1`)).body.lines)).toEqual(plain(created.body.revision.lines));

    const revisions = await get(`/api/plans/${id}/revisions`);
    expect(revisions.body.map((r: { number: number; status: string; current: boolean }) => [r.number, r.status, r.current])).toEqual([
      [1, 'submitted', false],
      [2, 'draft', true],
    ]);
    expect(revisions.body[1].totals).toMatchObject({ qty: 1310, amountFen: 13_070_000 });

    const diff = await get(`/api/plans/${id}/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({
      from: 1,
      to: 2,
      added: [{ category: '裤装', regionId: 'NORTH', storeId: null, qty: 10, amountFen: 100_000 }],
      removed: [{ category: '衬衫', regionId: null, storeId: null, qty: 50, amountFen: 795_050 }],
      changed: [{ key: 'T恤|EAST|', before: { qty: 1000, amountFen: 8_900_000 }, after: { qty: 800, amountFen: 7_120_000 } }],
      totals: { before: { qty: 1550, amountFen: 15_545_050 }, after: { qty: 1310, amountFen: 13_070_000 } },
    });
    expect((await get(`/api/plans/${id}/diff?from=2&to=1`)).body.added).toHaveLength(1);
    expect((await get(`/api/plans/${id}/diff?from=1&to=7`)).status).toBe(404);

    // Resubmit: the workflow freezes revision 2; the chain resumes at the supervisor.
    const resubmitted = await api.request('POST', `/api/plans/${id}/submit`, { ...as('specialist'), body: { comment: '已修改' } });
    expect(resubmitted).toMatchObject({
      status: 200,
      body: { status: 'submitted', currentRevision: 2, revision: { number: 2, status: 'submitted' } },
    });
    expect((await put(id, { title: 'x' })).status).toBe(409);

    const again = await openTask(wf, 'supervisor');
    expect(
      (await api.request('POST', `/api/tasks/${again.id}/decision`, { ...as('supervisor'), body: { decision: 'approve' } })).status,
    ).toBe(200);
    const manager = await openTask(wf, 'manager');
    expect(
      (await api.request('POST', `/api/tasks/${manager.id}/decision`, { ...as('manager'), body: { decision: 'approve' } })).status,
    ).toBe(200);
    const approved = await waitStatus(id, 'approved');
    expect(approved.lockedAt).toEqual(expect.any(String));
    expect(await put(id, { title: 'x' })).toMatchObject({
      status: 409,
      body: { error: { code: 'plan_not_editable', message: expect.stringMatching(/approved/) } },
    });

    // The source of order quotas and the shipment schedule.
    const forOthers = await get('/api/plans/approved?season=2027SS', 'manager');
    expect(forOthers.status).toBe(200);
    const mine = forOthers.body.find((p: { id: string }) => p.id === id);
    expect(mine).toMatchObject({
      type: 'launch',
      revision: 2,
      totals: { qty: 1310, amountFen: 13_070_000 },
      waves: [{ name: '第一波', startsOn: '2027-02-15', categories: ['T恤', '衬衫'] }],
    });
    expect(mine.totals.byRegion).toEqual([
      { regionId: 'EAST', qty: 1000, amountFen: 10_300_000 },
      { regionId: 'NORTH', qty: 10, amountFen: 100_000 },
      { regionId: 'SOUTH', qty: 300, amountFen: 2_670_000 },
    ]);
    expect(forOthers.body.every((p: { season: string }) => p.season === '2027SS')).toBe(true);
    expect((await get('/api/plans/approved?season=2099XX', 'manager')).status).toBe(422);
  });

  test('a supervisor’s own plan skips the supervisor step; above the threshold finance and the general manager co-sign', async () => {
    await h.settings({ 'plan.thresholdFen': 10_000_000 });
    try {
      const created = await post({ season: '2027SS', type: 'purchase', title: '大额采买', lines: LINES }, 'supervisor');
      const res = await api.request('POST', `/api/plans/${created.body.id}/submit`, { ...as('supervisor'), body: {} });
      expect(res.status).toBe(200);
      const wf = res.body.workflowId as string;
      const manager = await openTask(wf, 'manager');
      expect((await h.tasks(wf)).map((t) => t.stepKey)).toEqual(['manager']);
      const proc = await get(`/api/processes/${wf}`, 'manager');
      expect(proc.body.state.steps.map((s: { key: string }) => s.key)).toEqual(['manager', 'finance_gm']);
      await api.request('POST', `/api/tasks/${manager.id}/decision`, {
        ...as('manager'),
        body: { decision: 'reject', comment: '预算不足' },
      });
      expect(await waitStatus(created.body.id, 'rejected')).toMatchObject({ reason: '预算不足' });
      expect(
        (await api.request('POST', `/api/plans/${created.body.id}/submit`, { ...as('supervisor'), body: {} })).body.error,
      ).toMatchObject({ code: 'plan_not_editable', message: expect.stringMatching(/rejected/) });
    } finally {
      await h.settings({ 'plan.thresholdFen': 100_000_000 });
    }
  });
});
