// The reports dashboard (报表看板) in a real headless Chromium against the running system
// (`npm start`), on demo activity created through the API: general approvals decided or left to
// go overdue and escalate (timings shortened to seconds), bookings with prepayments paid in part,
// in full and not at all, a late shipment climbing the escalation ladder, a price adjustment
// approved, a clearance awaiting approval. The page's figures match GET /api/reports/dashboard
// and every chart draws. Screenshots: test-output/screenshots/dashboard*.png (Chinese, English,
// phone).
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import { callApi, sharedSystem, type Json, type SystemAddress } from '../helpers/system';
import { until } from '../helpers/until';

jest.setTimeout(5 * 60_000);

let system: SystemAddress;
let browser: TestBrowser;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await sharedSystem();
  for (const u of ['admin', 'specialist', 'supervisor', 'manager', 'finance', 'follower']) tokens[u] = await system.login(u);
  browser = await launchBrowser(system);
});
/** Settings this file changes, with the values it found: the running system is shared, so they are put back. */
const changed = new Map<string, unknown>();
afterAll(async () => {
  for (const [key, value] of changed) await call('PUT', `/api/settings/${key}`, 'admin', { value });
  await browser?.close();
});

/** States the system reaches by itself: 30 s, a loaded machine is slow. */
const SETTLE = { timeoutMs: 30_000 };
const call = (method: string, path: string, user: string, body?: unknown) => callApi(system, tokens[user], method, path, body);

const openTasks = async (workflowId: string): Promise<Json[]> =>
  (
    await call(
      'GET',
      `/api/tasks?filter=${encodeURIComponent(JSON.stringify({ workflowId, status: 'open' }))}&range=${encodeURIComponent('[0,99]')}`,
      'admin',
    )
  ).body;
const approveNext = async (workflowId: string, user: string) => {
  const [task] = await until(
    `an open task of ${workflowId}`,
    () => openTasks(workflowId),
    (ts) => ts.length > 0,
    SETTLE,
  );
  expect((await call('POST', `/api/tasks/${task.id}/decision`, user, { decision: 'approve' })).status).toBe(200);
};
// The demo's season, where this test's activity is: other browser tests on the shared system add
// seasons of their own (the returns test a 2026AW one, the season running today), so it is chosen.
const SEASON = '2027SS';
const dashboard = async () => (await call('GET', `/api/reports/dashboard?season=${SEASON}`, 'manager')).body;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

async function seedActivity(): Promise<void> {
  // The running system is shared with other browser tests: the figures as found, which this activity adds to.
  const base = await dashboard();
  // Seconds instead of days: tasks are due 4 s after they open and escalate 1 s later.
  for (const [key, value] of Object.entries({
    'task.defaultDue': 'PT4S',
    'task.dueInBusinessDays': false,
    'reminder.leadTimes': [],
    'escalation.steps': ['PT1S'],
    'shipment.escalationLadder': ['PT0S', 'PT2S', 'PT4S'],
    'shipment.silenceTimeout': 'PT1H',
  })) {
    changed.set(key, (await call('GET', `/api/settings/${key}`, 'admin')).body.value);
    expect((await call('PUT', `/api/settings/${key}`, 'admin', { value })).status).toBe(200);
  }

  // General approvals (superior → manager): one approved through, one half-way, two left to go overdue.
  const started: string[] = [];
  for (const title of ['春季陈列道具采购', '门店灯箱更换', '样衣快递费报销', '华东片区促销物料']) {
    const res = await call('POST', '/api/approvals', 'specialist', { title });
    expect(res.status).toBe(201);
    started.push(res.body.workflowId);
  }
  await approveNext(started[0]!, 'supervisor');
  await approveNext(started[1]!, 'supervisor');
  await until(
    'the manager’s step',
    () => openTasks(started[0]!),
    (ts) => ts.some((t) => t.stepKey === 'manager'),
    SETTLE,
  );
  await approveNext(started[0]!, 'manager');

  // Bookings: the first paid in part, the second in full (confirmed: open order lines), the third not
  // yet. Franchisees of this file's own (the demo's have one 2027SS booking each at most, made by
  // other browser tests), with the demo's quotas: each order is about 96% of its quota.
  const franchisee = async (id: string, regionId: string, quotaFen: number) =>
    expect(
      (
        await call('POST', '/api/franchisees', 'admin', {
          id,
          name: `看板加盟商 ${id}`,
          regionId,
          email: `${id.toLowerCase()}@example.com`,
          quotas: [{ seasonCode: '2027SS', quotaFen }],
        })
      ).status,
    ).toBe(201);
  await franchisee('FD01', 'EAST', 50_000_000);
  await franchisee('FD02', 'SOUTH', 30_000_000);
  await franchisee('FD03', 'NORTH', 20_000_000);
  const book = async (franchiseeId: string, qty: number) => {
    const res = await call('POST', '/api/bookings', 'specialist', {
      franchiseeId,
      season: '2027SS',
      lines: [{ sku: '27SS-DR-003', size: 'M', qty }],
    });
    expect(res.status).toBe(201);
    return until(
      `booking of ${franchiseeId} to await payment`,
      async () => (await call('GET', `/api/bookings/${res.body.id}`, 'finance')).body,
      (b) => b.status === 'awaiting_payment',
      SETTLE,
    );
  };
  const f001 = await book('FD01', 2000);
  const f002 = await book('FD02', 1200);
  await book('FD03', 800);
  expect(
    (
      await call('POST', `/api/bookings/${f001.id}/payments`, 'finance', {
        amountFen: Math.floor(f001.prepaymentDueFen / 3),
        reference: `DASH-1-${Date.now()}`,
      })
    ).status,
  ).toBeLessThan(300);
  expect(
    (
      await call('POST', `/api/bookings/${f002.id}/payments`, 'finance', {
        amountFen: f002.prepaymentDueFen,
        reference: `DASH-2-${Date.now()}`,
      })
    ).status,
  ).toBeLessThan(300);
  await until(
    'FD02 to be confirmed',
    async () => (await call('GET', `/api/bookings/${f002.id}`, 'finance')).body,
    (b) => b.status === 'confirmed',
    SETTLE,
  );

  // A shipment against FD02's order, due in 2 s: late, it climbs to the manager by itself.
  const late = await call('POST', '/api/shipments', 'follower', {
    externalRef: 'HO-DASH-1',
    bookingId: f002.id,
    lines: [{ sku: '27SS-DR-003', size: 'M', qty: 500 }],
    expectedArrival: new Date(Date.now() + 2_000).toISOString(),
  });
  expect(late.status).toBe(201);
  expect(
    (
      await call('POST', '/api/shipments', 'follower', {
        externalRef: 'HO-DASH-2',
        lines: [{ sku: '27SS-TS-001', size: 'M', qty: 40 }],
        expectedArrival: day(7),
      })
    ).status,
  ).toBe(201);

  // A price adjustment approved by the proposer's superior in time (S002: the prices test proposes
  // for S001, and one SKU and store take one adjustment at a time); a clearance awaiting the manager.
  const price = await call('POST', '/api/price-adjustments', 'specialist', {
    sku: '27SS-TS-001',
    newPriceFen: 15_900,
    storeIds: ['S002'],
    allocationDate: day(10),
    arrivalDate: day(12),
    reason: '库龄超过 180 天',
  });
  expect(price.status).toBe(201);
  await approveNext(price.body.workflowId, 'supervisor');
  const clearance = await call('POST', '/api/returns', 'specialist', {
    kind: 'clearance',
    storeId: 'S001',
    lines: [{ sku: '27SS-TS-001', clearancePriceFen: 9_900 }],
    startsOn: day(1),
    endsOn: day(30),
    reason: '换季清货',
  });
  expect(clearance.status).toBe(201);

  // Everything has happened: escalations, the shipment at the top rung, an ended run.
  await until(
    'the figures to settle',
    dashboard,
    (d) =>
      d.escalations.total >= base.escalations.total + 2 &&
      d.delayedShipments.byLevel[3]?.count === (base.delayedShipments.byLevel[3]?.count ?? 0) + 1 &&
      d.tasks.totals.overdue >= base.tasks.totals.overdue + 2 &&
      d.cycleTimes.processes.length >= 1 &&
      d.lateApprovals.approved === base.lateApprovals.approved + 1 &&
      d.returns.pending >= base.returns.pending + 1,
    { timeoutMs: 60_000 },
  );
}

async function dashboardPage(page: Page): Promise<void> {
  await page.goto(`${system.url}/#/dashboard`);
  await page.locator('[data-testid="dashboard-page"][data-loaded="true"]').waitFor({ timeout: 30_000 });
  // Every chart card has drawn its bars (or pie slices).
  const drawn = (selector: string) =>
    page.waitForFunction(
      `[...document.querySelectorAll(${JSON.stringify(selector)})].some((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height > 0)`,
      undefined,
      { timeout: 15_000 },
    );
  for (const id of [
    'tasks-by-process',
    'tasks-by-person',
    'escalations',
    'delayed-shipments',
    'cycle-processes',
    'cycle-steps',
    'prepayments',
    'orders',
    'returns',
  ])
    await drawn(`[data-testid="dashboard-${id}"] .MuiBarChart-element`);
  await drawn('[data-testid="dashboard-late-approvals"] .MuiPieChart-arc');
  await page.waitForTimeout(800); // the charts' entry animation
}

test('the dashboard draws the department’s figures as charts, in Chinese, English and on a phone', async () => {
  await seedActivity();

  const page = await browser.loggedIn('manager');
  await dashboardPage(page);
  await page.click('[data-testid="dashboard-season"]');
  await page.getByRole('option', { name: new RegExp(`^${SEASON}`) }).click();
  await page.locator(`[data-testid="dashboard-page"][data-season="${SEASON}"]`).waitFor({ timeout: 15_000 });
  // The key figures are the API's (workflows may still be opening a task: refresh until they agree).
  const kpi = async (id: string) => Number(await page.locator(`[data-testid="kpi-${id}"]`).getAttribute('data-value'));
  const card = async (id: string, attr: string) =>
    Number(await page.locator(`[data-testid="dashboard-${id}"]`).getAttribute(`data-${attr}`));
  const shown = async () => [
    await kpi('open'),
    await kpi('overdue'),
    await kpi('escalations'),
    await kpi('delayed'),
    await kpi('returns'),
    await card('prepayments', 'due'),
    await card('prepayments', 'received'),
    await card('orders', 'owed'),
  ];
  const expected = (d: Json) => [
    d.tasks.totals.open,
    d.tasks.totals.overdue,
    d.escalations.total,
    d.delayedShipments.total,
    d.returns.pending,
    d.prepayments.totals.dueFen,
    d.prepayments.totals.receivedFen,
    d.orders.totals.owedQty,
  ];
  let d = await dashboard();
  for (let i = 0; i < 10 && JSON.stringify(await shown()) !== JSON.stringify(expected(d)); i++) {
    await page.click('[data-testid="dashboard-refresh"]');
    await page.waitForTimeout(1500);
    d = await dashboard();
  }
  expect(await shown()).toEqual(expected(d));
  expect(await page.locator('[data-testid="dashboard-page"]').getAttribute('data-season')).toBe(SEASON);
  expect(await page.locator('h1').innerText()).toBe('报表看板');
  await page.getByText('按流程的待办').first().waitFor();
  await browser.shot(page, 'dashboard');

  // English.
  await page.click('[data-testid="locale-menu"]');
  await page.getByRole('menuitem', { name: /English/ }).click();
  await page.getByText('Tasks by process').first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(800);
  await browser.shot(page, 'dashboard-english');

  // A phone: one column, nothing wider than the screen.
  const phone = await browser.loggedIn('manager', { width: 390, height: 844 });
  await dashboardPage(phone);
  const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
  await browser.shot(phone, 'dashboard-phone');
});
