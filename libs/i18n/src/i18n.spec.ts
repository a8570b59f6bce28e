import { describe, expect, it } from '@jest/globals';
import {
  formatAmount,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatDecimal,
  formatInteger,
  formatMoney,
  langFromAcceptLanguage,
  pickLang,
  translator,
  UnknownLanguageError,
  withMinorUnits,
} from './index.js';

const NBSP = '\u00a0';

describe('choosing the language', () => {
  it.each([
    ['ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', 'ru'],
    ['en-US,en;q=0.9,ru;q=0.8', 'en'],
    ['de-DE,de;q=0.9,ru;q=0.5', 'ru'],
    ['de-DE, en;q=0.2, ru;q=0.3', 'ru'],
    ['ru;q=0, en;q=0.1', 'en'],
    ['en;q=0.5, ru;q=0.5', 'en'],
    ['ru;q=0.5, en;q=0.5', 'ru'],
    ['RU', 'ru'],
    ['en, *;q=0.9', 'en'],
    ['*', 'en'],
    ['de', null],
    ['', null],
    ['ru;q=abc', null],
  ])('Accept-Language %j → %j', (header, lang) => {
    expect(langFromAcceptLanguage(header)).toBe(lang);
  });

  it('takes ?lang= before the header, the header before the default, and refuses an unknown lang', () => {
    expect(pickLang('ru', 'en')).toBe('ru');
    expect(pickLang('EN', 'ru')).toBe('en');
    expect(pickLang(undefined, 'ru-RU')).toBe('ru');
    expect(pickLang(['ru', 'en'], undefined)).toBe('ru');
    expect(pickLang(undefined, undefined)).toBe('en');
    expect(pickLang(undefined, 'fr')).toBe('en');
    expect(() => pickLang('fr', 'ru')).toThrow(UnknownLanguageError);
    expect(() => pickLang('', undefined)).toThrow('lang must be one of en, ru');
  });
});

describe('amounts stay exact, written per language', () => {
  it('groups the digits with the language\'s separators, never rounding', () => {
    expect(formatDecimal('1234567.5', 'en')).toBe('1,234,567.5');
    expect(formatDecimal('1234567.5', 'ru')).toBe(`1${NBSP}234${NBSP}567,5`);
    expect(formatDecimal('-98765432109876543210.123456789', 'en')).toBe('-98,765,432,109,876,543,210.123456789');
    expect(formatDecimal('999', 'ru')).toBe('999');
    expect(formatDecimal('12', 'en', { minFractionDigits: 2 })).toBe('12.00');
    expect(formatDecimal('not a number', 'ru')).toBe('not a number');
  });

  it('writes an amount with its currency\'s minor units, adding or dropping zeros only', () => {
    expect(withMinorUnits('55214.1', 'RUB')).toBe('55214.10');
    expect(withMinorUnits('55214', 'EUR')).toBe('55214.00');
    expect(withMinorUnits('1234.50000000', 'EUR')).toBe('1234.50');
    expect(withMinorUnits('12.345', 'RUB')).toBe('12.345');
    expect(withMinorUnits('1500.0', 'JPY')).toBe('1500');
    expect(withMinorUnits('1.5', 'KWD')).toBe('1.500');
    expect(withMinorUnits('-0.1', 'EUR')).toBe('-0.10');
    expect(withMinorUnits('7.1', 'XYZ')).toBe('7.1');
    expect(formatMoney('55214.1', 'RUB', 'en')).toBe('55,214.10 RUB');
    expect(formatMoney('55214.1', 'RUB', 'ru')).toBe(`55${NBSP}214,10${NBSP}RUB`);
    expect(formatAmount('483676.8', 'RUB', 'en')).toBe('483,676.80');
  });
});

describe('dates and counts per language', () => {
  it('writes calendar dates and instants in UTC', () => {
    // No-break spaces: a date is one value, never broken across lines.
    const plain = (s: string) => s.replaceAll(NBSP, ' ');
    expect(formatDate('2025-12-31', 'en')).toBe(`31${NBSP}Dec${NBSP}2025`);
    expect(plain(formatDate('2025-12-31', 'ru'))).toBe('31 дек. 2025 г.');
    expect(plain(formatDate('2025-12-31', 'ru', 'long'))).toBe('31 декабря 2025 г.');
    expect(formatDate('2025Q1', 'ru')).toBe('2025Q1');
    expect(plain(formatDayMonth(12, 31, 'ru'))).toBe('31 декабря');
    expect(plain(formatDayMonth(6, 30, 'en'))).toBe('30 June');
    expect(plain(formatDateTime('2025-07-01T09:00:05Z', 'en'))).toBe('1 Jul 2025, 09:00 UTC');
    expect(plain(formatDateTime('2025-07-01T09:00:05Z', 'ru'))).toBe('1 июл. 2025 г., 09:00 UTC');
    expect(formatDateTime('2025-07-01T09:00:05Z', 'ru')).not.toContain(' ');
    expect(formatInteger(1234567, 'ru')).toBe(`1${NBSP}234${NBSP}567`);
  });
});

describe('translation', () => {
  const catalogue = {
    'Sign out': 'Выйти',
    'Hello, {name}': 'Здравствуйте, {name}',
    '{n} lines': { one: '{n} строка', few: '{n} строки', many: '{n} строк', other: '{n} строки' },
  };

  it('looks texts up by their English, puts values in, and falls back to English', () => {
    const missing: string[] = [];
    const ru = translator('ru', catalogue, (m) => missing.push(m));
    expect(ru('Sign out')).toBe('Выйти');
    expect(ru('Hello, {name}', { name: 'Мария' })).toBe('Здравствуйте, Мария');
    expect(ru('Not translated {x}', { x: 1 })).toBe('Not translated 1');
    expect(missing).toEqual(['Not translated {x}']);
    expect(ru('constructor')).toBe('constructor');
    const en = translator('en', catalogue);
    expect(en('Sign out')).toBe('Sign out');
    expect(en('Hello, {name}', { name: 'Maria' })).toBe('Hello, Maria');
  });

  it('chooses the plural form by the language\'s rules', () => {
    const ru = translator('ru', catalogue);
    expect([1, 2, 5, 11, 21, 22, 25, 1001].map((n) => ru.plural(n, '{n} line', '{n} lines'))).toEqual([
      '1 строка', '2 строки', '5 строк', '11 строк', '21 строка', '22 строки', '25 строк', `1${NBSP}001 строка`,
    ]);
    const en = translator('en', catalogue);
    expect([0, 1, 2, 1234].map((n) => en.plural(n, '{n} line', '{n} lines'))).toEqual(['0 lines', '1 line', '2 lines', '1,234 lines']);
  });
});
