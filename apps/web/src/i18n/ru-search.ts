import type { Catalogue } from '../../../../libs/i18n/src/index.js';

/**
 * Search in Russian (components/SearchBox.tsx, views/search/SearchPage.tsx,
 * format/search.ts), keyed like ru.ts, which spreads it first (its own entries win).
 */
export const ruSearch: Catalogue = {
  'Search': 'Поиск',
  'Suggestions': 'Подсказки',
  'Name, title, IPI, ISWC…': 'Имя, название, IPI, ISWC…',
  'Search: {q}': 'Поиск: {q}',
  'Finds rights holders, societies, works and lines by name or title, written in Cyrillic or Latin letters (either finds the other), and by IPI, ISNI, ISWC, CISAC code or line id. You find what you may read elsewhere in the ledger.':
    'Находит правообладателей, общества, произведения и строки по имени или названию, написанным кириллицей или латиницей (одно находит другое), а также по IPI, ISNI, ISWC, коду CISAC или идентификатору строки. Вы найдёте то, что можете видеть в реестре и в других разделах.',
  'Search for': 'Что искать',
  'Kind': 'Вид',
  'Everything': 'Всё',
  'Searching…': 'Ищем…',
  'Could not search': 'Не удалось выполнить поиск',
  'Nothing found for “{q}”. Try part of a name or title, or an identifier written out.': 'По запросу «{q}» ничего не найдено. Попробуйте часть имени или названия либо идентификатор целиком.',
  '{n} results, best first': { one: '{n} результат, лучшие сначала', few: '{n} результата, лучшие сначала', many: '{n} результатов, лучшие сначала', other: '{n} результата, лучшие сначала' },
  '(the first {n}: narrow the search to see others)': '(первые {n}: уточните запрос, чтобы увидеть остальные)',
  'Work': 'Произведение',
  'Line': 'Строка',
  'Works': 'Произведения',
  'Lines': 'Строки',
  'IPI {ipi}': 'IPI {ipi}',
  'CISAC code {code}': 'код CISAC {code}',
  'ISWC {iswc}': 'ISWC {iswc}',
  'on lines of {society}': 'в строках общества {society}',
  'line {lineId}': 'строка {lineId}',
  'package superseded': 'пакет заменён',
  'unpaid': 'не выплачено',
  'unidentified': 'правообладатель не установлен',
  'matched by IPI': 'найдено по IPI',
  'matched by ISNI': 'найдено по ISNI',
  'matched by ISWC': 'найдено по ISWC',
  'matched by CISAC code': 'найдено по коду CISAC',
  'matched by line id': 'найдено по идентификатору строки',
};
