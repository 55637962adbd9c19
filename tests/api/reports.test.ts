// The reports through HTTP on the hand-computed fixture (tests/reports/fixture.ts): the dashboard
// and each figure as JSON, CSV and .xlsx, who may read them, refusals, and GET /metrics without a
// login.
import ExcelJS from 'exceljs';
import { startTestApi, type TestApi } from '../helpers/api';
import { openTestDb } from '../helpers/postgres';
import { AT, EXPECTED, PERIOD, writeFixture, writeMasterData } from '../reports/fixture';

let t: Awaited<ReturnType<typeof openTestDb>>;
let api: TestApi;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await openTestDb();
  api = await startTestApi({ db: t.db, databaseUrl: t.url, seed: false });
  await writeMasterData(t.db);
  await writeFixture(t.db);
  for (const u of ['manager', 'specialist', 'finance', 'franchisee1', 'store1']) tokens[u] = await api.login(u);
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

const qs = (extra: Record<string, string> = {}) => `?${new URLSearchParams({ at: AT.toISOString(), ...PERIOD, ...extra })}`;
const get = (path: string, user = 'manager') => api.request('GET', path, { token: tokens[user] });
const file = async (path: string, user = 'manager') => {
  const res = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    body: Buffer.from(await res.arrayBuffer()),
  };
};

test('GET /api/reports/dashboard: every figure, checked by hand, for the season running at `at`', async () => {
  const res = await get(`/api/reports/dashboard${qs()}`);
  expect(res.status).toBe(200);
  const d = res.body;
  expect(d).toMatchObject({
    at: AT.toISOString(),
    tz: 'Asia/Shanghai',
    today: '2027-03-02',
    season: '2027SS',
    period: PERIOD,
    week: { from: '2027-03-01', to: '2027-03-07' },
  });
  expect(d.tasks.totals).toEqual(EXPECTED.tasks.totals);
  expect(d.tasks.byProcess).toEqual(EXPECTED.tasks.byProcess);
  expect(d.escalations).toEqual(EXPECTED.escalations);
  expect(d.cycleTimes).toEqual(EXPECTED.cycleTimes);
  expect(d.prepayments).toEqual(EXPECTED.prepayments);
  expect({ total: d.delayedShipments.total, byLevel: d.delayedShipments.byLevel }).toEqual(EXPECTED.delayedShipments);
  expect(d.orders).toEqual(EXPECTED.orders);
  expect(d.lateApprovals).toMatchObject(EXPECTED.lateApprovals);
  expect(d.returns).toEqual(EXPECTED.returns);
  // Another season by name; staff other than managers may read too.
  const aw = await get(`/api/reports/dashboard${qs({ season: '2026AW' })}`, 'specialist');
  expect(aw.status).toBe(200);
  expect(aw.body.prepayments.totals.dueFen).toBe(777_700);
  expect(aw.body.orders.totals.orderedQty).toBe(0);
});

test('each figure on its own path; the order totals agree with /api/reports/order-balance', async () => {
  expect((await get(`/api/reports/tasks${qs()}`)).body.totals).toEqual(EXPECTED.tasks.totals);
  expect((await get(`/api/reports/escalations${qs({ from: '', to: '' })}`)).body).toEqual(EXPECTED.escalations);
  // With a period, escalations over that period instead of this week: 22 Feb – 1 Mar has the Sunday one too.
  expect((await get(`/api/reports/escalations${qs()}`)).body).toMatchObject({ from: '2027-02-22', to: '2027-03-01', total: 3 });
  expect((await get(`/api/reports/cycle-times${qs()}`)).body).toEqual(EXPECTED.cycleTimes);
  expect((await get(`/api/reports/prepayments${qs({ season: '2027SS' })}`)).body).toEqual(EXPECTED.prepayments);
  expect((await get(`/api/reports/delayed-shipments${qs()}`)).body.total).toBe(4);
  const totals = (await get(`/api/reports/order-totals${qs({ season: '2027SS' })}`)).body;
  expect(totals).toEqual(EXPECTED.orders);
  const balance = (await get('/api/reports/order-balance?season=2027SS')).body;
  expect(balance.totals).toEqual(totals.totals);
  expect((await get(`/api/reports/late-price-approvals${qs()}`)).body).toMatchObject(EXPECTED.lateApprovals);
  expect((await get(`/api/reports/returns${qs()}`)).body).toEqual(EXPECTED.returns);
});

test('CSV and .xlsx exports, headers in the reader’s language', async () => {
  const csv = await file(`/api/reports/prepayments${qs({ format: 'csv', season: '2027SS' })}`);
  expect(csv.status).toBe(200);
  expect(csv.type).toMatch(/^text\/csv/);
  expect(csv.disposition).toContain('report-prepayments-2027SS-2027-03-02.csv');
  const text = csv.body.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.slice(1).split('\r\n')).toEqual([
    '片区编号,片区,订单数,应付预付款,已收,未收,逾期未收',
    'EAST,华东片区,1,3000.00,1000.00,2000.00,2000.00',
    'NORTH,华北片区,1,1200.00,0.00,1200.00,0.00',
    'SOUTH,华南片区,1,5000.00,5000.00,0.00,0.00',
    '合计,,3,9200.00,6000.00,3200.00,2000.00',
    '',
  ]);
  // Two tables, each under its title; English on request.
  const tasks = (await file(`/api/reports/tasks${qs({ format: 'csv', locale: 'en' })}`)).body.toString('utf8');
  expect(tasks).toContain('Tasks by process\r\nProcess,Open,Overdue,Due today\r\nGeneral approval,2,2,0\r\n');
  expect(tasks).toContain('Total,5,2,2\r\n\r\nTasks by person\r\n');
  const cycles = (await file(`/api/reports/cycle-times${qs({ format: 'csv' })}`)).body.toString('utf8');
  expect(cycles).toContain('计划审批,5,3,7.6\r\n'); // hours
  expect(cycles).toContain('调价,notify_store,notify_store:S001 审批,2,0.3,0.3\r\n');
  expect(cycles).toContain('计划审批,supervisor,主管审批,3,1.5,2.3\r\n');

  const xlsx = await file(`/api/reports/dashboard${qs({ format: 'xlsx' })}`);
  expect(xlsx.status).toBe(200);
  expect(xlsx.type).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
  expect(wb.worksheets.map((s) => s.name)).toEqual([
    '按流程的待办',
    '按人员的待办',
    '升级 2027-03-01 至 2027-03-07',
    '按流程的升级',
    '流程周期 2027-02-22 至 2027-03-01',
    '步骤周期',
    '2027SS预付款',
    '按升级级别的延误发货',
    '延误发货明细',
    '2027SS期货订发欠',
    '调价审批 2027-02-22 至 2027-03-01',
    '逾期批准的调价',
    '待处理的返货与清货',
    '待处理的残次',
  ]);
  const prepay = wb.getWorksheet('2027SS预付款')!;
  expect(prepay.getRow(1).values).toEqual([undefined, '片区编号', '片区', '订单数', '应付预付款', '已收', '未收', '逾期未收']);
  expect(prepay.getRow(2).values).toEqual([undefined, 'EAST', '华东片区', 1, 3000, 1000, 2000, 2000]);
  expect(prepay.getRow(2).getCell(4).numFmt).toBe('#,##0.00');
  expect(wb.getWorksheet('2027SS期货订发欠')!.getRow(5).values).toEqual([undefined, '合计', undefined, 23, 11, 12, 9]);
});

test('who may read, and what is refused', async () => {
  for (const user of ['franchisee1', 'store1']) expect((await get('/api/reports/dashboard', user)).status).toBe(403);
  expect((await api.request('GET', '/api/reports/tasks')).status).toBe(401);
  expect((await get('/api/reports/tasks', 'finance')).status).toBe(200);
  const bad = async (query: string, field: string) => {
    const res = await get(`/api/reports/dashboard?${query}`);
    expect([res.status, res.body.error.code, Object.keys(res.body.error.details ?? {})]).toEqual([422, 'validation_failed', [field]]);
  };
  await bad('from=2027-02-30', 'from');
  await bad('from=2027-03-05&to=2027-03-01', 'from');
  await bad('at=yesterday', 'at');
  await bad('season=1999XX', 'season');
  await bad('format=pdf', 'format');
  // Without a season, the one running at `at`.
  expect((await get(`/api/reports/order-totals?at=${AT.toISOString()}`)).body.season).toBe('2027SS');
});

test('GET /metrics: Prometheus text, no login', async () => {
  const res = await fetch(`${api.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  const text = await res.text();
  expect(text).toContain('# TYPE merch_tasks_open gauge\n');
  expect(text).toContain('merch_tasks_open{process_type="approval"} 2\n');
  expect(text).toContain('merch_mail_sent_total 3\n');
  expect(text).toContain('merch_mail_failed 1\n');
  expect(text).toContain('merch_workflow_starts_total{process_type="plan"} 8\n');
  expect(text).toContain('merch_escalations_total{process_type="approval"} 3\n');
});
