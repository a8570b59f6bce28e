import type { AuditReport } from '../report.js';

/** A small report with one passing and one failing finding, a money flow, a histogram and a board. */
export function sampleReport(overrides: Partial<AuditReport> = {}): AuditReport {
  const head = { societyId: '11111111-1111-4111-8111-111111111111', cisacCode: '901', treeSize: 3, rootHash: 'ab'.repeat(32), timestamp: '2026-01-31T12:00:00.000Z', origin: 'collective-ledger/society/1', signature: 'c2ln', keyId: '0123456789abcdef' };
  return {
    format: 'collective-ledger/audit-report/2',
    society: { id: head.societyId, name: 'Общество авторов, "Test"', cisacCode: '901', country: 'RU', currency: 'RUB', fyEndMonth: 12, fyEndDay: 31 },
    financialYear: 2025,
    period: { from: '2025-01-01', to: '2025-12-31' },
    asOf: '2026-01-31',
    pinnedAt: head.timestamp,
    heads: [head],
    peers: { societies: 2, headsSha256: 'cd'.repeat(32) },
    head,
    jurisdiction: 'RU',
    rules: ['payout.distribution-deadline', 'payout.conservation', 'governance.board-representation'],
    summary: { rules: 3, passed: 1, failed: 2, failedBySeverity: { high: 1, medium: 1, low: 0 } },
    findings: [
      {
        rule: 'payout.distribution-deadline',
        title: 'Distribution within 9 months of the financial year end',
        source: 'Directive 2014/26/EU Art. 13(1)',
        severity: 'high',
        passed: true,
        details: 'All 2 lines paid, on time.',
        evidence: {
          deadline: '2026-09-30',
          histogram: [
            { bucket: 'by year end', lines: 2, net: '100.5' },
            { bucket: '0-3 months', lines: 0, net: '0' },
            { bucket: '3-6 months', lines: 0, net: '0' },
            { bucket: '6-9 months', lines: 0, net: '0' },
            { bucket: '9-12 months', lines: 1, net: '20' },
            { bucket: 'over 12 months', lines: 0, net: '0' },
            { bucket: 'unpaid', lines: 1, net: '7' },
            { bucket: 'unidentified', lines: 0, net: '0' },
          ],
        },
        metrics: { medianDelayDays: -10 },
        parameters: { monthsAfterYearEnd: 9 },
      },
      {
        rule: 'payout.conservation',
        title: 'Collected money is all accounted for (conservation)',
        source: 'Directive 2014/26/EU Art. 11(2)-(4)',
        severity: 'high',
        passed: false,
        details: 'performing: RUB 10 collected and not accounted for, "quoted", with a comma.',
        evidence: {
          moneyFlow: [{ currency: 'RUB', collected: '1000', management: '100', socialCultural: '20', otherDeductions: '0', toOtherSocieties: '50', undistributed: '100', distributed: '720', paid: '700', outstanding: '20', difference: '10' }],
          differences: [{ category: 'performing', currency: 'RUB', difference: '10' }],
        },
        metrics: { differences: 1 },
        parameters: { tolerance: '0' },
      },
      {
        rule: 'governance.board-representation',
        title: 'Board seats in proportion to market share (entitled against actual)',
        source: 'Directive 2014/26/EU Art. 9(2)',
        severity: 'medium',
        passed: false,
        details: '=publishers hold 1 seat for an entitlement of 5.',
        evidence: {
          constituencies: [
            { constituency: 'authors', sharePercent: '20.000000', entitledSeats: 1, actualSeats: 3, gap: 2 },
            { constituency: 'publishers', sharePercent: '80.000000', entitledSeats: 5, actualSeats: 1, gap: -4 },
            { constituency: 'other', sharePercent: null, entitledSeats: null, actualSeats: 0, gap: null },
          ],
        },
        metrics: { maxShortfall: 4, gallagher: '50.000000' },
        parameters: { maxSeatShortfall: 0, maxGallagher: null },
      },
    ],
    ...overrides,
  };
}
