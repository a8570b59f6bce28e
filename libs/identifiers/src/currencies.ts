/**
 * ISO 4217 currency codes and their minor units (the number of decimal places
 * an amount in that currency is settled in: JPY 0, EUR 2, KWD 3, CLF 4).
 *
 * The table is ISO 4217 "List One" (current currencies and funds) as amended
 * through 2025: it includes XCG (Caribbean guilder, replacing ANG), ZWG
 * (Zimbabwe Gold, replacing ZWL), SLE (new leone; SLL is withdrawn), VED and
 * VES. Withdrawn codes (HRK, ANG, ZWL, SLL, CUC, …) are not in it.
 *
 * Left out on purpose: the entries whose minor unit ISO gives as "N.A." —
 * precious metals (XAU, XAG, XPD, XPT), bond-market units (XBA–XBD), XDR, XSU,
 * XUA, the testing code XTS and XXX ("no currency"). An amount in them cannot be
 * rounded to a minor unit, and no collecting society reports rights revenue in
 * them, so the ledger refuses them like any unknown code.
 *
 * This module is also the source the migration `CreateIdentifierCheckFunctions`
 * fills `ref_currencies` from, and the money library rounds with it.
 */
import { quote } from './quote.js';

/** One ISO 4217 currency or fund and its minor units. */
export interface Currency {
  /** Three upper-case letters, e.g. "EUR". */
  readonly code: string;
  /** Decimal places of the minor unit: 0 (JPY), 2 (EUR), 3 (KWD) or 4 (CLF, UYW). */
  readonly minorUnits: number;
}

/**
 * Minor units per code. Two decimal places is the common case; the exceptions
 * are listed explicitly below so they are easy to review against ISO 4217.
 */
const TWO_DECIMAL_CODES = [
  'AED', 'AFN', 'ALL', 'AMD', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN',
  'BAM', 'BBD', 'BDT', 'BGN', 'BMD', 'BND', 'BOB', 'BOV', 'BRL', 'BSD', 'BTN', 'BWP', 'BYN', 'BZD',
  'CAD', 'CDF', 'CHE', 'CHF', 'CHW', 'CNY', 'COP', 'COU', 'CRC', 'CUP', 'CVE', 'CZK',
  'DKK', 'DOP', 'DZD',
  'EGP', 'ERN', 'ETB', 'EUR',
  'FJD', 'FKP',
  'GBP', 'GEL', 'GHS', 'GIP', 'GMD', 'GTQ', 'GYD',
  'HKD', 'HNL', 'HTG', 'HUF',
  'IDR', 'ILS', 'INR', 'IRR',
  'JMD',
  'KES', 'KGS', 'KHR', 'KPW', 'KYD', 'KZT',
  'LAK', 'LBP', 'LKR', 'LRD', 'LSL',
  'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR', 'MVR', 'MWK', 'MXN', 'MXV', 'MYR',
  'MZN',
  'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD',
  'PAB', 'PEN', 'PGK', 'PHP', 'PKR', 'PLN',
  'QAR',
  'RON', 'RSD', 'RUB',
  'SAR', 'SBD', 'SCR', 'SDG', 'SEK', 'SGD', 'SHP', 'SLE', 'SOS', 'SRD', 'SSP', 'STN', 'SVC', 'SYP',
  'SZL',
  'THB', 'TJS', 'TMT', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS',
  'UAH', 'USD', 'USN', 'UYU', 'UZS',
  'VED', 'VES',
  'WST',
  'XCD', 'XCG',
  'YER',
  'ZAR', 'ZMW', 'ZWG',
] as const;

/** Currencies without a minor unit in circulation. */
const ZERO_DECIMAL_CODES = [
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV',
  'XAF', 'XOF', 'XPF',
] as const;

/** Dinars and the Tunisian dinar: thousandths. */
const THREE_DECIMAL_CODES = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'] as const;

/** Units of account with four places: Chilean Unidad de Fomento, Uruguayan Unidad Previsional. */
const FOUR_DECIMAL_CODES = ['CLF', 'UYW'] as const;

/** Every ISO 4217 currency or fund the ledger accepts, sorted by code. */
export const CURRENCIES: readonly Currency[] = Object.freeze(
  [
    ...ZERO_DECIMAL_CODES.map((code) => ({ code, minorUnits: 0 })),
    ...TWO_DECIMAL_CODES.map((code) => ({ code, minorUnits: 2 })),
    ...THREE_DECIMAL_CODES.map((code) => ({ code, minorUnits: 3 })),
    ...FOUR_DECIMAL_CODES.map((code) => ({ code, minorUnits: 4 })),
  ]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((currency) => Object.freeze(currency)),
);

/** The codes of {@link CURRENCIES}, sorted. */
export const CURRENCY_CODES: readonly string[] = Object.freeze(CURRENCIES.map((c) => c.code));

const minorUnitsByCode: ReadonlyMap<string, number> = new Map(
  CURRENCIES.map((c) => [c.code, c.minorUnits]),
);

/** True when `value` is an accepted ISO 4217 code, in upper case. */
export function isCurrencyCode(value: unknown): boolean {
  return typeof value === 'string' && minorUnitsByCode.has(value);
}

/** Why `value` is not an accepted ISO 4217 currency code, or null when it is one. */
export function explainCurrencyCode(value: unknown): string | null {
  if (typeof value !== 'string') return `currency code must be a string, got ${typeof value}`;
  if (minorUnitsByCode.has(value)) return null;
  if (!/^[A-Za-z]{3}$/.test(value)) {
    return `currency code ${quote(value)} must be three letters (ISO 4217, e.g. "EUR")`;
  }
  if (minorUnitsByCode.has(value.toUpperCase())) {
    return `currency code ${quote(value)} must be upper case: "${value.toUpperCase()}"`;
  }
  return `currency code ${quote(value)} is not a current ISO 4217 currency with a minor unit`;
}

/** The minor units (decimal places) of a currency, or undefined for an unknown code. */
export function currencyMinorUnits(code: string): number | undefined {
  return minorUnitsByCode.get(code);
}
