import { describe, expect, it } from '@jest/globals';
import { attributedByKind } from './governance-board.js';
import { packageState, quartersOf } from './governance-transparency.js';
import { type JournalSum, categoryFlows, moneyFlow } from './payout-conservation.js';
import { costRatioJudgement, median } from './payout-deductions.js';
import { delayBucket, delayHistogram, medianDelayDays } from './payout-distribution-deadline.js';
import { transferState } from './payout-inter-society.js';
import { undistributedProblem } from './payout-undistributed.js';
import type { LineFact, PaymentDay, RuleContext } from './rule.js';

const year = { year: 2025, from: '2025-01-01', to: '2025-12-31' };
const ctx = (facts: LineFact[] = []) => ({ year, facts }) as unknown as RuleContext;
const pay = (paidOn: string, net: string, useYear = 2025, currency = 'EUR'): PaymentDay => ({ useYear, currency, paidOn, lines: 1, net });

describe('distribution delays', () => {
  it('buckets payments by months after the year end', () => {
    expect(delayBucket('2025-12-31', year.to)).toBe('by year end');
    expect(delayBucket('2026-03-31', year.to)).toBe('0-3 months');
    expect(delayBucket('2026-04-01', year.to)).toBe('3-6 months');
    expect(delayBucket('2026-09-30', year.to)).toBe('6-9 months');
    expect(delayBucket('2026-10-01', year.to)).toBe('9-12 months');
    expect(delayBucket('2027-01-01', year.to)).toBe('over 12 months');
  });

  it('finds the day by which half the money was paid, counting only the year and currency asked for', () => {
    const payments = [pay('2025-06-30', '10'), pay('2026-01-31', '30'), pay('2026-03-02', '20'), pay('2026-01-01', '1000', 2024), pay('2025-01-01', '1000', 2025, 'SEK')];
    expect(medianDelayDays(payments, ctx(), 'EUR')).toBe(31); // 10 + 30 ≥ 60 / 2 on 2026-01-31
    expect(medianDelayDays([pay('2025-06-30', '10')], ctx(), 'EUR')).toBe(-184);
    expect(medianDelayDays([], ctx(), 'EUR')).toBeNull();
  });

  it('adds the unpaid and unidentified lines to the histogram', () => {
    const fact = (status: LineFact['status'], net: string): LineFact => ({ useYear: 2025, status, basis: 'contractual', currency: 'EUR', kind: null, origin: 'unidentified', lines: 2, gross: net, managementFee: '0', net });
    const bars = delayHistogram([pay('2026-11-01', '5')], ctx([fact('unpaid', '7'), fact('unidentified', '3')]), 'EUR');
    expect(bars.map((b) => [b.bucket, b.lines, b.net])).toEqual([
      ['by year end', 0, '0'], ['0-3 months', 0, '0'], ['3-6 months', 0, '0'], ['6-9 months', 0, '0'], ['9-12 months', 1, '5'], ['over 12 months', 0, '0'], ['unpaid', 2, '7'], ['unidentified', 2, '3'],
    ]);
  });
});

describe('undistributed amounts', () => {
  const line = (fyOfCollection: number, nonDistributable: boolean, decidedUse: string | null = null) => ({ submissionId: 's', period: '2025Q1', lineNo: 2, category: 'performing', fyOfCollection, currency: 'EUR', amount: '1', reason: 'r', nonDistributable, decidedUse });
  it('flags money held past the limit, declared too early, or declared without a decided use', () => {
    expect(undistributedProblem(line(2022, false), 2025, 3)).toBe('held-past-limit');
    expect(undistributedProblem(line(2023, false), 2025, 3)).toBeNull();
    expect(undistributedProblem(line(2023, true, 'Fund'), 2025, 3)).toBe('declared-too-early');
    expect(undistributedProblem(line(2021, true, ' '), 2025, 3)).toBe('no-decided-use');
    expect(undistributedProblem(line(2021, true, 'Social fund (GA 2025-06-10)'), 2025, 3)).toBeNull();
  });
});

describe('management costs', () => {
  const r = (societyId: string, income: string, management: string) => ({ societyId, income, management, socialCultural: '0' });
  it('takes the median of exact decimals', () => {
    expect(median(['3', '1', '2'])).toBe('2');
    expect(median(['1', '2', '4', '3'])).toBe('2.5');
    expect(median([])).toBeNull();
  });
  it('fails above the cap, above the peer median times the factor, and for fees without income', () => {
    const peers = [r('a', '100', '10'), r('b', '100', '12'), r('c', '100', '30'), r('d', '0', '0')];
    const p = { maxPercent: null, peerFactor: '1.5', minPeers: 3 };
    expect(costRatioJudgement(peers[2]!, peers, p)).toMatchObject({ ratio: '30.000000', median: '12', peers: 3, overPeers: true, overCap: false });
    expect(costRatioJudgement(peers[1]!, peers, p)).toMatchObject({ overPeers: false });
    expect(costRatioJudgement(peers[1]!, peers, { ...p, maxPercent: '11.99' })).toMatchObject({ overCap: true });
    expect(costRatioJudgement(peers[2]!, peers, { ...p, minPeers: 4 })).toMatchObject({ overPeers: false });
    expect(costRatioJudgement(r('e', '0', '5'), peers, p)).toMatchObject({ ratio: null, withoutIncome: true });
  });
});

describe('conservation', () => {
  const rows: JournalSum[] = [
    { kind: 'income', account: 'pool:performing', currency: 'EUR', amount: '-1000' },
    { kind: 'inter-society:in', account: 'pool:performing', currency: 'EUR', amount: '-100' },
    { kind: 'deductions', account: 'pool:performing', currency: 'EUR', amount: '150' },
    { kind: 'deductions', account: 'deductions:management', currency: 'EUR', amount: '-120' },
    { kind: 'deductions', account: 'deductions:social-cultural', currency: 'EUR', amount: '-30' },
    { kind: 'distribution-lines', account: 'pool:performing', currency: 'EUR', amount: '700' },
    { kind: 'distribution-lines:payment', account: 'cash', currency: 'EUR', amount: '-650' },
    { kind: 'inter-society:out', account: 'pool:performing', currency: 'EUR', amount: '50' },
    { kind: 'undistributed', account: 'pool:performing', currency: 'EUR', amount: '100' },
    { kind: 'income', account: 'pool:mechanical', currency: 'EUR', amount: '-10.5' },
  ];
  it('balances each category: collected = deductions + distributed + to others + undistributed + difference', () => {
    expect(categoryFlows(rows)).toEqual([
      { category: 'mechanical', currency: 'EUR', collected: '10.5', deductions: '0', distributed: '0', toOtherSocieties: '0', undistributed: '0', difference: '10.5' },
      { category: 'performing', currency: 'EUR', collected: '1100', deductions: '150', distributed: '700', toOtherSocieties: '50', undistributed: '100', difference: '100' },
    ]);
  });
  it('follows the money from collected to paid', () => {
    expect(moneyFlow(rows, 'EUR')).toEqual({
      currency: 'EUR', collected: '1110.5', management: '120', socialCultural: '30', otherDeductions: '0', toOtherSocieties: '50', undistributed: '100', distributed: '700', paid: '650', outstanding: '50', difference: '110.5',
    });
  });
});

describe('deadlines of transfers and packages', () => {
  const t = (paidOn: string | null) => ({ counterpartyCisac: '904', transferId: 'T', currency: 'EUR', amount: '1', paidOn, periods: ['2025Q1'] });
  it('judges a transfer against its deadline on the audit date', () => {
    expect(transferState(t('2026-09-30'), '2026-09-30', '2027-01-01')).toBe('on-time');
    expect(transferState(t('2026-10-01'), '2026-09-30', null)).toBe('late');
    expect(transferState(t(null), '2026-09-30', '2026-10-01')).toBe('overdue');
    expect(transferState(t(null), '2026-09-30', '2026-09-30')).toBe('not-yet-due');
    expect(transferState(t(null), '2026-09-30', null)).toBe('not-yet-due');
  });
  it('judges a required package by when it first entered the log', () => {
    expect(packageState('2026-08-31T23:59:59.999Z', '2026-08-31', null)).toBe('on-time');
    expect(packageState('2026-09-01T00:00:00.000Z', '2026-08-31', null)).toBe('late');
    expect(packageState(null, '2026-08-31', '2026-09-01')).toBe('missing');
    expect(packageState(null, '2026-08-31', '2026-08-31')).toBe('not-yet-due');
  });
  it('takes the quarters ending in the financial year', () => {
    expect(quartersOf(year)).toEqual(['2025Q1', '2025Q2', '2025Q3', '2025Q4']);
    expect(quartersOf({ year: 2025, from: '2024-07-01', to: '2025-06-30' })).toEqual(['2024Q3', '2024Q4', '2025Q1', '2025Q2']);
    expect(quartersOf({ year: 2025, from: '2024-03-16', to: '2025-03-15' })).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4']);
  });
});

describe('board money', () => {
  it('sums gross per kind over the look-back years in the society currency, in 10⁻⁸ units', () => {
    const f = (useYear: number, kind: string | null, gross: string, currency = 'EUR'): LineFact => ({ useYear, status: 'paid', basis: 'contractual', currency, kind, origin: 'domestic', lines: 1, gross, managementFee: '0', net: gross });
    expect(attributedByKind([f(2025, 'author', '1.5'), f(2024, 'author', '2'), f(2023, 'author', '100'), f(2025, 'publisher', '0.00000001'), f(2025, null, '9'), f(2025, 'author', '7', 'SEK')], [2024, 2025], 'EUR')).toEqual({
      author: 350_000_000n,
      publisher: 1n,
    });
  });
});
