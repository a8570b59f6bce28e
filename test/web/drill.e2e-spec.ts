import { beforeAll, expect, it } from '@jest/globals';
import { auditAndWait } from '../audit/support.js';
import type { Http } from '../support/http.js';
import { ARTIFACTS, browserSuite, describeWithBrowser, expectCount, screenshots, signIn } from './browser.js';
import { type LoadedDemo, loadDemoAndWait } from './demo.js';

/** An amount as the English dashboard writes a line's value: thousands grouped, at least two decimals, never rounded. */
const grouped = (amount: string) => {
  const [whole, fraction = ''] = amount.split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
};

/** The lines an evidence object names (objects with a submission id and a line id), as the page finds them (apps/web/src/format/drill.ts). */
function evidenceLines(evidence: unknown): { submissionId: string; lineId: string }[] {
  if (Array.isArray(evidence)) return evidence.flatMap(evidenceLines);
  if (typeof evidence !== 'object' || evidence === null) return [];
  const o = evidence as Record<string, unknown>;
  if (typeof o.submissionId === 'string' && typeof o.lineId === 'string') return [{ submissionId: o.submissionId, lineId: o.lineId }];
  return Object.values(o).flatMap(evidenceLines);
}

interface DiffItem {
  lineId: string;
  fields: Record<string, { from: string | null; to: string | null }>;
}

/**
 * Drill-down and corrections in Chromium (issue 17 items 3 and 4), on the demo as
 * `npm start` loads it: the RAO-like society opens its corrected 2024Q4 package and reads
 * what the correction changed, field by field, as the API's diff says, opens a changed
 * line, and downloads the package as received; the regulator follows an audit finding's
 * evidence to the line it names; the first demo holder reads the corrected line on her
 * 2024 statement.
 */
describeWithBrowser('drill-down and corrections in the dashboard (Chromium)', () => {
  const suite = browserSuite();
  let demo: LoadedDemo;
  let admin: Http;
  let correction: { id: string; supersedes: string };

  beforeAll(async () => {
    demo = await loadDemoAndWait(suite.t, suite.http);
    admin = suite.http.as(demo.tokens.admin);
    const list = await admin.get(`/v1/societies/${demo.societyIds.rao}/submissions?type=distribution-lines&period=2024Q4`);
    const items: { id: string; status: string; supersedes: string | null; supersededBy: string | null }[] = list.body.items;
    // The demo's correction superseded the package it corrects.
    expect(items.map((s) => s.status).sort()).toEqual(['committed', 'superseded']);
    correction = items.find((s) => s.status === 'committed') as { id: string; supersedes: string };
    expect(items.find((s) => s.status === 'superseded')).toMatchObject({ id: correction.supersedes, supersededBy: correction.id });
  }, 180_000);

  const { page, problemsOf } = suite;
  const raoToken = () => demo.tokens['society rao (901)']!;

  it('shows the society what its correction changed, as the API diff says, and opens a changed line', async () => {
    const diff = (await admin.get(`/v1/submissions/${correction.id}/diff`)).body as { counts: Record<string, number>; changed: DiffItem[] };
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 2 });
    const p = await page();
    await signIn(p, raoToken());
    await p.goto(`/submissions/${correction.id}`);
    await p.getByRole('heading', { level: 1, name: 'Submission: distribution-lines, 2024Q4' }).waitFor();
    await p.getByRole('heading', { level: 2, name: 'What this correction changed' }).waitFor();
    await p.getByTestId('diff-counts').getByText('Against the package it replaced, by line_id: 2 lines changed, 0 added, 0 removed.').waitFor();
    const changed = p.getByRole('table', { name: 'Lines changed, field by field (before → after): 2' });
    await expectCount(changed.locator('tbody tr'), 2);
    for (const item of diff.changed) {
      const row = changed.getByRole('row', { name: new RegExp(item.lineId) });
      for (const [field, label] of [['gross', 'Gross'], ['managementFee', 'Management fee'], ['otherDeductions', 'Other deductions'], ['net', 'Net']] as const) {
        const change = item.fields[field]!;
        await row.getByRole('listitem', { name: `${label}: ${grouped(change.from!)} → ${grouped(change.to!)}` }).waitFor();
      }
      expect(Object.keys(item.fields).sort()).toEqual(['gross', 'managementFee', 'net', 'otherDeductions']);
    }
    await p.getByText('No line was added.').waitFor();
    await p.getByText('No line was removed.').waitFor();
    // The package it replaced and the replacement link to each other.
    await p.getByRole('link', { name: correction.supersedes }).first().waitFor();
    await screenshots(p, 'submission-diff');

    // A changed line opens in the package's lines, alone and marked.
    const first = diff.changed[0]!;
    await changed.getByRole('link', { name: first.lineId }).click();
    await p.waitForURL(`**/submissions/${correction.id}?line=${encodeURIComponent(first.lineId)}`);
    await p.getByTestId('one-line').getByText(`Showing the line ${first.lineId}.`).waitFor();
    const lines = p.getByTestId('lines');
    await expectCount(lines.locator('tbody tr'), 1);
    await lines.locator('tbody tr.row-differs').getByText(first.lineId).waitFor();
    await lines.locator('tbody tr').getByText(`${grouped(first.fields.gross!.to!)} RUB`).waitFor();
    await p.getByRole('button', { name: 'Show every line' }).click();
    const rows = (await admin.get(`/v1/submissions/${correction.id}`)).body.rows as number;
    await expectCount(lines.locator('tbody tr'), rows);
    await p.getByRole('table', { name: `${rows} lines` }).waitFor();

    // The package as received: the same bytes as the API's, under its name.
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Download the package as received' }).click()]);
    const bytes = await readDownload(download);
    const api = await fetch(`${suite.t.baseUrl}/v1/submissions/${correction.id}/package`, { headers: { authorization: `Bearer ${raoToken()}` } });
    expect(bytes.equals(Buffer.from(await api.arrayBuffer()))).toBe(true);
    expect(download.suggestedFilename()).toBe(`distribution-lines-2024Q4-${correction.id}.csv`);
    expect(problemsOf(p)).toEqual([]);
  });

  it('shows the package that was replaced with a link to its replacement, and a rejected one its errors to download', async () => {
    const p = await page();
    await signIn(p, raoToken());
    await p.goto(`/submissions/${correction.supersedes}`);
    await p.getByText('Superseded by a later submission for the same period').waitFor();
    await p.getByRole('link', { name: correction.id }).waitFor();
    // It replaced nothing: no diff to show.
    await p.getByText('nothing (the first package of its quarter)').waitFor();
    expect(await p.getByTestId('diff').count()).toBe(0);

    const rsp = (await admin.get(`/v1/societies/${demo.societyIds.rsp}/submissions?type=distribution-lines&period=2025Q4`)).body.items[0] as { id: string; errorCount: number };
    const r = await page();
    await signIn(r, demo.tokens['society rsp (903)']!);
    await r.goto(`/submissions/${rsp.id}`);
    const [download] = await Promise.all([r.waitForEvent('download'), r.getByRole('button', { name: `Download all ${rsp.errorCount} errors as CSV` }).click()]);
    const csv = (await readDownload(download)).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('line,column,field,message');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(rsp.errorCount + 1);
    expect([...problemsOf(p), ...problemsOf(r)]).toEqual([]);
  });

  it("takes the regulator from an audit finding's evidence to each line it names", async () => {
    const regulator = suite.http.as(demo.tokens.regulator);
    const audit = await auditAndWait(regulator, { societyId: demo.societyIds.rao, financialYear: 2025, rules: ['payout.outstanding', 'governance.mandate-declared-without-mandate'] });
    const named = audit.findings.flatMap((f: { rule: string; evidence: unknown }) => evidenceLines(f.evidence).map((l) => ({ ...l, rule: f.rule })));
    expect(named.length).toBeGreaterThan(0);
    const p = await page();
    await signIn(p, demo.tokens.regulator);
    await p.goto(`/audits/${audit.id}`);
    await p.getByRole('heading', { level: 2, name: 'Findings' }).waitFor();
    await expectCount(p.getByTestId('evidence-line'), named.length);
    const first = named[0]!;
    // A long list is folded under its summary: open it.
    const details = p.locator(`tr[data-rule="${first.rule}"] details.evidence-lines`);
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await screenshots(p, 'audit-evidence-lines');
    await p.locator(`tr[data-rule="${first.rule}"]`).screenshot({ path: `${ARTIFACTS}/audit-evidence-lines-finding.png` });
    await p.getByTestId(`evidence-lines-${first.rule}`).getByRole('link', { name: first.lineId }).first().click();
    await p.waitForURL(`**/submissions/${first.submissionId}?line=${encodeURIComponent(first.lineId)}`);
    await p.getByTestId('one-line').getByText(`Showing the line ${first.lineId}.`).waitFor();
    await p.getByTestId('lines').locator('tbody tr.row-differs').getByText(first.lineId).waitFor();
    await screenshots(p, 'evidence-line-in-its-package');
    expect(problemsOf(p)).toEqual([]);
  });

  it('shows the first demo holder the corrected line on her 2024 statement, as the API says', async () => {
    const holder = demo.holderIds[0]!;
    const statement = (await suite.http.as(demo.tokens['rights holder 1']).get(`/v1/rights-holders/${holder}/statement?year=2024&currency=EUR`)).body;
    expect(statement.corrections.lines).toBe(1);
    const item = statement.corrections.items[0] as DiffItem & { submissionId: string; period: string };
    expect(item).toMatchObject({ submissionId: correction.id, period: '2024Q4', currency: 'RUB', change: 'changed' });
    const p = await page();
    await signIn(p, demo.tokens['rights holder 1']);
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Statement', exact: true }).click();
    await p.getByLabel('Year').fill('2024');
    await p.getByRole('button', { name: 'Show' }).click();
    const section = p.getByTestId('corrections');
    await section.getByRole('heading', { name: '1 of your lines changed by a correction' }).waitFor();
    const row = section.getByRole('row', { name: new RegExp(item.lineId) });
    await row.getByText('package of 2024Q4').waitFor();
    await row.getByRole('listitem', { name: `Gross: ${grouped(item.fields.gross!.from!)} → ${grouped(item.fields.gross!.to!)}` }).waitFor();
    // A holder reads no submissions: the package is named, not linked.
    expect(await row.getByRole('link').count()).toBe(0);
    await screenshots(p, 'statement-corrections');
    expect(problemsOf(p)).toEqual([]);
  });

  it('says it in Russian', async () => {
    const p = await page();
    await signIn(p, raoToken());
    await p.getByTestId('language-switch').selectOption('ru');
    await p.goto(`/submissions/${correction.id}`);
    await p.getByRole('heading', { level: 2, name: 'Что изменило это исправление' }).waitFor();
    await p.getByText('По сравнению с заменённым пакетом, по line_id: изменены 2 строки, добавлено 0, удалено 0.').waitFor();
    await p.getByRole('button', { name: 'Скачать пакет в том виде, в каком он получен' }).waitFor();
    await screenshots(p, 'submission-diff-ru');
    expect(problemsOf(p)).toEqual([]);
  });
});

async function readDownload(download: { createReadStream(): Promise<NodeJS.ReadableStream> }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
