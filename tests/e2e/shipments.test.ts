// Shipment tracking (发货 → 在途 → 到仓入库) in a real headless Chromium against the running system
// (`npm start`). The admin first shortens the escalation ladder to seconds (PT0S, PT2S, PT4S).
// (a) A follower's shipment due in a few seconds becomes late and climbs the ladder by itself to
// the manager: the in-transit list shows its delay badge with the rung reached, its page the
// escalations on the timeline. (b) A shipment against a confirmed booking arrives (the follower
// records the arrival in the UI; an older carrier event is kept but greyed out) and is scanned in
// on the scan page one unit short and one unit damaged: a discrepancy task opens for the supervisor,
// who opens it from the inbox, accepts it with a comment, and the shipment is reconciled. The order
// balance (期货订发欠) shows what is still owed. Screenshots: test-output/screenshots/shipment-*.png.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { countIs, launchBrowser, type TestBrowser } from '../helpers/browser';
import { callApi, sharedSystem, type Json, type SystemAddress } from '../helpers/system';
import { until } from '../helpers/until';

jest.setTimeout(5 * 60_000);

let system: SystemAddress;
let browser: TestBrowser;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await sharedSystem();
  for (const u of ['admin', 'follower', 'specialist', 'supervisor', 'finance']) tokens[u] = await system.login(u);
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

const shipment = async (id: string) => (await call('GET', `/api/shipments/${id}`, 'follower')).body;
const tasksOf = async (workflowId: string, user = 'supervisor'): Promise<Json[]> =>
  (await call('GET', `/api/tasks?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&range=${encodeURIComponent('[0,99]')}`, user))
    .body;

const shot = (page: Page, name: string) => browser.shot(page, name);

test('a late shipment escalates by itself; a short scan-in is accepted by the supervisor and reconciled', async () => {
  // The ladder in seconds: rung 1 (follower) at once, 2 (supervisor) after 2 s, 3 (manager) after 4 s.
  for (const key of ['shipment.escalationLadder', 'shipment.silenceTimeout'])
    changed.set(key, (await call('GET', `/api/settings/${key}`, 'admin')).body.value);
  expect((await call('PUT', '/api/settings/shipment.escalationLadder', 'admin', { value: ['PT0S', 'PT2S', 'PT4S'] })).status).toBe(200);
  expect((await call('PUT', '/api/settings/shipment.silenceTimeout', 'admin', { value: 'PT1H' })).status).toBe(200);

  // (a) Due in 3 seconds: late, then climbing the ladder.
  const late = await call('POST', '/api/shipments', 'follower', {
    externalRef: 'HO-E2E-LATE',
    lines: [
      { sku: '27SS-TS-001', size: 'M', qty: 30 },
      { sku: '27SS-SH-002', size: 'L', qty: 12 },
    ],
    expectedArrival: new Date(Date.now() + 3_000).toISOString(),
  });
  expect(late.status).toBe(201);
  const lateId: string = late.body.id;

  // Meanwhile a confirmed booking for F001 (95.6% of its quota: no approval), paid in full by finance.
  const booking = await call('POST', '/api/bookings', 'specialist', {
    franchiseeId: 'F001',
    season: '2027SS',
    lines: [{ sku: '27SS-DR-003', size: 'M', qty: 2000 }],
  });
  expect(booking.status).toBe(201);
  await until(
    'the booking to await payment',
    async () => (await call('GET', `/api/bookings/${booking.body.id}`, 'finance')).body,
    (b) => b.status === 'awaiting_payment',
    SETTLE,
  );
  const paid = await call('POST', `/api/bookings/${booking.body.id}/payments`, 'finance', {
    amountFen: booking.body.prepaymentDueFen,
    reference: `E2E-${Date.now()}`,
  });
  expect(paid.status).toBeLessThan(300);
  await until(
    'the booking to be confirmed',
    async () => (await call('GET', `/api/bookings/${booking.body.id}`, 'finance')).body,
    (b) => b.status === 'confirmed',
    SETTLE,
  );

  // (b) Against that booking: 3 × DR-003 M (F001's order) and 2 × TS-001 L (no order: unallocated).
  const arriving = await call('POST', '/api/shipments', 'follower', {
    externalRef: 'HO-E2E-SCAN',
    bookingId: booking.body.id,
    lines: [
      { sku: '27SS-DR-003', size: 'M', qty: 3 },
      { sku: '27SS-TS-001', size: 'L', qty: 2 },
    ],
    expectedArrival: new Date(Date.now() + 7 * 24 * 3600_000).toISOString().slice(0, 10),
  });
  expect(arriving.status).toBe(201);
  const scanId: string = arriving.body.id;
  expect(arriving.body.lines.map((l: Json) => [l.sku, l.qty, l.franchiseeId])).toEqual([
    ['27SS-DR-003', 3, 'F001'],
    ['27SS-TS-001', 2, null],
  ]);
  const hour = 3600_000;
  const t0 = Date.now();
  expect(
    (
      await call('POST', `/api/shipments/${scanId}/events`, 'follower', {
        eventId: 'e2e-d',
        type: 'dispatched',
        at: new Date(t0 - 3 * hour).toISOString(),
      })
    ).body.applied,
  ).toBe(true);
  expect(
    (
      await call('POST', `/api/shipments/${scanId}/events`, 'follower', {
        eventId: 'e2e-t',
        type: 'in_transit',
        at: new Date(t0 - hour).toISOString(),
        location: '上海转运中心',
      })
    ).body.applied,
  ).toBe(true);
  // A carrier event older than the latest one comes in late: kept, not applied.
  expect(
    (
      await call('POST', `/api/shipments/${scanId}/events`, 'follower', {
        eventId: 'e2e-late',
        type: 'in_transit',
        at: new Date(t0 - 2 * hour).toISOString(),
        location: '苏州',
      })
    ).body.applied,
  ).toBe(false);

  // The late shipment reaches the top of the ladder (the manager), where it stays.
  const top = await until(
    'the late shipment to reach rung 3',
    () => shipment(lateId),
    (s) => s.escalationLevel === 3,
    SETTLE,
  );
  expect(top).toMatchObject({ delayed: true, delayReason: 'late', status: 'created' });
  const code = top.code as string;

  // The in-transit list: the delay badge with the reason and the rung reached.
  const follower = await browser.loggedIn('follower');
  await follower.click('[data-testid="menu-shipments"]');
  const row = follower.locator(`[data-testid="shipment-row"][data-code="${code}"]`);
  await row.waitFor({ timeout: 30_000 });
  expect(await row.getAttribute('data-delayed')).toBe('true');
  const badge = row.locator('[data-testid="shipment-delay-badge"]');
  expect(await badge.getAttribute('data-level')).toBe('3');
  expect(await badge.getAttribute('data-reason')).toBe('late');
  expect(await badge.innerText()).toContain('延误 · 逾期未到');
  expect(await badge.innerText()).toContain('已升级至商品经理（第 3 级）');
  expect(await row.locator('[data-field="externalRef"]').innerText()).toBe('HO-E2E-LATE');
  expect(await row.locator('[data-field="totalQty"]').innerText()).toBe('42');
  await shot(follower, 'shipment-list');
  // Only the delayed ones; the template of head office's shipping list. (The list shows every
  // shipment of the shared system: this file's two are counted.)
  const ours = follower.locator([code, arriving.body.code].map((c) => `[data-testid="shipment-row"][data-code="${c}"]`).join(', '));
  await countIs(ours, 2);
  await follower.getByLabel('仅延误').check();
  await countIs(ours, 1);
  expect(await ours.getAttribute('data-code')).toBe(code);
  await follower.getByLabel('仅延误').uncheck();
  await countIs(ours, 2);
  const [template] = await Promise.all([follower.waitForEvent('download'), follower.click('[data-testid="shipment-template-button"]')]);
  expect(
    readFileSync((await template.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0],
  ).toBe('发货单号,款号,尺码,数量,预计到货,订单号');

  // Its page: the escalations on the timeline, rung by rung with the role.
  await row.locator('td').first().click();
  await follower.waitForURL(/#\/shipments\/[0-9a-f-]{36}\/show/, { timeout: 15_000 });
  const header = follower.locator(`[data-testid="shipment-header"][data-code="${code}"]`);
  await header.waitFor({ timeout: 15_000 });
  expect(await follower.locator('[data-testid="shipment-escalation"]').innerText()).toContain('已升级至商品经理（第 3 级）');
  const escalated = follower.locator('[data-testid="shipment-timeline"] [data-testid="timeline-item"][data-event-type="escalated"]');
  await countIs(escalated, 3, 20_000);
  const texts = await escalated.allInnerTexts();
  expect(texts[0]).toContain('已升级至跟单员');
  expect(texts[1]).toContain('已升级至商品主管');
  expect(texts[2]).toContain('已升级至商品经理');
  await follower.locator('[data-testid="shipment-timeline"] [data-event-type="delayed"]').waitFor();
  // The follower's own rung task is on the page to answer; the supervisor's and the manager's wait for them.
  await follower
    .locator('[data-testid="shipment-open-task"][data-step="delay_1"] [data-decision="followed_up"]')
    .waitFor({ timeout: 15_000 });
  expect(await follower.locator('[data-testid="shipment-open-task"][data-step="delay_3"]').innerText()).toContain(
    '等待 商品经理（待认领） 处理',
  );
  await shot(follower, 'shipment-delayed');

  // (b) The second shipment's page: the follower records the arrival.
  await follower.goto(`${system.url}/#/shipments/${scanId}/show`);
  await follower.locator('[data-testid="shipment-header"][data-status="in_transit"]').waitFor({ timeout: 15_000 });
  await follower.click('[data-testid="shipment-event-button"]');
  const dialog = follower.locator('[data-testid="shipment-event-dialog"]');
  await dialog.waitFor();
  await follower.click('[data-testid="shipment-event-type"]');
  await follower.click('[data-testid="shipment-event-type-option"][data-type="arrived"]');
  await follower.fill('[data-testid="shipment-event-location"]', '杭州仓');
  await follower.click('[data-testid="shipment-event-confirm"]');
  await dialog.waitFor({ state: 'detached', timeout: 15_000 });
  await follower.locator('[data-testid="shipment-header"][data-status="arrived"]').waitFor({ timeout: 15_000 });
  // The late carrier event is greyed out.
  const stale = follower.locator('[data-testid="shipment-event-row"][data-applied="false"]');
  await stale.waitFor({ timeout: 15_000 });
  expect(await stale.innerText()).toContain('过期事件，未生效');
  await countIs(follower.locator('[data-testid="shipment-event-row"]'), 4);
  expect(await follower.locator('[data-testid="shipment-last-event"]').innerText()).toContain('杭州仓');

  // Scan-in: DR-003 M twice (one short of 3); TS-001 L once good, once damaged.
  await follower.click('[data-testid="shipment-scan-button"]');
  await follower.waitForURL(/#\/shipments\/[0-9a-f-]{36}\/scan/, { timeout: 15_000 });
  const codeInput = follower.locator('[data-testid="scan-code"]');
  await codeInput.waitFor({ timeout: 15_000 });
  const scan = async (text: string) => {
    await codeInput.fill(text);
    await codeInput.press('Enter');
  };
  await scan('27SS-DR-003/M');
  await scan('27ss-dr-003/m'); // as a scanner may type it
  await scan('27SS-TS-001/L');
  await follower.check('[data-testid="scan-damaged"]');
  await scan('27SS-TS-001/L');
  await follower.uncheck('[data-testid="scan-damaged"]');
  const tallyRow = (sku: string, size: string) => follower.locator(`[data-testid="scan-row"][data-sku="${sku}"][data-size="${size}"]`);
  await follower.locator('[data-testid="scan-total-scanned"]', { hasText: '4' }).waitFor();
  expect(await tallyRow('27SS-DR-003', 'M').getAttribute('data-scanned')).toBe('2');
  expect(await tallyRow('27SS-DR-003', 'M').getAttribute('data-state')).toBe('short');
  expect(await tallyRow('27SS-TS-001', 'L').getAttribute('data-scanned')).toBe('2');
  expect(await tallyRow('27SS-TS-001', 'L').getAttribute('data-damaged')).toBe('1');
  await shot(follower, 'shipment-scan-in');
  await follower.click('[data-testid="scan-submit"]');
  await follower.locator('[data-testid="scan-submit-dialog"]').waitFor();
  expect(await follower.locator('[data-testid="scan-submit-dialog"]').innerText()).toContain('短少 1 件');
  await follower.click('[data-testid="scan-submit-confirm"]');
  const result = follower.locator('[data-testid="scan-result"]');
  await result.waitFor({ timeout: 30_000 });
  expect(await result.getAttribute('data-discrepancies')).toBe('2');
  const kinds = await follower
    .locator('[data-testid="scan-result-discrepancy"]')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-sku')} ${e.getAttribute('data-kind')}`));
  expect(kinds.sort()).toEqual(['27SS-DR-003 short', '27SS-TS-001 damaged']);
  expect(await result.innerText()).toContain('短少');
  expect(await result.innerText()).toContain('破损');
  await shot(follower, 'shipment-scan-result');

  // The supervisor's discrepancy task, opened from the inbox.
  const workflowId: string = arriving.body.workflowId;
  const tasks = await until(
    'the discrepancy task',
    () => tasksOf(workflowId),
    (ts) => ts.some((t: Json) => t.stepKey === 'discrepancy' && t.status === 'open'),
    SETTLE,
  );
  const task = tasks.find((t: Json) => t.stepKey === 'discrepancy' && t.status === 'open');
  expect(task).toMatchObject({ candidateRole: 'supervisor', allowedDecisions: ['accept', 'claim', 'recount'] });
  const supervisor = await browser.loggedIn('supervisor');
  const inboxRow = supervisor.locator(`[data-testid="inbox-row"][data-task-id="${task.id}"]`);
  await inboxRow.waitFor({ timeout: 30_000 });
  await inboxRow.locator('[data-testid="task-shipment-link"]').click();
  await supervisor.waitForURL(new RegExp(`#/shipments/${scanId}/show`), { timeout: 15_000 });
  await supervisor.locator('[data-testid="shipment-header"][data-status="received"]').waitFor({ timeout: 15_000 });
  const discrepancies = supervisor.locator('[data-testid="shipment-discrepancy"]');
  await countIs(discrepancies, 2);
  expect(await supervisor.locator('[data-testid="shipment-receipt"]').innerText()).toContain('短少');
  const openTask = supervisor.locator(`[data-testid="shipment-open-task"][data-task-id="${task.id}"]`);
  await openTask.waitFor({ timeout: 15_000 });
  await shot(supervisor, 'shipment-discrepancy');

  // Claim and recount need a comment; accept with one.
  await openTask.locator('[data-decision="accept"]').click();
  const decision = supervisor.locator('[data-testid="decision-dialog"][data-decision="accept"]');
  await decision.waitFor();
  await supervisor.fill('[data-testid="decision-comment"]', '短少 1 件由下批补发，破损 1 件降价处理');
  await supervisor.click('[data-testid="decision-confirm"]');
  await decision.waitFor({ state: 'detached', timeout: 15_000 });
  await supervisor.locator('[data-testid="shipment-header"][data-status="reconciled"]').waitFor({ timeout: 30_000 });
  const resolution = supervisor.locator('[data-testid="shipment-resolution"]');
  expect(await resolution.getAttribute('data-resolution')).toBe('accepted');
  expect(await resolution.innerText()).toContain('短少 1 件由下批补发');
  await supervisor.locator('[data-testid="shipment-timeline"] [data-event-type="reconciled"]').waitFor({ timeout: 15_000 });
  expect(await supervisor.locator('[data-testid="shipment-timeline"] [data-event-type="discrepancy"]').innerText()).toContain(
    '27SS-DR-003 / M: 短少',
  );
  expect(await supervisor.locator('[data-testid="shipment-line-row"][data-sku="27SS-DR-003"] [data-field="receivedQty"]').innerText()).toBe(
    '2',
  );
  await shot(supervisor, 'shipment-reconciled');
  expect(await shipment(scanId)).toMatchObject({ status: 'reconciled', resolution: 'accepted' });

  // 期货订发欠: F001 ordered 2000 DR-003, 3 shipped, 1997 still owed (highlighted); exported as CSV.
  await supervisor.click('[data-testid="menu-order-balance"]');
  const table = supervisor.locator('[data-testid="balance-table"][data-season="2027SS"]');
  await table.waitFor({ timeout: 15_000 });
  const balance = table.locator('[data-testid="balance-row"][data-kind="line"][data-franchisee="F001"][data-sku="27SS-DR-003"]');
  expect(await balance.locator('[data-field="orderedQty"]').innerText()).toBe('2,000');
  expect(await balance.locator('[data-field="shippedQty"]').innerText()).toBe('3');
  expect(await balance.locator('[data-field="owedQty"]').innerText()).toBe('1,997');
  expect(await balance.locator('[data-field="owedQty"]').getAttribute('data-owed')).toBe('true');
  expect(await balance.locator('[data-field="receivedQty"]').innerText()).toBe('2');
  const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.click('[data-testid="balance-export-csv"]')]);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  expect(csv.split(/\r?\n/)[0]).toContain('欠发数');
  expect(csv).toContain('27SS-DR-003');
  await shot(supervisor, 'shipment-order-balance');

  // The reconciled shipment on a phone.
  const phone = supervisor;
  await phone.setViewportSize({ width: 375, height: 812 });
  await phone.goto(`${system.url}/#/shipments/${scanId}/show`);
  await phone.locator('[data-testid="shipment-header"][data-status="reconciled"]').waitFor({ timeout: 15_000 });
  await phone.locator('[data-testid="shipment-timeline"] [data-event-type="reconciled"]').waitFor({ timeout: 15_000 });
  // The run has ended (no live state): its steps are still named.
  expect((await phone.locator('[data-testid="shipment-timeline"] [data-event-type="task_created"]').allInnerTexts()).join('\n')).toContain(
    '入库差异处理：商品主管（待认领）',
  );
  await shot(phone, 'shipment-phone');
});
