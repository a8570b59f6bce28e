import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../../merkle/src/index.js';
import { boardCandidates, buildReport, currentSubmissions, managementCostRatio, packageStates } from './report.js';
import { emptyInput, sampleInput } from './test-support/sample-input.js';

describe('the transparency report', () => {
  const report = buildReport(sampleInput());

  it('gives revenue per category of rights and type of use, and per currency', () => {
    expect(report.revenue.byCategoryAndUse).toEqual([
      { category: 'mechanical', useType: 'online', currency: 'EUR', amount: '10.01', lines: 1 },
      { category: 'performing', useType: 'radio', currency: 'RUB', amount: '700', lines: 2 },
      { category: 'performing', useType: 'tv', currency: 'RUB', amount: '300.5', lines: 1 },
    ]);
    expect(report.revenue.totals).toEqual([
      { currency: 'EUR', amount: '10.01', lines: 1 },
      { currency: 'RUB', amount: '1000.5', lines: 3 },
    ]);
  });

  it('gives deductions per kind and the management-cost ratio as the audit rule computes it', () => {
    expect(report.deductions.totals).toEqual([
      { kind: 'management', currency: 'RUB', amount: '100.05', lines: 2 },
      { kind: 'other', currency: 'RUB', amount: '0.45', lines: 1 },
      { kind: 'social-cultural', currency: 'RUB', amount: '20', lines: 1 },
    ]);
    expect(report.deductions.managementCosts).toEqual([
      { currency: 'EUR', managementCosts: '0', revenue: '10.01', ratioPercent: '0.00', ratioPercentPrecise: '0.000000' },
      { currency: 'RUB', managementCosts: '100.05', revenue: '1000.5', ratioPercent: '10.00', ratioPercentPrecise: '10.000000' },
    ]);
    expect(report.socialCultural.totals).toEqual([{ currency: 'RUB', amount: '20', lines: 1, sharePercentOfRevenue: '2.00' }]);
    expect(report.socialCultural.lines).toEqual([expect.objectContaining({ period: '2025Q2', deductionId: 'DED-2', amount: '20', description: '=Young composers fund' })]);
  });

  it('rounds the ratio half up to 2 places from its 6-place value, and has none without revenue', () => {
    expect(managementCostRatio('1', '3')).toEqual({ ratioPercent: '33.33', ratioPercentPrecise: '33.333333' });
    expect(managementCostRatio('2', '3')).toEqual({ ratioPercent: '66.67', ratioPercentPrecise: '66.666667' });
    expect(managementCostRatio('5', '0')).toEqual({ ratioPercent: null, ratioPercentPrecise: null });
  });

  it('gives what is due to rights holders: attributed, paid per use, unpaid, unidentified and the payment days', () => {
    expect(report.rightsHolders.byCategoryAndUse).toEqual([
      { category: 'performing', useType: 'radio', currency: 'RUB', gross: '700', managementFees: '105', otherDeductions: '8', net: '587', paid: '417', unpaid: '170', unidentified: '0', lines: 4 },
      { category: 'performing', useType: 'tv', currency: 'RUB', gross: '60', managementFees: '9', otherDeductions: '0', net: '51', paid: '8.5', unpaid: '0', unidentified: '42.5', lines: 2 },
    ]);
    expect(report.rightsHolders.totals).toEqual([
      { currency: 'RUB', gross: '760', managementFees: '114', otherDeductions: '8', net: '638', paid: '425.5', paidLines: 4, unpaid: '170', unpaidLines: 1, unidentified: '42.5', unidentifiedLines: 1, lines: 6 },
    ]);
    expect(report.rightsHolders.payments).toEqual({
      days: 2,
      dates: [
        { paidOn: '2025-03-30', category: 'performing', useType: 'radio', currency: 'RUB', net: '332', lines: 2 },
        { paidOn: '2025-03-30', category: 'performing', useType: 'tv', currency: 'RUB', net: '8.5', lines: 1 },
        { paidOn: '2025-06-27', category: 'performing', useType: 'radio', currency: 'RUB', net: '85', lines: 1 },
      ],
    });
  });

  it('gives undistributed amounts with reasons, non-distributable ones with their use, and transfers per society', () => {
    expect(report.undistributed.items.map((i) => [i.fyOfCollection, i.nonDistributable, i.decidedUse])).toEqual([
      [2021, true, 'Cultural fund (GA 2025-06-10)'],
      [2025, false, null],
    ]);
    expect(report.undistributed.totals).toEqual([{ currency: 'RUB', undistributed: '100', nonDistributable: '40', lines: 2 }]);
    expect(report.otherSocieties.flows).toEqual([
      { counterpartyCisac: '902', direction: 'in', category: 'performing', currency: 'RUB', amount: '5', paid: '5', due: '0', lines: 1 },
      { counterpartyCisac: '904', direction: 'out', category: 'performing', currency: 'RUB', amount: '50', paid: '30', due: '20', lines: 2 },
    ]);
    expect(report.otherSocieties.totals).toEqual([
      { direction: 'in', currency: 'RUB', amount: '5', paid: '5', due: '0', lines: 1 },
      { direction: 'out', currency: 'RUB', amount: '50', paid: '30', due: '20', lines: 2 },
    ]);
  });

  it('makes non-contractual management visible', () => {
    expect(report.nonContractual).toMatchObject({
      byCurrency: [{ currency: 'RUB', gross: '150', net: '127.5', lines: 2, sharePercentOfGross: '19.74' }],
      rightsHolders: 1,
      identifiedRightsHolders: 3,
      unidentifiedLines: 1,
    });
  });

  it('gives the board on the year end by constituency', () => {
    expect(report.governance.board).toMatchObject({
      date: '2025-12-31',
      seats: 3,
      byConstituency: [
        { constituency: 'authors', seats: 2 },
        { constituency: 'publishers', seats: 1 },
      ],
    });
    expect(report.governance.board.members.map((m) => m.memberId)).toEqual(['B-1', 'B-3', 'B-2']);
  });

  it('balances the money per category as the journal does, and shows the difference', () => {
    expect(report.conservation).toEqual({
      balanced: false,
      categories: [
        { category: 'mechanical', currency: 'EUR', collected: '10.01', deductions: '0', distributed: '0', toOtherSocieties: '0', undistributed: '0', difference: '10.01' },
        { category: 'performing', currency: 'RUB', collected: '1005.5', deductions: '120.5', distributed: '638', toOtherSocieties: '50', undistributed: '140', difference: '57' },
      ],
    });
  });

  it('says which required packages are missing rather than printing zeros for them', () => {
    expect(report.completeness.complete).toBe(false);
    expect(report.completeness.missing).toEqual(['income', 'deductions', 'distribution-lines'].flatMap((type) => ['2025Q3', '2025Q4'].map((period) => ({ type, period }))));
    expect(report.completeness.packages).toHaveLength(24);
    expect(report.completeness.packages.find((p) => p.type === 'income' && p.period === '2025Q1')).toEqual({
      type: 'income',
      period: '2025Q1',
      required: true,
      present: true,
      submissionId: '00000000-0000-4000-8000-000000000004',
      leafIndex: 3,
      committedAt: '2025-04-03T09:00:00.000Z',
      submissions: 2,
    });
    expect(report.revenue.coverage).toEqual({ type: 'income', periods: ['2025Q1', '2025Q2'], missing: ['2025Q3', '2025Q4'] });
    expect(report.undistributed.coverage.missing).toEqual(['2025Q1', '2025Q2', '2025Q3', '2025Q4']);
  });

  it('is complete when every required package is there, whatever the optional ones', () => {
    const quarters = ['2025Q1'];
    const r = buildReport(sampleInput({ quarters }));
    expect(r.completeness).toMatchObject({ complete: true, missing: [] });
    expect(r.completeness.packages.filter((p) => !p.present).map((p) => p.type)).toEqual(['inter-society', 'undistributed', 'board']);
  });

  it('reads only the current package of each type and quarter of the year', () => {
    const logged = sampleInput().logged;
    expect(currentSubmissions(logged, ['2025Q1', '2025Q2'], 'income').map((p) => p.leafIndex)).toEqual([3, 4]);
    expect(currentSubmissions(logged, ['2025Q2'], 'income').map((p) => p.leafIndex)).toEqual([4]);
    expect(packageStates(logged, ['2025Q1']).find((p) => p.type === 'income')!.submissionId).toBe('00000000-0000-4000-8000-000000000004');
    // Board packages of quarters begun by the date, latest quarter first.
    expect(boardCandidates(logged, '2025-12-31').map((p) => p.period)).toEqual(['2024Q4']);
    expect(boardCandidates(logged, '2026-01-01').map((p) => p.period)).toEqual(['2026Q1', '2024Q4']);
  });

  it('is the same report whatever the order the rows come in', () => {
    const input = sampleInput();
    const shuffled = sampleInput({
      income: [...input.income].reverse(),
      deductions: [...input.deductions].reverse(),
      distribution: [...input.distribution].reverse(),
      interSociety: [...input.interSociety].reverse(),
      undistributed: [...input.undistributed].reverse(),
      board: { ...input.board, members: [...input.board.members].reverse() },
      logged: [...input.logged].reverse(),
    });
    expect(canonicalJson(buildReport(shuffled))).toBe(canonicalJson(report));
  });

  it('is an empty but complete-looking document for an empty log, with every package missing', () => {
    const empty = buildReport(emptyInput());
    expect(empty.completeness.missing).toHaveLength(12);
    expect(empty.revenue.totals).toEqual([]);
    expect(empty.conservation).toEqual({ categories: [], balanced: true });
    expect(() => canonicalJson(empty)).not.toThrow();
  });
});
