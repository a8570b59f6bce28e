/**
 * English and Russian for the ledger's readers (the dashboard and the PDFs): which
 * language a request or a browser asks for, gettext-style catalogues keyed by the
 * English text, and numbers, amounts and dates written per language while amounts stay
 * exact decimal strings. Pure TypeScript (Intl only): no framework, no database, usable
 * in the browser.
 */
export { DEFAULT_LANG, LANGS, LOCALE_OF, UnknownLanguageError, isLang, langFromAcceptLanguage, pickLang, type Lang } from './lang.js';
export { formatAmount, formatDate, formatDateTime, formatDayMonth, formatDecimal, formatInteger, formatMoney, formatPercent, separatorsOf, withMinorUnits } from './format.js';
export { interpolate, translator, type Catalogue, type Message, type Translate, type Vars } from './translate.js';
export { CODES_RU } from './codes.ru.js';
