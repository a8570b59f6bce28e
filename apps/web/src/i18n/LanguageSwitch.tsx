import { LANGUAGES, setLang, t, useLang, type Lang } from './index';

/** The header's language switch: the choice is remembered in this browser (localStorage). */
export function LanguageSwitch() {
  const lang = useLang();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('Language')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="language-switch">
        {LANGUAGES.map((l) => (
          <option key={l.lang} value={l.lang} lang={l.lang}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
