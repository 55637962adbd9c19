// The way in (issue 19, item 1): a fresh browser shows the login form at once, without the app
// looping between routes first, and every login lands on that user's own inbox, also when someone
// else was logged in before in the same browser and their session ended on a page of theirs.
// The figures measured here go to test-output/ui-timings.json; `npm run bench` (figure 6) prints
// them over several samples. Screenshots of the login page go to test-output/screenshots.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import { callApi, sharedSystem, type SystemAddress } from '../helpers/system';
import { until } from '../helpers/until';
import { INBOX_SHOWN, logInFromForm, openToLoginForm, type LoginFormTiming, type LoginTiming } from '../helpers/uiTimings';

jest.setTimeout(5 * 60_000);

const OUTPUT = path.resolve(__dirname, '../../test-output');
const PHONE = { width: 390, height: 844 };

let system: SystemAddress;
let browser: TestBrowser;

beforeAll(async () => {
  system = await sharedSystem();
  browser = await launchBrowser(system);
});
afterAll(async () => {
  await browser?.close();
});

/** The inbox greets the user by name (the identity of this session, not the one before). */
const greets = (page: Page, name: string) => page.getByText(`欢迎，${name}`).first().waitFor({ timeout: 15_000 });

async function toEnglish(page: Page): Promise<void> {
  await page.click('[data-testid="locale-menu"]');
  await page.click('[data-testid="locale-en"]');
  await page.locator('[data-testid="locale-menu"][data-locale="en"]').waitFor();
}

test('a fresh browser shows the login form at once; each login lands on that user’s own inbox', async () => {
  const figures: { loginForm: LoginFormTiming[]; login: (LoginTiming & { username: string })[] } = { loginForm: [], login: [] };

  // A fresh browser: the login form, after one route change (/ → /login), not thousands.
  const { page, timing } = await openToLoginForm(await browser.newContext(), `${system.url}/`);
  figures.loginForm.push(timing);
  expect(timing.hash).toBe('#/login');
  expect(timing.pushStates).toBeLessThanOrEqual(2);
  await browser.shot(page, 'login');

  // The merchandise manager logs in: their inbox, greeting them.
  const manager = await logInFromForm(page, 'manager');
  figures.login.push({ username: 'manager', ...manager });
  expect(manager.hash).toBe('#/');
  await greets(page, '王经理');

  // They search the processes (the list remembers it), then open the plans, a page store managers
  // may not read. (A process each for the manager and the store manager, so that their lists show.)
  for (const username of ['supervisor', 'store1']) {
    const started = await callApi(system, await system.login(username), 'POST', '/api/approvals', {
      title: `登录测试 ${username} ${Date.now()}`,
    });
    expect([201, 202]).toContain(started.status);
  }
  const managerToken = await system.login('manager');
  await until(
    'the manager to take part in a process',
    async () => (await callApi(system, managerToken, 'GET', '/api/processes')).body,
    (b) => Array.isArray(b) && b.length > 0,
  );
  await page.goto(`${system.url}/#/processes`);
  await page.locator('input[name="q"]').fill('经理的搜索');
  // (Polled from here: the page's CSP refuses the in-page eval of waitForFunction's polling.)
  await until(
    'the processes list to remember the search',
    () =>
      page.evaluate<boolean>(
        `Object.keys(localStorage).some((k) => k.startsWith('RaStore.processes') && localStorage.getItem(k).includes('经理的搜索'))`,
      ),
    Boolean,
  );
  await page.goto(`${system.url}/#/plans`);
  await page.locator('[data-testid="plan-create-button"]').waitFor();

  // Their session ends there without the user menu (the token is no longer accepted): the next
  // request is answered 401 and the login form comes back.
  await page.evaluate(`localStorage.setItem('merchandise-flow.token', 'no-longer-valid')`);
  await page.reload();
  await page.locator('input[name="username"]').waitFor();

  // A store manager logs in at the same browser: their own inbox, not the manager's last page (a
  // 403 for them) and not the manager's search.
  const store1 = await logInFromForm(page, 'store1');
  figures.login.push({ username: 'store1', ...store1 });
  expect(store1.hash).toBe('#/');
  await greets(page, '孙店长');
  expect(await page.locator('.RaNotification-error').count()).toBe(0);
  await page.goto(`${system.url}/#/processes`);
  await page.locator('input[name="q"]').waitFor();
  expect(await page.locator('input[name="q"]').inputValue()).toBe('');

  // Logging out through the user menu and in as someone else: theirs too.
  await page.locator('.RaUserMenu-userButton, button[aria-label="个人设置"]').first().click();
  await page.locator('.logout').click();
  await page.locator('input[name="username"]').waitFor();
  const supervisor = await logInFromForm(page, 'supervisor');
  figures.login.push({ username: 'supervisor', ...supervisor });
  expect(supervisor.hash).toBe('#/');
  await greets(page, '李主管');
  await page.locator(INBOX_SHOWN).first().waitFor();

  // The login page in English, and on a phone in both languages.
  const english = await openToLoginForm(await browser.newContext(), `${system.url}/`);
  figures.loginForm.push(english.timing);
  await toEnglish(english.page);
  await english.page.getByRole('button', { name: 'Sign in' }).waitFor();
  await browser.shot(english.page, 'login-en');
  const phone = await openToLoginForm(await browser.newContext(PHONE), `${system.url}/`);
  figures.loginForm.push(phone.timing);
  expect(phone.timing.pushStates).toBeLessThanOrEqual(2);
  await browser.shot(phone.page, 'login-phone');
  await toEnglish(phone.page);
  await browser.shot(phone.page, 'login-phone-en');

  mkdirSync(OUTPUT, { recursive: true });
  writeFileSync(path.join(OUTPUT, 'ui-timings.json'), JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2));
});
