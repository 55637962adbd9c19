// Price adjustment (调价) in a real headless Chromium against the running system (`npm start`).
// The specialist proposes a markdown of 27SS-TS-001 for S001 in the UI, grounded in the store's
// stock (200 days old: the rule suggests ¥139), first with dates too close (the form warns that it
// needs the urgent flag, the server refuses it 422 too_late and the message is shown), then far
// enough ahead. The supervisor approves it on its page; store1 (S001's manager) acknowledges the
// notice on the same page, and finds the change on the price lookup as pending with its effective
// date. A second adjustment, proposed and approved through the API with the approval lead time set
// to 0 days and an effective date of today, takes effect at once: the lookup shows the new price and
// the change in the history. A third proposal for the pending SKU and store is refused 409 in the
// UI and resubmitted as superseding the first. A clearance running from today shows on the lookup
// with its last day and the price after it, and its return as a pending change. Screenshots:
// test-output/screenshots/price-*.png.
import type { Page } from 'playwright-core';
import { textContains, launchBrowser, type TestBrowser } from '../helpers/browser';
import { callApi, sharedSystem, type Json, type SystemAddress } from '../helpers/system';
import { until } from '../helpers/until';

jest.setTimeout(5 * 60_000);

let system: SystemAddress;
let browser: TestBrowser;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await sharedSystem();
  for (const u of ['admin', 'specialist', 'supervisor', 'store1', 'manager']) tokens[u] = await system.login(u);
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

/** A date `days` from today in the business zone (Asia/Shanghai), YYYY-MM-DD. */
const dateIn = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 24 * 3600_000));
/** The start of that day as the UI shows it in zh-CN: 2026/12/10 00:00. */
const startOf = (date: string) => `${date.replace(/-/g, '/')} 00:00`;

const adjustment = async (id: string) => (await call('GET', `/api/price-adjustments/${id}`, 'specialist')).body;
const shot = (page: Page, name: string) => browser.shot(page, name);

/** Picks an option of a react-admin autocomplete inside `box` by typing `text`. */
async function pick(page: Page, box: string, text: string, option: RegExp): Promise<void> {
  await page.locator(`${box} input`).fill(text);
  await page.getByRole('option', { name: option }).click();
}

test('propose with the stock-age grounds, approve, acknowledge the notice, see the pending and the effective price', async () => {
  const far = { allocation: dateIn(10), arrival: dateIn(12) };

  // The specialist logs in; the supervisor and store1 meanwhile (each their own browser session).
  const specialist = await browser.loggedIn('specialist');
  const others = Promise.all([browser.loggedIn('supervisor'), browser.loggedIn('store1')]);

  // The specialist's proposal: SKU and store, then the grounds (库龄 200 days: ¥139 suggested).
  await specialist.click('[data-testid="menu-price-adjustments"]');
  await specialist.click('[data-testid="price-create-button"]');
  await specialist.locator('[data-testid="price-context-empty"]').waitFor({ timeout: 15_000 });
  await pick(specialist, '[data-testid="price-sku"]', 'TS-001', /27SS-TS-001/);
  await pick(specialist, '[data-testid="price-stores"]', 'S001', /S001/);
  await specialist.keyboard.press('Escape');
  const s001 = specialist.locator('[data-testid="price-context-store"][data-store="S001"]');
  await s001.waitFor({ timeout: 15_000 });
  expect(await s001.getAttribute('data-age')).toBe('200');
  expect(await s001.locator('[data-field="onHand"]').innerText()).toBe('120');
  expect(await s001.locator('[data-field="sellThroughBp"]').innerText()).toBe('40%');
  expect(await s001.locator('[data-field="suggestedPriceFen"]').innerText()).toBe('¥139.00');
  expect(await specialist.locator('[data-testid="price-context-suggested"]').getAttribute('data-fen')).toBe('13900');
  expect(await specialist.locator('[data-testid="price-context"]').innerText()).toContain('按最长库龄 200 天，建议价 ¥139.00');
  await specialist.click('[data-testid="price-use-suggested"]');
  expect(await specialist.inputValue('[data-testid="price-new-price"]')).toBe('139.00');
  expect(await specialist.locator('[data-testid="price-new-price-preview"]').getAttribute('data-fen')).toBe('13900');
  await specialist.fill('[data-testid="price-reason"]', '库龄 200 天，配发前按降价规则调到建议价');

  // Dates too close for the normal approval: the form says the urgent flag is needed; the server refuses it.
  await specialist.fill('[data-testid="price-allocation-date"]', dateIn(1));
  await specialist.fill('[data-testid="price-arrival-date"]', dateIn(3));
  const deadlines = specialist.locator('[data-testid="price-deadlines"]');
  await until(
    'the deadlines',
    async () => deadlines.getAttribute('data-timeliness'),
    (t) => t === 'urgent_only',
    SETTLE,
  );
  expect(await specialist.locator('[data-testid="price-urgent-warning"]').innerText()).toContain('请勾选“加急”');
  await specialist.click('[data-testid="price-create-submit"]');
  const refused = specialist.locator('[data-testid="price-save-error"][data-code="too_late"]');
  await refused.waitFor({ timeout: 15_000 });
  expect(await refused.innerText()).toContain('来不及审批，未提交');
  expect(await refused.innerText()).toContain('Too late for approval 3 days before the allocation date');
  await shot(specialist, 'price-too-late');

  // Far enough ahead: approval by the end of allocation − 3 days, notices by arrival; submitted.
  await specialist.fill('[data-testid="price-allocation-date"]', far.allocation);
  await specialist.fill('[data-testid="price-arrival-date"]', far.arrival);
  await until(
    'the deadlines',
    async () => deadlines.getAttribute('data-timeliness'),
    (t) => t === 'ok',
    SETTLE,
  );
  expect(await specialist.locator('[data-testid="price-deadline-approval"]').innerText()).toContain(
    `${dateIn(7).replace(/-/g, '/')} 23:59`,
  );
  expect(await specialist.locator('[data-testid="price-deadline-notify"]').innerText()).toContain(startOf(far.arrival));
  await shot(specialist, 'price-proposal');
  await specialist.click('[data-testid="price-create-submit"]');
  await specialist.waitForURL(/#\/price-adjustments\/[0-9a-f-]{36}\/show/, { timeout: 15_000 });
  const id = /price-adjustments\/([0-9a-f-]{36})\/show/.exec(specialist.url())![1]!;
  const header = specialist.locator('[data-testid="price-header"][data-status="pending_approval"]');
  await header.waitFor({ timeout: 15_000 });
  const code = (await specialist.locator('[data-testid="price-code"]').innerText()).split(' ')[0]!;
  expect(code).toMatch(/^PA\d{6}$/);
  const line = specialist.locator('[data-testid="price-line-row"][data-sku="27SS-TS-001"]').first();
  await line.waitFor({ timeout: 15_000 });
  expect([await line.getAttribute('data-old'), await line.getAttribute('data-new')]).toEqual(['19900', '13900']);
  expect(await line.locator('[data-field="change"]').innerText()).toBe('-30.15%');

  // The supervisor (the specialist's superior) approves on the adjustment's page.
  const [supervisor, store1] = await others;
  await supervisor.goto(`${system.url}/#/price-adjustments/${id}/show`);
  const approve = supervisor.locator('[data-testid="price-open-task"][data-step="superior"] [data-testid="approve-button"]');
  await approve.waitFor({ timeout: 20_000 });
  await approve.click();
  await supervisor.locator('[data-testid="price-header"][data-status="approved"]').waitFor({ timeout: 20_000 });
  const notices = supervisor.locator('[data-testid="price-notice-row"]');
  await until(
    'the notices',
    () => notices.count(),
    (n) => n === 2,
    SETTLE,
  );
  expect(await supervisor.locator('[data-testid="price-notice-row"][data-kind="finance"]').innerText()).toContain('财务（待认领）');
  await supervisor.locator('[data-testid="price-timeline"] [data-event-type="notified"]').waitFor({ timeout: 15_000 });
  expect(await supervisor.locator('[data-testid="price-timeline"] [data-event-type="notified"]').innerText()).toContain('发出调价通知');
  await shot(supervisor, 'price-approved');

  // store1, S001's manager, acknowledges the notice from the adjustments list.
  await store1.click('[data-testid="menu-price-adjustments"]');
  const row = store1.locator(`[data-testid="price-row"][data-code="${code}"]`);
  await row.waitFor({ timeout: 15_000 });
  await row.locator('td').first().click();
  const ack = store1.locator('[data-testid="price-open-task"][data-step="notify_store:S001"] [data-decision="acknowledge"]');
  await ack.waitFor({ timeout: 20_000 });
  await store1.locator('[data-testid="price-notice-row"][data-store="S001"]').waitFor({ timeout: 15_000 });
  await ack.click();
  await store1.locator('[data-testid="decision-dialog"][data-decision="acknowledge"]').waitFor();
  await store1.click('[data-testid="decision-confirm"]');
  const acked = store1.locator('[data-testid="price-notice-row"][data-store="S001"][data-acknowledged="true"]');
  await acked.waitFor({ timeout: 20_000 });
  expect(await acked.locator('[data-field="acknowledgedByName"]').innerText()).toBe('孙店长');
  expect(await store1.locator('[data-testid="price-notice-row"][data-kind="finance"]').getAttribute('data-acknowledged')).toBe('false');
  await shot(store1, 'price-acknowledged');

  // The price lookup (their own store): still ¥199 now, the change pending from the arrival date.
  await store1.click('[data-testid="menu-prices"]');
  const ts = store1.locator('[data-testid="price-store-row"][data-sku="27SS-TS-001"][data-store="S001"]');
  await ts.waitFor({ timeout: 15_000 });
  expect(await ts.getAttribute('data-current')).toBe('19900');
  const pending = store1.locator(`[data-testid="price-history-row"][data-code="${code}"]`);
  await pending.waitFor({ timeout: 15_000 });
  expect(await pending.getAttribute('data-pending')).toBe('true');
  expect(await pending.getAttribute('data-price')).toBe('13900');
  expect(await pending.locator('[data-field="effectiveAt"]').innerText()).toBe(startOf(far.arrival));
  expect(await pending.innerText()).toContain('已批准·待生效');
  await shot(store1, 'price-history-pending');

  // In effect at once: approval lead time 0 days, effective today (the start of today has passed).
  changed.set('price.approvalLeadDays', (await call('GET', '/api/settings/price.approvalLeadDays', 'admin')).body.value);
  expect((await call('PUT', '/api/settings/price.approvalLeadDays', 'admin', { value: 0 })).status).toBe(200);
  const now = await call('POST', '/api/price-adjustments', 'specialist', {
    sku: '27SS-DR-003',
    newPriceFen: 53_900,
    allocationDate: dateIn(0),
    arrivalDate: dateIn(1),
    effectiveDate: dateIn(0),
    storeIds: ['S001'],
    reason: '库龄 95 天，降 10%',
  });
  expect(now.status).toBe(201);
  const approval = await until(
    'the approval task',
    async () =>
      (await call('GET', `/api/tasks?filter=${encodeURIComponent(JSON.stringify({ workflowId: now.body.workflowId }))}`, 'supervisor'))
        .body,
    (ts: Json[]) => ts.some((t) => t.status === 'open'),
    SETTLE,
  );
  expect((await call('POST', `/api/tasks/${approval[0].id}/decision`, 'supervisor', { decision: 'approve' })).status).toBe(200);
  await until(
    'the price to take effect',
    () => adjustment(now.body.id),
    (a) => a.status === 'effective',
    SETTLE,
  );
  await store1.goto(`${system.url}/#/prices?sku=27SS-DR-003`);
  const dr = store1.locator('[data-testid="price-store-row"][data-sku="27SS-DR-003"][data-store="S001"]');
  await dr.waitFor({ timeout: 15_000 });
  expect(await dr.getAttribute('data-current')).toBe('53900');
  const effective = store1.locator(`[data-testid="price-history-row"][data-code="${now.body.code}"]`);
  await effective.waitFor({ timeout: 15_000 });
  expect(await effective.getAttribute('data-pending')).toBe('false');
  expect(await effective.innerText()).toContain('已生效');
  expect(await effective.locator('[data-field="effectiveAt"]').innerText()).toBe(startOf(dateIn(0)));
  await shot(store1, 'price-history-effective');

  // A second proposal for the pending SKU and store: refused 409, then resubmitted superseding the first.
  await specialist.goto(`${system.url}/#/price-adjustments/create`);
  await pick(specialist, '[data-testid="price-sku"]', 'TS-001', /27SS-TS-001/);
  await pick(specialist, '[data-testid="price-stores"]', 'S001', /S001/);
  await specialist.keyboard.press('Escape');
  await specialist.fill('[data-testid="price-new-price"]', '149');
  await specialist.fill('[data-testid="price-allocation-date"]', far.allocation);
  await specialist.fill('[data-testid="price-arrival-date"]', far.arrival);
  await specialist.fill('[data-testid="price-reason"]', '改为 ¥149');
  await specialist.click('[data-testid="price-create-submit"]');
  const conflict = specialist.locator(`[data-testid="price-save-error"][data-code="pending_adjustment"][data-adjustment="${code}"]`);
  await conflict.waitFor({ timeout: 15_000 });
  expect(await conflict.innerText()).toContain(`作废并取代 ${code}`);
  await specialist.click('[data-testid="price-supersede"]');
  await specialist.waitForURL(/#\/price-adjustments\/[0-9a-f-]{36}\/show/, { timeout: 15_000 });
  await specialist.locator('[data-testid="price-supersedes-link"]', { hasText: code }).waitFor({ timeout: 15_000 });
  expect(
    await until(
      'the first to be superseded',
      () => adjustment(id),
      (a) => a.status === 'superseded',
      SETTLE,
    ),
  ).toMatchObject({ supersededBy: expect.any(String) });

  // The lookup on a phone.
  const phone = store1;
  await phone.setViewportSize({ width: 375, height: 812 });
  await phone.goto(`${system.url}/#/prices?sku=27SS-DR-003`);
  await phone.locator('[data-testid="price-store-row"][data-sku="27SS-DR-003"]').waitFor({ timeout: 15_000 });
  await textContains(phone.locator('[data-testid="price-store-row"][data-sku="27SS-DR-003"]'), now.body.code);
  await shot(phone, 'price-phone');
});

test('a running clearance on the price lookup: its price, its last day and the price after it, its return pending', async () => {
  const req = await call('POST', '/api/returns', 'specialist', {
    kind: 'clearance',
    storeId: 'S003',
    lines: [{ sku: '27SS-PT-004', clearancePriceFen: 19_900 }],
    startsOn: dateIn(0),
    endsOn: dateIn(2),
    reason: '季末清货',
  });
  expect(req.status).toBe(201);
  const task = await until(
    'the approval task',
    async () =>
      (await call('GET', `/api/tasks?filter=${encodeURIComponent(JSON.stringify({ workflowId: req.body.workflowId }))}`, 'manager')).body,
    (ts: Json[]) => ts.some((t) => t.status === 'open'),
    SETTLE,
  );
  expect((await call('POST', `/api/tasks/${task[0].id}/decision`, 'manager', { decision: 'approve' })).status).toBe(200);
  await until(
    'the clearance to run',
    async () => (await call('GET', `/api/returns/${req.body.id}`, 'specialist')).body,
    (r) => r.status === 'running',
    SETTLE,
  );
  const specialist = await browser.loggedIn('specialist');
  await specialist.goto(`${system.url}/#/prices?sku=27SS-PT-004&storeId=S003`);
  const row = specialist.locator('[data-testid="price-store-row"][data-sku="27SS-PT-004"][data-store="S003"]');
  await row.waitFor({ timeout: 15_000 });
  expect(await row.getAttribute('data-current')).toBe('19900');
  const chip = specialist.locator('[data-testid="price-clearance"]');
  await chip.waitFor({ timeout: 15_000 });
  expect(await chip.innerText()).toBe(`清货中，至 ${dateIn(2).replace(/-/g, '/')}；之后 ¥299.00`);
  const back = specialist.locator(`[data-testid="price-history-row"][data-pending="true"][data-price="29900"]`);
  await back.waitFor({ timeout: 15_000 });
  expect(await back.locator('[data-field="effectiveAt"]').innerText()).toBe(startOf(dateIn(3)));
  expect(await back.innerText()).toContain(`清货 ${req.body.code} 结束，恢复价格`);
  await shot(specialist, 'price-clearance-running');
});
