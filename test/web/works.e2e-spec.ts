import { beforeAll, expect, it } from '@jest/globals';
import type { Download } from 'playwright-core';
import type { Http } from '../support/http.js';
import { sampleCwrLines, sampleWork } from '../../libs/cwr/src/index.js';
import { DEMO_WORKS, DEMO_WORKS_YEAR } from '../../libs/demo/src/demo-works.js';
import { browserSuite, describeWithBrowser, expectCount, screenshots, signIn } from './browser.js';
import { type LoadedDemo, loadDemoAndWait, shownMoney } from './demo.js';

interface WorkSummary {
  id: string;
  iswc: string | null;
  title: string;
  inConflict: boolean;
  submissionId: string;
}

interface ShareCheck {
  ipi: string | null;
  name: string;
  right: string;
  registeredShare: string | null;
  paidShare: string | null;
  withinTolerance: boolean | null;
}

interface WorkMoney {
  reported: { totals: { currency: string; amount: string }[]; lines: unknown[]; linesTotal: number };
  distributed: { totals: { currency: string; gross: string; paidNet: string }[]; lines: { lineId: string }[]; linesTotal: number };
  shares: ShareCheck[];
}

async function readDownload(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Works and their money in the dashboard (issue 16), in Chromium on the demo as
 * `npm start` loads it: the RAO-like society's CWR files registered four works (one
 * revised, one registered again by another publisher: a conflict), a streaming service's
 * DSR report gave their revenue and the society's distribution lines paid them, one work
 * 35/15 where the register says 25/25. The society finds a work by ISWC, opens its page
 * (registration history, shares, money from use to payout, the mismatch marked), a
 * conflicting work shows its conflict and the CWR file its ACK to download, which is the
 * API's file; the regulator reads the register too, and the page reads in Russian.
 */
describeWithBrowser('works and their money in the dashboard (Chromium)', () => {
  const suite = browserSuite();
  let demo: LoadedDemo;
  let rao: Http;
  const raoToken = () => demo.tokens['society rao (901)']!;
  const [w1, w2, , w4] = DEMO_WORKS;

  beforeAll(async () => {
    demo = await loadDemoAndWait(suite.t, suite.http);
    rao = suite.http.as(raoToken());
  }, 180_000);

  const { page, problemsOf } = suite;

  async function workOf(iswc: string): Promise<WorkSummary> {
    const res = await rao.get(`/v1/works?iswc=${iswc}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    return res.body.items[0] as WorkSummary;
  }

  it('lists the works, finds one by ISWC, and shows its registrations, shares and money from use to payout, the share mismatch marked', async () => {
    const all = await rao.get('/v1/works?limit=500');
    expect(all.status).toBe(200);
    const work = await workOf(w2!.iswc);
    const detail = (await rao.get(`/v1/works/${work.id}`)).body as { versions: unknown[]; parties: { collection: unknown[] }[] };
    const money = (await rao.get(`/v1/works/${work.id}/money?financialYear=${DEMO_WORKS_YEAR}`)).body as WorkMoney;
    const mismatches = money.shares.filter((s) => s.withinTolerance === false);
    expect(mismatches.length).toBeGreaterThan(0);

    const p = await page();
    await signIn(p, raoToken());
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Works', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Works' }).waitFor();
    const rows = p.getByTestId('works').locator('tbody tr');
    await expectCount(rows, all.body.items.length);
    // The conflicting work is marked in the list, not by colour alone.
    await rows.filter({ hasText: w4!.title }).getByText('⚠ in conflict').first().waitFor();
    await screenshots(p, 'works-list');

    await p.getByLabel('ISWC', { exact: true }).fill(w2!.iswc);
    await p.getByRole('button', { name: 'Find works' }).click();
    await p.waitForURL(`**/works?iswc=${w2!.iswc}`);
    await expectCount(rows, 1);
    await rows.first().getByRole('link', { name: w2!.title }).click();
    await p.waitForURL(`**/works/${work.id}`);
    await p.getByRole('heading', { level: 1, name: `Work: ${w2!.title}` }).waitFor();
    await p.getByTestId('no-conflict').waitFor();
    await expectCount(p.getByTestId('registrations').locator('tbody tr'), detail.versions.length);
    await p.getByTestId('registrations').getByText('New registration (NWR)').first().waitFor();
    // One row per party and territory (two writers and a publisher, the world).
    await expectCount(p.getByTestId('shares').locator('tbody tr'), detail.parties.reduce((n, party) => n + Math.max(1, party.collection.length), 0));
    await p.getByTestId('shares').getByText('owns 25.00 % · collects 25.00 %').first().waitFor();

    // The money of the demo's year: reported, distributed, paid against registered.
    await p.getByRole('combobox', { name: 'Financial year' }).selectOption(String(DEMO_WORKS_YEAR));
    await p.getByRole('button', { name: 'Show', exact: true }).click();
    await p.waitForURL(`**/works/${work.id}?financialYear=${DEMO_WORKS_YEAR}`);
    const flow = p.getByTestId('money-flow');
    for (const x of money.reported.totals) await flow.getByText(shownMoney(x.amount, x.currency)).waitFor();
    for (const x of money.distributed.totals) await flow.getByText(shownMoney(x.gross, x.currency)).waitFor();
    await expectCount(p.getByTestId('money-reported').locator('tbody tr'), money.reported.lines.length);
    await expectCount(p.getByTestId('money-distributed').locator('tbody tr'), money.distributed.lines.length);
    const shares = p.getByTestId('money-shares');
    // Rights nothing was distributed for (mechanical, synchronisation) are named once, not listed holder by holder.
    await expectCount(shares.locator('tbody tr'), money.shares.filter((s) => s.withinTolerance !== null || s.paidShare !== null).length);
    await p.getByTestId('money-idle-rights').getByText(/^Nothing was distributed for mechanical, synchronisation in 2026/).waitFor();
    await expectCount(shares.locator('tbody tr.row-differs'), mismatches.length);
    await shares.getByText(/▲ 10\.00 points more than registered/).waitFor();
    await shares.getByText(/▼ 10\.00 points less than registered/).waitFor();
    await flow.getByText(`⚠ ${mismatches.length} shares differ from the register`).waitFor();
    await screenshots(p, 'work-money');

    // A reported line's quarter opens the DSR report it came from.
    await p.getByTestId('money-reported').locator('tbody tr').first().getByRole('link').click();
    await p.getByRole('heading', { level: 1, name: 'Submission: DDEX DSR sales report, 2026Q2' }).waitFor();
    await p.getByText('Committed to the ledger').waitFor();
    await screenshots(p, 'dsr-submission');
    await p.goBack();
    await p.getByTestId('money-distributed').waitFor();

    // A distribution line opens on its package's page.
    const line = money.distributed.lines[0]!;
    await p.getByTestId('money-distributed').getByRole('link', { name: line.lineId }).click();
    await p.waitForURL(`**/submissions/*?line=${encodeURIComponent(line.lineId)}`);
    await p.getByTestId('one-line').waitFor();
    expect(problemsOf(p)).toEqual([]);
  });

  it('shows the paid-as-registered work without a mismatch', async () => {
    const work = await workOf(w1!.iswc);
    const money = (await rao.get(`/v1/works/${work.id}/money?financialYear=${DEMO_WORKS_YEAR}`)).body as WorkMoney;
    expect(money.shares.every((s) => s.withinTolerance !== false)).toBe(true);
    const p = await page();
    await signIn(p, raoToken());
    await p.goto(`/works/${work.id}?financialYear=${DEMO_WORKS_YEAR}`);
    await p.getByTestId('money-flow').getByText('✓ every holder paid as registered').waitFor();
    await expectCount(p.getByTestId('money-shares').locator('tbody tr.row-differs'), 0);
    expect(problemsOf(p)).toEqual([]);
  });

  it("flags a conflicting registration and offers the CWR file's ACK, the API's file", async () => {
    const work = await workOf(w4!.iswc);
    expect(work.inConflict).toBe(true);
    const detail = (await rao.get(`/v1/works/${work.id}`)).body as { conflicts: { submissionId: string }[]; versions: { status: string; submissionId: string }[] };
    expect(detail.versions.map((v) => v.status)).toContain('CO');
    const conflicting = detail.versions.find((v) => v.status === 'CO')!;

    const p = await page();
    await signIn(p, raoToken());
    await p.goto(`/works/${work.id}`);
    const conflicts = p.getByTestId('conflicts');
    const n = detail.conflicts.length;
    await conflicts.getByRole('heading', { name: n === 1 ? '⚠ 1 conflict with another registration' : `⚠ ${n} conflicts with other registrations` }).waitFor();
    await expectCount(conflicts.locator('li'), n);
    await conflicts.getByText(/The collection shares registered add up to 200\.00\s%/).first().waitFor();
    await p.getByTestId('registrations').getByText('⚠ CO: Conflict with another registration').waitFor();
    await screenshots(p, 'work-conflict');

    // The registration's CWR file: its page names the type, and offers the ACK.
    await p.goto(`/submissions/${conflicting.submissionId}`);
    await p.getByRole('heading', { level: 1, name: /^Submission: CWR works registration/ }).waitFor();
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Download ACK' }).click()]);
    const bytes = await readDownload(download);
    const api = await fetch(`${suite.t.baseUrl}/v1/submissions/${conflicting.submissionId}/ack`, { headers: { authorization: `Bearer ${raoToken()}` } });
    expect(api.status).toBe(200);
    expect(bytes.equals(Buffer.from(await api.arrayBuffer()))).toBe(true);
    const ack = bytes.toString('latin1').split(/\r?\n/);
    expect(ack[0]!.startsWith('HDR')).toBe(true);
    expect(ack.some((l) => l.startsWith('ACK') && l.trimEnd().endsWith('CO'))).toBe(true);
    await screenshots(p, 'cwr-submission');
    expect(problemsOf(p)).toEqual([]);
  });

  it('offers the ACK right after a CWR file is uploaded through the form, and registers its work', async () => {
    const work = { ...sampleWork(424242), title: 'UPLOADED THROUGH THE FORM' };
    const file = `${[...sampleCwrLines([work], { creationDate: '2026-10-01' })].join('\r\n')}\r\n`;
    const p = await page();
    await signIn(p, raoToken());
    await p.goto('/society/submissions');
    await p.getByLabel('Package type').selectOption('cwr');
    // A CWR file has no CSV template to download.
    expect(await p.getByRole('button', { name: /template/ }).count()).toBe(0);
    // No quarter: the ledger files a CWR file under the quarter it is received in.
    await p.getByLabel('Quarter', { exact: true }).fill('');
    await p.getByLabel('Package file').setInputFiles({ name: 'CW260099SMP_088.V22', mimeType: 'application/octet-stream', buffer: Buffer.from(file, 'latin1') });
    await p.getByRole('button', { name: 'Upload', exact: true }).click();
    await p.getByText('Committed to the ledger').waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Download ACK' }).click()]);
    const ack = (await readDownload(download)).toString('latin1').split(/\r?\n/);
    expect(ack.some((l) => l.startsWith('ACK') && l.includes('UPLOADED THROUGH THE FORM') && l.trimEnd().endsWith('AS'))).toBe(true);
    await screenshots(p, 'works-upload-ack');
    await p.getByRole('link', { name: 'Open the submission' }).click();
    const quarter = `${new Date().getUTCFullYear()}Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;
    await p.getByRole('heading', { level: 1, name: `Submission: CWR works registration, ${quarter}` }).waitFor();
    const found = (await rao.get(`/v1/works?iswc=${work.iswc}`)).body.items as WorkSummary[];
    expect(found.map((w) => w.title)).toEqual(['UPLOADED THROUGH THE FORM']);
    expect(problemsOf(p)).toEqual([]);
  });

  it("shows a rights holder the works naming her IPI, and points her to her statement for the money", async () => {
    const holder = suite.http.as(demo.tokens['rights holder 1']!);
    const mine = (await holder.get('/v1/works?limit=500')).body.items as WorkSummary[];
    expect(mine.map((w) => w.title).sort()).toEqual([w1!.title, DEMO_WORKS[2]!.title].sort());
    const p = await page();
    await signIn(p, demo.tokens['rights holder 1']!);
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My works' }).click();
    const rows = p.getByTestId('works').locator('tbody tr');
    await expectCount(rows, mine.length);
    await rows.filter({ hasText: w1!.title }).getByRole('link', { name: w1!.title }).click();
    await p.getByRole('heading', { level: 1, name: `Work: ${w1!.title}` }).waitFor();
    await p.getByTestId('work-money').getByRole('link', { name: 'Your statement' }).waitFor();
    await screenshots(p, 'work-holder');
    expect(problemsOf(p)).toEqual([]);
  });

  it('lets the regulator find works by IPI across societies, and reads in Russian', async () => {
    const regulator = suite.http.as(demo.tokens.regulator);
    const holder = (await regulator.get(`/v1/rights-holders/${demo.holderIds[0]}`)).body as { ipi: string };
    const found = (await regulator.get(`/v1/works?ipi=${holder.ipi}&limit=500`)).body.items as WorkSummary[];
    expect(found.length).toBeGreaterThan(0);
    const p = await page();
    await signIn(p, demo.tokens.regulator);
    await p.goto(`/works?ipi=${holder.ipi}`);
    const rows = p.getByTestId('works').locator('tbody tr');
    await expectCount(rows, found.length);
    await rows.first().getByText('RAO-like Authors Society (demo)').waitFor();

    await p.getByTestId('language-switch').selectOption('ru');
    const work = await workOf(w2!.iswc);
    await p.goto(`/works/${work.id}?financialYear=${DEMO_WORKS_YEAR}`);
    await p.getByRole('heading', { level: 2, name: 'Деньги: от использования до выплаты' }).waitFor();
    await p.getByTestId('money-shares').locator('tbody tr').first().waitFor();
    await p.getByRole('heading', { level: 2, name: 'История регистраций' }).waitFor();
    await p.getByRole('heading', { level: 3, name: '3. Выплаченные доли против зарегистрированных' }).waitFor();
    await p.getByTestId('money-shares').getByText(/▲ на 10,00 п\. п\. больше зарегистрированного/).waitFor();
    await screenshots(p, 'work-money-ru');
    expect(problemsOf(p)).toEqual([]);
  });
});
