import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { Answer, Query } from '../../api/openapi';
import { ApiError } from '../../api/problem';
import type { Submission } from '../../api/types';
import { type Column, DataTable } from '../../components/DataTable';
import { Fields } from '../../components/Fields';
import { ProblemMessage } from '../../components/ProblemMessage';
import { saveBlob } from '../../download';
import { changeText, fieldLabel, fieldValue, lineFromSearch } from '../../format/drill';
import { shownIswc, transactionTypeName, worksPath } from '../../format/works';
import { AckDownload } from '../works/AckDownload';
import { formatDate, formatDecimal, formatInteger, formatMoney, t } from '../../i18n';
import { Link, useSearch } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';

type Diff = Answer<'getSubmissionDiff'>;
type LinesPage = Answer<'listSubmissionLines'>;
type Line = LinesPage['items'][number];
type LinesQuery = Query<'listSubmissionLines'>;

/** Items of each list of a diff the page shows (the counts are always whole; the JSON download has every item). */
export const DIFF_SHOWN = 200;
/** Lines a page of the lines table holds. */
const LINES_PAGE = 50;
/** Package types whose lines have no id: no diff (the API answers 409). */
const WITHOUT_LINE_IDS = new Set(['undistributed', 'mandates']);
const HAS_LINES = new Set(['committed', 'superseded']);
const LINE_STATUSES = ['paid', 'unpaid', 'unidentified'] as const;

/**
 * What a finished submission's page offers beyond its status (issue 17 items 3 and 4):
 * the package it replaced and the one that replaced it, the package as received and
 * every error as CSV, what the correction changed against the package it replaced (a
 * diff by line id), and its lines, filtered and a page at a time; `?line=ID` (or
 * `?lineNo=N`) in the address opens one line (where an audit's evidence links to).
 */
export function SubmissionDrill({ submission: s }: { submission: Submission }) {
  const hasLines = HAS_LINES.has(s.status);
  return (
    <>
      <section aria-labelledby="package-heading">
        <h2 id="package-heading">{t('The package')}</h2>
        <Fields
          rows={[
            ...(s.fileName ? ([[t('Uploaded as'), s.fileName]] as [string, ReactNode][]) : []),
            [t('Replaces'), s.supersedes ? <Link to={`/submissions/${s.supersedes}`}>{s.supersedes}</Link> : t('nothing (the first package of its quarter)')],
            [t('Replaced by'), s.supersededBy ? <Link to={`/submissions/${s.supersededBy}`}>{s.supersededBy}</Link> : t('not replaced')],
          ]}
        />
        <Downloads submission={s} />
      </section>
      {hasLines && s.supersedes && !WITHOUT_LINE_IDS.has(s.type) && <DiffSection submission={s} />}
      {hasLines && <LinesSection key={s.id} submission={s} />}
    </>
  );
}

function Downloads({ submission: s }: { submission: Submission }) {
  const { api } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const download = async (what: 'package' | 'errors.csv') => {
    setBusy(what);
    setError(null);
    try {
      const file = await api.file(`/v1/submissions/${encodeURIComponent(s.id)}/${what}`);
      saveBlob(file.blob, file.filename ?? `${what === 'package' ? s.id : `errors-${s.id}.csv`}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, t('Download failed'), String(e)));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="downloads">
      <AckDownload submission={s} />
      <button type="button" className="secondary" onClick={() => download('package')} disabled={busy !== null}>
        {busy === 'package' ? t('Preparing the file…') : t('Download the package as received')}
      </button>
      {s.errorCount > 0 && (
        <button type="button" className="secondary" onClick={() => download('errors.csv')} disabled={busy !== null}>
          {busy === 'errors.csv' ? t('Preparing the file…') : t.plural(s.errorCount, 'Download the {n} error as CSV', 'Download all {n} errors as CSV')}
        </button>
      )}
      {error && <ProblemMessage error={error} heading={t('The download failed')} />}
    </div>
  );
}

/** A line's number and id, linking to it on the page of the package it is in. */
function LineLink({ submissionId, lineId, lineNo }: { submissionId: string; lineId: string; lineNo: number }) {
  return (
    <Link to={`/submissions/${encodeURIComponent(submissionId)}?line=${encodeURIComponent(lineId)}`} title={t('Line {n} of its file', { n: lineNo })}>
      {lineId}
    </Link>
  );
}

/** A whole line in a few words: its holder, work and money (the diff's added and removed lines). */
function lineSummary(fields: Record<string, string | null>): string {
  const names = ['rightsHolderName', 'workTitle', 'gross', 'net', 'amount', 'status', 'currency'];
  return names
    .filter((n) => fields[n] !== undefined && fields[n] !== null)
    .map((n) => `${fieldLabel(n)}: ${fieldValue(n, fields[n], fields.currency ?? undefined)}`)
    .join('; ');
}

function DiffSection({ submission: s }: { submission: Submission }) {
  const { api } = useSession();
  const diff = useApi<Diff>(() => api.call('getSubmissionDiff', { path: { id: s.id }, query: { limit: DIFF_SHOWN } }), [api, s.id]);
  const [error, setError] = useState<ApiError | null>(null);
  const downloadAll = async () => {
    setError(null);
    try {
      const file = await api.file(`/v1/submissions/${encodeURIComponent(s.id)}/diff`);
      saveBlob(file.blob, `diff-${s.type}-${s.period}-${s.id}.json`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, t('Download failed'), String(e)));
    }
  };
  return (
    <section aria-labelledby="diff-heading" data-testid="diff">
      <h2 id="diff-heading">{t('What this correction changed')}</h2>
      {diff.state === 'loading' && <p className="muted">{t('Comparing the two packages line by line…')}</p>}
      {diff.state === 'error' && <ProblemMessage error={diff.error} heading={t('Could not compare the packages')} />}
      {diff.state === 'ok' && (
        <>
          <p data-testid="diff-counts">
            {t('Against the package it replaced, by {idColumn}: {changed}, {added}, {removed}.', {
              idColumn: diff.data.idColumn,
              changed: t.plural(diff.data.counts.changed, '{n} line changed', '{n} lines changed'),
              added: t.plural(diff.data.counts.added, '{n} added', '{n} added'),
              removed: t.plural(diff.data.counts.removed, '{n} removed', '{n} removed'),
            })}{' '}
            <Link to={`/submissions/${diff.data.supersedes}`}>{t('The package it replaced')}</Link>
          </p>
          <DataTable
            label={t('Lines changed')}
            testId="diff-changed"
            caption={shownCaption(t('Lines changed, field by field (before → after)'), diff.data.changed.length, diff.data.counts.changed)}
            rows={diff.data.changed}
            rowKey={(c) => c.lineId}
            empty={t('No line has other values.')}
            columns={[
              { label: t('Line'), cell: (c) => <LineLink submissionId={s.id} lineId={c.lineId} lineNo={c.toLineNo} /> },
              {
                label: t('What changed'),
                cell: (c) => (
                  <ul className="changes">
                    {Object.entries(c.fields).map(([name, change]) => (
                      <li key={name} aria-label={changeText(name, change)}>
                        {fieldLabel(name)}: <del className="diff-from">{fieldValue(name, change.from)}</del> → <ins className="diff-to">{fieldValue(name, change.to)}</ins>
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
          <DataTable
            label={t('Lines added')}
            testId="diff-added"
            caption={shownCaption(t('Lines only in this package'), diff.data.added.length, diff.data.counts.added)}
            rows={diff.data.added}
            rowKey={(l) => l.lineId}
            empty={t('No line was added.')}
            columns={[
              { label: t('Line'), cell: (l) => <LineLink submissionId={s.id} lineId={l.lineId} lineNo={l.lineNo} /> },
              { label: t('The line'), cell: (l) => lineSummary(l.fields) },
            ]}
          />
          <DataTable
            label={t('Lines removed')}
            testId="diff-removed"
            caption={shownCaption(t('Lines only in the package replaced'), diff.data.removed.length, diff.data.counts.removed)}
            rows={diff.data.removed}
            rowKey={(l) => l.lineId}
            empty={t('No line was removed.')}
            columns={[
              { label: t('Line'), cell: (l) => <LineLink submissionId={diff.data.supersedes} lineId={l.lineId} lineNo={l.lineNo} /> },
              { label: t('The line'), cell: (l) => lineSummary(l.fields) },
            ]}
          />
          <div className="downloads">
            <button type="button" className="secondary" onClick={downloadAll}>
              {t('Download the whole diff (JSON)')}
            </button>
          </div>
          {error && <ProblemMessage error={error} heading={t('The download failed')} />}
        </>
      )}
    </section>
  );
}

function shownCaption(what: string, shown: number, total: number): string {
  return shown < total ? t('{what}: the first {shown} of {total}', { what, shown: formatInteger(shown), total: formatInteger(total) }) : t('{what}: {total}', { what, total: formatInteger(total) });
}

function LinesSection({ submission: s }: { submission: Submission }) {
  const { api } = useSession();
  const search = useSearch();
  const distribution = s.type === 'distribution-lines';
  const [filter, setFilter] = useState<{ status: string; q: string }>({ status: '', q: '' });
  const [draft, setDraft] = useState(filter);
  const [pages, setPages] = useState<Line[][]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [more, setMore] = useState<ApiError | null>(null);
  const [one, setOne] = useState(() => lineFromSearch(search));
  const section = useRef<HTMLElement>(null);
  // A link to one line (an audit's evidence, a line of the diff) opens it here, in view.
  useEffect(() => {
    const asked = lineFromSearch(search);
    setOne(asked);
    if (asked.lineId !== undefined || asked.lineNo !== undefined) section.current?.scrollIntoView({ block: 'start' });
  }, [search]);
  const ids = { status: useId(), q: useId() };
  const query = (cursor?: string): LinesQuery => ({
    limit: LINES_PAGE,
    ...(cursor ? { cursor } : {}),
    ...(one.lineId ? { lineId: one.lineId } : one.lineNo ? { lineNo: one.lineNo } : {}),
    ...(filter.status ? { status: filter.status as LinesQuery['status'] } : {}),
    ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
  });
  const first = useApi<LinesPage>(async () => {
    const page = await api.call('listSubmissionLines', { path: { id: s.id }, query: query() });
    setPages([]);
    setNext(page.nextCursor);
    return page;
  }, [api, s.id, filter.status, filter.q, one.lineId, one.lineNo]);
  const showMore = async () => {
    if (!next) return;
    setMore(null);
    try {
      const page = await api.call('listSubmissionLines', { path: { id: s.id }, query: query(next) });
      setPages((p) => [...p, page.items]);
      setNext(page.nextCursor);
    } catch (e) {
      setMore(e instanceof ApiError ? e : new ApiError(0, t('Error'), String(e)));
    }
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setOne({});
    setFilter(draft);
  };
  const rows = first.state === 'ok' ? [...first.data.items, ...pages.flat()] : [];
  const columns: Column<Line>[] = s.type === 'cwr'
    ? cwrColumns()
    : s.type === 'dsr'
      ? dsrColumns()
      : distribution
    ? [
        { label: t('Line'), cell: (l) => formatInteger(l.lineNo), num: true },
        { label: t('Line id'), cell: (l) => l.lineId ?? '—', nowrap: true },
        { label: t('Rights holder'), cell: (l) => `${l.fields.rightsHolderName ?? ''}${l.fields.rightsHolderIpi ? ` (${l.fields.rightsHolderIpi})` : ''}` },
        {
          label: t('Work'),
          cell: (l) =>
            l.fields.workIswc ? (
              <Link to={worksPath({ iswc: l.fields.workIswc })} title={t('The work in the register')}>
                {l.fields.workTitle ?? l.fields.workIswc}
              </Link>
            ) : (
              (l.fields.workTitle ?? '—')
            ),
        },
        { label: t('Category'), cell: (l) => `${fieldValue('category', l.fields.category)}, ${fieldValue('useType', l.fields.useType)}, ${fieldValue('territory', l.fields.territory)}` },
        { label: t('Use'), cell: (l) => `${fieldValue('useFrom', l.fields.useFrom)} – ${fieldValue('useTo', l.fields.useTo)}`, nowrap: true },
        { label: t('Gross'), cell: (l) => `${fieldValue('gross', l.fields.gross, l.fields.currency ?? undefined)} ${l.fields.currency ?? ''}`, num: true, nowrap: true },
        { label: t('Net'), cell: (l) => `${fieldValue('net', l.fields.net, l.fields.currency ?? undefined)} ${l.fields.currency ?? ''}`, num: true, nowrap: true },
        { label: t('Status'), cell: (l) => `${fieldValue('status', l.fields.status)}${l.fields.paidOn ? ` ${fieldValue('paidOn', l.fields.paidOn)}` : ''}` },
        { label: t('Mandate status'), cell: (l) => (l.mandateStatus ? t(l.mandateStatus) : '—') },
      ]
    : [
        { label: t('Line'), cell: (l) => formatInteger(l.lineNo), num: true },
        ...Object.keys(rows[0]?.fields ?? {}).map((name) => ({ label: fieldLabel(name), cell: (l: Line) => fieldValue(name, l.fields[name], l.fields.currency ?? undefined) })),
      ];
  const oneAsked = one.lineId !== undefined || one.lineNo !== undefined;
  return (
    <section aria-labelledby="lines-heading" ref={section}>
      <h2 id="lines-heading">{t('Lines')}</h2>
      <form className="filters" onSubmit={apply} aria-label={t('Filter the lines')}>
        {distribution && (
          <span>
            <label htmlFor={ids.status}>{t('Status')}</label>{' '}
            <select id={ids.status} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
              <option value="">{t('any')}</option>
              {LINE_STATUSES.map((x) => (
                <option key={x} value={x}>
                  {fieldValue('status', x)}
                </option>
              ))}
            </select>
          </span>
        )}
        <span>
          <label htmlFor={ids.q}>{distribution ? t('Line id, holder, IPI or work') : t('Text in the line')}</label>{' '}
          <input id={ids.q} type="search" value={draft.q} maxLength={200} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </span>
        <button type="submit">{t('Show lines')}</button>
      </form>
      {oneAsked && (
        <p className="notice" data-testid="one-line">
          {one.lineId ? t('Showing the line {id}.', { id: one.lineId }) : t('Showing line {n} of the file.', { n: one.lineNo ?? 0 })}{' '}
          <button type="button" className="link" onClick={() => setOne({})}>
            {t('Show every line')}
          </button>
        </p>
      )}
      {first.state === 'loading' && <p className="muted">{t('Reading the lines…')}</p>}
      {first.state === 'error' && <ProblemMessage error={first.error} heading={t('Could not read the lines')} />}
      {first.state === 'ok' && (
        <>
          <DataTable
            label={t('Lines')}
            testId="lines"
            caption={next ? t('{n} lines shown; more below', { n: formatInteger(rows.length) }) : t.plural(rows.length, '{n} line', '{n} lines')}
            rows={rows}
            rowKey={(l) => String(l.lineNo)}
            rowClass={(l) => (oneAsked && (l.lineId === one.lineId || l.lineNo === one.lineNo) ? 'row-differs' : undefined)}
            empty={oneAsked ? t('This package has no such line.') : t('No line matches.')}
            columns={columns}
          />
          {next && (
            <button type="button" className="secondary" onClick={showMore}>
              {t('Show more lines')}
            </button>
          )}
          {more && <ProblemMessage error={more} heading={t('Could not read more lines')} />}
        </>
      )}
    </section>
  );
}

/** A work the register may know, by ISWC (else by its title), as a link to the works list. */
function WorkLink({ iswc, title }: { iswc: string | null | undefined; title: string | null | undefined }) {
  if (!iswc && !title) return <>—</>;
  return (
    <Link to={worksPath(iswc ? { iswc } : { q: title ?? '' })} title={t('The work in the register')}>
      {title || shownIswc(iswc)}
    </Link>
  );
}

/** A CWR file's lines: one work transaction each (its full registration is on the work's page). */
function cwrColumns(): Column<Line>[] {
  return [
    { label: t('Line'), cell: (l) => formatInteger(l.lineNo), num: true },
    { label: t('Line of the file'), cell: (l) => l.fields.line ?? '—', num: true },
    { label: t('Transaction'), cell: (l) => (l.fields.transactionType ? transactionTypeName(l.fields.transactionType) : '—') },
    { label: t('Submitter work number'), cell: (l) => l.fields.submitterWorkNumber ?? '—' },
    { label: t('ISWC'), cell: (l) => <code>{shownIswc(l.fields.iswc)}</code>, nowrap: true },
    { label: t('Work'), cell: (l) => <WorkLink iswc={l.fields.iswc} title={l.fields.title} /> },
  ];
}

/** A DSR report's lines: a platform's use and revenue per recording and work. */
function dsrColumns(): Column<Line>[] {
  return [
    { label: t('Line'), cell: (l) => formatInteger(l.lineNo), num: true },
    { label: t('Line of the file'), cell: (l) => l.fields.uploadLine ?? '—', num: true },
    { label: t('Platform'), cell: (l) => l.fields.dspName ?? '—' },
    { label: t('Recording'), cell: (l) => [l.fields.recordingTitle, l.fields.isrc && `ISRC ${l.fields.isrc}`].filter(Boolean).join(', ') || '—' },
    { label: t('Work'), cell: (l) => <WorkLink iswc={l.fields.iswc} title={l.fields.workTitle} /> },
    {
      label: t('Use'),
      cell: (l) => (
        <>
          {[l.fields.useType, l.fields.commercialModel, l.fields.territory].filter(Boolean).join(', ')}
          {l.fields.periodFrom && l.fields.periodTo && (
            <span className="share-party">
              {formatDate(l.fields.periodFrom)} – {formatDate(l.fields.periodTo)}
            </span>
          )}
        </>
      ),
    },
    { label: t('Usages'), cell: (l) => (l.fields.usages ? formatDecimal(l.fields.usages) : '—'), num: true },
    { label: t('Revenue'), cell: (l) => (l.fields.amount && l.fields.currency ? formatMoney(l.fields.amount, l.fields.currency) : '—'), num: true, nowrap: true },
  ];
}
