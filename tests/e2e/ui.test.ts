// The admin UI in a real headless Chromium against the running system (`npm start`):
// a supervisor starts an approval, the manager finds it in the inbox and approves it, the
// timeline shows it, a stale second decision is refused with a clear message, and the
// language switches. Screenshots go to test-output/screenshots (not committed).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createSystem, type RunningSystem } from '../helpers/system';

jest.setTimeout(8 * 60_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let system: RunningSystem;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  system = await createSystem();
  [browser] = await Promise.all([chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS }), system.start()]);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await system?.stop();
  system?.remove();
});

async function loggedIn(username: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${system.url}/#/login`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', username);
  await page.click('button[type="submit"]');
  await page.waitForURL((u) => !u.hash.startsWith('#/login'));
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

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
  await secondTab.getByText(/已被处理|已处理|already been decided/).first().waitFor({ timeout: 15_000 });
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
