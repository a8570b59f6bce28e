import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from '@jest/globals';
import type { Locator } from 'playwright-core';
import { Http } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';
import { browserSuite, describeWithBrowser, expectCount, screenshots, signIn } from './browser.js';
import { type LoadedDemo, loadDemoAndWait, shownDate, shownMoney } from './demo.js';

/**
 * The annual transparency report page (docs/web.md), in Chromium on the demo: the
 * regulator opens the RAO-like society's 2025 report from the overview and every figure
 * checked is the API's JSON (same token, same head); the missing 2025Q3 undistributed
 * report is stated; the CSV, PDF and JSON downloads are the API's files. The society
 * reaches its own report from its navigation and overview; a rights holder from the list
 * of societies; another society signed in reads it too (public by law), and a society that
 * does not exist is "Not available to you".
 */

const YEAR = 2025; // the demo's packages cover 2024Q1–2025Q4
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CSV_HEADER = 'society_cisac,financial_year,head_tree_size,section,figure,category,use_type,qualifier,currency,amount,count,note';

describeWithBrowser('web dashboard: the transparency report (Chromium)', () => {
  const suite = browserSuite();
  let t: TestApp;
  let http: Http;
  let demo: LoadedDemo;

  beforeAll(async () => {
    ({ t, http } = suite);
    demo = await loadDemoAndWait(t, http);
  });

  const { page, problemsOf } = suite;

  /** The report as the API serves it to `token`: the JSON, and the X-Report-SHA256 header. */
  async function apiReport(token: string, societyId: string, format = 'json'): Promise<{ body: Buffer; sha256: string | null; disposition: string | null }> {
    const res = await fetch(`${t.baseUrl}/v1/societies/${societyId}/transparency-report?financialYear=${YEAR}&format=${format}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return { body: Buffer.from(await res.arrayBuffer()), sha256: res.headers.get('x-report-sha256'), disposition: res.headers.get('content-disposition') };
  }

  /** The cells after the row header of the row `key` (the DataTable's data-key) of a table. */
  const cells = (table: Locator, key: string) => table.locator(`tr[data-key="${key}"] td`).allTextContents();

  it("shows the regulator the RAO-like society's 2025 report with the API's figures, its missing quarter and its files", async () => {
    const token = demo.tokens.regulator;
    const id = demo.societyIds.rao;
    const json = await apiReport(token, id);
    const r = JSON.parse(json.body.toString('utf8'));
    expect(r.undistributed.coverage.missing).toEqual(['2025Q3']);
    const currency: string = r.society.currency;

    const p = await page();
    await signIn(p, token);
    await p.getByRole('heading', { level: 1, name: 'Societies side by side' }).waitFor();
    const yearForm = p.getByRole('form', { name: 'Choose the financial year' });
    await yearForm.getByRole('textbox', { name: 'Financial year', exact: true }).fill(String(YEAR));
    await yearForm.getByRole('button', { name: 'Show' }).click();
    await p.getByRole('link', { name: `Transparency report of ${r.society.name} for ${YEAR}` }).click();
    await p.waitForURL(new RegExp(`/societies/${id}/transparency/${YEAR}$`));
    await p.getByRole('heading', { level: 1, name: `${r.society.name}: transparency report, financial year ${YEAR}` }).waitFor();
    await expect(p.getByRole('navigation', { name: 'Society pages' }).getByRole('link', { name: 'Transparency report' }).getAttribute('aria-current')).resolves.toBe('page');

    // The pinned head, its signature checked here, and the JSON's SHA-256 against the header.
    await p.getByTestId('report-tree-size').waitFor();
    await expect(p.getByTestId('report-tree-size').textContent()).resolves.toBe(String(r.head.treeSize));
    await expect(p.getByTestId('report-root-hash').textContent()).resolves.toBe(r.head.rootHash);
    await expect(p.getByTestId('report-head-time').textContent()).resolves.toBe(r.head.timestamp);
    await expect(p.getByTestId('report-head-signature').textContent()).resolves.toBe(`✓ Verified in this browser with the published key ${r.head.keyId}`);
    expect(json.sha256).toBe(createHash('sha256').update(json.body).digest('hex'));
    await expect(p.getByTestId('report-sha256').textContent()).resolves.toBe(json.sha256);
    await expect(p.getByTestId('report-sha256-check').textContent()).resolves.toMatch(/^✓ /);

    // Completeness: the required packages are all there; the missing undistributed quarter is stated, twice.
    await expect(p.getByTestId('completeness-summary').textContent()).resolves.toBe(
      'Complete: every required package (income, deductions and distribution lines) of every quarter is in the log.',
    );
    await expect(p.getByTestId('completeness-optional').textContent()).resolves.toContain('undistributed for 2025Q3');
    await expect(p.getByTestId('missing-undistributed').textContent()).resolves.toBe(
      'Missing: 2025Q3. No undistributed package is in the log for that quarter, so it is left out of these figures (not counted as zero).',
    );
    await expect(p.getByTestId('coverage-undistributed').textContent()).resolves.toBe('From the undistributed packages of 2025Q1, 2025Q2 and 2025Q4.');
    await expect(p.getByTestId('missing-revenue').count()).resolves.toBe(0);
    const packages = p.getByTestId('packages-table');
    const present = expect.stringMatching(/^✓ leaf \d+/);
    await expect(cells(packages, 'undistributed')).resolves.toEqual([present, present, '— absent', present]);

    // Revenue per category and use, and the totals; the management-cost ratio (the audit's 12.00 %).
    const revenue = p.getByTestId('revenue-table');
    await expectCount(revenue.locator('tbody tr'), r.revenue.byCategoryAndUse.length);
    for (const x of r.revenue.byCategoryAndUse) {
      await expect(cells(revenue, `${x.category} ${x.useType} ${x.currency}`)).resolves.toEqual([x.useType, shownMoney(x.amount, x.currency), String(x.lines)]);
    }
    const revenueTotal = r.revenue.totals.find((x: { currency: string }) => x.currency === currency);
    await expect(cells(revenue, `Total all ${currency}`)).resolves.toEqual(['all', shownMoney(revenueTotal.amount, currency), String(revenueTotal.lines)]);
    const costs = r.deductions.managementCosts.find((x: { currency: string }) => x.currency === currency);
    expect(costs.ratioPercent).toBe('12.00');
    await expect(cells(p.getByTestId('management-costs-table'), currency)).resolves.toEqual([
      shownMoney(costs.managementCosts, currency),
      shownMoney(costs.revenue, currency),
      '12.00 %',
    ]);

    // Rights holders: the totals row (gross … unidentified) and the days of payment.
    const holders = r.rightsHolders.totals.find((x: { currency: string }) => x.currency === currency);
    await expect(cells(p.getByTestId('rights-holders-table'), `Total all ${currency}`)).resolves.toEqual([
      'all',
      ...[holders.gross, holders.managementFees, holders.otherDeductions, holders.net].map((a: string) => shownMoney(a, currency)),
      String(holders.lines),
    ]);
    await expect(cells(p.getByTestId('rights-holders-paid-table'), `Total all ${currency}`)).resolves.toEqual([
      'all',
      ...[holders.net, holders.paid, holders.unpaid, holders.unidentified].map((a: string) => shownMoney(a, currency)),
    ]);
    await expect(p.getByTestId('payment-days').textContent()).resolves.toBe(`Paid on ${r.rightsHolders.payments.days} days.`);

    // Undistributed totals, and the money flows per category (the reconciliation's table).
    const undistributed = r.undistributed.totals.find((x: { currency: string }) => x.currency === currency);
    await expect(cells(p.getByTestId('undistributed-totals'), currency)).resolves.toEqual([
      shownMoney(undistributed.undistributed, currency),
      shownMoney(undistributed.nonDistributable, currency),
      String(undistributed.lines),
    ]);
    const flows = p.getByRole('table', { name: new RegExp(`^Financial year ${YEAR}, by category`) });
    await expectCount(flows.locator('tbody tr'), r.conservation.categories.length);
    for (const c of r.conservation.categories) {
      const row = flows.locator('tbody tr').filter({ hasText: new RegExp(`^${c.category} \\(`) });
      const zero = /^-?0+(\.0+)?$/.test(c.difference);
      await expect(row.locator('td').allTextContents()).resolves.toEqual([
        ...[c.collected, c.deductions, c.distributed, c.toOtherSocieties, c.undistributed].map((a: string) => shownMoney(a, c.currency)),
        zero ? shownMoney(c.difference, c.currency) : `⚠ ${shownMoney(c.difference, c.currency)}`,
      ]);
    }
    await expect(p.getByTestId('money-flows-left-out').textContent()).resolves.toContain('(undistributed: 2025Q3)');
    await expect(p.getByTestId('board-summary').textContent()).resolves.toMatch(new RegExp(`^${r.governance.board.seats} seats held on ${shownDate(r.governance.board.date)}`));
    await expectCount(p.getByTestId('not-covered').locator('li'), r.notCovered.length);
    await screenshots(p, 'regulator-transparency');

    // The files are the API's: the CSV starts with the documented header, the PDF is a PDF, the JSON hashes to X-Report-SHA256.
    const csv = await apiReport(token, id, 'csv');
    const [csvFile] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Download CSV' }).click()]);
    const csvText = readFileSync((await csvFile.path())!, 'utf8');
    expect(csvText.startsWith(`${CSV_HEADER}\r\n`)).toBe(true);
    expect(csvText).toBe(csv.body.toString('utf8'));
    expect(csvFile.suggestedFilename()).toBe(`transparency-report-${r.society.cisacCode}-FY${YEAR}-tree${r.head.treeSize}.csv`);
    await expect(p.getByTestId('report-download').textContent()).resolves.toContain(json.sha256!);
    const [pdfFile] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Download PDF' }).click()]);
    expect(readFileSync((await pdfFile.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfFile.suggestedFilename()).toBe(`transparency-report-${r.society.cisacCode}-FY${YEAR}-tree${r.head.treeSize}.pdf`);
    const [jsonFile] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Download JSON' }).click()]);
    expect(createHash('sha256').update(readFileSync((await jsonFile.path())!)).digest('hex')).toBe(json.sha256);
    expect(problemsOf(p)).toEqual([]);
  });

  it("lets a society open its own report from its navigation and choose the year, and read another society's (public)", async () => {
    const token = demo.tokens['society rao (901)'];
    const id = demo.societyIds.rao;
    const r = JSON.parse((await apiReport(token, id)).body.toString('utf8'));

    const p = await page();
    await signIn(p, token);
    // The overview links to the last complete year's report; the navigation to the report page.
    await p.getByRole('heading', { level: 2, name: 'Transparency report' }).waitFor();
    await p.getByRole('link', { name: /^Transparency report, financial year \d{4}$/ }).waitFor();
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Transparency report', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: /: transparency report, financial year \d{4}$/ }).waitFor();
    await p.getByRole('combobox', { name: 'Financial year' }).selectOption(String(YEAR));
    await p.getByRole('button', { name: 'Show' }).click();
    await p.waitForURL(new RegExp(`/societies/${id}/transparency/${YEAR}$`));
    await p.getByRole('heading', { level: 1, name: `${r.society.name}: transparency report, financial year ${YEAR}` }).waitFor();
    await expect(p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Transparency report', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    await p.getByTestId('report-tree-size').waitFor();
    await expect(p.getByTestId('report-tree-size').textContent()).resolves.toBe(String(r.head.treeSize));
    await expect(p.getByTestId('report-root-hash').textContent()).resolves.toBe(r.head.rootHash);
    const total = r.revenue.totals[0];
    await expect(cells(p.getByTestId('revenue-table'), `Total all ${total.currency}`)).resolves.toEqual(['all', shownMoney(total.amount, total.currency), String(total.lines)]);
    await p.getByTestId('missing-undistributed').getByText(/^Missing: 2025Q3\./).waitFor();
    await expectCount(p.getByRole('navigation', { name: 'Society pages' }), 0); // the society has them in its main navigation
    await screenshots(p, 'society-transparency');

    // The report is public (Art. 22(1), issue 15): another society signed in reads it on the
    // same page (its name and financial year from the society's public entry, not the registry
    // entry, which stays the society's own), with the same head and figures; so does the API,
    // with its token and without one.
    const other = await page();
    await signIn(other, demo.tokens['society vois (902)']);
    await other.goto(`/societies/${id}/transparency/${YEAR}`);
    await other.getByRole('heading', { level: 1, name: `${r.society.name}: transparency report, financial year ${YEAR}` }).waitFor();
    await other.getByTestId('report-tree-size').waitFor();
    await expect(other.getByTestId('report-tree-size').textContent()).resolves.toBe(String(r.head.treeSize));
    await expect(other.getByTestId('report-head-signature').textContent()).resolves.toBe(`✓ Verified in this browser with the published key ${r.head.keyId}`);
    await expect(cells(other.getByTestId('revenue-table'), `Total all ${total.currency}`)).resolves.toEqual(['all', shownMoney(total.amount, total.currency), String(total.lines)]);
    await expectCount(other.getByRole('heading', { level: 1, name: 'Not available to you' }), 0);
    await screenshots(other, 'other-society-transparency');
    expect((await http.as(demo.tokens['society vois (902)']).get(`/v1/societies/${id}/transparency-report?financialYear=${YEAR}`)).status).toBe(200);
    expect((await http.as(undefined).get(`/v1/societies/${id}/transparency-report?financialYear=${YEAR}`)).status).toBe(200);
    // A society that does not exist: not available.
    await other.goto(`/societies/00000000-0000-4000-8000-000000000000/transparency/${YEAR}`);
    await other.getByRole('heading', { level: 1, name: 'Not available to you' }).waitFor();
    expect(problemsOf(p)).toEqual([]);
    expect(problemsOf(other).filter((m) => !/404/.test(m))).toEqual([]);
  });

  it("lets a rights holder open any society's report from the list of societies (public by law)", async () => {
    const token = demo.tokens['rights holder 1'];
    const id = demo.societyIds.rao;
    const society = (await http.as(token).get(`/v1/societies/${id}`)).body;
    const p = await page();
    await signIn(p, token);
    await p.getByRole('link', { name: new RegExp(`^Transparency report of ${escape(society.name)} for \\d{4}$`) }).click();
    await p.getByRole('heading', { level: 1, name: new RegExp(`^${escape(society.name)}: transparency report, financial year \\d{4}$`) }).waitFor();
    await p.getByRole('combobox', { name: 'Financial year' }).selectOption(String(YEAR));
    await p.getByRole('button', { name: 'Show' }).click();
    await p.getByRole('heading', { level: 1, name: `${society.name}: transparency report, financial year ${YEAR}` }).waitFor();
    const r = JSON.parse((await apiReport(token, id)).body.toString('utf8'));
    await p.getByTestId('report-tree-size').waitFor();
    await expect(p.getByTestId('report-tree-size').textContent()).resolves.toBe(String(r.head.treeSize));
    await expect(p.getByTestId('payment-days').textContent()).resolves.toBe(`Paid on ${r.rightsHolders.payments.days} days.`);
    await expectCount(p.getByRole('navigation', { name: 'Society pages' }), 0);
    expect(problemsOf(p)).toEqual([]);
  });
});
