import { useCallback, useRef, useState } from 'react';
import { type Answer, operationUrl } from '../../api/openapi';
import { ApiError } from '../../api/problem';
import type { LineProofBundle, LogKeys, Page, StatementLine } from '../../api/types';
import { TableScroll } from '../../components/Fields';
import { ProblemMessage } from '../../components/ProblemMessage';
import { formatMoney } from '../../format/money';
import { differencesFromProvenLine } from '../../format/statement';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { type LineProofVerdict, societyLogOrigin, verifyLineProof } from '../../verify/line-proof';
import { checkCosignatures, sameHead } from '../../verify/cosignatures';
import { formatDate, t } from '../../i18n';
import { worksPath } from '../../format/works';
import { Link } from '../../router';

/**
 * The witnesses who cosigned the head a proof was checked against, their cosignatures
 * verified here (public routes, no token); null when the latest checkpoint is another head
 * or cannot be read.
 */
async function cosignersOf(societyId: string, head: { treeSize: number; rootHash: string }): Promise<string[] | null> {
  try {
    const [list, note] = await Promise.all([
      fetch(operationUrl('listPublicSocieties', { query: { limit: 200 } })).then((r) => r.json() as Promise<Answer<'listPublicSocieties'>>),
      fetch(operationUrl('getLogCheckpoint', { path: { id: societyId } })).then((r) => r.text()),
    ]);
    const witnesses = list.items.find((s) => s.id === societyId)?.witnessing.witnesses ?? [];
    const checked = await checkCosignatures(note, witnesses);
    return sameHead(checked, head) ? checked.cosigners : null;
  } catch {
    return null;
  }
}

/** A line's proof, checked in this browser. */
type LineCheck =
  | { state: 'checking' }
  | { state: 'checked'; ok: boolean; verdict: LineProofVerdict; differences: string[]; bundle: LineProofBundle; cosigners: string[] | null }
  | { state: 'unavailable'; error: ApiError };

const keyOf = (l: StatementLine) => `${l.submissionId}/${l.lineNo}`;

/**
 * The statement's lines, a page at a time, each with a **Verify** action: the browser
 * fetches the line's proof and the ledger's published keys, and checks the chain line →
 * submission → signed log head itself (WebCrypto), then that the proven line is the line
 * shown. The steps of the latest check are listed below the table.
 */
export function LineProofs({ rightsHolderId, year, currency }: { rightsHolderId: string; year: number; currency: string }) {
  const { api } = useSession();
  // The parent keys this component by holder, year and currency, so all state below is for one statement.
  const first = useApi(() => api.statementLines(rightsHolderId, year, currency, null), [api, rightsHolderId, year, currency]);
  const [more, setMore] = useState<Page<StatementLine>[]>([]);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [checks, setChecks] = useState<Record<string, LineCheck>>({});
  const [shown, setShown] = useState<StatementLine | null>(null);
  const keys = useRef<Promise<LogKeys> | null>(null);

  const pages = first.state === 'ok' ? [first.data, ...more] : [];
  // Read in order of society and period of use (the API pages in its own storage order).
  const lines = pages
    .flatMap((p) => p.items)
    .sort((a, b) => a.societyName.localeCompare(b.societyName) || a.useFrom.localeCompare(b.useFrom) || a.lineId.localeCompare(b.lineId));
  const nextCursor = pages.length > 0 ? pages[pages.length - 1].nextCursor : null;

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.statementLines(rightsHolderId, year, currency, nextCursor);
      setMore((m) => [...m, page]);
    } catch (e) {
      setMoreError(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    } finally {
      setLoadingMore(false);
    }
  };

  const verify = useCallback(
    async (line: StatementLine) => {
      const key = keyOf(line);
      setShown(line);
      setChecks((c) => ({ ...c, [key]: { state: 'checking' } }));
      let check: LineCheck;
      try {
        keys.current ??= api.logKeys();
        const [bundle, published] = await Promise.all([api.proofAt(line.proof), keys.current]);
        const verdict = await verifyLineProof(bundle, published.keys, { expectedOrigin: societyLogOrigin(line.societyId) });
        const differences = verdict.ok ? differencesFromProvenLine(bundle.leaf, line) : [];
        const cosigners = verdict.ok ? await cosignersOf(line.societyId, bundle.head) : null;
        check = { state: 'checked', ok: verdict.ok && differences.length === 0, verdict, differences, bundle, cosigners };
      } catch (e) {
        keys.current = null;
        check = { state: 'unavailable', error: e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)) };
      }
      setChecks((c) => ({ ...c, [key]: check }));
    },
    [api],
  );

  if (first.state === 'loading') {
    return (
      <p className="muted" role="status">
        {t('Loading the lines…')}
      </p>
    );
  }
  if (first.state === 'error') return <ProblemMessage error={first.error} heading={t('Could not load the lines')} />;
  if (lines.length === 0) return <p>{t('No line in {year}.', { year })}</p>;
  return (
    <>
      <TableScroll label={t('Lines with their proofs')}>
        <table className="stack lines">
          <caption>
            {t.plural(lines.length, '{n} line', '{n} lines')}
            {nextCursor ? t(' so far') : ''}
            {t('; amounts in {currency} as the statement counts them, and as the society reported them', { currency })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('Society')}</th>
              <th scope="col">{t('Line')}</th>
              <th scope="col">{t('Work')}</th>
              <th scope="col">{t('Rights')}</th>
              <th scope="col">{t('Use')}</th>
              <th scope="col">{t('Status')}</th>
              <th scope="col" className="num">
                {t('Net')}
              </th>
              <th scope="col">{t('Proof')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => {
              const check = checks[keyOf(l)];
              return (
                <tr key={keyOf(l)} data-line={l.lineId}>
                  <td data-label={t('Society')}>{l.societyName}</td>
                  <th scope="row" data-label={t('Line')}>
                    <code>{l.lineId}</code>
                  </th>
                  <td data-label={t('Work')}>
                    {l.workIswc ? (
                      <Link to={worksPath({ iswc: l.workIswc })} title={t('The work in the register')}>
                        {l.workTitle}
                      </Link>
                    ) : (
                      l.workTitle
                    )}
                  </td>
                  <td data-label={t('Rights')}>
                    {t(l.category)}, {t(l.useType)}, {l.territory}
                  </td>
                  <td className="nowrap" data-label={t('Use')}>
                    {t('{from} to {to}', { from: formatDate(l.useFrom), to: formatDate(l.useTo) })}
                  </td>
                  <td data-label={t('Status')}>{l.status === 'paid' && l.paidOn ? t('paid {date}', { date: formatDate(l.paidOn) }) : t(l.status)}</td>
                  <td className="num nowrap" data-label={t('Net')}>
                    <span>
                      {formatMoney(l.converted.net, l.converted.currency)}
                      {l.original.currency !== l.converted.currency && (
                        <>
                          <br />
                          <span className="muted small">{formatMoney(l.original.net, l.original.currency)}</span>
                        </>
                      )}
                    </span>
                  </td>
                  <td data-label={t('Proof')}>
                    <span className="proof-cell">
                      <button type="button" className="secondary" onClick={() => verify(l)} disabled={check?.state === 'checking'} aria-label={t('Verify line {line} of {society}', { line: l.lineId, society: l.societyName })}>
                        {t('Verify')}
                      </button>
                      {check && <ProofStatus check={check} />}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {nextCursor && (
        <button type="button" className="secondary" onClick={loadMore} disabled={loadingMore}>
          {loadingMore ? t('Loading…') : t('Show more lines')}
        </button>
      )}
      {moreError && <ProblemMessage error={moreError} heading={t('Could not load more lines')} />}
      <div aria-live="polite">{shown && checks[keyOf(shown)] && <VerificationPanel line={shown} check={checks[keyOf(shown)]} />}</div>
    </>
  );
}

function ProofStatus({ check }: { check: LineCheck }) {
  switch (check.state) {
    case 'checking':
      return (
        <span className="muted" data-testid="proof-status">
          {t('checking…')}
        </span>
      );
    case 'unavailable':
      return (
        <span className="badge badge-bad" data-testid="proof-status">
          {t('✗ no proof')}
        </span>
      );
    case 'checked':
      return check.ok ? (
        <span className="badge badge-ok" data-testid="proof-status">
          {t('✓ verified')}
        </span>
      ) : (
        <span className="badge badge-bad" data-testid="proof-status">
          {t('✗ failed')}
        </span>
      );
  }
}

const STEP_MARK = { passed: '✓', failed: '✗', 'not-checked': '–' } as const;

/** The steps of one line's check: what was proven, or where the chain breaks. */
function VerificationPanel({ line, check }: { line: StatementLine; check: LineCheck }) {
  const title = `Proof of line ${line.lineId} (${line.societyName})`;
  if (check.state === 'checking') {
    return (
      <section className="panel" aria-label={title}>
        <h3>{title}</h3>
        <p role="status">{t('Fetching the proof and the published keys, and checking them in this browser…')}</p>
      </section>
    );
  }
  if (check.state === 'unavailable') {
    return (
      <section className="panel" aria-label={title}>
        <h3>{title}</h3>
        <ProblemMessage error={check.error} heading={t('The proof could not be fetched')} />
      </section>
    );
  }
  const { verdict, differences, bundle } = check;
  return (
    <section className={`panel verification ${check.ok ? 'verification-ok' : 'verification-failed'}`} aria-label={title} data-testid="verification">
      <h3>{title}</h3>
      <p role="status">
        {check.ok ? (
          <>
            <strong>{t('✓ Verified in this browser.')}</strong>{' '}
            {t("This line, exactly as shown, is in {society}'s log, whose head of {time} is signed with the ledger's published key {key}.", { society: line.societyName, time: bundle.head.timestamp, key: bundle.head.keyId })}
          </>
        ) : (
          <>
            <strong>{t('✗ Verification failed:')}</strong> {verdict.ok ? t('the proof proves another line than the one shown') : verdict.reason}.
          </>
        )}
      </p>
      {check.ok && (
        <p data-testid="cosigners">
          {check.cosigners === null
            ? t('Witness cosignatures: not checked (the log has a newer checkpoint than this proof).')
            : check.cosigners.length > 0
              ? t('Cosigned by the independent witnesses {witnesses} (their cosignatures checked in this browser).', { witnesses: check.cosigners.join(', ') })
              : t('No witness has cosigned this head yet.')}
        </p>
      )}
      {verdict.warning && <p className="warning">{verdict.warning}</p>}
      <ol className="steps">
        {verdict.steps.map((s) => (
          <li key={s.id} className={`step step-${s.status}`}>
            <span className="step-mark" aria-hidden="true">
              {STEP_MARK[s.status]}
            </span>
            <span>
              <strong>{s.title}</strong> <span className="visually-hidden">({s.status})</span>
              <br />
              <span className="step-detail">{s.detail}</span>
            </span>
          </li>
        ))}
        <li className={`step step-${!verdict.ok ? 'not-checked' : differences.length === 0 ? 'passed' : 'failed'}`}>
          <span className="step-mark" aria-hidden="true">
            {!verdict.ok ? STEP_MARK['not-checked'] : differences.length === 0 ? STEP_MARK.passed : STEP_MARK.failed}
          </span>
          <span>
            <strong>{t('The proven line is the line shown')}</strong>
            <br />
            <span className="step-detail">
              {!verdict.ok ? t('Not checked') : differences.length === 0 ? t('Same line id, currency, amounts, rights and period of use') : differences.join('; ')}
            </span>
          </span>
        </li>
      </ol>
      <details>
        <summary>{t('The proven line, exactly as hashed')}</summary>
        <code className="hash leaf">{bundle.leaf}</code>
      </details>
      <p className="hint">
        {t('Checked against the key published at')} <code>/v1/log/keys</code>.{' '}
        {t('A proof is only as good as the key: compare its id ({key}) with the copy your society or the regulator publishes. Offline: save the proof and run', { key: bundle.head.keyId })}{' '}
        <code>ledger verify --proof FILE --keys KEYS</code>.
      </p>
    </section>
  );
}
