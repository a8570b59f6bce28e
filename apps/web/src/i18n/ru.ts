import type { Catalogue } from '../../../../libs/i18n/src/index.js';
import { ruClaims } from './ru-claims';
import { ruDrill } from './ru-drill';
import { ruNotifications } from './ru-notifications';
import { ruSearch } from './ru-search';
import { ruPages } from './ru-pages';
import { ruWorks } from './ru-works';

/**
 * The dashboard in Russian, keyed by the English text as written in the code (see
 * index.ts). Keep the keys exactly as the code spells them, placeholders included;
 * test/web/i18n-catalogue.e2e-spec.ts lists every wrapped text without an entry here.
 */
export const ru: Catalogue = {
  // The works pages (issue 16), first of all: every catalogue below wins for a key it shares.
  ...ruWorks,
  // Drill-down and corrections (issue 17 items 3 and 4), first of all: any entry below wins over theirs.
  ...ruDrill,
  // Every page's texts and the ledger's codes (issue 17 item 6), first: the catalogues of
  // the pages below win for their own keys (a claim is "отклонено" where a mandate
  // request would read "отказано"), and the entries after them win over all.
  ...ruPages,
  // The claims pages (issue 17 item 1).
  ...ruClaims,
  // The notifications: the bell and the inbox (issue 17 item 5).
  ...ruNotifications,
  // Search: the box in the header and its page (issue 17 item 2).
  ...ruSearch,
  // The header, navigation and shell (App.tsx).
  'Collective Ledger': 'Коллективный реестр',
  'Language': 'Язык',
  'Sign out': 'Выйти',
  'Administrator': 'Администратор',
  'Regulator': 'Регулятор',
  'Society': 'Общество',
  'Rights holder': 'Правообладатель',
  'Overview': 'Обзор',
  'Submissions': 'Пакеты',
  'Ledger': 'Реестр',
  'Board': 'Правление',
  'Transparency report': 'Отчёт о прозрачности',
  'My page': 'Моя страница',
  'Statement': 'Выписка',
  'Societies': 'Общества',
  'Audits': 'Аудиты',
  'Rights holders': 'Правообладатели',
  'Page not found': 'Страница не найдена',
  'There is no such page in your view.': 'В вашем разделе нет такой страницы.',
  'Back to your overview': 'Вернуться к обзору',
  'Signing you in…': 'Входим…',
  'Sign in to open {path}.': 'Войдите, чтобы открыть {path}.',
  'Skip to content': 'К содержанию',
  'Main': 'Основная навигация',
};
