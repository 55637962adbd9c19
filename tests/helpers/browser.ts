// Headless Chromium (Debian's binary, driven by playwright-core) against a running system,
// for the browser tests. Screenshots go to test-output/screenshots (not committed).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningSystem } from './system';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Flags that work as root on a machine with no network beyond loopback (ENVIRONMENT.md).
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');

export interface TestBrowser {
  /** A fresh browser context (its own session) logged in as the user (password = username). */
  loggedIn(username: string, viewport?: { width: number; height: number }): Promise<Page>;
  shot(page: Page, name: string): Promise<Buffer>;
  close(): Promise<void>;
}

export async function launchBrowser(system: RunningSystem): Promise<TestBrowser> {
  mkdirSync(SHOTS, { recursive: true });
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const contexts: BrowserContext[] = [];
  return {
    async loggedIn(username, viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
      contexts.push(context);
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
