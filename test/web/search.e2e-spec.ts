import { beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { Http } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';
import path from 'node:path';
import { ARTIFACTS, browserSuite, DESKTOP, describeWithBrowser, expectCount, PHONE, screenshots, signIn } from './browser.js';
import { type LoadedDemo, loadDemoAndWait } from './demo.js';

interface Item {
  kind: string;
  id: string;
  label: string;
  match: string;
  submissionId?: string | null;
  societyName?: string | null;
}

/**
 * Search in a real browser on the demo as `npm start` loads it (issue 17 item 2): the box
 * in the header of every role suggests as one types, in Cyrillic or Latin letters (the
 * demo registers "Ivanova, Maria" in Latin; a society's cue sheet names her in Cyrillic;
 * the works have Russian titles), Enter opens the best suggestion or the results page,
 * and each result opens its page. What the page shows is what the API answers the same
 * credential.
 */
describeWithBrowser('web dashboard: search in both scripts (Chromium)', () => {
  const suite = browserSuite();
  let t: TestApp;
  let http: Http;
  let demo: LoadedDemo;

  beforeAll(async () => {
    ({ t, http } = suite);
    demo = await loadDemoAndWait(t, http);
  });

  const { page, problemsOf } = suite;

  const apiSearch = async (token: string, q: string, limit: number): Promise<Item[]> => {
    const res = await http.as(token).get(`/v1/search?q=${encodeURIComponent(q)}&limit=${limit}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  /** Types into the header's box, key by key, and waits for the suggestions. */
  const typeInHeader = async (p: Page, text: string) => {
    const box = p.getByRole('combobox', { name: 'Search' });
    await box.click();
    await box.fill('');
    await p.keyboard.type(text, { delay: 20 });
    return box;
  };
  const suggestions = (p: Page) => p.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');

  it('suggests, from Cyrillic, the holder registered in Latin and the lines naming her in either script, and opens the one chosen', async () => {
    const token = demo.tokens.regulator;
    const expected = await apiSearch(token, 'Иванова', 8);
    const labels = expected.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['Ivanova, Maria', 'ИВАНОВА МАРИЯ — Untitled', 'MARIA IVANOVA — Untitled']));

    const p = await page();
    await signIn(p, token);
    await typeInHeader(p, 'Иванова');
    await expectCount(suggestions(p), expected.length);
    const shown = await suggestions(p).locator('.search-label').allTextContents();
    expect(shown).toEqual(labels);
    await screenshots(p, 'search-suggestions-regulator');
    // The suggestions over the page's top, as seen at phone and desktop width.
    for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      await p.setViewportSize(viewport);
      await typeInHeader(p, 'Иванова');
      await expectCount(suggestions(p), expected.length);
      await p.screenshot({ path: path.join(ARTIFACTS, `search-suggestions-top-${name}.png`), clip: { x: 0, y: 0, width: viewport.width, height: 560 } });
    }
    await p.setViewportSize(DESKTOP);

    // ↓ twice, ↑ once: the first suggestion; Enter opens it.
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowUp');
    await expect(suggestions(p).first().getAttribute('aria-selected')).resolves.toBe('true');
    await p.keyboard.press('Enter');
    expect(expected[0].kind).toBe('rights-holder');
    await p.waitForURL(`**/rights-holders/${expected[0].id}`);
    await p.getByRole('heading', { level: 1, name: /Ivanova, Maria/ }).waitFor();
    expect(problemsOf(p)).toEqual([]);
  });

  it('lists every result on the search page from a Latin query for a Cyrillic title, and opens a work on its package', async () => {
    const token = demo.tokens.regulator;
    const expected = await apiSearch(token, 'Zimnyaya doroga', 50);
    const works = expected.filter((i) => i.kind === 'work');
    expect(works.length).toBeGreaterThan(0);
    // The title spelled exactly first (one work per society whose lines name it), then similar ones.
    const exact = works.filter((w) => w.label === 'Зимняя дорога').length;
    expect(exact).toBeGreaterThan(0);
    expect(works.slice(0, exact).map((w) => w.label)).toEqual(Array(exact).fill('Зимняя дорога'));

    const p = await page();
    await signIn(p, token);
    await typeInHeader(p, 'Zimnyaya doroga');
    await p.keyboard.press('Enter');
    await p.waitForURL('**/search?q=Zimnyaya+doroga');
    await p.getByRole('heading', { level: 1, name: 'Search: Zimnyaya doroga' }).waitFor();
    const rows = p.locator('ol.search-results > li');
    await expectCount(rows, expected.length);
    await expect(rows.locator('.search-label').allTextContents()).resolves.toEqual(expected.map((i) => i.label));
    await expect(rows.first().locator('.search-detail').textContent()).resolves.toMatch(/ISWC T-\d{3}\.\d{3}\.\d{3}-\d/);
    await screenshots(p, 'search-page-regulator');

    // The kind filter narrows to works; the address keeps it.
    await p.getByLabel('Kind').selectOption('work');
    await p.getByRole('button', { name: 'Search', exact: true }).last().click();
    await p.waitForURL('**/search?q=Zimnyaya+doroga&kind=work');
    await expectCount(rows, works.length);

    await rows.first().locator('a.search-label').click();
    await p.waitForURL(`**/submissions/${works[0].submissionId}`);
    expect(problemsOf(p)).toEqual([]);
  });

  it("lets a rights holder find only itself among holders and its own works, and a society not another society's", async () => {
    const holderToken = demo.tokens['rights holder 1'];
    const me = (await http.as(holderToken).get('/v1/me')).body as { rightsHolderId: string };
    const self = (await http.as(holderToken).get(`/v1/rights-holders/${me.rightsHolderId}`)).body as { name: string };
    const surname = self.name.split(',')[0];
    const expected = await apiSearch(holderToken, surname, 50);
    expect(expected.filter((i) => i.kind === 'rights-holder').map((i) => i.id)).toEqual([me.rightsHolderId]);

    const p = await page();
    await signIn(p, holderToken);
    await typeInHeader(p, surname);
    await p.keyboard.press('Enter');
    const rows = p.locator('ol.search-results > li');
    await expectCount(rows, expected.length);
    await expect(rows.locator('.search-label').allTextContents()).resolves.toEqual(expected.map((i) => i.label));
    await screenshots(p, 'search-page-holder');

    const society = demo.tokens['society rao (901)'];
    const other = await apiSearch(society, 'Nordic Composers Bureau', 50);
    expect(other.filter((i) => i.kind === 'society')).toEqual([]);
    const q = await page();
    await signIn(q, society);
    await typeInHeader(q, 'Nordic Composers Bureau');
    await q.keyboard.press('Enter');
    await q.waitForURL('**/search?q=Nordic+Composers+Bureau');
    if (other.length === 0) await q.getByText('Nothing found for “Nordic Composers Bureau”.', { exact: false }).waitFor();
    else await expectCount(q.locator('ol.search-results > li'), other.length);
    expect(problemsOf(p)).toEqual([]);
    expect(problemsOf(q)).toEqual([]);
  });

  it('speaks Russian on the search page when Russian is chosen', async () => {
    const p = await page();
    await signIn(p, demo.tokens.regulator);
    await p.getByTestId('language-switch').selectOption('ru');
    await p.getByRole('combobox', { name: 'Поиск' }).waitFor();
    await typeInHeader2(p, 'ivanova');
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { level: 1, name: 'Поиск: ivanova' }).waitFor();
    await p.locator('ol.search-results > li').first().waitFor();
    await expect(p.locator('main').textContent()).resolves.toMatch(/Правообладатель/);
    await screenshots(p, 'search-page-ru');
    expect(problemsOf(p)).toEqual([]);
  });

  /** The header's box by its Russian name. */
  const typeInHeader2 = async (p: Page, text: string) => {
    const box = p.getByRole('combobox', { name: 'Поиск' });
    await box.click();
    await p.keyboard.type(text, { delay: 20 });
  };
});
