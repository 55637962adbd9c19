// Order-fair booking (订货会期货订单与预付款) in a real headless Chromium against the running
// system (`npm start`): the specialist downloads the template and imports an order sheet (.xlsx)
// for two franchisees through the UI; the two bookings appear in the list at the demo wholesale
// prices with their 30% prepayment. Finance opens the payments screen, records a partial payment
// on one booking with a bank reference (the same reference on the other booking is refused on its
// input), and sees it on that franchisee's statement; the summary shows the ordered and received
// amounts per franchisee, region and season. Screenshots: test-output/screenshots/booking-*.png.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { countIs, textIs, launchBrowser, type TestBrowser } from '../helpers/browser';
import { callApi, sharedSystem, type Json, type SystemAddress } from '../helpers/system';

jest.setTimeout(5 * 60_000);

let system: SystemAddress;
let browser: TestBrowser;
let tmp: string;

/** Demo wholesale prices (lib/seed.ts), in fen. */
const PRICE: Record<string, number> = { '27SS-TS-001': 8_900, '27SS-SH-002': 15_900, '27SS-DR-003': 23_900, '27SS-PT-004': 13_900 };

/** The order sheet: 加盟商, 款号, 尺码, 数量. Each franchisee orders about 97% of its quota (within the 10% tolerance). */
const ROWS: [string, string, string, number][] = [
  ['F002', '27SS-DR-003', 'S', 400],
  ['F002', '27SS-DR-003', 'M', 400],
  ['F003', '27SS-PT-004', 'M', 500],
  ['F002', '27SS-SH-002', 'L', 300],
  ['F003', '27SS-TS-001', 'L', 700],
  ['F002', '27SS-TS-001', 'M', 600],
  ['F003', '27SS-SH-002', 'XL', 400],
];

const amountOf = (franchisee: string) => ROWS.filter((r) => r[0] === franchisee).reduce((s, [, sku, , qty]) => s + qty * PRICE[sku]!, 0);
/** 30% (booking.prepaymentShare), rounded half up to the fen. */
const prepaymentOf = (fen: number) => Math.floor((fen * 3_000 * 2 + 10_000) / 20_000);

const F002 = amountOf('F002'); // 9,560,000 + 9,560,000 + 4,770,000 + 5,340,000
const F003 = amountOf('F003'); // 6,950,000 + 6,230,000 + 6,360,000
const PAID = 3_000_050; // ¥30,000.50, typed as "30000.5"

/** Integer fen as the UI shows it in zh-CN: ¥1,234.50. */
const yuan = (fen: number) => `¥${Math.trunc(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

async function buildXlsx(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('订货单');
  ws.addRow(['加盟商', '款号', '尺码', '数量']);
  for (const row of ROWS) ws.addRow(row);
  await wb.xlsx.writeFile(file);
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'booking-e2e-'));
  [system] = await Promise.all([sharedSystem(), buildXlsx(path.join(tmp, 'order-sheet.xlsx'))]);
  browser = await launchBrowser(system);
});
afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const loggedIn = (username: string, viewport?: { width: number; height: number }) => browser.loggedIn(username, viewport);

const shot = (page: Page, name: string) => browser.shot(page, name);

const cell = (row: Locator, field: string) => row.locator(`[data-field="${field}"]`).first();

test('import an order sheet, record a partial payment, see the statement and the summary', async () => {
  expect([F002, F003]).toEqual([29_230_000, 19_540_000]);
  // The running system is shared with other browser tests: the season's figures before this
  // import, which it adds to. (F002 and F003 have no 2027SS booking yet, or the import is refused.)
  const before: Json = (await callApi(system, await system.login('finance'), 'GET', '/api/bookings/summary?season=2027SS')).body;
  const figuresBefore = (id: string): Json =>
    before.regions.flatMap((r: Json) => [r, ...r.franchisees]).find((x: Json) => (x.franchiseeId ?? x.regionId) === id);

  // The specialist downloads the template: a CSV with the sheet's header.
  const specialist = await loggedIn('specialist');
  await specialist.goto(`${system.url}/#/bookings`);
  await specialist.locator('[data-testid="booking-import-button"]').waitFor({ timeout: 30_000 });
  expect(await specialist.locator('[data-testid="menu-booking-payments"]').count()).toBe(0);
  const [download] = await Promise.all([specialist.waitForEvent('download'), specialist.click('[data-testid="booking-template-button"]')]);
  const template = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  expect(template.split(/\r?\n/)[0]).toBe('加盟商,款号,尺码,数量');

  // … and imports the order sheet for 2027SS: one booking per franchisee.
  await specialist.click('[data-testid="booking-import-button"]');
  await specialist.click('[data-testid="booking-import-season"]');
  await specialist.click('[data-testid="booking-import-season-option"][data-season="2027SS"]');
  await specialist.setInputFiles('[data-testid="booking-import-file"]', path.join(tmp, 'order-sheet.xlsx'));
  await specialist.click('[data-testid="booking-import-confirm"]');
  await specialist.locator('[data-testid="booking-import-result"][data-count="2"]').waitFor({ timeout: 60_000 });
  await countIs(specialist.locator('[data-testid="booking-import-created"]'), 2);
  const codes = await specialist
    .locator('[data-testid="booking-import-created"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
  /** This import's rows of a list (which shows every booking of the shared system). */
  const imported = (testId: string, franchisee?: string) =>
    codes.map((c) => `[data-testid="${testId}"][data-code="${c}"]${franchisee ? `[data-franchisee="${franchisee}"]` : ''}`).join(', ');
  await specialist.click('[data-testid="booking-import-close"]');
  await specialist.locator('[data-testid="booking-import-dialog"]').waitFor({ state: 'detached', timeout: 15_000 });

  // Both bookings are in the list, priced at the wholesale prices, awaiting payment.
  const rows = specialist.locator(imported('booking-row'));
  await countIs(rows, 2);
  const listRow = (franchisee: string) => specialist.locator(imported('booking-row', franchisee));
  for (const [franchisee, amount] of [
    ['F002', F002],
    ['F003', F003],
  ] as const) {
    const row = listRow(franchisee);
    expect(await row.getAttribute('data-status')).toBe('awaiting_payment');
    await textIs(cell(row, 'amountFen'), yuan(amount));
    await textIs(cell(row, 'prepaymentDueFen'), yuan(prepaymentOf(amount)));
    await textIs(cell(row, 'paidFen'), yuan(0));
    await textIs(cell(row, 'outstandingFen'), yuan(prepaymentOf(amount)));
  }
  expect(await listRow('F002').locator('[data-testid="booking-status-chip"]').innerText()).toBe('待付款');
  const code = (await listRow('F002').getAttribute('data-code'))!;
  expect(code).toMatch(/^BK\d{6}$/);
  await shot(specialist, 'booking-list');

  // Finance: the payments screen lists both bookings still owing.
  const finance = await loggedIn('finance');
  await finance.click('[data-testid="menu-booking-payments"]');
  const payRows = finance.locator(imported('payment-row'));
  await countIs(payRows, 2, 30_000);
  const payRow = (franchisee: string) => finance.locator(imported('payment-row', franchisee));

  // A partial payment on F002's booking, typed in yuan.
  const reference = `CMB20270305-${Date.now()}`;
  await payRow('F002').locator('[data-testid="record-payment-button"]').click();
  const dialog = finance.locator('[data-testid="payment-dialog"]');
  await dialog.waitFor();
  await textIs(dialog.locator('[data-testid="payment-dialog-outstandingFen"]'), yuan(prepaymentOf(F002)));
  await finance.fill('[data-testid="payment-amount"]', '30000.5');
  await finance.fill('[data-testid="payment-reference"]', reference);
  await finance.fill('[data-testid="payment-note"]', '订货会首付款');
  await finance.click('[data-testid="payment-confirm"]');
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
  await textIs(cell(payRow('F002'), 'paidFen'), yuan(PAID));
  await textIs(cell(payRow('F002'), 'outstandingFen'), yuan(prepaymentOf(F002) - PAID));
  expect(await payRow('F002').getAttribute('data-status')).toBe('awaiting_payment');

  // The same bank reference on F003's booking is refused, on the reference input. The list's
  // refetch after the first payment lands first: once in CI the dialog vanished right after
  // showing its error, likely that refetch remounting the row (a UI defect still to find).
  await finance.waitForLoadState('networkidle');
  await payRow('F003').locator('[data-testid="record-payment-button"]').click();
  await dialog.waitFor();
  await finance.fill('[data-testid="payment-amount"]', '100');
  await finance.fill('[data-testid="payment-reference"]', reference);
  await finance.click('[data-testid="payment-confirm"]');
  await dialog.locator('[data-testid="payment-error"]').waitFor({ timeout: 30_000 });
  expect(await dialog.innerText()).toContain('该银行流水号已登记过');
  await shot(finance, 'booking-payment-refused');
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'detached' });
  await textIs(cell(payRow('F003'), 'paidFen'), yuan(0));
  await shot(finance, 'booking-payments');

  // F002's statement: the figures, the lines, the payment.
  await payRow('F002').locator('[data-field="amountFen"]').click();
  await finance.waitForURL(/#\/bookings\/[0-9a-f-]{36}\/show/, { timeout: 15_000 });
  const bookingUrl = finance.url();
  const statement = finance.locator(`[data-testid="booking-statement"][data-code="${code}"]`);
  await statement.waitFor({ timeout: 15_000 });
  expect(await statement.getAttribute('data-status')).toBe('awaiting_payment');
  await textIs(finance.locator('[data-testid="booking-amount"] > div').nth(1), yuan(F002));
  expect(await finance.locator('[data-testid="booking-prepayment-due"]').innerText()).toContain(`${yuan(prepaymentOf(F002))} (30%)`);
  await textIs(finance.locator('[data-testid="booking-paid"] > div').nth(1), yuan(PAID));
  await textIs(finance.locator('[data-testid="booking-outstanding"] > div').nth(1), yuan(prepaymentOf(F002) - PAID));
  await countIs(finance.locator('[data-testid="booking-line-row"]'), 4);
  await textIs(finance.locator('[data-testid="booking-lines-total"]'), yuan(F002));
  const payment = finance.locator('[data-testid="booking-payment-row"]');
  await countIs(payment, 1);
  expect(await payment.getAttribute('data-reference')).toBe(reference);
  expect(await payment.innerText()).toContain(yuan(PAID));
  expect(await finance.locator('[data-testid="booking-quota-badge"]').getAttribute('data-quota-check')).toBe('within');
  await finance.locator('[data-testid="booking-timeline"] [data-testid="timeline-item"]').first().waitFor({ timeout: 15_000 });
  await shot(finance, 'booking-statement');

  // The summary of 2027SS: F002 and F003 with what they ordered and paid; region and season totals.
  await finance.click('[data-testid="menu-booking-summary"]');
  const table = finance.locator('[data-testid="summary-table"][data-season="2027SS"]');
  await table.waitFor({ timeout: 15_000 });
  const summaryRow = (kind: string, id: string) => table.locator(`[data-testid="summary-row"][data-kind="${kind}"][data-id="${id}"]`);
  const f002 = summaryRow('franchisee', 'F002');
  await textIs(cell(f002, 'quotaFen'), yuan(30_000_000));
  await textIs(cell(f002, 'orderedFen'), yuan(F002));
  await textIs(cell(f002, 'quotaUsedBp'), '97.43%');
  await textIs(cell(f002, 'prepaymentDueFen'), yuan(prepaymentOf(F002)));
  await textIs(cell(f002, 'receivedFen'), yuan(PAID));
  await textIs(cell(f002, 'outstandingFen'), yuan(prepaymentOf(F002) - PAID));
  await textIs(cell(f002, 'bookings'), '1');
  const f003 = summaryRow('franchisee', 'F003');
  await textIs(cell(f003, 'orderedFen'), yuan(F003));
  await textIs(cell(f003, 'quotaUsedBp'), '97.7%');
  await textIs(cell(f003, 'receivedFen'), yuan(0));
  await textIs(cell(summaryRow('franchisee', 'F001'), 'orderedFen'), yuan(figuresBefore('F001').orderedFen));
  await textIs(cell(summaryRow('region', 'SOUTH'), 'receivedFen'), yuan(figuresBefore('SOUTH').receivedFen + PAID));
  const total = summaryRow('total', 'total');
  await textIs(cell(total, 'quotaFen'), yuan(before.totals.quotaFen));
  await textIs(cell(total, 'orderedFen'), yuan(before.totals.orderedFen + F002 + F003));
  await textIs(cell(total, 'prepaymentDueFen'), yuan(before.totals.prepaymentDueFen + prepaymentOf(F002) + prepaymentOf(F003)));
  await textIs(cell(total, 'receivedFen'), yuan(before.totals.receivedFen + PAID));
  await textIs(cell(total, 'outstandingFen'), yuan(before.totals.outstandingFen + prepaymentOf(F002) + prepaymentOf(F003) - PAID));
  await textIs(cell(total, 'bookings'), String(before.totals.bookings + 2));
  await shot(finance, 'booking-summary');

  // The statement on a phone.
  const phone = await loggedIn('finance', { width: 375, height: 812 });
  await phone.goto(bookingUrl);
  await phone.locator(`[data-testid="booking-statement"][data-code="${code}"]`).waitFor({ timeout: 15_000 });
  await shot(phone, 'booking-statement-phone');
});

/** Picks an option of a react-admin autocomplete by typing `text` into it. */
async function pick(page: Page, input: Locator, text: string, option: RegExp): Promise<void> {
  await input.fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

test('the form says when the order statement goes out; before it, no deadline; a payment dated tomorrow is refused in Chinese', async () => {
  // A franchisee of this test's own, quota ¥10,000 in 2027SS.
  const id = `E${String(Date.now()).slice(-8)}`;
  const admin = await system.login('admin');
  const created = await callApi(system, admin, 'POST', '/api/franchisees', {
    id,
    name: `浏览器测试加盟商${id}`,
    regionId: 'EAST',
    email: `${id.toLowerCase()}@example.com`,
    quotas: [{ seasonCode: '2027SS', quotaFen: 1_000_000 }],
  });
  expect(created.status).toBe(201);

  // The specialist's form: the rule first; then, below the quota, the button says it goes to the manager.
  const specialist = await loggedIn('specialist');
  await specialist.goto(`${system.url}/#/bookings/create`);
  const rule = specialist.locator('[data-testid="booking-send-rule"]');
  await rule.waitFor({ timeout: 30_000 });
  expect(await rule.innerText()).toContain('在订货指标内的订单保存后立即发送订货确认单');
  expect(await specialist.locator('[data-testid="booking-create-submit"]').innerText()).toContain('保存并发送订货确认单');
  await pick(specialist, specialist.getByRole('combobox', { name: /加盟商/ }), id, new RegExp(id));
  await pick(specialist, specialist.getByRole('combobox', { name: /季节/ }), '2027SS', /2027SS/);
  const line = specialist.locator('[data-testid="booking-line-row"]').first();
  await pick(specialist, line.getByRole('combobox').nth(0), 'TS-001', /27SS-TS-001/);
  await line.getByRole('combobox').nth(1).click();
  await specialist.getByRole('option', { name: 'M', exact: true }).click();
  await specialist.fill('input[name="lines.0.qty"]', '10'); // ¥890: far below the quota
  await specialist.locator('[data-testid="booking-send-rule"][data-quota-check="below"]').waitFor({ timeout: 15_000 });
  expect(await rule.innerText()).toContain('低于指标：保存后先由商品经理审批订货指标，审批通过后才发送订货确认单');
  expect(await specialist.locator('[data-testid="booking-create-submit"]').innerText()).toContain('保存并提交经理审批');
  await shot(specialist, 'booking-create-review');
  await specialist.fill('input[name="lines.0.qty"]', '110'); // ¥9,790: within 90–100 % of the ¥10,000 quota
  await specialist.locator('[data-testid="booking-send-rule"][data-quota-check="within"]').waitFor({ timeout: 15_000 });
  expect(await specialist.locator('[data-testid="booking-create-submit"]').innerText()).toContain('保存并发送订货确认单');
  await specialist.fill('input[name="lines.0.qty"]', '10');
  await specialist.locator('[data-testid="booking-send-rule"][data-quota-check="below"]').waitFor({ timeout: 15_000 });
  await specialist.click('[data-testid="booking-create-submit"]');

  // Its page: the order statement (订货确认单) is not sent yet, so the deadline has not started.
  await specialist.waitForURL(/#\/bookings\/[0-9a-f-]{36}\/show/, { timeout: 30_000 });
  const statement = specialist.locator('[data-testid="booking-statement"][data-status="awaiting_approval"]');
  await statement.waitFor({ timeout: 15_000 });
  await textIs(specialist.locator('[data-testid="booking-deadline-not-set"]'), '未开始：发送订货确认单后起算');
  expect(await specialist.locator('body').innerText()).toMatch(/订货确认单: BK\d{6}/);
  await shot(specialist, 'booking-deadline-not-started');

  // Finance: the date picker offers nothing after today; a date typed after it is refused, in Chinese.
  const bookingUrl = specialist.url();
  const finance = await loggedIn('finance');
  await finance.goto(bookingUrl);
  await finance.locator('[data-testid="record-payment-button"]').first().click();
  const dialog = finance.locator('[data-testid="payment-dialog"]');
  await dialog.waitFor();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 24 * 3600_000));
  expect(await finance.locator('[data-testid="payment-paid-on"]').getAttribute('max')).toBe(today);
  await finance.fill('[data-testid="payment-amount"]', '100');
  await finance.fill('[data-testid="payment-reference"]', `FUTURE-${id}`);
  await finance.fill('[data-testid="payment-paid-on"]', tomorrow);
  await finance.click('[data-testid="payment-confirm"]');
  await dialog.locator('[data-testid="payment-error"]').waitFor({ timeout: 30_000 });
  expect(await dialog.locator('[data-testid="payment-error"]').innerText()).toBe('付款日期不能晚于今天');
  await shot(finance, 'booking-payment-future-refused');
  await dialog.getByRole('button', { name: '取消' }).click();
  const booking = (await callApi(system, await system.login('finance'), 'GET', `/api/bookings/${bookingUrl.match(/[0-9a-f-]{36}/)![0]}`))
    .body;
  expect(booking).toMatchObject({ paidFen: 0, payments: [], paymentDeadline: null, statementSentAt: null });
});
