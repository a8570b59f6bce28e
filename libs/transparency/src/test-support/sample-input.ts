import type { LoggedPackage, ReportInput } from '../report.js';

const S = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A small year: every required package of 2025Q1 and 2025Q2 (Q3 and Q4 missing), one income package corrected. */
export function sampleInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const logged: LoggedPackage[] = [
    { submissionId: S(1), leafIndex: 0, committedAt: '2025-04-02T10:00:00.000Z', type: 'income', period: '2025Q1', current: false },
    { submissionId: S(2), leafIndex: 1, committedAt: '2025-04-02T10:00:01.000Z', type: 'deductions', period: '2025Q1', current: true },
    { submissionId: S(3), leafIndex: 2, committedAt: '2025-04-02T10:00:02.000Z', type: 'distribution-lines', period: '2025Q1', current: true },
    { submissionId: S(4), leafIndex: 3, committedAt: '2025-04-03T09:00:00.000Z', type: 'income', period: '2025Q1', current: true },
    { submissionId: S(5), leafIndex: 4, committedAt: '2025-07-01T09:00:00.000Z', type: 'income', period: '2025Q2', current: true },
    { submissionId: S(6), leafIndex: 5, committedAt: '2025-07-01T09:00:01.000Z', type: 'deductions', period: '2025Q2', current: true },
    { submissionId: S(7), leafIndex: 6, committedAt: '2025-07-01T09:00:02.000Z', type: 'distribution-lines', period: '2025Q2', current: true },
    { submissionId: S(8), leafIndex: 7, committedAt: '2025-07-01T09:00:03.000Z', type: 'board', period: '2024Q4', current: true },
    { submissionId: S(9), leafIndex: 8, committedAt: '2025-07-01T09:00:04.000Z', type: 'board', period: '2026Q1', current: true },
  ];
  return {
    society: { id: S(100), name: 'Общество авторов', cisacCode: '901', country: 'RU', currency: 'RUB', fyEndMonth: 12, fyEndDay: 31 },
    financialYear: 2025,
    period: { from: '2025-01-01', to: '2025-12-31' },
    quarters: ['2025Q1', '2025Q2', '2025Q3', '2025Q4'],
    publicationDeadline: '2026-08-31',
    head: { societyId: S(100), cisacCode: '901', treeSize: 9, rootHash: 'ab'.repeat(32), timestamp: '2025-07-01T09:00:05.000Z', origin: `collective-ledger/society/${S(100)}`, signature: '+sig==', keyId: '0123456789abcdef' },
    logged,
    income: [
      { category: 'performing', useType: 'tv', currency: 'RUB', amount: '300.5', lines: 1 },
      { category: 'performing', useType: 'radio', currency: 'RUB', amount: '700', lines: 2 },
      { category: 'mechanical', useType: 'online', currency: 'EUR', amount: '10.01', lines: 1 },
    ],
    deductions: [
      { kind: 'management', category: 'performing', currency: 'RUB', amount: '100.05', lines: 2 },
      { kind: 'social-cultural', category: 'performing', currency: 'RUB', amount: '20', lines: 1 },
      { kind: 'other', category: 'performing', currency: 'RUB', amount: '0.45', lines: 1 },
    ],
    socialCulturalLines: [{ submissionId: S(6), period: '2025Q2', lineNo: 2, deductionId: 'DED-2', category: 'performing', currency: 'RUB', amount: '20', description: '=Young composers fund' }],
    distribution: [
      { category: 'performing', useType: 'radio', currency: 'RUB', status: 'paid', basis: 'contractual', paidOn: '2025-03-30', lines: 2, gross: '400', managementFee: '60', otherDeductions: '8', net: '332' },
      { category: 'performing', useType: 'radio', currency: 'RUB', status: 'paid', basis: 'non-contractual', paidOn: '2025-06-27', lines: 1, gross: '100', managementFee: '15', otherDeductions: '0', net: '85' },
      { category: 'performing', useType: 'radio', currency: 'RUB', status: 'unpaid', basis: 'contractual', paidOn: null, lines: 1, gross: '200', managementFee: '30', otherDeductions: '0', net: '170' },
      { category: 'performing', useType: 'tv', currency: 'RUB', status: 'unidentified', basis: 'non-contractual', paidOn: null, lines: 1, gross: '50', managementFee: '7.5', otherDeductions: '0', net: '42.5' },
      { category: 'performing', useType: 'tv', currency: 'RUB', status: 'paid', basis: 'contractual', paidOn: '2025-03-30', lines: 1, gross: '10', managementFee: '1.5', otherDeductions: '0', net: '8.5' },
    ],
    holders: { nonContractual: 1, total: 3 },
    interSociety: [
      { counterpartyCisac: '904', direction: 'out', category: 'performing', currency: 'RUB', paid: true, amount: '30', lines: 1 },
      { counterpartyCisac: '904', direction: 'out', category: 'performing', currency: 'RUB', paid: false, amount: '20', lines: 1 },
      { counterpartyCisac: '902', direction: 'in', category: 'performing', currency: 'RUB', paid: true, amount: '5', lines: 1 },
    ],
    undistributed: [
      { category: 'performing', fyOfCollection: 2025, currency: 'RUB', nonDistributable: false, reason: 'Awaiting claims', decidedUse: null, amount: '100', lines: 1 },
      { category: 'performing', fyOfCollection: 2021, currency: 'RUB', nonDistributable: true, reason: 'Unclaimed after 3 years', decidedUse: 'Cultural fund (GA 2025-06-10)', amount: '40', lines: 1 },
    ],
    board: {
      source: { kind: 'board-package', submissionId: S(8), period: '2024Q4' },
      members: [
        { memberId: 'B-2', name: 'Melodiya Publishing', constituency: 'publishers', seatFrom: '2022-06-01', seatTo: null },
        { memberId: 'B-1', name: 'Orlov, Pavel', constituency: 'authors', seatFrom: '2022-06-01', seatTo: '2026-05-31' },
        { memberId: 'B-3', name: 'Petrova, Anna', constituency: 'authors', seatFrom: '2024-01-01', seatTo: null },
      ],
    },
    ...overrides,
  };
}

/** The input of a society whose log is empty: no head, no packages, no board. */
export function emptyInput(): ReportInput {
  return sampleInput({
    head: { societyId: 's', cisacCode: '901', treeSize: 0, rootHash: null, timestamp: null, origin: null, signature: null, keyId: null },
    logged: [],
    income: [],
    deductions: [],
    socialCulturalLines: [],
    distribution: [],
    holders: { nonContractual: 0, total: 0 },
    interSociety: [],
    undistributed: [],
    board: { source: { kind: 'none' }, members: [] },
  });
}
