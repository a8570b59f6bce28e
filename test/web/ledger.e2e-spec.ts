import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Http } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';
import { browserSuite, describeWithBrowser, expectCount, screenshots, signIn } from './browser.js';
import { type LoadedDemo, loadDemoAndWait, shownMoney } from './demo.js';

/**
 * The views built on the ledger, governance, statements and audits APIs, in Chromium on
 * the demo's two years of committed packages: a society's signed log head (its signature
 * checked in the browser, a tampered head refused), the log verified and a financial
 * year reconciled; its board entitlement against the actual board; a rights holder's
 * statement with a line verified in the browser, and a tampered proof failing; the
 * regulator's overview and an audit run from the page. Every number is compared with
 * what the API gives; every view is saved at desktop and phone width under test/artifacts/.
 */

const YEAR = 2025; // the demo's packages cover 2024Q1–2025Q4
const LAST_YEAR = String(new Date().getUTCFullYear() - 1);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describeWithBrowser('web dashboard: ledger, governance, statements and audits (Chromium)', () => {
  const suite = browserSuite();
  let t: TestApp;
  let http: Http;
  let demo: LoadedDemo;

  beforeAll(async () => {
    ({ t, http } = suite);
    demo = await loadDemoAndWait(t, http);
  });

  const { page, problemsOf } = suite;
  const nav = (p: Page, name: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

  it('shows a society its signed log head checked in the browser, refuses a tampered head, verifies the log and reconciles a year', async () => {
    const token = demo.tokens['society rao (901)'];
    const id = demo.societyIds.rao;
    const society = http.as(token);
    const head = (await society.get(`/v1/societies/${id}/log/head`)).body;
    expect(head.treeSize).toBeGreaterThan(0);

    const p = await page();
    await signIn(p, token);
    await nav(p, 'Ledger');
    await p.getByRole('heading', { level: 1, name: /: ledger$/ }).waitFor();
    await expect(p.getByTestId('tree-size').textContent()).resolves.toBe(String(head.treeSize));
    await expect(p.getByTestId('root-hash').textContent()).resolves.toBe(head.rootHash);
    await expect(p.getByTestId('head-timestamp').textContent()).resolves.toBe(head.timestamp);
    await expect(p.getByTestId('key-id').textContent()).resolves.toBe(head.keyId);
    await expect(p.getByTestId('head-signature').textContent()).resolves.toBe(`✓ Verified in this browser with the published key ${head.keyId}`);

    // The server's verify, from the button: the counts the API reports.
    const report = (await society.post(`/v1/societies/${id}/verify`)).body;
    expect(report.ok).toBe(true);
    await p.getByRole('button', { name: 'Verify the log' }).click();
    const result = p.getByTestId('verify-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toBe(
      `✓ The log verifies: ${report.checkedSubmissions} submissions and ${report.checkedLines} lines checked against the head of size ${report.treeSize}; nothing differs.`,
    );

    // The reconciliation: last financial year by default; the demo's 2025 has a gap (a missing undistributed report).
    const yearField = p.getByRole('textbox', { name: 'Financial year', exact: true }).first();
    await expect(yearField.inputValue()).resolves.toBe(LAST_YEAR);
    await yearField.fill(String(YEAR));
    await p.getByRole('button', { name: 'Show' }).click();
    const rec = (await society.get(`/v1/societies/${id}/reconciliation?financialYear=${YEAR}`)).body;
    expect(rec.balanced).toBe(false);
    const table = p.getByRole('table', { name: new RegExp(`^Financial year ${YEAR}, by category`) });
    await table.waitFor();
    await expectCount(table.locator('tbody tr'), rec.categories.length);
    for (const c of rec.categories) {
      const row = table.locator('tbody tr').filter({ hasText: c.category });
      const cells = await row.locator('td').allTextContents();
      const expected = [c.collected, c.deductions, c.distributed, c.toOtherSocieties, c.undistributed].map((a: string) => shownMoney(a, c.currency));
      const difference = shownMoney(c.difference, c.currency);
      expect(cells).toEqual([...expected, /^-?0+(\.0+)?$/.test(c.difference) ? difference : `⚠ ${difference}`]);
      await expect(row.getAttribute('class')).resolves.toBe(/^-?0+(\.0+)?$/.test(c.difference) ? null : 'row-differs');
    }
    await expect(p.getByTestId('reconciliation-summary').textContent()).resolves.toMatch(new RegExp(`^${rec.differences.length} differences? in financial year ${YEAR}`));
    await screenshots(p, 'society-ledger');

    // A head whose root was changed by one byte on the way: the browser's check refuses it.
    const tampered = await page();
    await tampered.route('**/log/head', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.rootHash = (body.rootHash[0] === '0' ? '1' : '0') + body.rootHash.slice(1);
      await route.fulfill({ response, json: body });
    });
    await signIn(tampered, token);
    await tampered.goto('/society/ledger');
    await tampered.getByTestId('head-signature').waitFor();
    await expect(tampered.getByTestId('head-signature').textContent()).resolves.toBe(`✗ Does not verify: the head signature does not verify with key ${head.keyId}`);
    expect(problemsOf(p)).toEqual([]);
    expect(problemsOf(tampered)).toEqual([]);
  });

  it('lets a society audit its own financial year from its ledger page, and not read another society’s audit', async () => {
    const token = demo.tokens['society vois (902)'];
    const p = await page();
    await signIn(p, token);
    await nav(p, 'Ledger');
    const form = p.getByRole('form', { name: 'Run an audit' });
    await expectCount(form.getByRole('combobox'), 0); // a society audits only itself
    await form.getByRole('textbox', { name: 'Financial year', exact: true }).fill(String(YEAR));
    await form.getByText(/^Rules: all \d+$/).click();
    await form.getByRole('checkbox').first().uncheck();
    await expectCount(form.getByText(/^Rules: \d+ of \d+$/), 1);
    await form.getByRole('button', { name: 'Run the audit' }).click();
    await p.waitForURL(/\/audits\/[0-9a-f-]{36}$/);
    const auditId = p.url().split('/').pop()!;
    await p.getByTestId('audit-status').getByText(/^Done/).waitFor({ timeout: 60_000 });
    const audit = (await http.as(token).get(`/v1/audits/${auditId}`)).body;
    expect(audit).toMatchObject({ status: 'done', societyId: demo.societyIds.vois, financialYear: YEAR });
    expect(audit.rules.length).toBe((await http.as(token).get('/v1/audit-rules')).body.rules.length - 1);
    await expectCount(p.getByRole('table', { name: /rules, \d+ failed/ }).locator(':scope > tbody > tr'), audit.rules.length);

    // Another society's credential: the audit is not available.
    const other = await page();
    await signIn(other, demo.tokens['society rao (901)']);
    await other.goto(`/audits/${auditId}`);
    await other.getByRole('heading', { level: 1, name: 'Not available to you' }).waitFor();
    expect(problemsOf(p)).toEqual([]);
    expect(problemsOf(other).filter((m) => !/404/.test(m))).toEqual([]);
  });

  it("shows a society its board entitlement against the actual board, as the API computes it", async () => {
    const token = demo.tokens['society rao (901)'];
    const id = demo.societyIds.rao;
    const e = (await http.as(token).get(`/v1/societies/${id}/board/entitlement?history=5`)).body;
    expect(e.constituencies.some((c: { gap: number | null }) => (c.gap ?? 0) < 0)).toBe(true); // the demo's publishers hold one seat

    const p = await page();
    await signIn(p, token);
    await nav(p, 'Board');
    await p.getByRole('heading', { level: 1, name: /board entitlement$/ }).waitFor();
    await expect(p.getByTestId('attributed').textContent()).resolves.toBe(shownMoney(e.totals.attributed, e.currency));
    await expect(p.getByTestId('gallagher').textContent()).resolves.toBe(e.indices.gallagher);
    await expect(p.getByTestId('loosemore-hanby').textContent()).resolves.toBe(e.indices.loosemoreHanby);
    const table = p.getByRole('table', { name: /constituencies, money from/ });
    for (const c of e.constituencies) {
      const cells = await table.locator(`tr[data-constituency="${c.constituency}"] td`).allTextContents();
      const gap = c.gap === null ? '—' : c.gap === 0 ? '0' : `${c.gap > 0 ? '+' : '−'}${Math.abs(c.gap)} ${c.gap < 0 ? '▼ under' : '▲ over'}`;
      expect(cells).toEqual([
        shownMoney(c.attributed, e.currency),
        c.sharePercent === null ? '—' : `${c.sharePercent} %`,
        String(c.entitledSeats ?? '—'),
        c.lowerQuota === null ? '—' : `${c.lowerQuota}–${c.upperQuota}`,
        String(c.actualSeats),
        gap,
      ]);
    }
    const summary = (await p.getByTestId('gap-summary').textContent())!;
    for (const c of e.constituencies.filter((x: { gap: number | null }) => (x.gap ?? 0) < 0)) expect(summary).toContain(`${c.constituency} under-represented by ${-c.gap}`);
    await expectCount(p.getByRole('table', { name: 'By financial year, oldest first' }).locator('tbody tr'), e.history.length);
    const charts = await p.locator('canvas[role="img"]').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    expect(charts.map((c) => c.split('.')[0])).toEqual(['Seats per constituency: entitled by market share and actually held', 'Gap per constituency by financial year (actual − entitled seats)']);
    await screenshots(p, 'society-board');
    expect(problemsOf(p)).toEqual([]);
  });

  it('lets a rights holder read the statement, verify a line in the browser, see a tampered proof fail and download the files', async () => {
    const rates = await http.as(demo.tokens.admin).post('/v1/exchange-rates', 'date,currency,rate_to_eur\n2020-01-01,RUB,0.0105\n2020-01-01,SEK,0.0871\n', { 'content-type': 'text/csv' });
    expect(rates.status).toBe(201);
    const token = demo.tokens['rights holder 1'];
    const holderId = demo.holderIds[0];
    const holder = http.as(token);
    const query = `year=${YEAR}&currency=EUR`;
    const st = (await holder.get(`/v1/rights-holders/${holderId}/statement?${query}`)).body;
    const lines = (await holder.get(`/v1/rights-holders/${holderId}/statement/lines?${query}&limit=500`)).body.items;
    expect(st.societies.length).toBeGreaterThan(1);
    expect(lines.length).toBe(st.totals.lines);

    const p = await page();
    await signIn(p, token);
    await nav(p, 'Statement');
    await p.getByRole('heading', { level: 1, name: 'My statement' }).waitFor();
    await expect(p.getByLabel('Year').inputValue()).resolves.toBe(LAST_YEAR);
    await p.getByLabel('Year').fill(String(YEAR));
    await p.getByLabel('Currency').fill('eur');
    await p.getByRole('button', { name: 'Show' }).click();
    await p.getByRole('heading', { level: 2, name: `${YEAR} across ${st.societies.length} societies` }).waitFor();
    await expect(p.getByTestId('total-attributed').textContent()).resolves.toBe(shownMoney(st.totals.revenueAttributed, 'EUR'));
    await expect(p.getByTestId('total-paid').textContent()).resolves.toBe(shownMoney(st.totals.paid, 'EUR'));
    await expect(p.getByTestId('total-outstanding').textContent()).resolves.toBe(shownMoney(st.totals.outstanding, 'EUR'));
    const bySociety = p.getByRole('table', { name: /^Per society, in EUR/ });
    for (const s of st.societies) {
      const cells = await bySociety.locator(`tr[data-society="${s.societyId}"] td`).allTextContents();
      expect(cells.slice(0, 5)).toEqual([s.revenueAttributed, s.managementFees, s.otherDeductions, s.paidTotal, s.outstanding].map((a: string) => shownMoney(a, 'EUR')));
    }
    const charts = await p.locator('canvas[role="img"]').evaluateAll((els) => els.map((el) => (el.getAttribute('aria-label') ?? '').split('.')[0]));
    expect(charts).toEqual(['Attributed, paid and outstanding per society (EUR)', 'Paid per category of rights, by society (EUR)']);
    const linesTable = p.getByRole('table', { name: /lines?; amounts in EUR/ });
    await expectCount(linesTable.locator('tbody tr'), lines.length);
    await screenshots(p, 'holder-statement');

    // Verify a line by keyboard: the browser checks its proof; every step passes.
    const line = lines[0];
    const proof = (await holder.get(line.proof)).body;
    const button = p.getByRole('button', { name: `Verify line ${line.lineId} of ${line.societyName}` });
    await button.focus();
    await p.keyboard.press('Enter');
    const row = linesTable.locator(`tr[data-line="${line.lineId}"]`);
    await row.getByTestId('proof-status').getByText('✓ verified').waitFor();
    const panel = p.getByTestId('verification');
    await expectCount(panel.locator('.step-passed'), 6);
    await panel.getByText(`Line ${proof.leafIndex + 1} of ${proof.submissionSize}, under the submission root ${proof.submissionRoot}`).waitFor();
    await panel.getByText(`Submission ${proof.submissionIndex + 1} of ${proof.treeSize} in the log whose root is ${proof.head.rootHash}`).waitFor();
    await screenshots(p, 'holder-line-verified');

    // The same check on a proof changed by one byte in transit (a digit of the line's net amount): it fails.
    const other = lines[1];
    await p.route('**/lines/*/proof', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.leaf = body.leaf.replace(/"net":"(\d)/, (_: string, d: string) => `"net":"${(Number(d) + 1) % 10}`);
      await route.fulfill({ response, json: body });
    });
    await p.getByRole('button', { name: `Verify line ${other.lineId} of ${other.societyName}` }).click();
    await linesTable.locator(`tr[data-line="${other.lineId}"]`).getByTestId('proof-status').getByText('✗ failed').waitFor();
    await expect(panel.locator('.step').evaluateAll((els) => els.map((el) => el.className))).resolves.toEqual([
      'step step-passed',
      'step step-failed',
      'step step-not-checked',
      'step step-not-checked',
      'step step-not-checked',
      'step step-not-checked',
    ]);
    await panel.getByText(/^✗ Verification failed: computed root [0-9a-f]{64} does not match the expected root/).waitFor();
    await screenshots(p, 'holder-line-failed');
    await p.unroute('**/lines/*/proof');
    await expect(row.getByTestId('proof-status').textContent()).resolves.toBe('✓ verified'); // the first line's result stands

    // The downloads are the API's files.
    const csv = (await holder.get(`/v1/rights-holders/${holderId}/statement?${query}&format=csv`)).text;
    const [csvFile] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: `Download CSV (${YEAR}, EUR)` }).click()]);
    expect(readFileSync((await csvFile.path())!, 'utf8')).toBe(csv);
    const [pdfFile] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: `Download PDF (${YEAR}, EUR)` }).click()]);
    expect(pdfFile.suggestedFilename()).toBe(`statement-${YEAR}-EUR.pdf`);
    expect(readFileSync((await pdfFile.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Another holder's statement is not available.
    await p.goto(`/rights-holders/${demo.holderIds[1]}/statement`);
    await p.getByRole('heading', { level: 1, name: 'Not available to you' }).waitFor();
    await p.getByText("This rights holder's statement is not available to you").waitFor();
    expect(problemsOf(p).filter((m) => !/404/.test(m))).toEqual([]);
  });

  it('shows the regulator the societies side by side for a year and runs an audit from the page', async () => {
    const regulator = http.as(demo.tokens.regulator);
    const o = (await regulator.get(`/v1/regulator/overview?financialYear=${YEAR}`)).body;
    expect(o.societies.length).toBe(Object.keys(demo.societyIds).length);

    const p = await page();
    await signIn(p, demo.tokens.regulator);
    await p.getByRole('heading', { level: 1, name: 'Societies side by side' }).waitFor();
    const yearField = p.getByRole('form', { name: 'Choose the financial year' }).getByRole('textbox', { name: 'Financial year', exact: true });
    await expect(yearField.inputValue()).resolves.toBe(LAST_YEAR);
    await yearField.fill(String(YEAR));
    await p.getByRole('form', { name: 'Choose the financial year' }).getByRole('button', { name: 'Show' }).click();
    const table = p.getByRole('table', { name: `Financial year ${YEAR}, side by side` });
    await table.waitFor();
    // Cells by their column (the table gained columns: non-contractual declared / verified, board conflicts).
    const pct = (v: string | null) => (v === null ? '—' : `${v} %`);
    for (const s of o.societies) {
      const row = table.locator(`tr[data-society="${s.societyId}"]`);
      const cell = (label: string) => row.locator(`td[data-label="${label}"]`).textContent();
      await expect(cell('Cost ratio')).resolves.toMatch(new RegExp(`^${escape(pct(s.costRatioPercent))}`));
      await expect(cell('Undistributed')).resolves.toBe(pct(s.undistributedSharePercent));
      await expect(cell('Failed rules')).resolves.toMatch(s.findings.failed === 0 ? /^none/ : new RegExp(`^${s.findings.failed} \\(`));
      // Declared beside verified (the mandate register's figure, in bold), then the trend of both when the register has judged any year.
      const nonContractual = row.getByTestId('non-contractual');
      const trend = s.nonContractualTrend
        .filter((t: { declaredPercent: string | null; verifiedPercent: string | null }) => t.declaredPercent !== null || t.verifiedPercent !== null)
        .map((t: { financialYear: number; declaredPercent: string | null; verifiedPercent: string | null }) => `${t.financialYear}: ${pct(t.declaredPercent)} / ${pct(t.verifiedPercent)}`)
        .join(' → ');
      const judged = s.nonContractualTrend.some((t: { verifiedPercent: string | null }) => t.verifiedPercent !== null);
      await expect(nonContractual.textContent()).resolves.toBe(`${pct(s.nonContractualSharePercent)} / ${pct(s.verifiedNonContractualSharePercent)}${judged ? trend : ''}`);
      await expect(nonContractual.locator('strong').textContent()).resolves.toBe(pct(s.verifiedNonContractualSharePercent));
    }
    // The demo's RAO-like society labels lines contractual that the register says are not: its verified share is above the declared one.
    const raoRow = o.societies.find((s: { societyId: string }) => s.societyId === demo.societyIds.rao);
    expect(raoRow.verifiedNonContractualSharePercent).not.toBeNull();
    expect(Number(raoRow.verifiedNonContractualSharePercent)).toBeGreaterThan(Number(raoRow.nonContractualSharePercent ?? '0'));
    const chartLabels = await p.locator('canvas[role="img"]').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    expect(chartLabels.slice(0, 5).map((l) => l.split('.')[0])).toEqual([
      'Money kept or held back (percent)',
      'Managed without a mandate: declared against verified (percent of the gross)',
      "When half the year's money was paid (days after the year end)",
      'Board gap: seats the most under-represented constituency lacks',
      'Failed audit rules by severity',
    ]);
    // The declared-against-verified chart reads each society's two figures from the API.
    for (const s of o.societies) {
      expect(chartLabels[1]).toContain(`${s.name}: declared ${pct(s.nonContractualSharePercent)}, verified ${pct(s.verifiedNonContractualSharePercent)}`);
    }
    await screenshots(p, 'regulator-overview');

    // Run an audit of the RAO-like society from its row; the page follows it to the end.
    const rao = o.societies.find((s: { societyId: string }) => s.societyId === demo.societyIds.rao);
    await p.getByRole('link', { name: `Run an audit of ${rao.name} for ${YEAR}` }).click();
    await p.getByRole('heading', { level: 1, name: 'Audits' }).waitFor();
    await expect(p.getByLabel('Society', { exact: true }).inputValue()).resolves.toBe(rao.societyId);
    await expect(p.getByRole('form', { name: 'Run an audit' }).getByRole('textbox', { name: 'Financial year', exact: true }).inputValue()).resolves.toBe(String(YEAR));
    await p.getByRole('button', { name: 'Run the audit' }).click();
    await p.waitForURL(/\/audits\/[0-9a-f-]{36}$/);
    const auditId = p.url().split('/').pop()!;
    await p.getByTestId('audit-status').getByText(/^Done/).waitFor({ timeout: 60_000 });
    const audit = (await regulator.get(`/v1/audits/${auditId}`)).body;
    expect(audit).toMatchObject({ status: 'done', societyId: rao.societyId, financialYear: YEAR });
    await expect(p.getByTestId('audit-status').textContent()).resolves.toBe(`Done: ${audit.summary.passed} of ${audit.summary.rules} rules passed, ${audit.summary.failed} failed`);
    const findings = p.getByRole('table', { name: /rules, \d+ failed/ });
    await expectCount(findings.locator(':scope > tbody > tr'), audit.findings.length);
    await expectCount(findings.locator(':scope > tbody > tr.row-differs'), audit.summary.failed);
    for (const f of audit.findings) {
      await expect(findings.locator(`tr[data-rule="${f.rule}"] td[data-label="Verdict"]`).textContent()).resolves.toBe(f.passed ? '✓ passed' : '✗ failed');
    }
    const signed = audit.heads.filter((h: { rootHash: string | null }) => h.rootHash !== null).length;
    await expectCount(p.getByRole('table', { name: 'Every society’s log as it stood when the audit started'.replace('’', "'") }).getByText('✓ verified'), signed);

    // The JSON report: the browser checks its SHA-256 against the audit's; the bytes are the API's.
    const [json] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Download JSON' }).click()]);
    const bytes = readFileSync((await json.path())!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(audit.reportSha256);
    await expect(p.getByTestId('report-hash').textContent()).resolves.toMatch(/^✓ The JSON report's SHA-256/);
    const [pdf] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Download PDF' }).click()]);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await screenshots(p, 'regulator-audit');

    // The audit is listed first on the audits page; a society's ledger opens from its page's tabs.
    await nav(p, 'Audits');
    // Every audit the regulator may read, newest first (the society's own audit of an earlier test too), each with its summary.
    const newest = p.getByRole('table', { name: /^\d+ audits?, newest first/ }).locator('tbody tr').first();
    await newest.getByRole('link', { name: rao.name }).waitFor();
    await expect(newest.locator('td[data-label="Failed rules"]').textContent()).resolves.toBe(`${audit.summary.failed} of ${audit.summary.rules}`);
    await screenshots(p, 'regulator-audits');
    await nav(p, 'Societies');
    await p.getByRole('table', { name: `Financial year ${LAST_YEAR}, side by side` }).getByRole('link', { name: rao.name, exact: true }).click();
    await p.getByRole('heading', { level: 1, name: rao.name, exact: true }).waitFor();
    await p.getByRole('navigation', { name: 'Society pages' }).getByRole('link', { name: 'Ledger' }).click();
    await p.getByRole('heading', { level: 1, name: `${rao.name}: ledger` }).waitFor();
    await p.getByTestId('head-signature').getByText(/^✓ Verified/).waitFor();
    expect(problemsOf(p)).toEqual([]);
  });
});
