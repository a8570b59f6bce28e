import { describe, expect, it } from '@jest/globals';
import type { HolderLine, RateBook, RateUsed } from './figures.js';
import { staleRates } from './stale-rates.js';

const line = (over: Partial<HolderLine>): HolderLine =>
  ({
    societyId: 's',
    submissionId: 'sub',
    lineNo: 1,
    lineId: 'L1',
    category: 'performing',
    useType: 'radio',
    currency: 'RUB',
    gross: '100.00',
    managementFee: '10.00',
    otherDeductions: '0',
    net: '90.00',
    status: 'unpaid',
    paidOn: null,
    useFrom: '2025-01-01',
    useTo: '2025-03-31',
    mandateBasis: 'contractual',
    mandateStatus: null,
    ...over,
  }) as HolderLine;

/** Rates recorded on given days; the book finds the last on or before a day, as the repository does. */
function bookOf(recorded: RateUsed[]): RateBook {
  return (currency, on) =>
    recorded
      .filter((r) => r.currency === currency && r.rateDate <= on)
      .sort((a, b) => (a.rateDate < b.rateDate ? 1 : -1))[0];
}

describe('stale exchange rates', () => {
  const rates = bookOf([
    { currency: 'RUB', rateDate: '2025-03-28', rateToEur: '0.0105' },
    { currency: 'RUB', rateDate: '2025-01-02', rateToEur: '0.0100' },
    { currency: 'SEK', rateDate: '2025-03-31', rateToEur: '0.0871' },
  ]);

  it('finds a rate older than the limit on the day it converts, and only those', () => {
    const lines = [
      line({ useTo: '2025-03-31' }), // RUB of 03-28: 3 days, fresh
      line({ lineNo: 2, useTo: '2025-03-20' }), // RUB of 01-02: 77 days
      line({ lineNo: 3, useTo: '2025-02-28' }), // RUB of 01-02: 57 days
      line({ lineNo: 4, currency: 'EUR', useTo: '2025-02-28' }), // already EUR, target EUR: nothing to convert
    ];
    expect(staleRates(lines, 'EUR', rates, 7)).toEqual([{ currency: 'RUB', rateDate: '2025-01-02', usedFor: '2025-03-20', ageDays: 77, lines: 2 }]);
    expect(staleRates(lines, 'EUR', rates, 80)).toEqual([]);
    // In RUB, only the EUR line converts: with the RUB rate of 01-02, 57 days before its day.
    expect(staleRates(lines, 'RUB', rates, 7)).toEqual([{ currency: 'RUB', rateDate: '2025-01-02', usedFor: '2025-02-28', ageDays: 57, lines: 1 }]);
  });

  it('judges the target currency\'s rate too, and the payment day of a paid line', () => {
    const paid = line({ currency: 'SEK', status: 'paid', paidOn: '2025-04-10', useTo: '2025-03-31' });
    // SEK of 03-31 is 10 days old on 04-10; RUB (the target) of 03-28 is 13 days old.
    expect(staleRates([paid], 'RUB', rates, 7)).toEqual([
      { currency: 'RUB', rateDate: '2025-03-28', usedFor: '2025-04-10', ageDays: 13, lines: 1 },
      { currency: 'SEK', rateDate: '2025-03-31', usedFor: '2025-04-10', ageDays: 10, lines: 1 },
    ]);
    expect(staleRates([paid], 'RUB', rates, 13)).toEqual([]);
  });
});
