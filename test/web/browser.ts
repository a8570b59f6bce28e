import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { Http } from '../support/http.js';
import { ROOT } from '../support/process.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium`) through
 * playwright-core, which downloads no browser of its own. Without it the suites are
 * skipped and the global setup says so; REQUIRE_BROWSER=1 (CI) makes that a failure.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const describeWithBrowser: typeof describe = existsSync(CHROMIUM_PATH) ? describe : (describe.skip as typeof describe);

/** Screenshots land here (git-ignored), to be looked at. */
export const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 800 };

/**
 * Headless Chromium with a fresh profile (Playwright gives each launch a new temporary
 * user-data dir), no network chatter of its own, no sandbox (CI runs as root).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

/** A new context (its own sessionStorage) and page, recording every error the page reports. */
export async function openPage(browser: Browser, baseUrl: string, viewport = DESKTOP): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

/**
 * Saves a full-page screenshot of the current view at desktop width and at phone width
 * (375 px), checking at phone width that the page does not scroll sideways (wide tables
 * scroll inside their own region instead).
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  // Let Chart.js redraw at the new width (its resize observer runs late on a busy machine):
  // poll up to 5 s for the page to fit, then measure whatever it is. (page.evaluate, not
  // waitForFunction: that evaluates a string in the page, which its CSP rightly refuses.)
  for (const end = Date.now() + 5000; Date.now() < end; ) {
    if (await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')) break;
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(150);
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  // On failure, name the elements sticking out (outside scroll regions) to find the culprit.
  const culprits =
    overflow > 0
      ? await page.evaluate<string[]>(
          `[...document.querySelectorAll('body *')].filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > window.innerWidth + 0.5).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')`,
        )
      : [];
  expect({ view: name, sidewaysScrollPx: overflow, culprits }).toEqual({ view: name, sidewaysScrollPx: 0, culprits: [] });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(original);
}

/** Signs in through the form, by keyboard only: focus the field, type, press Enter. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.goto('/');
  const field = page.getByLabel('Access token');
  await field.focus();
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * Expects a locator to match `expected` elements, waiting up to `timeoutMs` for it:
 * the pages render what the API returns asynchronously and `count()` does not wait,
 * so a bare count can read a table before its rows arrive.
 */
export async function expectCount(locator: Locator, expected: number, timeoutMs = 15_000): Promise<void> {
  let count = await locator.count();
  for (const end = Date.now() + timeoutMs; count !== expected && Date.now() < end; count = await locator.count()) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(count).toBe(expected);
}

/** What the tests of one browser suite share: the booted app, and pages in Chromium. */
export interface BrowserSuite {
  readonly t: TestApp;
  /** The API without a credential (`http.as(token)` for one). */
  readonly http: Http;
  /** A fresh page (its own sessionStorage); its console errors and CSP violations are recorded. */
  page(): Promise<Page>;
  /** What went wrong on a page `page()` opened. */
  problemsOf(page: Page): string[];
}

/**
 * Boots the app and Chromium for the enclosing describe block (its beforeAll and
 * afterAll are registered here, before the suite's own) and opens watched pages.
 * `env`: environment variables for the app, made just before it boots.
 */
export function browserSuite(options: { env?: () => Promise<Record<string, string>> } = {}): BrowserSuite {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let http: Http | undefined;
  const opened: WatchedPage[] = [];
  beforeAll(async () => {
    const env = await options.env?.();
    [t, browser] = await Promise.all([bootTestApp({ env }), launchChromium()]);
    http = new Http(t.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not up yet: use it in a test or a beforeAll registered after browserSuite()`);
    return value;
  };
  return {
    get t() {
      return ready(t, 'the app');
    },
    get http() {
      return ready(http, 'the app');
    },
    async page() {
      const watched = await openPage(ready(browser, 'Chromium'), ready(t, 'the app').baseUrl);
      opened.push(watched);
      return watched.page;
    },
    problemsOf: (page) => {
      const watched = opened.find((o) => o.page === page);
      if (!watched) throw new Error('that page was not opened by this suite');
      return watched.problems;
    },
  };
}
