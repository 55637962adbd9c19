// Return with a defect (过季返仓 · 残次) in a real headless Chromium against the running system
// (`npm start`). Set up through the API: a season ending in ten days (its return window is open),
// a product of it, and goods F001 received (a booking the manager approves and finance pays in
// full; a shipment against it, arrived and scanned in). Then in the UI: franchisee1 asks to return
// three good units and one defective one; the supervisor approves; the follower opens the return's
// inbound shipment, records its arrival and scans it in with the defective unit marked damaged; the
// supervisor accepts that discrepancy; the admin (holding after_sales in the demo) writes the defect
// off; finance books it; the return shows completed with its result. A request the return standard
// refuses shows its reasons. Screenshots: test-output/screenshots/return-*.png.
import type { Page } from 'playwright-core';
import { textIs, launchBrowser, type TestBrowser } from '../helpers/browser';
import { callApi, sharedSystem, type Json, type SystemAddress } from '../helpers/system';
import { until } from '../helpers/until';

jest.setTimeout(5 * 60_000);

let system: SystemAddress;
let browser: TestBrowser;
const tokens: Record<string, string> = {};
const SEASON = '2026AW';
const SKU = '26AW-JK-201';

beforeAll(async () => {
  system = await sharedSystem();
  for (const u of ['admin', 'specialist', 'manager', 'finance', 'follower']) tokens[u] = await system.login(u);
  browser = await launchBrowser(system);
});
afterAll(async () => {
  await browser?.close();
});

/** States the system reaches by itself: 30 s, a loaded machine is slow. */
const SETTLE = { timeoutMs: 30_000 };
const call = (method: string, path: string, user: string, body?: unknown) => callApi(system, tokens[user], method, path, body);

/** A date `days` from today in the business zone (Asia/Shanghai), YYYY-MM-DD. */
const dateIn = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 24 * 3600_000));
const tasksOf = async (workflowId: string, user: string): Promise<Json[]> =>
  (await call('GET', `/api/tasks?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&range=${encodeURIComponent('[0,99]')}`, user))
    .body;
const returnOf = async (id: string) => (await call('GET', `/api/returns/${id}`, 'specialist')).body;
const shot = (page: Page, name: string) => browser.shot(page, name);

/** F001 has received 20 M and 5 L of a product whose season ends in ten days: through the API. */
async function goodsReceivedByF001(): Promise<void> {
  expect(
    (await call('POST', '/api/seasons', 'admin', { code: SEASON, name: '2026 秋冬', startsOn: dateIn(-150), endsOn: dateIn(10) })).status,
  ).toBe(201);
  const product = await call('POST', '/api/products', 'admin', {
    sku: SKU,
    name: '短款夹克',
    category: '外套',
    seasonCode: SEASON,
    wholesalePriceFen: 19_900,
    retailPriceFen: 45_900,
    sizes: ['M', 'L'],
  });
  expect(product.status).toBe(201);
  const lines = [
    { sku: SKU, size: 'M', qty: 20 },
    { sku: SKU, size: 'L', qty: 5 },
  ];
  // No quota for the new season: the manager approves the booking first; finance then pays it in full.
  const booking = await call('POST', '/api/bookings', 'specialist', { franchiseeId: 'F001', season: SEASON, lines });
  expect(booking.status).toBe(201);
  const review = await until(
    'the quota review',
    () => tasksOf(booking.body.workflowId, 'manager'),
    (ts) => ts.some((t) => t.status === 'open'),
    SETTLE,
  );
  expect(
    (await call('POST', `/api/tasks/${review.find((t) => t.status === 'open').id}/decision`, 'manager', { decision: 'approve' })).status,
  ).toBe(200);
  const payable = await until(
    'the booking to await payment',
    async () => (await call('GET', `/api/bookings/${booking.body.id}`, 'finance')).body,
    (b) => b.status === 'awaiting_payment',
    SETTLE,
  );
  expect(
    (
      await call('POST', `/api/bookings/${booking.body.id}/payments`, 'finance', {
        amountFen: payable.prepaymentDueFen,
        reference: `E2E-RT-${Date.now()}`,
      })
    ).status,
  ).toBeLessThan(300);
  await until(
    'the booking to be confirmed',
    async () => (await call('GET', `/api/bookings/${booking.body.id}`, 'finance')).body,
    (b) => b.status === 'confirmed',
    SETTLE,
  );
  // Shipped against the booking, arrived and scanned in exactly: F001's order lines are received.
  const shipment = await call('POST', '/api/shipments', 'follower', { bookingId: booking.body.id, lines, expectedArrival: dateIn(3) });
  expect(shipment.status).toBe(201);
  expect(shipment.body.lines.map((l: Json) => l.franchiseeId)).toEqual(['F001', 'F001']);
  expect(
    (
      await call('POST', `/api/shipments/${shipment.body.id}/events`, 'follower', {
        eventId: 'e2e-arrived',
        type: 'arrived',
        at: new Date().toISOString(),
      })
    ).status,
  ).toBe(200);
  await until(
    'the scan-in task',
    () => tasksOf(shipment.body.workflowId, 'follower'),
    (ts) => ts.some((t) => t.stepKey === 'scan_in' && t.status === 'open'),
    SETTLE,
  );
  expect(
    (await call('POST', `/api/shipments/${shipment.body.id}/receipt`, 'follower', { lines: lines.map((l) => ({ ...l, damaged: 0 })) }))
      .status,
  ).toBe(201);
  await until(
    'the shipment to be reconciled',
    async () => (await call('GET', `/api/shipments/${shipment.body.id}`, 'follower')).body,
    (s) => s.status === 'reconciled',
    SETTLE,
  );
}

test('a franchisee’s return with a defective unit: approved, shipped back, graded, written off and booked', async () => {
  // The five of them log in (each their own browser session) while the goods are set up.
  const sessions = Promise.all([
    browser.loggedIn('franchisee1'),
    browser.loggedIn('supervisor'),
    browser.loggedIn('follower'),
    browser.loggedIn('admin'),
    browser.loggedIn('finance'),
  ]);
  await goodsReceivedByF001();
  const [franchisee, supervisor, follower, admin, finance] = await sessions;

  // franchisee1 asks: 3 × M new and 1 × L defective. The franchisee is theirs; the SKUs are what they received.
  await franchisee.click('[data-testid="menu-returns"]');
  await franchisee.click('[data-testid="return-create-button"]');
  const requester = franchisee.locator('[data-testid="return-requester"]');
  await requester.waitFor({ timeout: 15_000 });
  expect(await requester.getAttribute('data-franchisee')).toBe('F001');
  expect(await franchisee.locator('[data-testid="return-kind"]').count()).toBe(0); // a franchisee returns; clearances are the stores'
  await franchisee.locator('[data-testid="return-catalog"][data-source="bookings"][data-ready="true"]').waitFor({ timeout: 15_000 });
  const row = (i: number) => franchisee.locator('[data-testid="return-line-row"]').nth(i);
  const line = async (i: number, size: string, qty: number, condition?: string) => {
    await row(i).locator('[data-testid="return-line-sku"] input').fill('26AW');
    await franchisee.getByRole('option', { name: new RegExp(SKU) }).click();
    await row(i).locator('[data-testid="return-line-size"] [role="combobox"]').click();
    await franchisee.getByRole('option', { name: size, exact: true }).click();
    await row(i).locator('[data-testid="return-line-qty"] input').fill(String(qty));
    if (condition) {
      await row(i).locator('[data-testid="return-line-condition"] [role="combobox"]').click();
      await franchisee.getByRole('option', { name: condition, exact: true }).click();
    }
  };
  await line(0, 'M', 3);
  await franchisee.click('[data-testid="return-line-add"]');
  await line(1, 'L', 1, '残次');
  await franchisee.fill('[data-testid="return-reason"]', '季末过季返仓；1 件 L 拉链损坏');
  expect(await franchisee.locator('[data-testid="return-form-total"]').getAttribute('data-qty')).toBe('4');
  await franchisee.click('[data-testid="return-create-submit"]');
  await franchisee.waitForURL(/#\/returns\/[0-9a-f-]{36}\/show/, { timeout: 15_000 });
  const id = /returns\/([0-9a-f-]{36})\/show/.exec(franchisee.url())![1]!;
  // Within the return standard: waiting for the supervisor.
  await franchisee.locator('[data-testid="return-header"][data-status="pending_approval"]').waitFor({ timeout: 20_000 });
  expect(
    await franchisee
      .locator('[data-testid="return-line-row"][data-size="L"] [data-testid="return-condition"]')
      .getAttribute('data-condition'),
  ).toBe('defective');
  const code = (await returnOf(id)).code as string;
  await shot(franchisee, 'return-requested');

  // The supervisor approves on the return's page: the goods come back as an inbound shipment.
  await supervisor.click('[data-testid="menu-returns"]');
  await supervisor.locator(`[data-testid="return-row"][data-code="${code}"] td`).first().click();
  const approve = supervisor.locator('[data-testid="return-open-task"][data-step="approve_return"] [data-testid="approve-button"]');
  await approve.waitFor({ timeout: 20_000 });
  await approve.click();
  await supervisor.locator('[data-testid="return-header"][data-status="in_transit"]').waitFor({ timeout: 20_000 });
  const inbound = supervisor.locator('[data-testid="return-shipment-state"]');
  await inbound.waitFor({ timeout: 15_000 });
  const shipmentCode = (await inbound.getAttribute('data-code'))!;
  expect(shipmentCode).toMatch(/^SH\d{6}$/);
  await shot(supervisor, 'return-in-transit');

  // The follower opens the inbound shipment from the return, records its arrival and scans it in: the L unit damaged.
  await follower.goto(`${system.url}/#/returns/${id}/show`);
  await follower.click('[data-testid="return-shipment-link"]');
  await follower.waitForURL(/#\/shipments\/[0-9a-f-]{36}\/show/, { timeout: 15_000 });
  const shipmentId = /shipments\/([0-9a-f-]{36})\/show/.exec(follower.url())![1]!;
  await follower.locator('[data-testid="shipment-header"][data-status="created"]').waitFor({ timeout: 15_000 });
  await follower.click('[data-testid="shipment-event-button"]');
  await follower.locator('[data-testid="shipment-event-dialog"]').waitFor();
  await follower.click('[data-testid="shipment-event-type"]');
  await follower.click('[data-testid="shipment-event-type-option"][data-type="arrived"]');
  await follower.fill('[data-testid="shipment-event-location"]', '杭州仓');
  await follower.click('[data-testid="shipment-event-confirm"]');
  await follower.locator('[data-testid="shipment-header"][data-status="arrived"]').waitFor({ timeout: 15_000 });
  await follower.click('[data-testid="shipment-scan-button"]');
  const scanCode = follower.locator('[data-testid="scan-code"]');
  await scanCode.waitFor({ timeout: 15_000 });
  for (let i = 0; i < 3; i++) {
    await scanCode.fill(`${SKU}/M`);
    await scanCode.press('Enter');
  }
  await follower.check('[data-testid="scan-damaged"]');
  await scanCode.fill(`${SKU}/L`);
  await scanCode.press('Enter');
  await follower.uncheck('[data-testid="scan-damaged"]');
  await follower.locator('[data-testid="scan-total-scanned"]', { hasText: '4' }).waitFor();
  await follower.click('[data-testid="scan-submit"]');
  await follower.click('[data-testid="scan-submit-confirm"]');
  const result = follower.locator('[data-testid="scan-result"]');
  await result.waitFor({ timeout: 30_000 });
  expect(
    await follower
      .locator('[data-testid="scan-result-discrepancy"]')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-size')} ${e.getAttribute('data-kind')}`)),
  ).toEqual(['L damaged']);

  // The damaged unit is a discrepancy of the shipment first: the supervisor accepts it.
  await supervisor.goto(`${system.url}/#/shipments/${shipmentId}/show`);
  const discrepancy = supervisor.locator('[data-testid="shipment-open-task"][data-step="discrepancy"]');
  await discrepancy.waitFor({ timeout: 30_000 });
  await discrepancy.locator('[data-decision="accept"]').click();
  await supervisor.locator('[data-testid="decision-dialog"][data-decision="accept"]').waitFor();
  await supervisor.fill('[data-testid="decision-comment"]', '残次 1 件转售后处理');
  await supervisor.click('[data-testid="decision-confirm"]');
  await supervisor.locator('[data-testid="shipment-header"][data-status="reconciled"]').waitFor({ timeout: 20_000 });

  // Graded: the return is with after-sales; the admin (after_sales in the demo) writes the defect off.
  await admin.goto(`${system.url}/#/returns/${id}/show`);
  await admin.locator('[data-testid="return-header"][data-status="defect_handling"]').waitFor({ timeout: 20_000 });
  await textIs(admin.locator('[data-testid="return-line-row"][data-size="L"] [data-field="defectiveQty"]'), '1');
  await textIs(admin.locator('[data-testid="return-line-row"][data-size="M"] [data-field="receivedQty"]'), '3');
  const defect = admin.locator('[data-testid="return-open-task"][data-step="defect_handling"]');
  await defect.waitFor({ timeout: 20_000 });
  expect(await defect.locator('[data-decision]').evaluateAll((els) => els.map((e) => e.getAttribute('data-decision')))).toEqual([
    'repair',
    'write_off',
    'return_to_head_office',
  ]);
  await shot(admin, 'return-defect-handling');
  await defect.locator('[data-decision="write_off"]').click();
  await admin.locator('[data-testid="decision-dialog"][data-decision="write_off"]').waitFor();
  await admin.fill('[data-testid="decision-comment"]', '拉链损坏无法修复，报废');
  await admin.click('[data-testid="decision-confirm"]');
  await admin.locator('[data-testid="return-header"][data-status="accounting"]').waitFor({ timeout: 20_000 });

  // Finance books it: the return is completed with its result.
  await finance.goto(`${system.url}/#/returns/${id}/show`);
  const booked = finance.locator('[data-testid="return-open-task"][data-step="defect_accounting"] [data-decision="booked"]');
  await booked.waitFor({ timeout: 20_000 });
  await booked.click();
  await finance.locator('[data-testid="decision-dialog"][data-decision="booked"]').waitFor();
  await finance.click('[data-testid="decision-confirm"]');
  await finance.locator('[data-testid="return-header"][data-status="completed"]').waitFor({ timeout: 20_000 });
  const figures = finance.locator('[data-testid="return-result-figures"]');
  await until(
    'the result',
    async () => figures.getAttribute('data-booked'),
    (b) => b === 'true',
    SETTLE,
  );
  expect([await figures.getAttribute('data-decision'), await figures.getAttribute('data-defective')]).toEqual(['write_off', '1']);
  expect(await finance.locator('[data-testid="return-result"]').innerText()).toContain('报废');
  expect(await returnOf(id)).toMatchObject({ status: 'completed', result: { defectDecision: 'write_off', defectiveQty: 1 } });
  await shot(finance, 'return-completed');

  // A request the standard refuses (worn goods, more than received): its reasons, prominently.
  const refused = await call('POST', '/api/returns', 'specialist', {
    kind: 'return',
    franchiseeId: 'F001',
    reason: '季末返仓',
    lines: [{ sku: SKU, size: 'L', qty: 9, condition: 'worn' }],
  });
  expect(refused.status).toBe(201);
  await until(
    'the refusal',
    () => returnOf(refused.body.id),
    (r) => r.status === 'refused',
    SETTLE,
  );
  await franchisee.goto(`${system.url}/#/returns/${refused.body.id}/show`);
  const refusal = franchisee.locator('[data-testid="return-refusal"]');
  await refusal.waitFor({ timeout: 15_000 });
  expect(await refusal.innerText()).toContain('不符合返货标准，已拒收');
  expect(await franchisee.locator('[data-testid="return-refusal-reason"]').allInnerTexts()).toEqual([
    `line 1 (${SKU} L): worn or soiled goods are not returnable`,
    `line 1 (${SKU} L): 9 requested but only 4 received and not yet returned`,
  ]);
  await shot(franchisee, 'return-refused');

  // The completed return on a phone, with its whole timeline: the standard, the shipment back, the grading, the end.
  await finance.setViewportSize({ width: 375, height: 812 });
  await finance.goto(`${system.url}/#/returns/${id}/show`);
  await finance.locator('[data-testid="return-header"][data-status="completed"]').waitFor({ timeout: 15_000 });
  await finance.locator('[data-testid="return-result"]').waitFor({ timeout: 15_000 });
  const timeline = finance.locator('[data-testid="return-timeline"]');
  await timeline.locator('[data-event-type="completed"]').waitFor({ timeout: 30_000 });
  const events = await timeline
    .locator('[data-testid="timeline-item"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-event-type')));
  expect(events).toEqual(expect.arrayContaining(['standard_passed', 'return_shipped', 'graded', 'completed']));
  expect(await timeline.locator('[data-event-type="graded"]').innerText()).toContain('实收 4 件，残次 1 件');
  expect(await timeline.locator('[data-event-type="return_shipped"]').innerText()).toContain(shipmentCode);
  await shot(finance, 'return-phone');
});
