import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DecimalValue } from '../../libs/money/src/index.js';
import { Http } from '../support/http.js';
import { loadDemoAndSettle } from '../support/demo.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const dec = (s: string) => new DecimalValue(s);
const sum = (values: string[]) => values.reduce((a, v) => a.plus(v), dec('0'));

/**
 * The transparency report of the demo's RAO-like society for 2025 is consistent with the
 * journal's reconciliation of the same year, and with the audit's findings about it.
 * (TRANSPARENCY_PDF_OUT=dir writes its PDF there, to look at.)
 */
describe('the transparency report of the demo world', () => {
  let t: TestApp;
  let http: Http;
  let ids: Record<string, string>;
  let report: any;
  let reconciliation: any;

  beforeAll(async () => {
    t = await bootTestApp();
    ids = (await loadDemoAndSettle(t)).societyIds;
    http = new Http(t.baseUrl, t.adminToken);
    const res = await http.get(`/v1/societies/${ids.rao}/transparency-report?financialYear=2025`);
    expect(res.status).toBe(200);
    report = res.body;
    const rec = await http.get(`/v1/societies/${ids.rao}/reconciliation?financialYear=2025`);
    expect(rec.status).toBe(200);
    reconciliation = rec.body;
  });
  afterAll(async () => t?.close());

  it("is pinned to the society's latest signed head", async () => {
    const head = await http.get(`/v1/societies/${ids.rao}/log/head`);
    expect(report.head).toMatchObject({ treeSize: head.body.treeSize, rootHash: head.body.rootHash, signature: head.body.signature });
    expect(report.society).toMatchObject({ cisacCode: '901', currency: 'RUB' });
  });

  it('has the money flows of the reconciliation, category by category, and its difference', () => {
    expect(report.conservation.categories).toEqual(reconciliation.categories);
    expect(report.conservation.balanced).toBe(reconciliation.balanced);
    expect(report.conservation.balanced).toBe(false); // the 2025Q3 undistributed report is missing
  });

  it('adds up to the reconciliation totals section by section', () => {
    const rec = (field: string) => sum(reconciliation.categories.filter((c: { currency: string }) => c.currency === 'RUB').map((c: Record<string, string>) => c[field]));
    const inFromOthers = sum(report.otherSocieties.flows.filter((f: { direction: string; currency: string }) => f.direction === 'in' && f.currency === 'RUB').map((f: { amount: string }) => f.amount));
    const revenue = report.revenue.totals.find((x: { currency: string }) => x.currency === 'RUB').amount;
    expect(dec(revenue).plus(inFromOthers).equals(rec('collected'))).toBe(true);
    const deducted = sum(report.deductions.totals.filter((x: { currency: string }) => x.currency === 'RUB').map((x: { amount: string }) => x.amount));
    expect(deducted.equals(rec('deductions'))).toBe(true);
    const holders = report.rightsHolders.totals.find((x: { currency: string }) => x.currency === 'RUB');
    expect(dec(holders.net).equals(rec('distributed'))).toBe(true);
    expect(dec(holders.paid).plus(holders.unpaid).plus(holders.unidentified).equals(holders.net)).toBe(true);
    const out = report.otherSocieties.totals.find((x: { direction: string; currency: string }) => x.direction === 'out' && x.currency === 'RUB');
    expect(dec(out.amount).equals(rec('toOtherSocieties'))).toBe(true);
    const undistributed = report.undistributed.totals.find((x: { currency: string }) => x.currency === 'RUB');
    expect(dec(undistributed.undistributed).plus(undistributed.nonDistributable).equals(rec('undistributed'))).toBe(true);
  });

  it('agrees with the audit on the management-cost ratio and shows the missing undistributed report', () => {
    expect(report.deductions.managementCosts).toEqual([expect.objectContaining({ currency: 'RUB', ratioPercent: '12.00' })]);
    expect(report.undistributed.coverage.missing).toEqual(['2025Q3']);
    // The required packages (income, deductions, distribution lines) are all there.
    expect(report.completeness).toMatchObject({ complete: true, missing: [] });
    expect(report.completeness.packages.find((p: { type: string; period: string }) => p.type === 'undistributed' && p.period === '2025Q3')).toMatchObject({ present: false, required: false });
    // Four quarters of paid lines, each paid on its own day; the rest unpaid or unidentified.
    expect(report.rightsHolders.payments.days).toBe(4);
    expect(report.nonContractual.rightsHolders).toBeGreaterThan(0);
    expect(report.nonContractual.unidentifiedLines).toBe(4);
    // The demo's board is in the registry only (no board package).
    expect(report.governance.board.source).toEqual({ kind: 'registry' });
    expect(report.governance.board.byConstituency.find((c: { constituency: string }) => c.constituency === 'publishers')).toEqual({ constituency: 'publishers', seats: 1 });
  });

  it('renders the same PDF and CSV twice', async () => {
    const get = async (format: string) => {
      const res = await fetch(`${t.baseUrl}/v1/societies/${ids.rao}/transparency-report?financialYear=2025&format=${format}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    const [pdf1, pdf2, csv1, csv2] = [await get('pdf'), await get('pdf'), await get('csv'), await get('csv')];
    expect(pdf1.equals(pdf2)).toBe(true);
    expect(csv1.equals(csv2)).toBe(true);
    if (process.env.TRANSPARENCY_PDF_OUT) writeFileSync(`${process.env.TRANSPARENCY_PDF_OUT}/transparency-rao-2025.pdf`, pdf1);
  });
});
