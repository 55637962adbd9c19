// Plan approval (计划审批) in a real headless Chromium against the running system (`npm start`):
// the supervisor creates a purchase plan in the UI, imports its lines from an .xlsx file and
// submits it; the manager sends it back from the inbox with a comment; the supervisor sees the
// comment, changes a quantity (revision 2) and resubmits; the manager approves. The plan is then
// approved and locked, the diff of revisions 1 → 2 shows the changed line, and the timeline shows
// the send back and the approval. Screenshots: test-output/screenshots/plan-*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { countIs, launchBrowser, type TestBrowser } from '../helpers/browser';
import { sharedSystem, type SystemAddress } from '../helpers/system';

jest.setTimeout(5 * 60_000);

let system: SystemAddress;
let browser: TestBrowser;
let tmp: string;

/** Plan lines as the import file has them: 品类, 片区, 店铺, 数量, 金额 (yuan); the total stays far below the finance threshold. */
const ROWS: [string, string, string, number, number | string][] = [
  ['T恤', 'EAST', 'S001', 100, 12345.5],
  ['衬衫', 'SOUTH', 'S002', 80, '9600'],
  ['连衣裙', 'EAST', '', 50, 15000],
];

/** An .xlsx import file with a header row and ROWS, built with exceljs. */
async function buildXlsx(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('采买计划');
  ws.addRow(['品类', '片区', '店铺', '数量', '金额']);
  for (const row of ROWS) ws.addRow(row);
  await wb.xlsx.writeFile(file);
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'plan-e2e-'));
  [system] = await Promise.all([sharedSystem(), buildXlsx(path.join(tmp, 'plan.xlsx'))]);
  browser = await launchBrowser(system);
});
afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const loggedIn = (username: string, viewport?: { width: number; height: number }) => browser.loggedIn(username, viewport);

const shot = (page: Page, name: string) => browser.shot(page, name);

const status = (page: Page, value: string) =>
  page.locator(`[data-testid="plan-status"][data-status="${value}"]`).waitFor({ timeout: 30_000 });

async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  expect(await locator.innerText()).toMatch(pattern);
}

/** The manager decides the plan's open task from the inbox. */
async function decideInInbox(page: Page, title: string, decision: 'approve' | 'send_back', comment?: string): Promise<void> {
  await page.goto(`${system.url}/#/`);
  await page.reload(); // the inbox may be open already: read it afresh
  const row = page.locator('[data-testid="inbox-row"]', { hasText: title }).first();
  await row.waitFor({ timeout: 30_000 });
  const taskId = await row.getAttribute('data-task-id');
  if (decision === 'approve') {
    await row.locator('[data-testid="approve-button"]').click();
  } else {
    await row.locator('[data-testid="send-back-button"]').click();
    await page.fill('[data-testid="decision-comment"]', comment ?? '');
    await page.click('[data-testid="decision-confirm"]');
  }
  await page.locator(`[data-testid="inbox-row"][data-task-id="${taskId}"]`).waitFor({ state: 'detached', timeout: 30_000 });
}

test('create a plan, import lines from Excel, submit; send back, revise, resubmit; approve; diff and timeline', async () => {
  const title = `E2E 2027SS 采买计划 ${Date.now()}`;
  const sendBack = '衬衫数量偏少，T恤请增加到 120 件';

  // The supervisor creates a purchase plan for 2027SS with one line.
  const supervisor = await loggedIn('supervisor');
  await supervisor.goto(`${system.url}/#/plans/create`);
  const season = supervisor.locator('input[name="season"]');
  await season.click();
  await season.fill('2027');
  await supervisor
    .getByRole('option', { name: /2027SS/ })
    .first()
    .click();
  await supervisor.fill('input[name="title"]', title);
  await supervisor.fill('input[name="lines.0.category"]', 'T恤');
  await supervisor.fill('input[name="lines.0.qty"]', '10');
  await supervisor.fill('input[name="lines.0.amountFen"]', '1000.50');
  await supervisor.click('[data-testid="plan-create-submit"]');
  await supervisor.waitForURL(/#\/plans\/[0-9a-f-]{36}\/show/, { timeout: 30_000 });
  const planId = /#\/plans\/([0-9a-f-]{36})\/show/.exec(supervisor.url())![1]!;
  await status(supervisor, 'draft');
  await countIs(supervisor.locator('[data-testid="plan-line-row"]'), 1);

  // Import 3 lines from an .xlsx file: they replace the draft's line.
  await supervisor.click('[data-testid="plan-import-button"]');
  await supervisor.setInputFiles('[data-testid="plan-import-file"]', path.join(tmp, 'plan.xlsx'));
  await supervisor.click('[data-testid="plan-import-confirm"]');
  await supervisor.locator('[data-testid="plan-import-dialog"]').waitFor({ state: 'detached', timeout: 30_000 });
  await countIs(supervisor.locator('[data-testid="plan-line-row"]'), 3);
  expect(await supervisor.inputValue('input[name="lines.0.qty"]')).toBe('100');
  expect(await supervisor.inputValue('input[name="lines.0.amountFen"]')).toBe('12345.50');
  await expectText(supervisor.locator('[data-testid="plan-total-amount"]'), /36,945\.50/);
  await shot(supervisor, 'plan-imported');

  // Submit: the approval starts (the supervisor owns it, so the manager is the only step).
  await supervisor.click('[data-testid="plan-submit-button"]');
  await supervisor.click('[data-testid="plan-submit-confirm"]');
  await status(supervisor, 'submitted');
  await supervisor.locator('[data-testid="plan-timeline"] [data-testid="timeline-item"]').first().waitFor({ timeout: 30_000 });

  // The manager sends it back from the inbox with a comment.
  const manager = await loggedIn('manager');
  await decideInInbox(manager, title, 'send_back', sendBack);

  // The supervisor sees it sent back with the comment (the page re-reads a plan in approval).
  await status(supervisor, 'sent_back');
  await expectText(supervisor.locator('[data-testid="plan-reason"]'), /衬衫数量偏少/);
  await supervisor
    .locator('[data-testid="plan-timeline"] [data-testid="timeline-item"][data-event-type="decided"]')
    .first()
    .waitFor({ timeout: 15_000 });
  await supervisor.locator('[data-testid="plan-revision-row"]').first().waitFor({ timeout: 15_000 });
  await shot(supervisor, 'plan-sent-back');

  // Revise: 120 T恤 instead of 100 (saving after a send back opens revision 2), then resubmit.
  await supervisor.fill('input[name="lines.0.qty"]', '120');
  await supervisor.click('[data-testid="plan-save-button"]');
  await supervisor.locator('[data-testid="plan-current-revision"]', { hasText: '2' }).waitFor({ timeout: 30_000 });
  await supervisor.click('[data-testid="plan-submit-button"]');
  await supervisor.fill('[data-testid="plan-submit-comment"]', 'T恤已调整为 120 件');
  await supervisor.click('[data-testid="plan-submit-confirm"]');
  await status(supervisor, 'submitted');

  // The manager approves.
  await decideInInbox(manager, title, 'approve');

  // Approved and locked; revisions 1 and 2, the diff shows the changed line; the timeline the decisions.
  await status(supervisor, 'approved');
  await supervisor.locator('[data-testid="plan-locked"]').first().waitFor({ timeout: 15_000 });
  await countIs(supervisor.locator('[data-testid="plan-line-row"]'), 3);
  await supervisor.locator('[data-testid="plan-revisions"][data-count="2"]').waitFor({ timeout: 15_000 });
  const diff = supervisor.locator('[data-testid="plan-diff"][data-from="1"][data-to="2"]');
  await diff.waitFor({ timeout: 15_000 });
  const changed = diff.locator('[data-testid="plan-diff-changed"]');
  await countIs(changed, 1);
  await expectText(changed, /T恤/);
  await expectText(changed, /100[\s\S]*120/);
  expect(await diff.locator('[data-testid="plan-diff-added"]').count()).toBe(0);
  expect(await diff.locator('[data-testid="plan-diff-removed"]').count()).toBe(0);
  const decided = supervisor.locator('[data-testid="plan-timeline"] [data-testid="timeline-item"][data-event-type="decided"]');
  // The decisions: sent back (with the comment), then — after the resubmission — approved.
  await decided.filter({ hasText: '批准' }).first().waitFor({ timeout: 15_000 });
  await expectText(decided.filter({ hasText: '退回' }).first(), /衬衫数量偏少/);
  await expectText(supervisor.locator('[data-testid="plan-timeline"]'), /退回[\s\S]*批准/);
  await expectText(supervisor.locator('[data-testid="plan-timeline"]'), /衬衫数量偏少/);
  await shot(supervisor, 'plan-approved');

  // The plan list, and the plan on a phone.
  await supervisor.goto(`${system.url}/#/plans`);
  await supervisor.getByText(title).first().waitFor({ timeout: 15_000 });
  await shot(supervisor, 'plan-list');
  const phone = await loggedIn('supervisor', { width: 375, height: 812 });
  await phone.goto(`${system.url}/#/plans/${planId}/show`);
  await status(phone, 'approved');
  await shot(phone, 'plan-phone');
});
