/**
 * Numbers and dates written the way each language reads them (Intl), with amounts kept
 * exact: an amount is a decimal string and stays one. Its digits are never turned into
 * a JS number; only the separators change ("1234567.5" → "1,234,567.5" in English,
 * "1 234 567,5" in Russian, with a no-break space).
 */
import { currencyMinorUnits } from '../../identifiers/src/index.js';
import { type Lang, LOCALE_OF } from './lang.js';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

interface Separators {
  group: string;
  decimal: string;
}
const separatorCache = new Map<Lang, Separators>();

/** The group and decimal separators Intl uses for `lang` ("," and "." in English; U+00A0 and "," in Russian). */
export function separatorsOf(lang: Lang): Separators {
  let s = separatorCache.get(lang);
  if (!s) {
    const parts = new Intl.NumberFormat(LOCALE_OF[lang]).formatToParts(12345.6); // money-ok: a fixed sample to learn the separators from
    s = { group: parts.find((p) => p.type === 'group')?.value ?? ',', decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
    separatorCache.set(lang, s);
  }
  return s;
}

/**
 * A decimal string with `lang`'s separators: the whole part grouped by thousands, the
 * fraction exactly as given, or padded with zeros to `minFractionDigits` (never
 * rounded, never cut). A value that is not a plain decimal string comes back as it was.
 */
export function formatDecimal(value: string, lang: Lang, options: { minFractionDigits?: number } = {}): string {
  const m = DECIMAL.exec(value);
  if (!m) return value;
  const [, sign, whole, fraction = ''] = m;
  const { group, decimal } = separatorsOf(lang);
  const digits = fraction.padEnd(options.minFractionDigits ?? 0, '0');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${grouped}${digits ? `${decimal}${digits}` : ''}`;
}

/**
 * An amount as a decimal string written with the currency's minor units (ISO 4217: RUB
 * and EUR 2, JPY 0, KWD 3): "55214.1" → "55214.10", "1234.50000000" → "1234.50",
 * "12.345" stays "12.345". Only zeros are added or dropped, so the value is the same;
 * a currency the table does not know leaves the fraction as given.
 */
export function withMinorUnits(amount: string, currency: string): string {
  const m = DECIMAL.exec(amount);
  const units = currencyMinorUnits(currency);
  if (!m || units === undefined) return amount;
  const [, sign, whole, fraction = ''] = m;
  let digits = fraction.replace(/0+$/, '');
  if (digits.length < units) digits = digits.padEnd(units, '0');
  return `${sign}${whole}${digits ? `.${digits}` : ''}`;
}

/** An amount in `lang` with its currency's minor units, no currency code: "55 214,10". */
export function formatAmount(amount: string, currency: string, lang: Lang): string {
  return formatDecimal(withMinorUnits(amount, currency), lang);
}

/** An amount and its currency in `lang`: "55,214.10 RUB", "55 214,10 RUB" (a no-break space before the code). */
export function formatMoney(amount: string, currency: string, lang: Lang): string {
  if (!DECIMAL.test(amount)) return `${amount} ${currency}`;
  return `${formatAmount(amount, currency, lang)}${lang === 'en' ? ' ' : '\u00a0'}${currency}`;
}

/** A count or other whole number in `lang` ("12,345"; "12 345"). Not for years, which are never grouped. */
export function formatInteger(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE_OF[lang], { maximumFractionDigits: 0 }).format(n);
}

/** A percentage given as a decimal string ("12.5") in `lang`: "12.5 %", "12,5 %" (exact digits). */
export function formatPercent(value: string, lang: Lang): string {
  return `${formatDecimal(value, lang)} %`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: Lang, style: 'date' | 'long' | 'datetime' | 'month'): Intl.DateTimeFormat {
  const key = `${lang}:${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'date' ? { dateStyle: 'medium' } : style === 'long' ? { dateStyle: 'long' } : style === 'month' ? { day: 'numeric', month: 'long' } : { dateStyle: 'medium', timeStyle: 'short' };
    f = new Intl.DateTimeFormat(LOCALE_OF[lang], { ...options, timeZone: 'UTC' });
    dateFormats.set(key, f);
  }
  return f;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date (`YYYY-MM-DD`, as the ledger's dates are) in `lang`: "31 Dec 2025",
 * "31 дек. 2025 г."; `long`: "31 December 2025", "31 декабря 2025 г." (with no-break
 * spaces: a date is never broken across lines). Anything else comes back as it was.
 */
export function formatDate(iso: string, lang: Lang, style: 'medium' | 'long' = 'medium'): string {
  if (!ISO_DATE.test(iso)) return iso;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : unbroken(dateFormat(lang, style === 'long' ? 'long' : 'date').format(d));
}

/** A date is one value: its spaces are no-break spaces, so a line never ends inside it ("31 дек. 2025 г."). */
const unbroken = (text: string) => text.replace(/ /g, '\u00a0');

/** A day and month ("31 December", "31 декабря"), for a financial year's end. */
export function formatDayMonth(month: number, day: number, lang: Lang): string {
  return unbroken(dateFormat(lang, 'month').format(new Date(Date.UTC(2001, month - 1, day))));
}

/** An instant (ISO 8601 with a time) in `lang`, in UTC and saying so: "1 Jul 2025, 09:00 UTC". */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return unbroken(`${dateFormat(lang, 'datetime').format(d)} UTC`);
}
