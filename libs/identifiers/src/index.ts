/**
 * Validators for the identifiers a collecting society reports: IPI name
 * numbers, ISWC, ISNI, ISRC, CISAC society codes, ISO 3166-1 countries and
 * ISO 4217 currencies. Pure TypeScript: no framework, no database.
 *
 * Each identifier has `isX(value): boolean` and `explainX(value): string | null`
 * (the reason it is invalid, or null); some also `normalizeX`, `formatX` and a
 * `makeX` that computes check digits for demo data.
 */
export { explainCisacSocietyCode, isCisacSocietyCode } from './cisac.js';
export {
  COUNTRY_CODES,
  WORLD_TERRITORY,
  explainCountryCode,
  explainTerritory,
  isCountryCode,
  isTerritory,
} from './countries.js';
export {
  CURRENCIES,
  CURRENCY_CODES,
  currencyMinorUnits,
  explainCurrencyCode,
  isCurrencyCode,
  type Currency,
} from './currencies.js';
export { explainIpi, ipiCheckDigits, isIpi, makeIpi } from './ipi.js';
export { explainIsni, isIsni, isniCheckCharacter, makeIsni, normalizeIsni } from './isni.js';
export { explainIsrc, formatIsrc, isIsrc, normalizeIsrc } from './isrc.js';
export { explainIswc, formatIswc, isIswc, iswcCheckDigit, makeIswc, normalizeIswc } from './iswc.js';
export {
  SQL_FORMULA_START,
  SQL_ID_FORBIDDEN,
  SQL_JOINER_AT_ENDS,
  SQL_NAME_FORBIDDEN,
  codePointLabel,
  explainDisplayName,
  explainVisibleId,
} from './visible-text.js';
