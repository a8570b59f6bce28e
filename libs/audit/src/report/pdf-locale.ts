/**
 * What a report PDF needs to speak a language: its translator (the English text is the
 * key, libs/i18n) and the ways it writes amounts (the currency's minor units, the
 * language's separators, the digits as given), counts and dates. Shared by the audit,
 * statement and transparency PDFs. Pure.
 */
import { type Catalogue, formatAmount, formatDate, formatDateTime, formatDecimal, formatInteger, type Lang, translator, type Translate } from '../../../i18n/src/index.js';

export interface PdfLocale {
  readonly lang: Lang;
  readonly t: Translate;
  /** An amount in `currency`: "55214.1" → "55,214.10" (English), "55 214,10" (Russian). */
  amount(value: string, currency: string): string;
  /** A decimal that is no amount (a percentage, a rate), digits as given: "12,5". */
  decimal(value: string): string;
  /** A count: "1,234", "1 234". */
  count(n: number): string;
  /** A calendar date (YYYY-MM-DD): "31 Dec 2025", "31 дек. 2025 г."; anything else as given. */
  date(iso: string): string;
  /** An instant, in UTC: "1 Jul 2025, 09:00 UTC". */
  dateTime(iso: string): string;
}

/** The locale of a PDF in `lang`, translating with `catalogue` (none is needed for English); `onMissing` hears of each untranslated text. */
export function pdfLocale(lang: Lang, catalogue: Catalogue, onMissing?: (text: string) => void): PdfLocale {
  return {
    lang,
    t: translator(lang, catalogue, onMissing),
    amount: (value, currency) => formatAmount(value, currency, lang),
    decimal: (value) => formatDecimal(value, lang),
    count: (n) => formatInteger(n, lang),
    date: (iso) => formatDate(iso, lang),
    dateTime: (iso) => formatDateTime(iso, lang),
  };
}

/** The options every report PDF takes: its language (English by default) and, for tests, a listener for untranslated texts. */
export interface PdfOptions {
  lang?: Lang;
  onMissing?: (text: string) => void;
}
