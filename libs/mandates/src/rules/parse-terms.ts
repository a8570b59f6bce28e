import { isIsoDate } from './dates.js';
import type { MandateTerms } from './terms.js';
import { type FieldProblem, parseTerritorySet } from './territory-set.js';
import { BASES, CATEGORIES, WORK_TYPES, isBasis, isCategory, isWorkType } from './vocabulary.js';

/** A mandate as a caller writes it, before anything is checked. */
export interface RawMandateTerms {
  societyId: string;
  category: unknown;
  workType: unknown;
  territories: unknown;
  excludedTerritories?: unknown;
  validFrom: unknown;
  validTo?: unknown;
  basis: unknown;
  exclusive: unknown;
}

/** The names the caller's fields go by (the API's camelCase, or a CSV's column names). */
export type TermFieldNames = Record<Exclude<keyof RawMandateTerms, 'societyId'>, string>;

export const API_FIELD_NAMES: TermFieldNames = {
  category: 'category',
  workType: 'workType',
  territories: 'territories',
  excludedTerritories: 'excludedTerritories',
  validFrom: 'validFrom',
  validTo: 'validTo',
  basis: 'basis',
  exclusive: 'exclusive',
};

/**
 * Checks a mandate's terms and reads them, or names every field that is wrong. The one
 * definition of a valid mandate, shared by the API and the bulk load:
 * - category, work type and basis from their lists;
 * - territories as {@link parseTerritorySet} reads them;
 * - validFrom a date, validTo absent (open-ended) or a date not before validFrom;
 * - a non-contractual mandate is never exclusive: the holder granted nothing.
 */
export function parseMandateTerms(raw: RawMandateTerms, names: TermFieldNames = API_FIELD_NAMES): { ok: true; value: MandateTerms } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!isCategory(raw.category)) problems.push({ field: names.category, message: `must be one of: ${CATEGORIES.join(', ')}` });
  if (!isWorkType(raw.workType)) problems.push({ field: names.workType, message: `must be one of: ${WORK_TYPES.join(', ')}` });
  if (!isBasis(raw.basis)) problems.push({ field: names.basis, message: `must be one of: ${BASES.join(', ')}` });
  if (typeof raw.exclusive !== 'boolean') problems.push({ field: names.exclusive, message: 'must be true or false' });
  const territories = parseTerritorySet(raw.territories, raw.excludedTerritories, { territories: names.territories, excluded: names.excludedTerritories });
  if (!territories.ok) problems.push(...territories.problems);
  if (!isIsoDate(raw.validFrom)) problems.push({ field: names.validFrom, message: 'must be a date written YYYY-MM-DD' });
  const validTo = raw.validTo === undefined || raw.validTo === null || raw.validTo === '' ? null : raw.validTo;
  if (validTo !== null && !isIsoDate(validTo)) problems.push({ field: names.validTo, message: 'must be a date written YYYY-MM-DD, or absent for an open-ended mandate' });
  else if (validTo !== null && isIsoDate(raw.validFrom) && validTo < raw.validFrom) {
    problems.push({ field: names.validTo, message: `must not be before ${names.validFrom} (${raw.validFrom})` });
  }
  if (raw.basis === 'non-contractual' && raw.exclusive === true) {
    problems.push({ field: names.exclusive, message: 'a non-contractual mandate cannot be exclusive: the rights holder granted nothing' });
  }
  if (problems.length > 0 || !territories.ok) return { ok: false, problems };
  return {
    ok: true,
    value: {
      societyId: raw.societyId,
      category: raw.category as MandateTerms['category'],
      workType: raw.workType as MandateTerms['workType'],
      territories: territories.value,
      period: { from: raw.validFrom as string, to: validTo as string | null },
      basis: raw.basis as MandateTerms['basis'],
      exclusive: raw.exclusive as boolean,
    },
  };
}
