// Menus follow the reader's roles (issue 19, item 5): every demo user logs in and opens every
// entry of their menu, and every "create" button the pages offer them; none may answer with an
// API error (403, 404, 422, …), an error notification, react-admin's error or access-denied
// page, "条目不存在" or an English API message. What a role may not use is not offered at all
// (checked for the store manager, the franchisee and finance against the API's guards).
// Screenshots of the menus of a store manager and a merchandise manager go to
// test-output/screenshots, in Chinese, in English and on a phone.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import { sharedSystem, type SystemAddress } from '../helpers/system';
import { until } from '../helpers/until';
import { INBOX_SHOWN } from '../helpers/uiTimings';

jest.setTimeout(10 * 60_000);

let system: SystemAddress;
let browser: TestBrowser;

beforeAll(async () => {
  system = await sharedSystem();
  browser = await launchBrowser(system);
});
afterAll(async () => {
  await browser?.close();
});

const OUTPUT = path.resolve(__dirname, '../../test-output');
const MENU = ':is(.RaMenu-open, .RaMenu-closed)';

/** Texts of a page that went wrong: react-admin's error, access-denied and not-found pages and notices, the API's own (English) refusals. */
const WRONG =
  /条目不存在|Element does not exist|拒绝访问|您没有访问此页面的权限|Access denied|页面不存在|Not found|出现错误|出错了|Something went wrong|与服务器通信出错|Server communication error|This needs one of the roles|is for merchandise staff|are for merchandise staff|are for staff|Log in first|take no part|not yours/i;

/** A page of one user that records what went wrong on it: API answers ≥ 400 and script errors. */
class Watched {
  problems: string[] = [];
  private inFlight = 0;
  private lastChange = Date.now();

  constructor(readonly page: Page) {
    page.on('request', (req) => {
      if (new URL(req.url()).pathname.startsWith('/api/')) this.change(+1);
    });
    const done = (url: string) => {
      if (new URL(url).pathname.startsWith('/api/')) this.change(-1);
    };
    page.on('requestfinished', (req) => done(req.url()));
    page.on('requestfailed', (req) => done(req.url()));
    page.on('response', (res: Response) => {
      const url = new URL(res.url());
      if (url.pathname.startsWith('/api/') && res.status() >= 400)
        this.problems.push(`${res.status()} ${res.request().method()} ${url.pathname}${url.search}`);
    });
    page.on('pageerror', (err) => this.problems.push(`script error: ${err.message}`));
  }

  private change(by: number) {
    this.inFlight = Math.max(0, this.inFlight + by);
    this.lastChange = Date.now();
  }

  /** Until no API request has been in flight for 300 ms (the page has loaded what it shows). */
  async settled(): Promise<void> {
    await until('the page to finish its API requests', async () => this.inFlight === 0 && Date.now() - this.lastChange > 300, Boolean, {
      timeoutMs: 20_000,
      intervalMs: 50,
    });
  }

  /** What went wrong since the last call: API errors, script errors, error notices, error texts on the page. */
  async takeProblems(): Promise<string[]> {
    const found = [...this.problems];
    this.problems = [];
    const notices = await this.page.locator('.RaNotification-error, .RaNotification-warning').allInnerTexts();
    found.push(...notices.map((t) => `notification: ${t}`));
    const text = await this.page.locator('#main-content').innerText();
    const wrong = WRONG.exec(text);
    if (wrong) found.push(`page says: …${text.slice(Math.max(0, wrong.index - 60), wrong.index + 80)}…`);
    return found;
  }
}

/** Logs in (fresh context), then opens each menu entry and each create button on the way; returns what was offered and what went wrong where. */
async function walk(username: string): Promise<{ page: Page; watched: Watched; menu: string[]; creates: string[]; problems: string[] }> {
  const page = await browser.loggedIn(username);
  const watched = new Watched(page);
  await page.locator(INBOX_SHOWN).first().waitFor({ timeout: 30_000 });
  await watched.settled();
  const problems = (await watched.takeProblems()).map((p) => `${username} #/ (inbox): ${p}`);
  const menu = await page.locator(`${MENU} a[href]`).evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
  const creates = new Set<string>();
  const visit = async (href: string, open: () => Promise<void>) => {
    await open();
    await until(
      `${username}'s page to show ${href}`,
      async () => new URL(page.url()).hash.split('?')[0],
      (h) => h === href,
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    await watched.settled();
    for (const p of await watched.takeProblems()) problems.push(`${username} ${href}: ${p}`);
  };
  for (const href of menu) {
    await visit(href, () => page.locator(`${MENU} a[href="${href}"]`).first().click());
    const found = await page.locator('#main-content a[href$="/create"]').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    for (const c of found) creates.add(c);
  }
  for (const href of [...creates].filter((c) => !menu.includes(c))) {
    await visit(href, () => page.goto(`${system.url}/${href}`).then(() => undefined));
  }
  // Back home, for the screenshots.
  await page.locator(`${MENU} a[href="#/"]`).first().click();
  await page.locator(INBOX_SHOWN).first().waitFor();
  return { page, watched, menu, creates: [...creates].sort(), problems };
}

async function menuShots(page: Page, username: string): Promise<void> {
  await browser.shot(page, `menu-${username}`);
  await page.click('[data-testid="locale-menu"]');
  await page.click('[data-testid="locale-en"]');
  await page.getByText('Inbox').first().waitFor();
  await browser.shot(page, `menu-${username}-en`);
  const phone = await browser.loggedIn(username, { width: 390, height: 844 });
  await phone.locator(INBOX_SHOWN).first().waitFor({ timeout: 30_000 });
  await phone.getByRole('button', { name: /打开菜单|Open menu/ }).click();
  // The drawer has slid in: its first entry stands still at the left edge.
  await until(
    'the menu drawer to be open',
    async () => (await phone.locator(`${MENU} a[href="#/"]`).first().boundingBox())?.x,
    (x) => x !== undefined && x >= 0 && x < 40,
  );
  await browser.shot(phone, `menu-${username}-phone`);
}

/** Entries (hrefs) a role must be offered, and must not be. */
const OFFERS: Record<string, { has: string[]; hasNot: string[]; createsNot?: string[] }> = {
  store1: {
    has: ['#/', '#/tasks', '#/processes', '#/approvals/create', '#/price-adjustments', '#/prices', '#/returns'],
    hasNot: [
      '#/plans',
      '#/bookings',
      '#/booking-summary',
      '#/shipments',
      '#/order-balance',
      '#/dashboard',
      '#/stores',
      '#/seasons',
      '#/users',
    ],
    createsNot: ['#/price-adjustments/create', '#/plans/create', '#/bookings/create'],
  },
  franchisee1: {
    has: ['#/', '#/tasks', '#/processes', '#/bookings', '#/returns'],
    hasNot: [
      '#/approvals/create',
      '#/plans',
      '#/booking-summary',
      '#/shipments',
      '#/price-adjustments',
      '#/prices',
      '#/dashboard',
      '#/stores',
    ],
    createsNot: ['#/bookings/create'],
  },
  finance: {
    has: ['#/', '#/plans', '#/bookings', '#/booking-payments', '#/booking-summary', '#/order-balance', '#/dashboard', '#/approvals/create'],
    hasNot: [],
    createsNot: ['#/plans/create', '#/bookings/create', '#/price-adjustments/create'],
  },
  manager: {
    has: [
      '#/',
      '#/plans',
      '#/bookings',
      '#/booking-summary',
      '#/shipments',
      '#/price-adjustments',
      '#/returns',
      '#/dashboard',
      '#/approvals/create',
    ],
    hasNot: ['#/booking-payments'],
  },
};

const WALKS_AT_ONCE = 3;

const USERS = process.env.ONLY
  ? [process.env.ONLY]
  : ['admin', 'manager', 'supervisor', 'specialist', 'follower', 'finance', 'store1', 'franchisee1'];

test('every demo role opens every menu entry and create button it is offered without an error; what it may not use is not offered', async () => {
  const problems: string[] = [];
  const offered: Record<string, { menu: string[]; creates: string[] }> = {};
  const check = async (username: string) => {
    const result = await walk(username);
    offered[username] = { menu: result.menu, creates: result.creates };
    problems.push(...result.problems);
    expect(result.menu.length).toBeGreaterThan(2);
    const want = OFFERS[username];
    if (want) {
      expect({ username, missing: want.has.filter((h) => !result.menu.includes(h)) }).toEqual({ username, missing: [] });
      expect({ username, offered: want.hasNot.filter((h) => result.menu.includes(h)) }).toEqual({ username, offered: [] });
      expect({ username, creates: (want.createsNot ?? []).filter((h) => result.creates.includes(h)) }).toEqual({ username, creates: [] });
    }
    if (username === 'store1' || username === 'manager') await menuShots(result.page, username);
    await result.page.context().close();
  };
  // A few users at a time, each in a context of its own: the walks are independent, and most of a
  // walk is waiting for pages to load.
  for (let i = 0; i < USERS.length; i += WALKS_AT_ONCE) await Promise.all(USERS.slice(i, i + WALKS_AT_ONCE).map(check));
  // What each role was offered, for the record.
  mkdirSync(OUTPUT, { recursive: true });
  writeFileSync(path.join(OUTPUT, 'menus.json'), JSON.stringify(offered, null, 2));
  expect(problems).toEqual([]);
});
