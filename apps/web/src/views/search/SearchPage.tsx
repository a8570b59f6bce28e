import { type FormEvent, useId, useState } from 'react';
import { MAX_QUERY_LENGTH, search, SEARCH_KINDS, type SearchKind } from '../../api/search';
import { ProblemMessage } from '../../components/ProblemMessage';
import { PageTitle } from '../../components/PageTitle';
import { KIND_FILTERS, KIND_NAMES, parseSearchKind, searchItemDetails, searchItemPath, searchMatchNote, searchPath } from '../../format/search';
import { workPath } from '../../format/works';
import { t } from '../../i18n';
import { Link, navigate, useQueryString } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';

/** The most results the page lists (the API's most). */
const LIMIT = 50;

/**
 * Every result of a search (GET /v1/search), best first, each linking to its page: the
 * query and an optional kind come from the address (`/search?q=…&kind=…`), so a search
 * can be shared and the browser's back button returns to it.
 */
export function SearchPage({ q, kind }: { q: string; kind: SearchKind | null }) {
  const { api, me } = useSession();
  const ids = { q: useId(), kind: useId() };
  const [text, setText] = useState(q);
  const [chosen, setChosen] = useState<SearchKind | ''>(kind ?? '');
  const query = q.trim();
  const found = useApi(() => (query ? search(api, query, { kind, limit: LIMIT }) : Promise.resolve(null)), [api, query, kind]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) navigate(searchPath(text.trim(), chosen || null));
  };
  const title = query ? t('Search: {q}', { q: query }) : t('Search');
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="hint">
        {t(
          'Finds rights holders, societies, works and lines by name or title, written in Cyrillic or Latin letters (either finds the other), and by IPI, ISNI, ISWC, CISAC code or line id. You find what you may read elsewhere in the ledger.',
        )}
      </p>
      <form className="inline-form search-form" onSubmit={submit}>
        <div className="form-row">
          <label htmlFor={ids.q}>{t('Search for')}</label>
          <input id={ids.q} type="search" value={text} maxLength={MAX_QUERY_LENGTH} onChange={(e) => setText(e.target.value)} autoComplete="off" />
        </div>
        <div className="form-row">
          <label htmlFor={ids.kind}>{t('Kind')}</label>
          <select id={ids.kind} value={chosen} onChange={(e) => setChosen(e.target.value as SearchKind | '')}>
            <option value="">{t('Everything')}</option>
            {SEARCH_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_FILTERS[k])}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('Search')}</button>
      </form>
      {!query ? null : found.state === 'loading' ? (
        <p className="muted" role="status">
          {t('Searching…')}
        </p>
      ) : found.state === 'error' ? (
        <ProblemMessage error={found.error} heading={t('Could not search')} />
      ) : found.data && found.data.items.length === 0 ? (
        <p role="status">{t('Nothing found for “{q}”. Try part of a name or title, or an identifier written out.', { q: query })}</p>
      ) : (
        found.data && (
          <>
            <p role="status" className="muted">
              {t.plural(found.data.items.length, '{n} result, best first', '{n} results, best first')}
              {found.data.items.length === LIMIT ? ` ${t('(the first {n}: narrow the search to see others)', { n: LIMIT })}` : ''}
            </p>
            <ol className="search-results">
              {found.data.items.map((item) => {
                const note = searchMatchNote(item);
                return (
                  <li key={`${item.kind}/${item.societyId ?? ''}/${item.id}`} data-kind={item.kind}>
                    <span className="search-kind">{t(KIND_NAMES[item.kind])}</span>{' '}
                    <Link to={searchItemPath(item, me)} className="search-label">
                      {item.label}
                    </Link>
                    {note && <span className="badge search-match">{note}</span>}
                    <span className="search-detail">{searchItemDetails(item).join(' · ')}</span>
                    {item.kind === 'work' && item.workId && item.submissionId && (
                      <Link to={workPath(item.workId)} className="search-register">
                        {t('in the works register')}
                      </Link>
                    )}
                  </li>
                );
              })}
            </ol>
          </>
        )
      )}
    </>
  );
}

/** /search: the page for the query and kind in the address (a new query starts a new page). */
export function SearchRoute() {
  const params = new URLSearchParams(useQueryString());
  const q = params.get('q') ?? '';
  const kind = parseSearchKind(params.get('kind'));
  return <SearchPage key={`${kind ?? ''}/${q}`} q={q} kind={kind} />;
}
