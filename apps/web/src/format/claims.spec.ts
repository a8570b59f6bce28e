import { describe, expect, it } from '@jest/globals';
import type { Claim } from '../api/types';
import { daysWaited, describeAnswer } from './claims';

const claim = (over: Partial<Claim>): Claim => ({
  id: 'c1',
  societyId: 's1',
  societyName: 'RAO',
  rightsHolderId: 'h1',
  rightsHolderName: 'Volkov, Ivan',
  rightsHolderIpi: '00052210040',
  submissionId: 'sub',
  lineNo: 7,
  lineId: 'U-1',
  status: 'open',
  claimedAt: '2025-10-20T09:00:00.000Z',
  note: null,
  recordedBy: 'rights-holder: demo',
  answeredAt: null,
  reason: null,
  payment: null,
  history: [],
  line: { nameOnLine: 'Volkov, Ivan', workIswc: null, workTitle: 'Untitled', category: 'performing', useType: 'radio', useFrom: '2025-07-01', useTo: '2025-09-30', currency: 'RUB', gross: '70', net: '63' },
  ...over,
});

describe('claims as the pages say them', () => {
  it('counts the days a claim waited, to its answer or to today', () => {
    expect(daysWaited(claim({}), '2025-10-30')).toBe(10);
    expect(daysWaited(claim({ answeredAt: '2025-11-01T23:59:00.000Z' }), '2026-12-07')).toBe(12);
  });

  it('says how each claim stands, and when an open one has waited past the default 60 days', () => {
    expect(describeAnswer(claim({}), '2025-10-21')).toBe('Awaiting the society’s answer for 1 day.');
    expect(describeAnswer(claim({}), '2025-12-19')).toBe('Awaiting the society’s answer for 60 days.');
    expect(describeAnswer(claim({}), '2025-12-20')).toBe('Awaiting the society’s answer for 61 days. That is more than the 60 days an audit allows by default.');
    // Dates are written with no-break spaces (libs/i18n formatDate: a date is never broken across lines).
    expect(describeAnswer(claim({ status: 'accepted', answeredAt: '2025-11-02T10:00:00.000Z' }), '2026-01-01')).toBe('Accepted on 2\u00a0Nov\u00a02025; the society pays it in a later package.');
    expect(describeAnswer(claim({ status: 'refused', answeredAt: '2025-11-02T10:00:00.000Z', reason: 'Another author' }), '2026-01-01')).toBe('Refused on 2\u00a0Nov\u00a02025: Another author');
    const payment = { submissionId: 'p', period: '2026Q1', lineNo: 3, lineId: 'C-1', paidOn: '2026-03-28', currency: 'RUB', net: '63' };
    expect(describeAnswer(claim({ status: 'paid', answeredAt: '2026-03-31T10:00:00.000Z', payment }), '2026-04-01')).toBe('Paid 63.00 RUB on 28\u00a0Mar\u00a02026: line C-1 of the 2026Q1 package.');
  });
});
