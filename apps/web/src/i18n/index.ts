/**
 * The dashboard's language: English or Russian, chosen with the switch in the header
 * (remembered in localStorage), else the browser's languages (navigator.languages), else
 * English. Texts are written in English and wrapped: `t('Sign out')`,
 * `t('Hello, {name}', { name })`, `t.plural(n, '{n} line', '{n} lines')`; the Russian
 * catalogue (ru.ts) is keyed by those English texts, and a unit test fails when a
 * wrapped text has no Russian. Numbers, amounts and dates go through the formatters
 * below, which follow the language (amounts stay exact decimal strings).
 *
 * `t` and the formatters read the current language, so they work in plain functions as
 * well as components; changing the language re-renders the whole app (main.tsx keys it
 * by the language) and API calls send it as Accept-Language (PDFs and CSVs follow it).
 */
import { useSyncExternalStore } from 'react';
import {
  formatAmount as formatAmountIn,
  formatDate as formatDateIn,
  formatDateTime as formatDateTimeIn,
  formatDayMonth as formatDayMonthIn,
  formatDecimal as formatDecimalIn,
  formatInteger as formatIntegerIn,
  formatMoney as formatMoneyIn,
  formatPercent as formatPercentIn,
  isLang,
  langFromAcceptLanguage,
  type Lang,
  LOCALE_OF,
  type Translate,
  translator,
  type Vars,
} from '../../../../libs/i18n/src/index.js';
import { ru } from './ru';

export type { Lang };
export const LANGUAGES: readonly { lang: Lang; name: string }[] = [
  { lang: 'en', name: 'English' },
  { lang: 'ru', name: 'Русский' },
];

/** Where the chosen language is remembered (this browser, every tab). */
export const LANG_STORAGE_KEY = 'collective-ledger.lang';

/** Texts shown untranslated in this session (Russian only); the browser test reads them. */
const missing = new Set<string>();

/** The language to start in: the remembered choice, else the first of the browser's languages we speak. */
export function initialLang(stored: string | null, browserLanguages: readonly string[]): Lang {
  if (isLang(stored)) return stored;
  return langFromAcceptLanguage(browserLanguages.join(',')) ?? 'en';
}

function readStored(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

let current: Lang = initialLang(readStored(), typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]));
let tr: Translate = make(current);
const listeners = new Set<() => void>();

function make(lang: Lang): Translate {
  return translator(lang, ru, (text) => {
    if (!missing.has(text)) {
      missing.add(text);
      if (import.meta.env?.DEV) console.warn(`no Russian for ${JSON.stringify(text)}`);
    }
  });
}

function applyToDocument(lang: Lang): void {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang;
    document.documentElement.dataset.untranslated = String(missing.size);
  }
}
applyToDocument(current);

/** The current language. */
export function getLang(): Lang {
  return current;
}

/** Switches the language, remembers it in localStorage, and re-renders the app. */
export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  tr = make(lang);
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private mode without storage: the choice lasts until the page is reloaded.
  }
  applyToDocument(lang);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current language, re-rendering the component when it changes. */
export function useLang(): Lang {
  return useSyncExternalStore(subscribe, getLang);
}

/** The English text in the current language (see the module comment). */
export const t: Translate = Object.assign((text: string, vars?: Vars) => tr(text, vars), {
  plural: (count: number, one: string, other: string, vars?: Vars) => tr.plural(count, one, other, vars),
}) as Translate;
Object.defineProperty(t, 'lang', { get: () => current });

/** The BCP 47 locale of the current language, for Intl and `toLocaleString`. */
export function locale(): string {
  return LOCALE_OF[current];
}

/** An amount and its currency with the currency's minor units and the language's separators: "55,214.10 RUB", "55 214,10 RUB". */
export const formatMoney = (amount: string, currency: string): string => formatMoneyIn(amount, currency, current);
/** An amount without its currency, as formatMoney writes it. */
export const formatAmount = (amount: string, currency: string): string => formatAmountIn(amount, currency, current);
/** A decimal string (a share, a rate) with the language's separators, its digits as given. */
export const formatDecimal = (value: string, minFractionDigits?: number): string => formatDecimalIn(value, current, { minFractionDigits });
/** A percentage given as a decimal string: "12.5 %", "12,5 %". */
export const formatPercent = (value: string): string => formatPercentIn(value, current);
/** A count: "12,345", "12 345". */
export const formatInteger = (n: number): string => formatIntegerIn(n, current);
/** A calendar date (YYYY-MM-DD): "31 Dec 2025", "31 дек. 2025 г."; anything else as given. */
export const formatDate = (iso: string, style: 'medium' | 'long' = 'medium'): string => formatDateIn(iso, current, style);
/** An instant, in UTC: "1 Jul 2025, 09:00 UTC". */
export const formatDateTime = (iso: string): string => formatDateTimeIn(iso, current);
/** A day and month: "31 December", "31 декабря". */
export const formatDayMonth = (month: number, day: number): string => formatDayMonthIn(month, day, current);

/**
 * Marks an English text for translation where it is defined but shown later through
 * `t(text)` (a table of labels, a constant): it returns the text as it is, and the
 * catalogue test looks for it like for `t('…')`.
 */
export const msg = (text: string): string => text;
