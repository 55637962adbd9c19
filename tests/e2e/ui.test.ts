// The admin UI in a real headless Chromium against the running system (`npm start`):
// a supervisor starts an approval, the manager finds it in the inbox and approves it, the
// timeline shows it, a stale second decision is refused with a clear message, and the
// language switches. Screenshots go to test-output/screenshots (not committed).
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import { sharedSystem, type SystemAddress } from '../helpers/system';

jest.setTimeout(8 * 60_000);

let system: SystemAddress;
let browser: TestBrowser;

beforeAll(async () => {
  system = await sharedSystem();
  browser = await launchBrowser(system);
});
afterAll(async () => {
  await browser?.close();
});

const loggedIn = (username: string, viewport?: { width: number; height: number }) => browser.loggedIn(username, viewport);

const shot = (page: Page, name: string) => browser.shot(page, name);

test('start an approval, approve it from the inbox, see the timeline; a stale decision is refused; switch language', async () => {
  const title = `E2E 陈列道具采购 ${Date.now()}`;

  // The supervisor starts a general approval.
  const supervisor = await loggedIn('supervisor');
  await supervisor.goto(`${system.url}/#/approvals/create`);
  await supervisor.fill('input[name="title"]', title);
  await supervisor.click('[data-testid="approval-submit"]');
  await supervisor.waitForURL(/#\/processes\/.+\/show/);
  const workflowId = decodeURIComponent(/#\/processes\/([^/]+)\/show/.exec(supervisor.url())![1]!);

  // The manager (the supervisor's superior) sees it in the inbox with its due date.
  const manager = await loggedIn('manager');
  const row = manager.locator('[data-testid="inbox-row"]', { hasText: title });
  await row.first().waitFor({ timeout: 30_000 });
  await expectText(row.first(), /到期|逾期/);
  await shot(manager, 'inbox');

  // A second tab holds the same task, open on its own page.
  const taskId = await row.first().getAttribute('data-task-id');
  expect(taskId).toMatch(/^[0-9a-f-]{36}$/);
  const secondTab = await manager.context().newPage();
  await secondTab.goto(`${system.url}/#/tasks/${taskId}/show`);
  const staleApprove = secondTab.locator('[data-testid="approve-button"]').first();
  await staleApprove.waitFor({ timeout: 30_000 });

  // Approve from the inbox: the row goes (the next step's task may take its place).
  await row.first().locator('[data-testid="approve-button"]').click();
  await manager.locator(`[data-testid="inbox-row"][data-task-id="${taskId}"]`).waitFor({ state: 'detached', timeout: 30_000 });

  // The stale tab's decision is refused with a clear message.
  await staleApprove.click();
  await secondTab
    .getByText(/已被处理|已处理|already been decided/)
    .first()
    .waitFor({ timeout: 15_000 });
  await shot(secondTab, 'refused-decision');

  // The timeline shows the decision, who made it and when.
  await manager.goto(`${system.url}/#/processes/${encodeURIComponent(workflowId)}/show`);
  const decided = manager.locator('[data-testid="timeline-item"][data-event-type="decided"]');
  await decided.first().waitFor({ timeout: 30_000 });
  await expectText(decided.first(), /王经理/);
  await shot(manager, 'process-timeline');

  // A master-data page.
  await manager.goto(`${system.url}/#/stores`);
  await manager.locator('[data-testid="masterdata-list-stores"]').waitFor({ timeout: 30_000 });
  await expectText(manager.locator('[data-testid="masterdata-list-stores"]'), /S001/);
  await shot(manager, 'master-data-stores');

  // Switch to English.
  await manager.goto(`${system.url}/#/`);
  await manager.click('[data-testid="locale-menu"]');
  await manager.getByRole('menuitem', { name: /English/ }).click();
  await manager.getByText(/Inbox/).first().waitFor({ timeout: 15_000 });
  await shot(manager, 'inbox-english');

  // On a phone.
  const phone = await loggedIn('manager', { width: 375, height: 812 });
  await phone.waitForTimeout(1000);
  await shot(phone, 'inbox-phone');
});

async function expectText(locator: ReturnType<Page['locator']>, pattern: RegExp): Promise<void> {
  const text = await locator.innerText();
  expect(text).toMatch(pattern);
}
