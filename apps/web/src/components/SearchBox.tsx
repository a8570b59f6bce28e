import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { MAX_QUERY_LENGTH, search, type SearchItem } from '../api/search';
import { KIND_NAMES, searchItemDetails, searchItemPath, searchPath } from '../format/search';
import { t } from '../i18n';
import { navigate, usePath } from '../router';
import { useSession } from '../session';

/** Suggestions shown under the box; the search page lists up to 50. */
const SUGGESTIONS = 8;
/** Wait this long after the last key before asking. */
const DEBOUNCE_MS = 250;

/**
 * The search box in the header, for every role (a combobox: ARIA 1.2 pattern). As one
 * types, the best few results appear under it (↑/↓ to choose, Enter to open, Escape to
 * close); Enter without a choice, or the button, opens the search page with every result.
 */
export function SearchBox() {
  const { api, me } = useSession();
  const path = usePath();
  const id = useId();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<SearchItem[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const box = useRef<HTMLFormElement>(null);

  // A new page closes the suggestions.
  useEffect(() => {
    setOpen(false);
    setActive(-1);
  }, [path]);

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setItems([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      search(api, text, { limit: SUGGESTIONS }).then(
        (r) => {
          if (!current) return;
          setItems(r.items);
          setActive(-1);
        },
        () => current && setItems([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, q]);

  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  const go = (to: string) => {
    setOpen(false);
    setActive(-1);
    navigate(to);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    if (active >= 0 && items[active]) return go(searchItemPath(items[active], me));
    if (text) go(searchPath(text));
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && items.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % items.length);
    } else if (e.key === 'ArrowUp' && items.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };
  const shown = open && items.length > 0 && q.trim().length >= 2;
  const optionId = (i: number) => `${id}-option-${i}`;

  return (
    <form ref={box} className="search-box" role="search" onSubmit={submit} action="/search">
      <label htmlFor={`${id}-q`} className="visually-hidden">
        {t('Search')}
      </label>
      <input
        id={`${id}-q`}
        name="q"
        type="search"
        role="combobox"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        maxLength={MAX_QUERY_LENGTH}
        placeholder={t('Name, title, IPI, ISWC…')}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKey}
      />
      <button type="submit" className="secondary search-go" aria-label={t('Search')} title={t('Search')}>
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
      </button>
      <ul id={`${id}-list`} role="listbox" aria-label={t('Suggestions')} className="search-suggestions" hidden={!shown}>
        {shown &&
          items.map((item, i) => (
            <li
              key={`${item.kind}/${item.societyId ?? ''}/${item.id}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                go(searchItemPath(item, me));
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="search-kind">{t(KIND_NAMES[item.kind])}</span> <span className="search-label">{item.label}</span>
              <span className="search-detail">{searchItemDetails(item).join(' · ')}</span>
            </li>
          ))}
      </ul>
    </form>
  );
}
