import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatMinorUnits, scaledFromText } from './conversion.js';
import { type HolderLine, MissingRateError, type RateBook, type RateUsed, buildFigures, convertLine, rateDayOf, rateNeeds } from './figures.js';

const S1 = '11111111-1111-4111-8111-111111111111';
const S2 = '22222222-2222-4222-8222-222222222222';

function line(o: Partial<HolderLine> = {}): HolderLine {
  return {
    societyId: S1, submissionId: 'sub', lineNo: 2, lineId: 'L-1', category: 'performing', useType: 'radio', currency: 'RUB',
    gross: '1000.00', managementFee: '150.00', otherDeductions: '20.00', net: '830.00', status: 'paid', paidOn: '2025-03-28',
    useFrom: '2025-01-01', useTo: '2025-03-31', mandateBasis: 'contractual', ...o,
  };
}

/** A book with one rate per currency, recorded on 2025-01-01. */
function flatBook(rates: Record<string, string>): RateBook {
  return (currency, on) => (rates[currency] && on >= '2025-01-01' ? { currency, rateDate: '2025-01-01', rateToEur: rates[currency] } : undefined);
}

describe('rateDayOf and rateNeeds', () => {
  it('takes the payment day of a paid line and the last day of use otherwise', () => {
    expect(rateDayOf(line())).toBe('2025-03-28');
    expect(rateDayOf(line({ status: 'unpaid', paidOn: null }))).toBe('2025-03-31');
  });

  it('asks for each currency and day once, never for EUR, and for the target too when it is not EUR', () => {
    const lines = [line(), line({ lineId: 'L-2' }), line({ currency: 'SEK', status: 'unpaid', paidOn: null }), line({ currency: 'EUR' })];
    expect(rateNeeds(lines, 'EUR')).toEqual([
      { currency: 'RUB', on: '2025-03-28' },
      { currency: 'SEK', on: '2025-03-31' },
    ]);
    expect(rateNeeds(lines, 'SEK')).toEqual([
      { currency: 'RUB', on: '2025-03-28' },
      { currency: 'SEK', on: '2025-03-28' },
    ]);
    expect(rateNeeds([line({ currency: 'EUR' })], 'EUR')).toEqual([]);
  });
});

describe('convertLine', () => {
  it('converts gross, fee and other deductions and derives net in the target currency', () => {
    // rate RUB→EUR 0.0105: 1000 → 10.50, 150 → 1.575 → 1.58 (half-even: 1.575 → 1.58), 20 → 0.21
    const c = convertLine(line(), 'EUR', flatBook({ RUB: '0.0105' }));
    expect([c.gross, c.managementFee, c.otherDeductions, c.net]).toEqual([1050n, 158n, 21n, 871n]);
    expect(c.rates).toEqual([{ currency: 'RUB', rateDate: '2025-01-01', rateToEur: '0.0105' }]);
  });

  it('names the currency and day of a missing rate', () => {
    const missing = () => convertLine(line({ currency: 'SEK' }), 'EUR', flatBook({ RUB: '0.0105' }));
    expect(missing).toThrow(MissingRateError);
    expect(missing).toThrow('No exchange rate for SEK on or before 2025-03-28');
    expect(() => convertLine(line(), 'SEK', flatBook({ RUB: '0.0105' }))).toThrow('No exchange rate for SEK on or before 2025-03-28');
  });
});

describe('buildFigures', () => {
  it('gives the Art. 18 amounts per society, category and use, with the rates used', () => {
    const book = flatBook({ RUB: '0.01', SEK: '0.1' });
    const f = buildFigures(
      [
        line(),
        line({ lineId: 'L-2', status: 'unpaid', paidOn: null, useType: 'tv', gross: '500.00', managementFee: '75.00', otherDeductions: '0.00', net: '425.00', mandateBasis: 'non-contractual' }),
        line({ societyId: S2, currency: 'SEK', gross: '100.00', managementFee: '10.00', otherDeductions: '0.00', net: '90.00', useFrom: '2024-12-01' }),
      ],
      'EUR',
      book,
      [S2, S1],
    );
    expect(f.societies.map((s) => s.societyId)).toEqual([S2, S1]);
    const [s2, s1] = f.societies;
    expect(s1).toMatchObject({ revenueAttributed: 1500n, managementFees: 225n, otherDeductions: 20n, paid: 830n, outstanding: 425n, lines: 2 });
    expect(s1.byUse.map((u) => [u.useType, u.paid, u.outstanding])).toEqual([['radio', 830n, 0n], ['tv', 0n, 425n]]);
    expect(s1.nonContractual).toEqual({ amount: 500n, lines: 1 });
    expect(s2).toMatchObject({ revenueAttributed: 1000n, paid: 900n, periodOfUse: { from: '2024-12-01', to: '2025-03-31' } });
    expect(f.totals).toMatchObject({ revenueAttributed: 2500n, paid: 1730n, outstanding: 425n, lines: 3 });
    expect(f.rates.map((r) => r.currency)).toEqual(['RUB', 'SEK']);
  });

  it('lists a society asked for without lines, with zeros', () => {
    const f = buildFigures([], 'EUR', flatBook({}), [S1]);
    expect(f.societies).toHaveLength(1);
    expect(f.societies[0]).toMatchObject({ societyId: S1, revenueAttributed: 0n, lines: 0, periodOfUse: null, byUse: [] });
  });

  it('keeps totals equal to the sum of the converted lines, and attributed − deductions = paid + outstanding', () => {
    const cents = (max: bigint) => fc.bigInt({ min: 0n, max }).map((u) => u);
    const amountText = (units: bigint, scale: number) => {
      const digits = units.toString().padStart(scale + 1, '0');
      return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    };
    const arbitraryLine = fc
      .record({
        society: fc.constantFrom(S1, S2),
        currency: fc.constantFrom('RUB', 'SEK', 'EUR', 'JPY'),
        scale: fc.integer({ min: 0, max: 8 }),
        gross: cents(10n ** 14n),
        feePart: fc.integer({ min: 0, max: 30 }),
        otherPart: fc.integer({ min: 0, max: 10 }),
        paid: fc.boolean(),
        day: fc.integer({ min: 1, max: 28 }),
        use: fc.constantFrom('radio', 'tv', 'online'),
        nonContractual: fc.boolean(),
      })
      .map((r) => {
        const fee = (r.gross * BigInt(r.feePart)) / 100n;
        const other = (r.gross * BigInt(r.otherPart)) / 100n;
        const day = `2025-06-${String(r.day).padStart(2, '0')}`;
        return line({
          societyId: r.society, currency: r.currency, useType: r.use,
          gross: amountText(r.gross, r.scale), managementFee: amountText(fee, r.scale), otherDeductions: amountText(other, r.scale),
          net: amountText(r.gross - fee - other, r.scale), status: r.paid ? 'paid' : 'unpaid', paidOn: r.paid ? day : null,
          useTo: day, mandateBasis: r.nonContractual ? 'non-contractual' : 'contractual',
        });
      });
    const rateText = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: 0, max: 10 })).map(([u, s]) => amountText(u, s));
    const book = fc.record({ RUB: rateText, SEK: rateText, JPY: rateText, KWD: rateText });
    fc.assert(
      fc.property(fc.array(arbitraryLine, { maxLength: 40 }), book, fc.constantFrom('EUR', 'RUB', 'JPY', 'KWD'), (lines, rates, target) => {
        const lookup: RateBook = (currency, on) => ({ currency, rateDate: on, rateToEur: rates[currency as keyof typeof rates] });
        const f = buildFigures(lines, target, lookup);
        const converted = lines.map((l) => ({ l, c: convertLine(l, target, lookup) }));
        const sum = (pick: (x: (typeof converted)[number]) => bigint) => converted.reduce((n, x) => n + pick(x), 0n);
        expect(f.totals.revenueAttributed).toBe(sum((x) => x.c.gross));
        expect(f.totals.managementFees).toBe(sum((x) => x.c.managementFee));
        expect(f.totals.otherDeductions).toBe(sum((x) => x.c.otherDeductions));
        expect(f.totals.paid).toBe(sum((x) => (x.l.status === 'paid' ? x.c.net : 0n)));
        expect(f.totals.outstanding).toBe(sum((x) => (x.l.status === 'paid' ? 0n : x.c.net)));
        expect(f.totals.revenueAttributed - f.totals.managementFees - f.totals.otherDeductions).toBe(f.totals.paid + f.totals.outstanding);
        expect(f.totals.lines).toBe(lines.length);
        for (const s of f.societies) {
          const mine = converted.filter((x) => x.l.societyId === s.societyId);
          expect(s.revenueAttributed).toBe(mine.reduce((n, x) => n + x.c.gross, 0n));
          expect(s.byUse.reduce((n, u) => n + u.paid + u.outstanding, 0n)).toBe(s.paid + s.outstanding);
          expect(s.nonContractual.amount).toBe(mine.filter((x) => x.l.mandateBasis === 'non-contractual').reduce((n, x) => n + x.c.gross, 0n));
          // No derived status on these lines: the verified figure counts them as declared.
          expect(s.verifiedNonContractual).toEqual(s.nonContractual);
        }
        // Written out, the totals are the sums of the written-out lines (no rounding on the way).
        const written = converted.reduce((n, x) => n + scaledFromText(formatMinorUnits(x.c.gross, target)).units, 0n);
        expect(scaledFromText(formatMinorUnits(f.totals.revenueAttributed, target)).units).toBe(written);
      }),
      { numRuns: 150 },
    );
  });

  it('names each rate once, sorted by currency and day', () => {
    const rates: Record<string, RateUsed> = {
      '2025-03-28': { currency: 'RUB', rateDate: '2025-03-01', rateToEur: '0.0105' },
      '2025-06-27': { currency: 'RUB', rateDate: '2025-06-01', rateToEur: '0.0110' },
    };
    const book: RateBook = (_c, on) => rates[on];
    const f = buildFigures([line({ paidOn: '2025-06-27' }), line(), line({ lineId: 'L-3' })], 'EUR', book);
    expect(f.rates.map((r) => r.rateDate)).toEqual(['2025-03-01', '2025-06-01']);
  });
});
