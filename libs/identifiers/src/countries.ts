/**
 * ISO 3166-1 alpha-2 country codes, and the territories a mandate or an income
 * line may name.
 *
 * The list holds every *officially assigned* alpha-2 code (249 of them), as
 * published by the ISO 3166 Maintenance Agency. User-assigned codes (AA, QM–QZ,
 * XA–XZ, ZZ), exceptionally reserved codes (UK, EU, …) and transitionally
 * reserved ones (AN, YU, …) are deliberately absent: a society reporting
 * `UK` for the United Kingdom must write `GB`.
 *
 * Codes are case-sensitive: only the upper-case form is accepted, as it is the
 * form stored in the database (`ref_countries`). This module is also the source
 * the migration `CreateIdentifierCheckFunctions` fills `ref_countries` from, so
 * the TypeScript and SQL checks cannot disagree.
 */
import { quote } from './quote.js';

/** Every officially assigned ISO 3166-1 alpha-2 code, sorted. */
export const COUNTRY_CODES: readonly string[] = Object.freeze([
  'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX', 'AZ',
  'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR', 'BS',
  'BT', 'BV', 'BW', 'BY', 'BZ',
  'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN', 'CO', 'CR', 'CU', 'CV', 'CW',
  'CX', 'CY', 'CZ',
  'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ',
  'EC', 'EE', 'EG', 'EH', 'ER', 'ES', 'ET',
  'FI', 'FJ', 'FK', 'FM', 'FO', 'FR',
  'GA', 'GB', 'GD', 'GE', 'GF', 'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT',
  'GU', 'GW', 'GY',
  'HK', 'HM', 'HN', 'HR', 'HT', 'HU',
  'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR', 'IS', 'IT',
  'JE', 'JM', 'JO', 'JP',
  'KE', 'KG', 'KH', 'KI', 'KM', 'KN', 'KP', 'KR', 'KW', 'KY', 'KZ',
  'LA', 'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY',
  'MA', 'MC', 'MD', 'ME', 'MF', 'MG', 'MH', 'MK', 'ML', 'MM', 'MN', 'MO', 'MP', 'MQ', 'MR', 'MS',
  'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ',
  'NA', 'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NU', 'NZ',
  'OM',
  'PA', 'PE', 'PF', 'PG', 'PH', 'PK', 'PL', 'PM', 'PN', 'PR', 'PS', 'PT', 'PW', 'PY',
  'QA',
  'RE', 'RO', 'RS', 'RU', 'RW',
  'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS',
  'ST', 'SV', 'SX', 'SY', 'SZ',
  'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL', 'TM', 'TN', 'TO', 'TR', 'TT', 'TV', 'TW', 'TZ',
  'UA', 'UG', 'UM', 'US', 'UY', 'UZ',
  'VA', 'VC', 'VE', 'VG', 'VI', 'VN', 'VU',
  'WF', 'WS',
  'YE', 'YT',
  'ZA', 'ZM', 'ZW',
]);

/** The territory that stands for every country at once (`["WORLD"]` in a mandate). */
export const WORLD_TERRITORY = 'WORLD';

const countryCodeSet: ReadonlySet<string> = new Set(COUNTRY_CODES);

/** True when `value` is an officially assigned ISO 3166-1 alpha-2 code, in upper case. */
export function isCountryCode(value: unknown): boolean {
  return typeof value === 'string' && countryCodeSet.has(value);
}

/** Why `value` is not an ISO 3166-1 alpha-2 country code, or null when it is one. */
export function explainCountryCode(value: unknown): string | null {
  if (typeof value !== 'string') return `country code must be a string, got ${typeof value}`;
  if (countryCodeSet.has(value)) return null;
  if (!/^[A-Za-z]{2}$/.test(value)) {
    return `country code ${quote(value)} must be two letters (ISO 3166-1 alpha-2, e.g. "DE")`;
  }
  if (countryCodeSet.has(value.toUpperCase())) {
    return `country code ${quote(value)} must be upper case: "${value.toUpperCase()}"`;
  }
  return `country code ${quote(value)} is not an officially assigned ISO 3166-1 alpha-2 code`;
}

/** True for a country code or for {@link WORLD_TERRITORY}. */
export function isTerritory(value: unknown): boolean {
  return value === WORLD_TERRITORY || isCountryCode(value);
}

/** Why `value` is not a territory (a country code or "WORLD"), or null when it is one. */
export function explainTerritory(value: unknown): string | null {
  if (value === WORLD_TERRITORY) return null;
  const problem = explainCountryCode(value);
  return problem === null ? null : `${problem}; a territory is such a code or "${WORLD_TERRITORY}"`;
}
