import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Http } from '../support/http.js';
import { loadDemoAndSettle } from '../support/demo.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { auditAndWait, findingOf } from './support.js';

/**
 * Audits of the demo world find what it was built to show. (AUDIT_PDF_OUT=dir writes the
 * RAO-like society's PDF report there, to look at.)
 */
describe('audits of the demo world', () => {
  let t: TestApp;
  let http: Http;
  let ids: Record<string, string>;
  let rao: any;

  beforeAll(async () => {
    t = await bootTestApp();
    ids = (await loadDemoAndSettle(t)).societyIds;
    http = new Http(t.baseUrl, t.adminToken);
    rao = await auditAndWait(http, { societyId: ids.rao, financialYear: 2025 });
  });
  afterAll(async () => t?.close());

  it('finds the RAO-like society: unpaid lines, the missing undistributed report, unpaid transfers, publishers short of seats, a mandate used after its end', async () => {
    expect(rao).toMatchObject({ status: 'done', error: null });
    const failed = rao.findings.filter((f: { passed: boolean }) => !f.passed).map((f: { rule: string }) => f.rule);
    expect(failed).toEqual(
      expect.arrayContaining([
        'payout.outstanding', 'payout.conservation', 'payout.inter-society-transfer', 'governance.board-representation', 'governance.post-termination-activity',
        'governance.mandate-declared-without-mandate', 'governance.mandate-entrusted-elsewhere',
      ]),
    );
    expect(findingOf(rao, 'payout.distribution-deadline').passed).toBe(true);
    expect(findingOf(rao, 'payout.management-cost-ratio')).toMatchObject({ passed: true, evidence: { ratioPercent: '12.00', peersWithIncome: 4 } });
    // The 2025Q3 undistributed report is missing: the performing pool keeps that quarter's undistributed money.
    expect(findingOf(rao, 'payout.conservation').evidence.differences).toEqual([expect.objectContaining({ category: 'performing', currency: 'RUB' })]);
    const board = findingOf(rao, 'governance.board-representation').evidence.constituencies;
    expect(board.find((c: { constituency: string }) => c.constituency === 'publishers')).toMatchObject({ actualSeats: 1, gap: expect.any(Number) });
    expect(board.find((c: { constituency: string }) => c.constituency === 'publishers').gap).toBeLessThan(0);
    expect(findingOf(rao, 'governance.post-termination-activity').evidence.lines[0]).toMatchObject({ mandateEnded: '2024-06-30', basis: 'contractual' });
    // The line for rights entrusted exclusively to the Nordic bureau (cisac 904), and lines labelled contractual without a mandate.
    expect(findingOf(rao, 'governance.mandate-entrusted-elsewhere').evidence.examples).toEqual([expect.objectContaining({ lineId: 'RAO-2025Q2-N001', territory: 'SE', entrustedTo: '904' })]);
    expect(findingOf(rao, 'governance.mandate-declared-without-mandate').evidence.found[0]).toMatchObject({ currency: 'RUB', lines: expect.any(Number) });
    // The RAO-like society's payments to the Nordic bureau, which never books them as received (issue 14).
    const matching = findingOf(rao, 'payout.inter-society-matching');
    expect(matching.passed).toBe(false);
    expect(matching.evidence.failing).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 'unmatched-out', incoming: null, outgoing: expect.objectContaining({ society: '901', transferId: 'TR-2025Q3-1', to: '904' }) })]),
    );
    // Rights holder 2's claim of 2025-10-20 on the RAO-like society's 2025Q3 line was never answered (the demo's claims, issue 17).
    expect(findingOf(rao, 'payout.claims-answered')).toMatchObject({
      passed: false,
      evidence: { claims: 2, byStatus: { open: 1, accepted: 1 }, unanswered: [expect.objectContaining({ lineId: 'RAO-2025Q3-U001', claimedOn: '2025-10-20', answerDueBy: '2025-12-19' })] },
    });
    const share = findingOf(rao, 'governance.non-contractual-management').evidence;
    expect(Number(share.verified.sharePercent)).toBeGreaterThan(Number(share.declared.sharePercent));

    if (process.env.AUDIT_PDF_OUT) {
      const pdf = await fetch(`${t.baseUrl}/v1/audits/${rao.id}/report.pdf`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      writeFileSync(`${process.env.AUDIT_PDF_OUT}/audit-rao-2025.pdf`, Buffer.from(await pdf.arrayBuffer()));
    }
  });

  it('ingested every demo package, the JSON Lines ones (the foreign society’s undistributed reports), the CWR files and the DSR report like the CSV ones', async () => {
    const rows: { format: string; status: string; n: number }[] = await t.dataSource.query(
      `SELECT format, status, count(*)::int AS n FROM submissions GROUP BY format, status ORDER BY format, status`,
    );
    expect(rows).toEqual([
      { format: 'csv', status: 'committed', n: expect.any(Number) },
      { format: 'csv', status: 'rejected', n: 1 },
      // The RAO-like society's 2024Q4 distribution package, replaced by its correction (issue 17 item 4).
      { format: 'csv', status: 'superseded', n: 1 },
      // The industry formats (issue 16, libs/demo/src/demo-works.ts): three CWR files and a DSR report.
      { format: 'cwr', status: 'committed', n: 3 },
      { format: 'dsr', status: 'committed', n: 1 },
      { format: 'ndjson', status: 'committed', n: 8 },
    ]);
  });

  it('finds the RSP-like society managing without a valid accreditation and lacking its rejected package', async () => {
    const rsp = await auditAndWait(http, { societyId: ids.rsp, financialYear: 2025, rules: ['governance.accreditation', 'governance.transparency-report'] });
    expect(findingOf(rsp, 'governance.accreditation')).toMatchObject({ passed: false, evidence: { uncovered: [{ from: '2025-01-01', to: '2025-12-31' }] } });
    const transparency = findingOf(rsp, 'governance.transparency-report');
    expect(transparency.passed).toBe(false);
    expect(transparency.evidence.packages).toEqual(expect.arrayContaining([{ type: 'distribution-lines', period: '2025Q4', firstCommitted: null, state: 'missing' }]));
  });

  it('puts the four societies side by side for the regulator', async () => {
    const overview = await http.get('/v1/regulator/overview?financialYear=2025');
    expect(overview.status).toBe(200);
    expect(overview.body.societies.map((s: { cisacCode: string }) => s.cisacCode)).toEqual(['901', '902', '903', '904']);
    const raoRow = overview.body.societies[0];
    expect(raoRow).toMatchObject({ costRatioPercent: '12.00', latestAudit: { id: rao.id, reportSha256: rao.reportSha256 }, error: null });
    expect(raoRow.boardGap.maxShortfall).toBeGreaterThan(0);
    expect(raoRow.findings.failed).toBe(rao.summary.failed);
    // Non-contractual management, declared against verified, and its trend year on year (2024 and 2025 have lines).
    expect(Number(raoRow.verifiedNonContractualSharePercent)).toBeGreaterThan(Number(raoRow.nonContractualSharePercent));
    expect(raoRow.nonContractualTrend.map((p: { financialYear: number }) => p.financialYear)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(raoRow.nonContractualTrend[4]).toEqual({ financialYear: 2025, declaredPercent: raoRow.nonContractualSharePercent, verifiedPercent: raoRow.verifiedNonContractualSharePercent });
    expect(raoRow.nonContractualTrend[0]).toEqual({ financialYear: 2021, declaredPercent: null, verifiedPercent: null });
  });
});
