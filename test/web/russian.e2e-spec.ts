import { beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { Http } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';
import { browserSuite, describeWithBrowser, screenshots, signIn } from './browser.js';
import { type LoadedDemo, loadDemoAndWait } from './demo.js';

/**
 * The dashboard in Russian (issue 17 item 6), in Chromium on the demo: the language chosen
 * in the header is remembered (localStorage) across a reload and a new sign-in, and on the
 * main pages of each role no English is left. Every text node of the page is read; a word
 * of Latin letters passes only when it is data the API gave (names of societies, holders,
 * members, works, what a society wrote in a package), an identifier or code (CISAC, IPI,
 * ISO 4217, line ids, hashes, rule ids), or text marked as English on purpose (`lang="en"`:
 * an audit finding's details, quoted from the hashed report). Code (`<code>`, `<pre>`) is
 * code in any language; so is the page's `<noscript>` note, which a browser running the
 * dashboard never shows.
 */

const YEAR = 2025;

/** Words always allowed: codes, units and formats that are written the same in Russian, and the language switch's own "English". */
const ALWAYS = ['CISAC', 'IPI', 'ISNI', 'ISWC', 'SHA', 'JSON', 'CSV', 'PDF', 'UTC', 'RFC', 'WORLD', 'English', 'Ed25519', 'Merkle', 'X-Report-SHA256'];

describeWithBrowser('web dashboard in Russian: no English left, the choice remembered (Chromium)', () => {
  const suite = browserSuite();
  let t: TestApp;
  let http: Http;
  let demo: LoadedDemo;
  /** Latin words of the data the API serves (names, titles, free text), allowed as written. */
  const dataWords = new Set<string>(ALWAYS);
  let auditId: string;

  beforeAll(async () => {
    ({ t, http } = suite);
    demo = await loadDemoAndWait(t, http);
    const regulator = http.as(demo.tokens.regulator);
    const audit = await regulator.post('/v1/audits', { societyId: demo.societyIds.rao, financialYear: YEAR });
    auditId = audit.body.id;
    for (let end = Date.now() + 60_000; ; ) {
      const a = (await regulator.get(`/v1/audits/${auditId}`)).body;
      if (a.status === 'done') break;
      if (Date.now() > end || a.status === 'failed') throw new Error(`the audit did not finish: ${a.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Every answer the pages below read, as text: their words are data, shown as written.
    const paths = [
      '/v1/societies?limit=500',
      '/v1/rights-holders?limit=500',
      `/v1/regulator/overview?financialYear=${YEAR}`,
      '/v1/public/societies?limit=200',
      `/v1/audits/${auditId}`,
      `/v1/rights-holders/${demo.holderIds[0]}/statement?year=${YEAR}&currency=EUR`,
      `/v1/rights-holders/${demo.holderIds[0]}/statement/lines?year=${YEAR}&currency=EUR&limit=50`,
      `/v1/rights-holders/${demo.holderIds[0]}/mandates`,
      '/v1/audits?limit=50',
      ...Object.values(demo.societyIds).flatMap((id) => [
        `/v1/societies/${id}/board-members`,
        `/v1/societies/${id}/accreditations`,
        `/v1/societies/${id}/transparency-report?financialYear=${YEAR}`,
        `/v1/societies/${id}/board/entitlement?history=5`,
        `/v1/societies/${id}/board/declarations?year=${YEAR}&current=true`,
        `/v1/societies/${id}/submissions?limit=500`,
        `/v1/societies/${id}/mandates?status=requested`,
      ]),
    ];
    const answers = await Promise.all(paths.map((path) => regulator.get(path)));
    // Who each token is (the header shows its label, as the admin named it).
    for (const token of Object.values(demo.tokens)) answers.push(await http.as(token).get('/v1/me'));
    for (const res of answers) for (const w of res.text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) dataWords.add(w);
  });

  const { page, problemsOf } = suite;

  /**
   * The English left on the page: each text node's Latin words (three letters or more) that
   * are neither data nor allowed, with where they are. Code and text marked lang="en" are
   * left out; ids, hashes, periods and identifiers (words with digits, dots, dashes inside)
   * count as codes.
   */
  async function englishOn(p: Page): Promise<string[]> {
    const texts = await p.evaluate<string[]>(`(() => {
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('code, pre, script, style, noscript, [lang="en"]')) continue;
        const text = n.textContent.trim();
        if (text) out.push(text);
      }
      return out;
    })()`);
    const left: string[] = [];
    for (const text of texts) {
      // Codes written with digits or inner punctuation (2025Q1, RAO-2025Q1-0005, payout.outstanding, collective-ledger/society/…) stay as they are.
      const words = text
        .split(/[\s,;:()«»"“”'’·—–…!?]+/)
        .filter((w) => w !== '' && !/[0-9._/@#=-]/.test(w.replace(/\.$/, '')))
        .flatMap((w) => w.match(/[A-Za-z]{3,}/g) ?? []);
      // Points of a law are numbered in Roman numerals in Russian too: Annex 2(c)(vii).
      const foreign = words.filter((w) => !dataWords.has(w) && !/^[ivx]+$/.test(w));
      if (foreign.length > 0) left.push(`${foreign.join(' ')}  ⟵ ${text.slice(0, 120)}`);
    }
    return [...new Set(left)];
  }

  /** Opens a path and waits for the page to settle (data loaded, nothing pending). */
  async function open(p: Page, path: string, heading: RegExp | string): Promise<void> {
    await p.goto(path);
    await p.getByRole('heading', { level: 1, name: heading }).waitFor();
    await p.waitForLoadState('networkidle');
    // A section still loading says "Загрузка: …"; wait for every one to be done.
    for (const end = Date.now() + 20_000; (await p.getByRole('status').filter({ hasText: /^Загрузка/ }).count()) > 0 && Date.now() < end; ) await p.waitForTimeout(100);
  }

  async function expectRussian(p: Page, path: string, heading: RegExp | string, shot: string): Promise<void> {
    await open(p, path, heading);
    expect({ path, english: await englishOn(p) }).toEqual({ path, english: [] });
    await expect(p.evaluate<string>('document.documentElement.lang')).resolves.toBe('ru');
    await screenshots(p, shot);
  }

  it('remembers the language chosen in the header across a reload and a new sign-in, and starts in English otherwise', async () => {
    const p = await page();
    await signIn(p, demo.tokens['society rao (901)']);
    await expect(p.evaluate<string>('document.documentElement.lang')).resolves.toBe('en');
    await p.getByTestId('language-switch').selectOption('ru');
    await p.getByRole('button', { name: 'Выйти' }).waitFor();
    await expect(p.evaluate<string | null>("localStorage.getItem('collective-ledger.lang')")).resolves.toBe('ru');
    await p.reload();
    await p.getByRole('button', { name: 'Выйти' }).waitFor();
    await expect(p.getByTestId('language-switch').inputValue()).resolves.toBe('ru');
    // Signed out and in again (another role), the page still speaks Russian.
    await p.getByRole('button', { name: 'Выйти' }).click();
    await p.getByLabel('Токен доступа').waitFor();
    await expect(englishOn(p)).resolves.toEqual([]);
    await p.getByLabel('Токен доступа').fill(demo.tokens.regulator);
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { level: 1, name: 'Общества рядом' }).waitFor();
    // Back to English: the switch goes both ways.
    await p.getByTestId('language-switch').selectOption('en');
    await p.getByRole('heading', { level: 1, name: 'Societies side by side' }).waitFor();
    expect(problemsOf(p)).toEqual([]);
  });

  it("shows a society's pages in Russian with no English left", async () => {
    const p = await page();
    await signIn(p, demo.tokens['society rao (901)']);
    await p.getByTestId('language-switch').selectOption('ru');
    const rao = demo.societyIds.rao;
    await expectRussian(p, '/society', /RAO/, 'ru-society-overview');
    await expectRussian(p, '/society/submissions', 'Квартальные пакеты', 'ru-society-submissions');
    await expectRussian(p, '/society/ledger', /реестр$/, 'ru-society-ledger');
    await expectRussian(p, '/society/board', /положенные места в правлении$/, 'ru-society-board');
    await expectRussian(p, `/societies/${rao}/transparency/${YEAR}`, /отчёт о прозрачности, финансовый год 2025$/, 'ru-transparency');
    expect(problemsOf(p)).toEqual([]);
  });

  it("shows the regulator's pages in Russian with no English left", async () => {
    const p = await page();
    await signIn(p, demo.tokens.regulator);
    await p.getByTestId('language-switch').selectOption('ru');
    await expectRussian(p, '/regulator', 'Общества рядом', 'ru-regulator-overview');
    await expectRussian(p, '/regulator/audits', 'Аудиты', 'ru-regulator-audits');
    await expectRussian(p, `/audits/${auditId}`, /^Аудит: .*, финансовый год 2025$/, 'ru-audit');
    await expectRussian(p, '/regulator/rights-holders', 'Правообладатели', 'ru-rights-holders');
    await expectRussian(p, `/regulator/societies/${demo.societyIds.vois}/board`, /положенные места в правлении$/, 'ru-regulator-board');
    expect(problemsOf(p)).toEqual([]);
  });

  it("shows a rights holder's page and statement in Russian, with the stale-rate warning, and no English left", async () => {
    const p = await page();
    await signIn(p, demo.tokens['rights holder 1']);
    await p.getByTestId('language-switch').selectOption('ru');
    const holder = demo.holderIds[0]!;
    await expectRussian(p, `/rights-holders/${holder}`, /^Ваша страница: /, 'ru-holder');
    await open(p, `/rights-holders/${holder}/statement`, 'Моя выписка');
    // The demo's rates are recorded on the first of a month: the statement says they are old.
    await p.getByTestId('stale-rates').getByRole('heading', { name: 'Использованы курсы валют старше 7 дн.' }).waitFor();
    await expectRussian(p, `/rights-holders/${holder}/statement`, 'Моя выписка', 'ru-statement');
    expect(problemsOf(p)).toEqual([]);
  });

  it('shows the public page in Russian without signing in', async () => {
    const p = await page();
    await p.goto('/');
    await p.getByTestId('language-switch').selectOption('ru');
    await expectRussian(p, '/public', 'Открытые данные', 'ru-public');
    expect(problemsOf(p)).toEqual([]);
  });
});
