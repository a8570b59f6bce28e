import { describe, expect, it } from '@jest/globals';
import { answerDeadlines, deadlineState, distributionDeadlines, noticesEffectiveSoon, packageDeadlines, quartersEndedSince, quartersEndingIn, type SocietyFacts, transparencyDeadlines, type UnpaidGroup } from './due.js';

const S = '11111111-1111-4111-8111-111111111111';
const H1 = '22222222-2222-4222-8222-222222222222';
const H2 = '33333333-3333-4333-8333-333333333333';

function society(overrides: Partial<SocietyFacts> = {}): SocietyFacts {
  return {
    id: S,
    name: 'S',
    fyEnd: { month: 12, day: 31 },
    distributionMonths: 9,
    transparencyMonths: 8,
    requiredTypes: ['income', 'deductions', 'distribution-lines'],
    firstPeriod: '2025Q1',
    committed: new Set(),
    ...overrides,
  };
}

describe('due events', () => {
  it('counts the quarters that ended, and those of a financial year', () => {
    expect(quartersEndedSince('2025Q3', '2026-04-01')).toEqual(['2025Q3', '2025Q4', '2026Q1']);
    expect(quartersEndedSince('2025Q3', '2025-09-30')).toEqual([]);
    expect(quartersEndingIn('2024-07-01', '2025-06-30')).toEqual(['2024Q3', '2024Q4', '2025Q1', '2025Q2']);
  });

  it('says approaching within the warning, missed after the day', () => {
    expect(deadlineState('2026-04-30', '2026-04-30', 30)).toBe('approaching');
    expect(deadlineState('2026-04-30', '2026-05-01', 30)).toBe('missed');
    expect(deadlineState('2026-04-30', '2026-03-31', 30)).toBe('approaching');
    expect(deadlineState('2026-04-30', '2026-03-30', 30)).toBeNull();
  });

  it('names each quarterly package not committed: missed 30 days after its quarter, approaching before', () => {
    const facts = society({ firstPeriod: '2025Q4', committed: new Set(['income 2025Q4', 'deductions 2025Q4', 'distribution-lines 2025Q4', 'income 2026Q1']) });
    const events = packageDeadlines(facts, '2026-04-10');
    expect(events.map((e) => [e.type, e.key])).toEqual([
      ['deadline.approaching', 'deadline.approaching:quarterly-package:deductions:2026Q1:2026-04-30'],
      ['deadline.approaching', 'deadline.approaching:quarterly-package:distribution-lines:2026Q1:2026-04-30'],
    ]);
    expect(packageDeadlines(facts, '2026-05-01').map((e) => e.type)).toEqual(['deadline.missed', 'deadline.missed']);
    // The same deadline on another day has the same key: told once.
    expect(packageDeadlines(facts, '2026-05-02').map((e) => e.key)).toEqual(packageDeadlines(facts, '2026-05-01').map((e) => e.key));
    expect(packageDeadlines(society({ firstPeriod: null }), '2026-05-01')).toEqual([]);
  });

  it('tells of the transparency report when a required package of the year is missing, 8 months after its end (Art. 22(1))', () => {
    const all = new Set(['2025Q1', '2025Q2', '2025Q3', '2025Q4'].flatMap((q) => ['income', 'deductions', 'distribution-lines'].map((t) => `${t} ${q}`)));
    expect(transparencyDeadlines(society({ committed: all }), '2026-09-01')).toEqual([]);
    all.delete('income 2025Q3');
    const [late] = transparencyDeadlines(society({ committed: all }), '2026-09-01');
    expect(late).toMatchObject({ type: 'deadline.missed', key: 'deadline.missed:transparency-report:FY2025:2026-08-31', data: { deadline: { kind: 'transparency-report', due: '2026-08-31', financialYear: 2025 }, missing: [{ type: 'income', period: '2025Q3' }] } });
    expect(transparencyDeadlines(society({ committed: all }), '2026-08-01')[0]).toMatchObject({ type: 'deadline.approaching' });
    expect(transparencyDeadlines(society({ committed: all }), '2026-07-31')).toEqual([]);
    // A financial year ending 30 June.
    const june = society({ fyEnd: { month: 6, day: 30 }, firstPeriod: '2025Q3' });
    expect(transparencyDeadlines(june, '2027-03-01').map((e) => e.key)).toEqual(['deadline.missed:transparency-report:FY2026:2027-02-28']);
  });

  it('tells the society of unpaid money after the Art. 13(1) months, and each holder of what is overdue to them, summed exactly', () => {
    const unpaid: UnpaidGroup[] = [
      { societyId: S, rightsHolderId: H1, fyEnd: '2025-12-31', currency: 'EUR', amount: '0.1', lines: 1 },
      { societyId: S, rightsHolderId: H1, fyEnd: '2025-12-31', currency: 'EUR', amount: '0.2', lines: 2 },
      { societyId: S, rightsHolderId: H2, fyEnd: '2025-12-31', currency: 'SEK', amount: '100000000000000000.00000001', lines: 1 },
      { societyId: S, rightsHolderId: null, fyEnd: '2025-12-31', currency: 'EUR', amount: '5', lines: 1 },
      { societyId: S, rightsHolderId: H1, fyEnd: '2026-12-31', currency: 'EUR', amount: '7', lines: 1 },
      { societyId: 'other', rightsHolderId: H1, fyEnd: '2025-12-31', currency: 'EUR', amount: '9', lines: 1 },
    ];
    expect(distributionDeadlines(society(), unpaid, '2026-08-30')).toEqual([]);
    const approaching = distributionDeadlines(society(), unpaid, '2026-09-01');
    expect(approaching.map((e) => e.type)).toEqual(['deadline.approaching']);
    const events = distributionDeadlines(society(), unpaid, '2026-10-01');
    expect(events.map((e) => [e.type, e.key])).toEqual([
      ['deadline.missed', 'deadline.missed:distribution:FY2025:2026-09-30'],
      ['money.overdue', `money.overdue:${H1}:FY2025:2026-09-30`],
      ['money.overdue', `money.overdue:${H2}:FY2025:2026-09-30`],
    ]);
    expect(events[0].data).toMatchObject({ unpaidLines: 5, amounts: [{ currency: 'EUR', amount: '5.3' }, { currency: 'SEK', amount: '100000000000000000.00000001' }] });
    expect(events[1]).toMatchObject({ to: { rightsHolders: [H1] }, data: { unpaidLines: 3, amounts: [{ currency: 'EUR', amount: '0.3' }], deadline: '2026-09-30' } });
    // A jurisdiction with another deadline.
    expect(distributionDeadlines(society({ distributionMonths: 6 }), unpaid, '2026-07-01')[0].key).toBe('deadline.missed:distribution:FY2025:2026-06-30');
  });

  it('tells of notices taking effect within 30 days, and of mandate requests waiting for an answer', () => {
    const ending = [
      { societyId: S, mandateId: 'm1', version: 2, rightsHolderId: H1, change: 'terminated', category: 'performing', workType: 'musical', lastDay: '2026-12-31' },
      { societyId: S, mandateId: 'm2', version: 3, rightsHolderId: H2, change: 'withdrawn', category: 'mechanical', workType: 'musical', lastDay: '2027-03-31' },
    ];
    const soon = noticesEffectiveSoon(ending, '2026-12-07');
    expect(soon).toHaveLength(1);
    expect(soon[0]).toMatchObject({ type: 'notice.effective-soon', key: 'notice.effective-soon:m1:2', to: { societies: [S], rightsHolders: [H1] }, data: { lastDay: '2026-12-31', effectiveFrom: '2027-01-01' } });
    const requests = [{ societyId: S, mandateId: 'r1', rightsHolderId: H1, category: 'performing', workType: 'musical', requestedOn: '2026-11-01', answerDueBy: '2026-12-01' }];
    const societies = new Map([[S, society()]]);
    expect(answerDeadlines(societies, requests, '2026-11-20')).toEqual([]);
    expect(answerDeadlines(societies, requests, '2026-11-25')[0]).toMatchObject({ type: 'deadline.approaching', to: { societies: [S] } });
    expect(answerDeadlines(societies, requests, '2026-12-02')[0]).toMatchObject({ type: 'deadline.missed', to: { societies: [S], rightsHolders: [H1] } });
  });
});
