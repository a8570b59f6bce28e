import type { Catalogue } from './translate.js';

/**
 * The ledger's codes in Russian, for readers (the dashboard and the PDFs): categories of
 * rights, types of use and of work, constituencies and kinds of rights holder, line and
 * mandate statuses and bases, package types, deduction kinds, directions of transfers.
 * The codes themselves (in the API, the CSVs and the JSON reports) stay as they are.
 */
export const CODES_RU: Catalogue = {
  // Categories of rights (CONTRACT.md; libs/mandates vocabulary).
  performing: 'публичное исполнение',
  mechanical: 'механическое воспроизведение',
  reproduction: 'воспроизведение',
  communication: 'сообщение в эфир и по кабелю',
  'making-available': 'доведение до всеобщего сведения',
  'private-copying': 'частное копирование',
  performers: 'исполнители',
  producers: 'изготовители фонограмм',
  reprography: 'репрография',
  other: 'прочее',
  // Types of use.
  radio: 'радио',
  tv: 'телевидение',
  live: 'живое исполнение',
  online: 'онлайн',
  background: 'фоновое исполнение',
  cinema: 'кинотеатры',
  physical: 'физические носители',
  // Types of work.
  musical: 'музыкальное',
  audiovisual: 'аудиовизуальное',
  literary: 'литературное',
  visual: 'изобразительное',
  'sound-recording': 'фонограмма',
  // Constituencies and kinds of rights holder.
  authors: 'авторы',
  composers: 'композиторы',
  publishers: 'издатели',
  author: 'автор',
  composer: 'композитор',
  publisher: 'издатель',
  performer: 'исполнитель',
  producer: 'изготовитель',
  // Lines, bases, derived statuses.
  paid: 'выплачено',
  unpaid: 'не выплачено',
  unidentified: 'не выяснен',
  contractual: 'по договору',
  'non-contractual': 'без договора',
  mandated: 'есть договор',
  'entrusted-elsewhere': 'передано другому обществу',
  'no-mandate': 'нет договора',
  // Mandates.
  requested: 'запрошен',
  active: 'действует',
  refused: 'отказано',
  ended: 'прекращён',
  // Package types.
  income: 'доходы',
  deductions: 'удержания',
  'distribution-lines': 'строки распределения',
  'inter-society': 'расчёты между обществами',
  undistributed: 'нераспределённое',
  board: 'правление',
  // Deduction kinds.
  management: 'на управление',
  'social-cultural': 'социальные и культурные цели',
  // Submissions and audits.
  queued: 'в очереди',
  validating: 'проверяется',
  committed: 'зафиксирован',
  rejected: 'отклонён',
  superseded: 'заменён',
  failed: 'сбой',
  running: 'выполняется',
  done: 'готов',
  // Histogram buckets of the distribution-deadline rule.
  'by year end': 'до конца года',
  '0-3 months': '0–3 мес.',
  '3-6 months': '3–6 мес.',
  '6-9 months': '6–9 мес.',
  '9-12 months': '9–12 мес.',
  'over 12 months': 'более 12 мес.',
  // Board sources and apportionment methods.
  registry: 'реестр',
  'board-package': 'пакет о правлении',
  settings: 'настройки',
  'sainte-lague': 'Сент-Лагю',
  'modified-sainte-lague': 'модифицированный Сент-Лагю',
  dhondt: "д'Ондт",
  hamilton: 'Гамильтон',
  'huntington-hill': 'Хантингтон — Хилл',
  adams: 'Адамс',
};
