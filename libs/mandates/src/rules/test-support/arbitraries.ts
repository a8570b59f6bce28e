import fc from 'fast-check';
import { addDays } from '../dates.js';
import type { FinancialYearEnd, NoticePolicy } from '../notice.js';
import type { Period } from '../period.js';
import type { MandateTerms } from '../terms.js';
import { countries, worldExcept, type TerritorySet } from '../territory-set.js';
import type { Category, WorkType } from '../vocabulary.js';

/**
 * Small worlds for property tests: few societies, categories, work types and countries,
 * and days inside a short window, so collisions are frequent and a brute-force check
 * can enumerate every cell.
 */
export const POOL = ['DE', 'FR', 'GB', 'RU', 'SE'] as const;
/** A country no generated list names: it tells "the rest of the world" apart. */
export const OUTSIDER = 'ZW';
export const UNIVERSE_COUNTRIES: string[] = [...POOL, OUTSIDER];
export const SOCIETIES = ['s1', 's2', 's3'] as const;
export const SOME_CATEGORIES: Category[] = ['performing', 'mechanical'];
export const SOME_WORK_TYPES: WorkType[] = ['musical', 'audiovisual'];
export const BASE_DAY = '2024-01-01';
export const WINDOW_DAYS = 520;
/** A day far beyond the window: open-ended mandates still apply there. */
export const FAR_DAY = '2040-06-30';

export const day = (offset: number) => addDays(BASE_DAY, offset);

export const arbTerritorySet: fc.Arbitrary<TerritorySet> = fc.oneof(
  fc.subarray([...POOL], { minLength: 1 }).map((codes) => countries(codes)),
  fc.subarray([...POOL]).map((codes) => worldExcept(codes)),
);

export const arbPeriod: fc.Arbitrary<Period> = fc
  .record({ from: fc.integer({ min: 0, max: 300 }), length: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }) })
  .map(({ from, length }) => ({ from: day(from), to: length === null ? null : day(from + length) }));

export const arbTerms: fc.Arbitrary<MandateTerms> = fc
  .record({
    societyId: fc.constantFrom(...SOCIETIES),
    category: fc.constantFrom(...SOME_CATEGORIES),
    workType: fc.constantFrom(...SOME_WORK_TYPES),
    territories: arbTerritorySet,
    period: arbPeriod,
    basis: fc.constantFrom('contractual' as const, 'non-contractual' as const),
    exclusive: fc.boolean(),
  })
  .map((t) => ({ ...t, exclusive: t.basis === 'contractual' && t.exclusive }));

export const arbPolicy: fc.Arbitrary<NoticePolicy> = fc.record({ noticeMonths: fc.integer({ min: 0, max: 6 }), terminateAtFinancialYearEnd: fc.boolean() });

export const arbFyEnd: fc.Arbitrary<FinancialYearEnd> = fc.oneof(
  fc.constant({ month: 12, day: 31 }),
  fc.constant({ month: 2, day: 29 }),
  fc.constant({ month: 6, day: 30 }),
  fc.integer({ min: 1, max: 12 }).chain((month) => fc.integer({ min: 1, max: [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] }).map((d) => ({ month, day: d }))),
);

/** Any real calendar date between 1999 and 2101, leap days included. */
export const arbDate: fc.Arbitrary<string> = fc.date({ min: new Date('1999-01-01T00:00:00Z'), max: new Date('2101-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
