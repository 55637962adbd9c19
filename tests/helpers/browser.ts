// Headless Chromium (Debian's binary, driven by playwright-core) against a running system,
// for the browser tests. Screenshots go to test-output/screenshots (not committed).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { SystemAddress } from './system';
import { until } from './until';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Flags that work as root on a machine with no network beyond loopback (ENVIRONMENT.md).
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');

export interface TestBrowser {
  /** A fresh browser context (its own session, nothing stored), closed with the browser. */
  newContext(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  /** A fresh browser context (its own session) logged in as the user (password = username). */
  loggedIn(username: string, viewport?: { width: number; height: number }): Promise<Page>;
  shot(page: Page, name: string): Promise<Buffer>;
  close(): Promise<void>;
}

export async function launchBrowser(system: SystemAddress): Promise<TestBrowser> {
  mkdirSync(SHOTS, { recursive: true });
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const contexts: BrowserContext[] = [];
  const newContext = async (viewport = { width: 1280, height: 900 }) => {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    contexts.push(context);
    return context;
  };
  return {
    newContext,
    async loggedIn(username, viewport = { width: 1280, height: 900 }) {
      const context = await newContext(viewport);
      const page = await context.newPage();
      await page.goto(`${system.url}/#/login`);
      await page.fill('input[name="username"]', username);
      await page.fill('input[name="password"]', username);
      await page.click('button[type="submit"]');
      await page.waitForURL((u) => !u.hash.startsWith('#/login'));
      return page;
    },
    shot: (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true }),
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}

// react-admin re-renders after refetches: these wait for the page to settle on the expected value,
// then assert it (on a timeout, jest shows the last value seen).
const settled = <T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number) =>
  until(what, read, ok, { timeoutMs, intervalMs: 200 }).catch(read);

/** Waits until the locator matches exactly `count` elements, then checks it. */
export async function countIs(locator: Locator, count: number, timeoutMs = 15_000): Promise<void> {
  expect(
    await settled(
      `${count} of ${locator}`,
      () => locator.count(),
      (n) => n === count,
      timeoutMs,
    ),
  ).toBe(count);
}

/** Waits until the element's text is exactly `text` (after trimming), then checks it. */
export async function textIs(locator: Locator, text: string, timeoutMs = 15_000): Promise<void> {
  expect(
    await settled(
      `${locator} to read ${text}`,
      async () => (await locator.innerText()).trim(),
      (t) => t === text,
      timeoutMs,
    ),
  ).toBe(text);
}

/** Waits until the element's text contains `text`, then checks it. */
export async function textContains(locator: Locator, text: string, timeoutMs = 15_000): Promise<void> {
  expect(
    await settled(
      `${locator} to contain ${text}`,
      () => locator.innerText(),
      (t) => t.includes(text),
      timeoutMs,
    ),
  ).toContain(text);
}
