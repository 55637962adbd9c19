// The approver's desk (issue 19): decisions are no longer made blind. In a real headless Chromium
// against the running system, one test per process type: the case is set up through the API by
// its submitter; the approver finds the task in the inbox with its summary (amounts, prices), opens
// the task page and finds the business content (lines, totals, prices per store, the return
// standard's verdict, the clearance price beside the current one), follows the link to the
// business object and decides there (a dialog that asks for a comment shows the content too); the
// submitter's page shows the new state (it re-reads the record; a reload at the latest).
// Screenshots of each task page in zh-CN, English and at phone width:
// test-output/screenshots/desk-<kind>-{zh,en,phone}.png.
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, textContains, type TestBrowser } from '../helpers/browser';
import { callApi, sharedSystem, type Json, type SystemAddress } from '../helpers/system';
import { until } from '../helpers/until';

jest.setTimeout(5 * 60_000);

let system: SystemAddress;
let browser: TestBrowser;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await sharedSystem();
  for (const u of ['admin', 'manager', 'supervisor', 'specialist', 'follower', 'finance', 'store1', 'franchisee1'])
    tokens[u] = await system.login(u);
  browser = await launchBrowser(system);
});
afterAll(async () => {
  await browser?.close();
});

const SETTLE = { timeoutMs: 30_000 };
const call = (method: string, path: string, user: string, body?: unknown) => callApi(system, tokens[user], method, path, body);
const dateIn = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 24 * 3600_000));

/** The open task of a run, as the approver's API sees it. */
const openTaskOf = (workflowId: string, user: string, stepKey?: string): Promise<Json> =>
  until(
    `an open task of ${workflowId} for ${user}`,
    async () =>
      (
        (await call('GET', `/api/tasks?filter=${encodeURIComponent(JSON.stringify({ workflowId, status: 'open' }))}`, user)).body as Json[]
      ).find((t) => !stepKey || t.stepKey === stepKey),
    Boolean,
    SETTLE,
  );

/**
 * The approver's path: the inbox row with its summary, the task page with the content (three
 * screenshots), then the business object's page through the task's link. Returns the approver's page.
 */
async function fromInbox(
  kind: string,
  user: string,
  taskId: string,
  summary: string[],
  content: string[],
  contentEn: string[],
): Promise<Page> {
  const page = await browser.loggedIn(user);
  const row = page.locator(`[data-testid="inbox-row"][data-task-id="${taskId}"]`);
  await row.waitFor({ timeout: 30_000 });
  const subject = row.locator('[data-testid="task-subject"]');
  expect(await subject.getAttribute('data-kind')).toBe(kind);
  for (const s of summary) await textContains(subject, s);
  await browser.shot(page, `desk-${kind}-inbox`);

  await row.locator('[data-testid="task-subject"]').click(); // the row opens the task page
  await page.waitForURL(new RegExp(`#/tasks/${taskId}/show`));
  const box = page.locator('[data-testid="task-content"]');
  await box.waitFor({ timeout: 30_000 });
  expect(await box.getAttribute('data-kind')).toBe(kind);
  for (const s of content) await textContains(box, s);
  await browser.shot(page, `desk-${kind}-zh`);

  // The same page in English, and at phone width.
  await page.click('[data-testid="locale-menu"]');
  await page.getByRole('menuitem', { name: /English/ }).click();
  for (const s of contentEn) await textContains(box, s);
  await browser.shot(page, `desk-${kind}-en`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await browser.shot(page, `desk-${kind}-phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.click('[data-testid="locale-menu"]');
  await page.getByRole('menuitem', { name: /简体中文/ }).click();

  // To the business object, where the decision is taken (a general approval's is its process).
  await page.click(kind === 'approval' ? '[data-testid="task-process-link"]' : '[data-testid="task-object-link"]');
  await page.waitForURL((u) => !u.hash.startsWith('#/tasks/'));
  return page;
}

/** The open task's decision on the object's page (`prefix-open-task`); a comment goes through the dialog, which shows the content. */
async function decideOnObjectPage(page: Page, prefix: string, taskId: string, decision: string, comment?: string, content?: string) {
  const panel = page.locator(`[data-testid="${prefix}-open-task"][data-task-id="${taskId}"]`);
  await panel.waitFor({ timeout: 30_000 });
  await panel.locator(`[data-decision="${decision}"]`).click();
  if (comment !== undefined) {
    const dialog = page.locator('[data-testid="decision-dialog"]');
    await dialog.waitFor({ timeout: 15_000 });
    if (content) await textContains(dialog.locator('[data-testid="decision-content"]'), content);
    await page.fill('[data-testid="decision-comment"]', comment);
    await page.click('[data-testid="decision-confirm"]');
  }
  await panel.waitFor({ state: 'detached', timeout: 60_000 }).catch(async (err: unknown) => {
    await browser.shot(page, `desk-${prefix}-not-decided`);
    throw err;
  });
}

/** The submitter's page shows the state: re-read by the page itself, else after a reload. */
async function showsStatus(page: Page, chip: string, status: string): Promise<void> {
  const locator = page.locator(`[data-testid="${chip}"]`);
  let reloads = 0;
  const seen = await until(
    `${chip} to read ${status}`,
    async () => {
      const s = await locator.getAttribute('data-status', { timeout: 5_000 }).catch(() => null);
      if (s !== status && reloads++ % 4 === 3) await page.reload();
      return s;
    },
    (s) => s === status,
    { timeoutMs: 40_000, intervalMs: 1000 },
  ).catch(() => locator.getAttribute('data-status'));
  expect(seen).toBe(status);
}

async function submitterOn(user: string, path: string, chip: string): Promise<Page> {
  const page = await browser.loggedIn(user);
  await page.goto(`${system.url}/#${path}`);
  await page.locator(`[data-testid="${chip}"]`).waitFor({ timeout: 30_000 });
  return page;
}

const textOf = (l: Locator) => l.innerText();

test('plan: lines and totals on the task; rejected on the plan page with the content in the dialog', async () => {
  const created = await call('POST', '/api/plans', 'specialist', {
    season: '2027SS',
    type: 'purchase',
    title: `桌面测试采买计划 ${Date.now()}`,
    lines: [
      { category: 'T恤', regionId: 'EAST', qty: 1200, amountFen: 10_680_000 },
      { category: '连衣裙', storeId: 'S001', qty: 300, amountFen: 8_970_000 },
    ],
  });
  expect(created.status).toBe(201);
  expect((await call('POST', `/api/plans/${created.body.id}/submit`, 'specialist', {})).status).toBeLessThan(300);
  const plan = (await call('GET', `/api/plans/${created.body.id}`, 'specialist')).body;
  const task = await openTaskOf(plan.workflowId, 'supervisor');
  const owner = await submitterOn('specialist', `/plans/${plan.id}/show`, 'plan-status');

  const page = await fromInbox(
    'plan',
    'supervisor',
    task.id,
    ['采买计划', '1,500', '¥196,500.00'],
    ['T恤', '连衣裙', '上海南京路直营店', '¥106,800.00', '¥89,700.00', '¥196,500.00'],
    ['Total amount', '¥196,500.00'],
  );
  expect(page.url()).toContain(`#/plans/${plan.id}/show`);
  await decideOnObjectPage(page, 'plan', task.id, 'reject', '连衣裙数量偏多', '¥196,500.00');
  await showsStatus(owner, 'plan-status', 'rejected');
});

test('booking: amount against the quota, prepayment and deadline; approved on the booking page', async () => {
  // A franchisee of this file's own: the browser tests share one system, and a franchisee takes
  // one booking per season (the bookings test books the demo's).
  expect(
    (
      await call('POST', '/api/franchisees', 'admin', {
        id: 'FDK1',
        name: '桌面测试加盟店',
        regionId: 'SOUTH',
        email: 'fdk1@example.com',
        quotas: [{ seasonCode: '2027SS', quotaFen: 30_000_000 }],
      })
    ).status,
  ).toBe(201);
  const res = await call('POST', '/api/bookings', 'specialist', {
    franchiseeId: 'FDK1',
    season: '2027SS',
    lines: [{ sku: '27SS-DR-003', size: 'XL', qty: 2000 }],
  });
  expect(res.status).toBe(201);
  expect(res.body.quotaCheck).toBe('above');
  const task = await openTaskOf(res.body.workflowId, 'manager', 'quota_review');
  const owner = await submitterOn('specialist', `/bookings/${res.body.id}/show`, 'booking-status');
  const money = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

  const page = await fromInbox(
    'booking',
    'manager',
    task.id,
    [res.body.code, '桌面测试加盟店', money(res.body.amountFen), '¥300,000.00', money(res.body.prepaymentDueFen)],
    ['27SS-DR-003', 'XL', '2,000', money(res.body.amountFen), '¥300,000.00', money(res.body.prepaymentDueFen)],
    ['Order quota', '¥300,000.00'],
  );
  await decideOnObjectPage(page, 'booking', task.id, 'approve');
  await showsStatus(owner, 'booking-status', 'awaiting_payment');
});

test('shipment: the receipt’s discrepancy on the task; accepted on the shipment page', async () => {
  const s = await call('POST', '/api/shipments', 'follower', {
    lines: [{ sku: '27SS-PT-004', size: 'M', qty: 60 }],
    expectedArrival: dateIn(2),
  });
  expect(s.status).toBe(201);
  expect(
    (
      await call('POST', `/api/shipments/${s.body.id}/events`, 'follower', {
        eventId: `desk-arr-${Date.now()}`,
        type: 'arrived',
        at: new Date().toISOString(),
      })
    ).status,
  ).toBe(200);
  await openTaskOf(s.body.workflowId, 'follower', 'scan_in');
  expect(
    (await call('POST', `/api/shipments/${s.body.id}/receipt`, 'follower', { lines: [{ sku: '27SS-PT-004', size: 'M', qty: 55 }] })).status,
  ).toBeLessThan(300);
  const task = await openTaskOf(s.body.workflowId, 'supervisor', 'discrepancy');
  const owner = await submitterOn('follower', `/shipments/${s.body.id}/show`, 'shipment-status');

  const page = await fromInbox(
    'shipment',
    'supervisor',
    task.id,
    [s.body.code, '60'],
    ['27SS-PT-004', '60', '55', '短少'],
    ['Shipped', 'Received'],
  );
  await decideOnObjectPage(page, 'shipment', task.id, 'accept', '按实收入账', '短少');
  await showsStatus(owner, 'shipment-status', 'reconciled');
});

test('price: old → new per store with stock, age and sell-through; approved on the adjustment page', async () => {
  const res = await call('POST', '/api/price-adjustments', 'specialist', {
    // One SKU and store take one adjustment at a time, and the browser tests share one system:
    // the prices test proposes 27SS-TS-001 and 27SS-DR-003 for S001, the dashboard 27SS-TS-001 for S002.
    lines: [{ sku: '27SS-SH-002', newPriceFen: 29_900 }],
    allocationDate: dateIn(10),
    arrivalDate: dateIn(12),
    storeIds: ['S002'],
    reason: '桌面测试：库龄超过 180 天',
  });
  expect(res.status).toBe(201);
  const task = await openTaskOf(res.body.workflowId, 'supervisor', 'superior');
  const owner = await submitterOn('specialist', `/price-adjustments/${res.body.id}/show`, 'price-status');

  const page = await fromInbox(
    'price',
    'supervisor',
    task.id,
    [res.body.code, '27SS-SH-002', '¥359.00 → ¥299.00', '1 家门店'],
    ['深圳万象城直营店', '¥359.00', '¥299.00', '48', '400 天', '20%', '库龄超过 180 天'],
    ['Sell-through', '400 days'],
  );
  await decideOnObjectPage(page, 'price', task.id, 'approve');
  await showsStatus(owner, 'price-status', 'approved');
});

test('return: the lines with the return standard’s verdict; approved on the return page', async () => {
  // A season whose return window is open, and goods F001 received of it (booked, paid, shipped, scanned in).
  const season = '2025AW';
  const sku = '25AW-CT-901';
  expect(
    (await call('POST', '/api/seasons', 'admin', { code: season, name: '2025 秋冬', startsOn: dateIn(-150), endsOn: dateIn(10) })).status,
  ).toBe(201);
  expect(
    (
      await call('POST', '/api/products', 'admin', {
        sku,
        name: '羊毛大衣',
        category: '外套',
        seasonCode: season,
        wholesalePriceFen: 39_900,
        retailPriceFen: 89_900,
        sizes: ['M'],
      })
    ).status,
  ).toBe(201);
  const lines = [{ sku, size: 'M', qty: 10 }];
  const booking = await call('POST', '/api/bookings', 'specialist', { franchiseeId: 'F001', season, lines });
  expect(booking.status).toBe(201);
  const review = await openTaskOf(booking.body.workflowId, 'manager');
  expect((await call('POST', `/api/tasks/${review.id}/decision`, 'manager', { decision: 'approve' })).status).toBe(200);
  const payable = await until(
    'the booking to await payment',
    async () => (await call('GET', `/api/bookings/${booking.body.id}`, 'finance')).body,
    (b) => b.status === 'awaiting_payment',
    SETTLE,
  );
  await call('POST', `/api/bookings/${booking.body.id}/payments`, 'finance', {
    amountFen: payable.prepaymentDueFen,
    reference: `DESK-${Date.now()}`,
  });
  await until(
    'the booking to be confirmed',
    async () => (await call('GET', `/api/bookings/${booking.body.id}`, 'finance')).body,
    (b) => b.status === 'confirmed',
    SETTLE,
  );
  const shipment = await call('POST', '/api/shipments', 'follower', { bookingId: booking.body.id, lines, expectedArrival: dateIn(3) });
  expect(shipment.status).toBe(201);
  await call('POST', `/api/shipments/${shipment.body.id}/events`, 'follower', {
    eventId: 'desk-rt-arr',
    type: 'arrived',
    at: new Date().toISOString(),
  });
  await openTaskOf(shipment.body.workflowId, 'follower', 'scan_in');
  expect((await call('POST', `/api/shipments/${shipment.body.id}/receipt`, 'follower', { lines })).status).toBeLessThan(300);
  await until(
    'the goods received',
    async () => (await call('GET', `/api/shipments/${shipment.body.id}`, 'follower')).body,
    (s) => s.status === 'reconciled',
    SETTLE,
  );

  const res = await call('POST', '/api/returns', 'franchisee1', {
    kind: 'return',
    lines: [{ sku, size: 'M', qty: 4, condition: 'new' }],
    reason: '过季返仓',
  });
  expect(res.status).toBe(201);
  const task = await openTaskOf(res.body.workflowId, 'supervisor', 'approve_return');
  const owner = await submitterOn('franchisee1', `/returns/${res.body.id}/show`, 'return-status');

  const page = await fromInbox(
    'return',
    'supervisor',
    task.id,
    [res.body.code, '杭州西湖加盟店', '符合返货标准'],
    [sku, '羊毛大衣', '正品', '符合返货标准', '过季返仓'],
    ['Meets the return standard'],
  );
  await decideOnObjectPage(page, 'return', task.id, 'approve');
  await showsStatus(owner, 'return-status', 'in_transit');
});

test('clearance: ¥99 beside the current ¥199 on the row, the task and the dialog; rejected on the request’s page', async () => {
  const res = await call('POST', '/api/returns', 'store1', {
    kind: 'clearance',
    lines: [{ sku: '27SS-TS-001', clearancePriceFen: 9_900 }],
    startsOn: dateIn(1),
    endsOn: dateIn(7),
    reason: '季末清货',
  });
  expect(res.status).toBe(201);
  const task = await openTaskOf(res.body.workflowId, 'manager', 'approve_clearance');
  const owner = await submitterOn('store1', `/returns/${res.body.id}/show`, 'return-status');

  const page = await fromInbox(
    'clearance',
    'manager',
    task.id,
    [res.body.code, '上海南京路直营店', '清货价 ¥99.00（现价 ¥199.00）'],
    ['27SS-TS-001', '¥99.00', '¥199.00', '季末清货'],
    ['Clearance price'],
  );
  expect(page.url()).toContain(`#/returns/${res.body.id}/show`);
  await decideOnObjectPage(page, 'return', task.id, 'reject', '折扣过大', '¥99.00');
  await showsStatus(owner, 'return-status', 'rejected');
});

test('general approval: the amount and the reason; approved on the process page', async () => {
  const title = `桌面测试 陈列道具 ${Date.now()}`;
  const res = await call('POST', '/api/approvals', 'specialist', { title, amountFen: 1_234_500, reason: '新店开业陈列' });
  expect(res.status).toBe(201);
  const task = await openTaskOf(res.body.workflowId, 'supervisor');
  const owner = await submitterOn('specialist', `/processes/${encodeURIComponent(res.body.workflowId)}/show`, 'process-current-step');
  const stepBefore = await textOf(owner.locator('[data-testid="process-current-step"]'));

  const page = await fromInbox(
    'approval',
    'supervisor',
    task.id,
    ['¥12,345.00', '新店开业陈列'],
    [title, '¥12,345.00', '新店开业陈列'],
    ['Reason'],
  );
  await decideOnObjectPage(page, 'process', task.id, 'approve');
  // The specialist's process page moves on to the next step (re-read by the page, else after a reload).
  let reads = 0;
  await until(
    'the next step on the submitter’s page',
    async () => {
      if (reads++ % 5 === 4) await owner.reload();
      return textOf(owner.locator('[data-testid="process-current-step"]')).catch(() => stepBefore);
    },
    (t) => t !== stepBefore,
    { timeoutMs: 40_000, intervalMs: 1000 },
  ).catch(() => undefined);
  expect(await textOf(owner.locator('[data-testid="process-current-step"]'))).not.toBe(stepBefore);
});
