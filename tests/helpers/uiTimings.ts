// The admin UI's first two moments as a person meets them, timed in a real browser: a fresh
// browser (nothing stored) until the login form shows, and "log in" until the inbox shows.
// Used by the browser test (tests/e2e/login.test.ts, which asserts the behaviour and records the
// figures) and by `npm run bench` (bench/figures/ui.ts, which prints them).
import type { BrowserContext, Page } from 'playwright-core';

/** Counts history.pushState calls of the page (the route changes the app makes), from its first script on. */
const COUNT_PUSH_STATES = `(() => {
  let n = 0;
  const push = history.pushState.bind(history);
  history.pushState = (...args) => { n += 1; return push(...args); };
  Object.defineProperty(window, '__pushStates', { get: () => n });
})()`;

export const LOGIN_FORM = 'input[name="username"]';
/** The inbox has shown its content: task rows, or the empty state. */
export const INBOX_SHOWN = '[data-testid="inbox-row"], [data-testid="inbox-empty"]';

export interface LoginFormTiming {
  /** From the start of navigation to the login form being visible. */
  ms: number;
  /** From the start of navigation to DOMContentLoaded: the page's scripts fetched and run. */
  domContentLoadedMs: number;
  /** history.pushState calls until the form showed (the app's route changes on the way). */
  pushStates: number;
  /** Where the page is when the form shows. */
  hash: string;
}

/** Opens the app at `url` in a new page of `context` (give it a fresh one) and times it to the login form. */
export async function openToLoginForm(
  context: BrowserContext,
  url: string,
  timeoutMs = 60_000,
): Promise<{ page: Page; timing: LoginFormTiming }> {
  await context.addInitScript(COUNT_PUSH_STATES);
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(LOGIN_FORM).waitFor({ state: 'visible', timeout: timeoutMs });
  const ms = Date.now() - t0;
  const seen = await page.evaluate<{ pushStates: number; dcl: number; hash: string }>(
    `({ pushStates: window.__pushStates ?? -1, dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? -1, hash: location.hash })`,
  );
  return { page, timing: { ms, domContentLoadedMs: Math.round(seen.dcl), pushStates: seen.pushStates, hash: seen.hash } };
}

export interface LoginTiming {
  /** From the click on 登录 / Sign in to the inbox's content showing (-1: it landed elsewhere). */
  ms: number;
  /** Where the login led (the inbox is `#/`). */
  hash: string;
}

/** Fills the login form (password = username), submits it and times it until the inbox shows. */
export async function logInFromForm(page: Page, username: string, timeoutMs = 60_000): Promise<LoginTiming> {
  await page.fill(LOGIN_FORM, username);
  await page.fill('input[name="password"]', username);
  const t0 = Date.now();
  await page.click('button[type="submit"]');
  await page.waitForURL((u) => !u.hash.startsWith('#/login'), { timeout: timeoutMs });
  const hash = new URL(page.url()).hash;
  if (hash !== '#/') return { ms: -1, hash };
  await page.locator(INBOX_SHOWN).first().waitFor({ state: 'visible', timeout: timeoutMs });
  return { ms: Date.now() - t0, hash };
}
