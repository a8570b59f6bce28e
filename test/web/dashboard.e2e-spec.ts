import { beforeAll, expect, it } from '@jest/globals';
import { DemoService } from '../../libs/demo/src/index.js';
import { Http } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';
import { shownDate } from './demo.js';
import { browserSuite, describeWithBrowser, expectCount, screenshots, signIn } from './browser.js';

/**
 * The dashboard in a real browser on the demo data: each role signs in through the form,
 * sees the numbers the API gives for its own data, and nothing of anyone else's. Every
 * view is saved as a screenshot at desktop and phone width under test/artifacts/.
 */

const today = new Date().toISOString().slice(0, 10);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describeWithBrowser('web dashboard (Chromium)', () => {
  const suite = browserSuite();
  let t: TestApp;
  let http: Http;
  let tokens: Record<string, string>;
  let societyIds: Record<string, string>;
  let holderIds: string[];

  beforeAll(async () => {
    ({ t, http } = suite);
    const demo = await t.app.get(DemoService).load();
    tokens = Object.fromEntries(demo.tokens.map((d) => [d.label.replace(/^demo: /, ''), d.token]));
    societyIds = demo.societyIds;
    holderIds = demo.holderIds;
  });

  const { page, problemsOf } = suite;

  it('serves the app at / and client routes, keeps API 404s as problems, and refuses a bad token', async () => {
    const index = await http.get('/society/submissions');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.text).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
    expect(index.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const asset = /src="(\/assets\/[^"]+)"/.exec(index.text)![1];
    const js = await http.get(asset);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toMatch(/immutable/);
    const apiMiss = await http.get('/v1/no-such-thing');
    expect(apiMiss.status).toBe(404);
    expect(apiMiss.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await http.get('/assets/index-gone.js')).status).toBe(404);

    const p = await page();
    await p.goto('/');
    await p.getByLabel('Access token').fill('clt_not-a-real-token');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('alert').waitFor();
    await p.getByText('Token not accepted').waitFor();
    await screenshots(p, 'sign-in-refused');
    expect(await p.evaluate<string | null>(`sessionStorage.getItem('collective-ledger.token')`)).toBeNull();
    expect(problemsOf(p).filter((m) => !/401/.test(m))).toEqual([]);
  });

  it('shows the regulator every society side by side with the board seats the API gives', async () => {
    const regulator = http.as(tokens.regulator);
    const societies: { id: string; name: string }[] = (await regulator.get('/v1/societies?limit=500')).body.items;
    const seats = new Map<string, number>();
    for (const s of societies) seats.set(s.id, (await regulator.get(`/v1/societies/${s.id}/board-members?at=${today}&limit=500`)).body.items.length);
    expect([...seats.values()].some((n) => n > 0)).toBe(true);

    const p = await page();
    await signIn(p, tokens.regulator);
    await p.getByRole('heading', { level: 1, name: 'Societies side by side' }).waitFor();
    const table = p.getByRole('table', { name: /^Societies on/ });
    for (const s of societies) {
      const row = table.getByRole('row', { name: new RegExp(escape(s.name)) });
      await expect(row.locator('td.num').textContent()).resolves.toBe(String(seats.get(s.id)));
    }
    await expectCount(table.locator('tbody tr'), societies.length);
    const chart = p.locator('canvas[role="img"][aria-label^="Board seats by constituency, per society. "]');
    await expect(chart.getAttribute('aria-label')).resolves.toMatch(/RAO-like/);
    await screenshots(p, 'regulator-societies');

    const rao = societies.find((s) => s.id === societyIds.rao)!;
    await table.getByRole('link', { name: rao.name }).click();
    await p.getByRole('heading', { level: 1, name: rao.name }).waitFor();
    await expect(p.getByTestId('cisac').textContent()).resolves.toBe('901');
    await screenshots(p, 'regulator-society');

    const holders = (await regulator.get('/v1/rights-holders?limit=500')).body.items.length;
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rights holders' }).click();
    await p.getByRole('table', { name: `${holders} registered rights holders` }).waitFor();
    await screenshots(p, 'regulator-rights-holders');
    expect(problemsOf(p)).toEqual([]);
  });

  it("shows a society its registry entry, accreditation and today's board, and a seat added through the API", async () => {
    const society = http.as(tokens['society rao (901)']);
    const id = societyIds.rao;
    const entry = (await society.get(`/v1/societies/${id}`)).body;
    const accreditations: { validFrom: string; validTo: string }[] = (await society.get(`/v1/societies/${id}/accreditations`)).body.items;
    const current = accreditations.filter((a) => a.validFrom <= today && today <= a.validTo).sort((a, b) => b.validTo.localeCompare(a.validTo))[0];
    expect(current).toBeDefined();
    const before = (await society.get(`/v1/societies/${id}/board-members?at=${today}`)).body.items.length;

    const p = await page();
    await signIn(p, tokens['society rao (901)']);
    await p.getByRole('heading', { level: 1, name: entry.name }).waitFor();
    await p.getByText(`Valid until ${shownDate(current.validTo)}`).first().waitFor();
    const board = p.getByRole('table', { name: /Board members on/ });
    await expectCount(board.locator('tbody tr'), before);

    const added = await society.post(`/v1/societies/${id}/board-members`, { memberId: 'WEB-1', name: 'Browser, Test', constituency: 'performers', seatFrom: '2020-01-01' });
    expect(added.status).toBe(201);
    await p.reload();
    await board.getByRole('row', { name: /WEB-1/ }).waitFor();
    await expectCount(board.locator('tbody tr'), before + 1);
    await p.getByText(new RegExp(`^${before + 1} seats? held on ${shownDate(today)}: .*performers 1`)).waitFor();
    await screenshots(p, 'society-overview');
    expect(problemsOf(p)).toEqual([]);
  });

  it('uploads a bad package with a progress bar and shows its errors by line and column, as the API reports them', async () => {
    const societyToken = tokens['society vois (902)'];
    const p = await page();
    await signIn(p, societyToken);
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Submissions' }).click();
    await p.getByRole('heading', { level: 1, name: 'Quarterly submissions' }).waitFor();
    await p.getByLabel('Package type').selectOption('distribution-lines');
    await p.getByLabel('Quarter', { exact: true }).fill('2025Q5');
    await p.getByRole('button', { name: 'Upload' }).click();
    await p.getByText('Write the quarter as YYYYQn').waitFor(); // checked before anything is sent
    await p.getByLabel('Quarter', { exact: true }).fill('2025Q1');
    await p.getByLabel('Package file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_PACKAGE) });
    // Throttle the upload (about 2 s for the package) so the progress bar is seen moving.
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: Math.round(BAD_PACKAGE.length / 2) });
    await p.getByRole('button', { name: 'Upload' }).click();
    const bar = p.getByRole('progressbar', { name: 'Upload' });
    await bar.waitFor();
    let midway = 0;
    for (const end = Date.now() + 10_000; midway === 0 && Date.now() < end; ) midway = Number(await bar.getAttribute('value'));
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(100);
    await p.getByText(/of [\d,]+ bytes sent/).waitFor();
    await screenshots(p, 'society-upload-progress');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const submissionsApi = t.routes.some((r) => r.method === 'POST' && r.url === '/v1/societies/:id/submissions');
    if (!submissionsApi) {
      // Before the submissions API is part of the app, the upload's 404 problem is what shows.
      await p.getByText('The upload was refused').waitFor();
      await p.getByText('HTTP 404').waitFor();
      await screenshots(p, 'society-upload-refused');
      return;
    }
    await p.getByText(/^Rejected/).waitFor({ timeout: 30_000 });
    const id = await p.locator('.upload-result code').first().textContent();
    const api = (await http.as(societyToken).get(`/v1/submissions/${id}`)).body as { status: string; errorCount: number; errors: { line?: number; column?: string; message: string }[] };
    expect(api.status).toBe('rejected');
    expect(api.errorCount).toBe(2);
    const table = p.getByRole('table', { name: /Validation errors/ });
    const shown: string[][] = [];
    for (const row of await table.locator('tbody tr').all()) shown.push(await row.locator('td').allTextContents());
    expect(shown).toEqual(api.errors.map((e) => [String(e.line ?? ''), e.column ?? '', e.message]));
    expect(shown.map((r) => r[0])).toEqual([String(GOOD_LINES + 2), String(GOOD_LINES + 3)]);
    await p.getByRole('table', { name: /submission/ }).getByRole('row', { name: /rejected/ }).waitFor();
    await screenshots(p, 'society-upload-errors');
    expect(problemsOf(p)).toEqual([]);
  });

  it("shows a rights holder their own page and refuses another holder's", async () => {
    const holder = http.as(tokens['rights holder 1']);
    const me = (await holder.get('/v1/me')).body;
    expect(me.rightsHolderId).toBe(holderIds[0]);
    const own = (await holder.get(`/v1/rights-holders/${me.rightsHolderId}`)).body;
    const other = holderIds[1];
    expect((await holder.get(`/v1/rights-holders/${other}`)).status).toBe(404);
    const societies = (await holder.get('/v1/societies?limit=500')).body.items.length;

    const p = await page();
    await signIn(p, tokens['rights holder 1']);
    await p.getByRole('heading', { level: 1, name: `Your page: ${own.name}` }).waitFor();
    await expect(p.getByTestId('ipi').textContent()).resolves.toBe(own.ipi);
    await p.getByRole('table', { name: `${societies} societies` }).waitFor();
    const mandates = (await holder.get(`/v1/rights-holders/${me.rightsHolderId}/mandates`)).body.items.length;
    expect(mandates).toBeGreaterThan(0);
    await expectCount(p.getByRole('table', { name: new RegExp(`^${mandates} mandates?, \\d+ in force`) }).locator('tbody tr'), mandates);
    await screenshots(p, 'holder-own-page');

    await p.goto(`/rights-holders/${other}`);
    await p.getByRole('heading', { level: 1, name: 'Not available to you' }).waitFor();
    await p.getByText("This rights holder's page is not available to you").waitFor();
    await expectCount(p.getByText(own.name), 0);
    await screenshots(p, 'holder-refused');
    // The browser logs the API's 404 for the refused page; nothing else may go wrong.
    expect(problemsOf(p).filter((m) => !/404/.test(m))).toEqual([]);

    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.getByLabel('Access token').waitFor();
    expect(await p.evaluate<string | null>(`sessionStorage.getItem('collective-ledger.token')`)).toBeNull();
  });

  it('lets a rights holder read, start and end mandates, with the refusal and the end date the API gives', async () => {
    const token = tokens['rights holder 2'];
    const holder = http.as(token);
    const holderId = holderIds[1];
    const names = Object.fromEntries(((await holder.get('/v1/societies?limit=500')).body.items as { id: string; name: string }[]).map((s) => [s.id, s.name]));
    const existing = await holder.post(`/v1/rights-holders/${holderId}/mandates`, {
      societyId: societyIds.rao, category: 'performing', workType: 'musical', territories: ['RU'], validFrom: '2024-01-01', basis: 'contractual', exclusive: true,
    });
    expect(existing.status).toBe(201);
    // A holder's mandate is a request until the society accepts it (issue 14).
    expect(existing.body.status).toBe('requested');
    expect((await http.as(tokens['society rao (901)']).post(`/v1/mandates/${existing.body.id}/acceptance`, { effectiveFrom: '2024-01-01' })).status).toBe(201);

    const p = await page();
    await signIn(p, token);
    const table = p.getByRole('table', { name: /mandates?, \d+ in force/ });
    // Dates as the English dashboard writes them (libs/i18n formatDate: "1 Jan 2024", no-break spaces).
    await table.getByRole('row', { name: new RegExp(`${escape(names[societyIds.rao])}.*performing, musical.*RU 1\\sJan\\s2024`) }).waitFor();

    // Start one through the form (lower-case codes are accepted), then one the API refuses.
    const form = p.getByRole('form', { name: 'Start a mandate' });
    await form.getByLabel('Society', { exact: true }).selectOption({ label: names[societyIds.vois] });
    await form.getByLabel('Category of rights').selectOption('performers');
    await form.getByLabel('Type of work').selectOption('sound-recording');
    await form.getByLabel('Territories').fill('ru, by');
    await form.getByLabel('From').fill('2025-01-01');
    await form.getByRole('button', { name: 'Start the mandate' }).click();
    const outcome = form.getByRole('status').or(form.getByRole('alert'));
    await outcome.waitFor();
    await expect(outcome.textContent()).resolves.toBe(
      'Request sent: performers, sound-recording in BY, RU from 1\u00a0Jan\u00a02025. The society accepts or refuses it; until then it manages nothing.',
    ); // as the API stores them, sorted
    const listed = (await holder.get(`/v1/rights-holders/${holderId}/mandates`)).body.items as { societyId: string; territories: string[] }[];
    expect(listed.find((m) => m.societyId === societyIds.vois)?.territories).toEqual(['BY', 'RU']);
    await table.getByRole('row', { name: new RegExp(`${escape(names[societyIds.vois])}.*performers, sound-recording`) }).waitFor();

    const countBefore = (await holder.get(`/v1/rights-holders/${holderId}/mandates`)).body.items.length;
    await form.getByLabel('Society', { exact: true }).selectOption({ label: names[societyIds.rsp] });
    await form.getByLabel('Category of rights').selectOption('performing');
    await form.getByLabel('Type of work').selectOption('musical');
    await form.getByLabel('Territories').fill('RU');
    await form.getByLabel('Exclusive (no other society may manage the same rights)').check();
    await form.getByRole('button', { name: 'Start the mandate' }).click();
    await form.getByText('The mandate was refused').waitFor();
    await form.getByText('HTTP 409').waitFor();
    expect((await holder.get(`/v1/rights-holders/${holderId}/mandates`)).body.items.length).toBe(countBefore); // nothing recorded
    await screenshots(p, 'holder-mandates');

    // End the first one: confirm, read the date the society's notice gives.
    await p.getByRole('button', { name: new RegExp(`^End: ${escape(names[societyIds.rao])}, performing, RU, from 1\\sJan\\s2024$`) }).click();
    // Before confirming: the society's policy and the day it would stop managing.
    const preview = p.getByTestId('effective-preview');
    await preview.waitFor();
    // The dates are written per language; the machine-readable day is beside them (<time dateTime>, data-effective-on).
    const previewDate = await preview.locator('time').getAttribute('datetime');
    await p.getByRole('button', { name: new RegExp(`^Confirm: end ${escape(names[societyIds.rao])}, performing, RU, from 1\\sJan\\s2024$`) }).click();
    const notice = p.getByText(new RegExp(`^${escape(names[societyIds.rao])} manages these rights until \\d{1,2}\\s\\w{3}\\s\\d{4}\\.$`));
    await notice.waitFor();
    const shownDate = await notice.getAttribute('data-effective-on');
    const after = (await holder.get(`/v1/mandates/${existing.body.id}`)).body;
    expect(after.validTo).toBe(shownDate);
    expect(previewDate).toBe(shownDate);
    await screenshots(p, 'holder-mandate-ended');
    expect(problemsOf(p).filter((m) => !/409/.test(m))).toEqual([]);
  });

  it('moves keyboard focus to each new view and skips to content', async () => {
    const p = await page();
    await signIn(p, tokens.regulator);
    await p.getByRole('heading', { level: 1, name: 'Societies side by side' }).waitFor();
    await expect(p.evaluate<string>('document.activeElement.tagName + ":" + document.activeElement.textContent')).resolves.toBe('H1:Societies side by side');
    // The skip link is the first stop of the page; from the title, Tab reaches the financial year's field,
    // its Show button, then the overview table's scroll region.
    await expect(p.evaluate<string>(`document.querySelector('a[href], button, input, select, [tabindex="0"]').textContent`)).resolves.toBe('Skip to content');
    await p.getByRole('region', { name: 'Societies compared for the financial year' }).waitFor();
    await p.keyboard.press('Tab');
    await expect(p.evaluate<string>(`document.activeElement.labels[0].textContent`)).resolves.toBe('Financial year');
    await p.keyboard.press('Tab');
    await expect(p.evaluate<string>(`document.activeElement.textContent`)).resolves.toBe('Show');
    await p.keyboard.press('Tab');
    await expect(p.evaluate<string>(`document.activeElement.getAttribute('aria-label')`)).resolves.toBe('Societies compared for the financial year');
    await p.goto('/regulator/rights-holders');
    await p.getByRole('link', { name: 'Societies' }).focus();
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { level: 1, name: 'Societies side by side' }).waitFor();
    await expect(p.getByRole('link', { name: 'Societies' }).getAttribute('aria-current')).resolves.toBe('page');
  });
});

/** A distribution-lines package of 4,000 good lines and two bad ones at its end (lines 4002 and 4003). */
const GOOD_LINES = 4000;
const line = (id: string, category: string, net: string) =>
  `${id},00052210040,"Ivanova, Maria",T-034.524.680-1,Winter Road,${category},radio,RU,2025-01-01,2025-03-31,RUB,1000.00,150.00,20.00,${net},paid,2025-03-30,contractual`;
const BAD_PACKAGE = [
  'line_id,rights_holder_ipi,rights_holder_name,work_iswc,work_title,category,use_type,territory,use_from,use_to,currency,gross,management_fee,other_deductions,net,status,paid_on,mandate_basis',
  ...Array.from({ length: GOOD_LINES }, (_, i) => line(`L-${i + 1}`, 'performing', '830.00')),
  line('L-BAD-1', 'singing', '830.00'),
  line('L-BAD-2', 'performing', '900.00'),
  '',
].join('\n');
