import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/problem';
import type { Society } from '../../api/types';
import { listWorks, type WorkSummary } from '../../api/works';
import { DataTable } from '../../components/DataTable';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { ProblemMessage } from '../../components/ProblemMessage';
import { shownIswc, shownSubmitter, workPath, worksPath, worksQueryFromSearch, type WorksQuery } from '../../format/works';
import { formatDateTime, formatInteger, t } from '../../i18n';
import { Link, navigate, useSearch } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';

/**
 * The works register (issue 16): the works registered by CWR, found by ISWC, by title (or
 * a writer's or publisher's name) and by a party's IPI; the query lives in the address
 * (`/works?iswc=&q=&ipi=`), so a search can be shared and a link from elsewhere (a line's
 * work, a search result) opens it. Each work links to its page.
 */
export function WorksPage() {
  const search = useSearch();
  const query = worksQueryFromSearch(search);
  return <WorksSearch key={search} query={query} />;
}

function WorksSearch({ query }: { query: WorksQuery }) {
  const { api, me } = useSession();
  const ids = { iswc: useId(), q: useId(), ipi: useId() };
  const [draft, setDraft] = useState<WorksQuery>(query);
  const [more, setMore] = useState<{ items: WorkSummary[]; nextCursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const first = useApi(() => listWorks(api, query), [api, query.iswc, query.q, query.ipi]);
  const regulator = me.role === 'regulator' || me.role === 'admin';
  const societies = useApi<Society[]>(() => (regulator ? api.societies() : Promise.resolve([])), [api, regulator]);
  const societyName = (id: string) => (societies.state === 'ok' ? (societies.data.find((s) => s.id === id)?.name ?? id) : id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(worksPath(draft));
  };
  const next = more ? more.nextCursor : first.state === 'ok' ? first.data.nextCursor : null;
  const showMore = async () => {
    if (!next) return;
    setMoreError(null);
    try {
      const page = await listWorks(api, query, next);
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (e) {
      setMoreError(e instanceof ApiError ? e : new ApiError(0, t('Error'), String(e)));
    }
  };
  const asked = [query.iswc && t('ISWC {iswc}', { iswc: query.iswc }), query.q && `“${query.q}”`, query.ipi && t('IPI {ipi}', { ipi: query.ipi })].filter(Boolean).join(', ');
  return (
    <>
      <PageTitle title={t('Works')}>{t('Works')}</PageTitle>
      <p className="hint">
        {me.role === 'rights-holder'
          ? t('The works registered with CWR files that name you as a writer or publisher: their registrations, shares and conflicts.')
          : t('The works registered with CWR files: their registrations, shares and conflicts, and the money each work earned, from use to payout.')}
      </p>
      <form className="inline-form works-search" onSubmit={submit} aria-label={t('Find works')}>
        <div className="form-row">
          <label htmlFor={ids.iswc}>{t('ISWC')}</label>
          <input id={ids.iswc} value={draft.iswc ?? ''} onChange={(e) => setDraft({ ...draft, iswc: e.target.value })} placeholder="T-034.524.680-1" size={16} autoComplete="off" />
        </div>
        <div className="form-row">
          <label htmlFor={ids.q}>{t('Title')}</label>
          <input id={ids.q} type="search" value={draft.q ?? ''} maxLength={200} onChange={(e) => setDraft({ ...draft, q: e.target.value })} autoComplete="off" />
        </div>
        <div className="form-row">
          <label htmlFor={ids.ipi}>{t('IPI of a writer or publisher')}</label>
          <input id={ids.ipi} value={draft.ipi ?? ''} inputMode="numeric" onChange={(e) => setDraft({ ...draft, ipi: e.target.value })} size={13} autoComplete="off" />
        </div>
        <button type="submit">{t('Find works')}</button>
      </form>
      <Loader loaded={first} what={t('the works')}>
        {(page) => {
          const items = [...page.items, ...(more?.items ?? [])];
          return (
            <>
              <DataTable<WorkSummary>
                label={t('Works')}
                testId="works"
                caption={
                  next
                    ? t('{n} works shown; more below', { n: formatInteger(items.length) })
                    : asked
                      ? t.plural(items.length, '{n} work for {query}', '{n} works for {query}', { query: asked })
                      : t.plural(items.length, '{n} work registered', '{n} works registered')
                }
                rows={items}
                rowKey={(w) => w.id}
                rowClass={(w) => (w.inConflict ? 'row-differs' : undefined)}
                empty={asked ? t('No registered work matches {query}.', { query: asked }) : t('No work is registered yet: upload a CWR file (package type cwr).')}
                columns={[
                  { label: t('Title'), cell: (w) => <Link to={workPath(w.id)}>{w.title}</Link> },
                  { label: t('ISWC'), cell: (w) => <code>{shownIswc(w.iswc)}</code>, nowrap: true },
                  { label: t('Registered by'), cell: (w) => shownSubmitter(w.submitter) },
                  ...(regulator ? [{ label: t('Society'), cell: (w: WorkSummary) => societyName(w.societyId) }] : []),
                  { label: t('Version'), cell: (w) => formatInteger(w.currentVersion), num: true },
                  { label: t('Last registered'), cell: (w) => formatDateTime(w.updatedAt), nowrap: true },
                  {
                    label: t('Conflicts'),
                    cell: (w) => (w.inConflict ? <span className="badge badge-bad">⚠ {t('in conflict')}</span> : t('none')),
                    nowrap: true,
                  },
                ]}
              />
              {next && (
                <button type="button" className="secondary" onClick={showMore}>
                  {t('Show more works')}
                </button>
              )}
              {moreError && <ProblemMessage error={moreError} heading={t('Could not read more works')} />}
            </>
          );
        }}
      </Loader>
    </>
  );
}
