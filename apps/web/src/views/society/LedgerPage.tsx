import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/problem';
import type { AuditRule, Reconciliation, SignedTreeHead, Society, VerifyReport } from '../../api/types';
import { Fields, TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { ProblemMessage } from '../../components/ProblemMessage';
import { lastCompleteFinancialYear, todayIso } from '../../format/dates';
import { formatMoney, isZeroAmount } from '../../format/money';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { societyLogOrigin } from '../../verify/line-proof';
import { type HeadVerdict, verifySignedHead } from '../../verify/signed-head';
import { RunAuditForm } from '../audit/RunAuditForm';
import { NotAvailable } from '../NotAvailable';
import { SocietyTabs } from './SocietyTabs';
import { formatDate, msg, t } from '../../i18n';

interface LedgerData {
  society: Society;
  /** The audit rule catalogue (null when it cannot be read: the audit form is then left out). */
  rules: AuditRule[] | null;
  head: SignedTreeHead;
  /** The head's signature checked in this browser against the published keys. */
  signature: HeadVerdict;
}

/**
 * A society's ledger: the signed head of its log (its signature checked in the browser
 * against the published key), a server-side check of the whole log against the stored
 * lines, the reconciliation of a financial year, and an audit of a financial year.
 */
export function LedgerPage({ societyId }: { societyId: string }) {
  const { api } = useSession();
  const loaded = useApi<LedgerData>(async () => {
    const [society, head, keys, rules] = await Promise.all([api.society(societyId), api.logHead(societyId), api.logKeys(), api.auditRules().catch(() => null)]);
    return { society, head, rules, signature: await verifySignedHead(head, keys.keys) };
  }, [api, societyId]);

  return (
    <Loader loaded={loaded} what={t('the ledger')} refusal={<NotAvailable what={t("This society's ledger")} />}>
      {({ society, head, signature, rules }) => (
        <>
          <PageTitle title={t('{society}: ledger', { society: society.name })}>{t('{society}: ledger', { society: society.name })}</PageTitle>
          <SocietyTabs societyId={societyId} />
          <LogHead societyId={societyId} head={head} signature={signature} />
          <VerifyLog societyId={societyId} />
          <ReconciliationSection society={society} />
          {rules && (
            <section aria-labelledby="audit-heading">
              <h2 id="audit-heading">{t('Audit')}</h2>
              <p>{t('Check the financial year against the rule catalogue (payout deadlines, costs, undistributed money, board representation, …) and get the report.')}</p>
              <RunAuditForm societies={[society]} rules={rules} initialYear={lastCompleteFinancialYear(todayIso(), society.fyEndMonth, society.fyEndDay)} />
            </section>
          )}
        </>
      )}
    </Loader>
  );
}

function LogHead({ societyId, head, signature }: { societyId: string; head: SignedTreeHead; signature: HeadVerdict }) {
  const expectedOrigin = societyLogOrigin(societyId);
  const originOk = head.origin === undefined || head.origin === expectedOrigin;
  return (
    <section aria-labelledby="head-heading">
      <h2 id="head-heading">{t('Log head')}</h2>
      <p>
        {t(
          "Every committed submission is a leaf of the society's append-only log; after each commit the ledger signs the log's size and root. Keep this head: a later one that dropped or changed a submission cannot be proven consistent with it.",
        )}
      </p>
      <Fields
        rows={[
          [t('Submissions in the log'), <span data-testid="tree-size">{head.treeSize}</span>],
          [t('Root hash'), <code className="hash" data-testid="root-hash">{head.rootHash}</code>],
          [t('Signed at'), <span data-testid="head-timestamp">{head.timestamp}</span>],
          [t('Log'), head.origin ? <code className="hash">{head.origin}</code> : t('not named (signed before logs were named)')],
          [t('Key id'), <code data-testid="key-id">{head.keyId}</code>],
          [
            t('Signature'),
            signature.ok && originOk ? (
              <span className="badge badge-ok" data-testid="head-signature">
                {t('✓ Verified in this browser with the published key {key}', { key: signature.keyId })}
              </span>
            ) : (
              <span className="badge badge-bad" data-testid="head-signature">
                {t('✗ Does not verify: {reason}', { reason: signature.ok ? t("the head is of the log {origin}, not this society's", { origin: head.origin ?? '' }) : signature.reason })}
              </span>
            ),
          ],
        ]}
      />
    </section>
  );
}

type VerifyState = { state: 'idle' } | { state: 'running' } | { state: 'done'; report: VerifyReport } | { state: 'error'; error: ApiError };

/** Asks the server to recompute the log from the stored lines (POST verify) and shows what does not agree. */
function VerifyLog({ societyId }: { societyId: string }) {
  const { api } = useSession();
  const [state, setState] = useState<VerifyState>({ state: 'idle' });
  const run = async () => {
    setState({ state: 'running' });
    try {
      setState({ state: 'done', report: await api.verifyLog(societyId) });
    } catch (e) {
      setState({ state: 'error', error: e instanceof ApiError ? e : new ApiError(0, t('Error'), String(e)) });
    }
  };
  return (
    <section aria-labelledby="verify-heading">
      <h2 id="verify-heading">{t('Verify the log')}</h2>
      <p>
        {t(
          "Recomputes every line's hash, every submission root and the log from the lines stored in the database, and checks them against every signed head. A change made behind the ledger's back (even by a database administrator) shows here.",
        )}
      </p>
      <button type="button" onClick={run} disabled={state.state === 'running'}>
        {state.state === 'running' ? t('Verifying…') : t('Verify the log')}
      </button>
      <div aria-live="polite">
        {state.state === 'running' && (
          <p className="muted" role="status">
            {t('Recomputing the log…')}
          </p>
        )}
        {state.state === 'done' && <VerifyResult report={state.report} />}
      </div>
      {state.state === 'error' && <ProblemMessage error={state.error} heading={t('The log could not be verified')} />}
    </section>
  );
}

function VerifyResult({ report }: { report: VerifyReport }) {
  const counts = t('{submissions} and {lines} checked against the head of size {size}', {
    submissions: t.plural(report.checkedSubmissions, '{n} submission', '{n} submissions'),
    lines: t.plural(report.checkedLines, '{n} line', '{n} lines'),
    size: report.treeSize,
  });
  if (report.ok) {
    return (
      <p className="notice" role="status" data-testid="verify-result">
        <strong>{t('✓ The log verifies:')}</strong> {t('{counts}; nothing differs.', { counts })}
      </p>
    );
  }
  return (
    <div className="problem" role="alert" data-testid="verify-result">
      <p className="problem-title">
        <strong>
          {t.plural(report.mismatches.length, '✗ The log does not verify: {n} mismatch', '✗ The log does not verify: {n} mismatches')}
        </strong>
      </p>
      <p>{counts}.</p>
      <TableScroll label={t('Mismatches')}>
        <table className="stack">
          <caption>{t('What does not agree with the signed log')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Submission')}</th>
              <th scope="col">{t('Line')}</th>
              <th scope="col">{t('Reason')}</th>
            </tr>
          </thead>
          <tbody>
            {report.mismatches.map((m, i) => (
              <tr key={i}>
                <td data-label={t('Submission')}>
                  <code className="hash">{m.submissionId}</code>
                </td>
                <td data-label={t('Line')}>{m.lineId ?? ''}</td>
                <td data-label={t('Reason')}>{m.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

const FLOW_COLUMNS: [keyof Reconciliation['categories'][number], string][] = [
  ['collected', msg('Collected')],
  ['deductions', msg('Deductions')],
  ['distributed', msg('Distributed')],
  ['toOtherSocieties', msg('To other societies')],
  ['undistributed', msg('Undistributed')],
];

/** Collected = deductions + distributed + to other societies + undistributed, per category, for a chosen financial year. */
function ReconciliationSection({ society }: { society: Society }) {
  const { api } = useSession();
  const ids = { year: useId(), hint: useId(), error: useId() };
  const initial = lastCompleteFinancialYear(todayIso(), society.fyEndMonth, society.fyEndDay);
  const [year, setYear] = useState(initial);
  const [input, setInput] = useState(String(initial));
  const [inputError, setInputError] = useState<string | null>(null);
  const loaded = useApi(() => api.reconciliation(society.id, year), [api, society.id, year]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = input.trim();
    if (!/^\d{4}$/.test(value) || Number(value) < 1900) {
      setInputError(t('Write the financial year as four digits, for example 2025'));
      return;
    }
    setInputError(null);
    setYear(Number(value));
  };

  return (
    <section aria-labelledby="reconciliation-heading">
      <h2 id="reconciliation-heading">{t('Reconciliation')}</h2>
      <form className="inline-form" onSubmit={submit} noValidate aria-label={t('Choose the financial year')}>
        <div className="form-row">
          <label htmlFor={ids.year}>{t('Financial year')}</label>
          <input
            id={ids.year}
            value={input}
            onChange={(e) => setInput(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            size={6}
            aria-describedby={`${ids.hint}${inputError ? ` ${ids.error}` : ''}`}
            aria-invalid={inputError ? true : undefined}
          />
        </div>
        <button type="submit">{t('Show')}</button>
      </form>
      <p id={ids.hint} className="hint">
        {t('The financial year is named after the calendar year it ends in.')}
      </p>
      {inputError && (
        <p id={ids.error} className="field-error" role="alert">
          {inputError}
        </p>
      )}
      <Loader loaded={loaded} what={t('the reconciliation')}>
        {(r) => <ReconciliationTable reconciliation={r} />}
      </Loader>
    </section>
  );
}

export function ReconciliationTable({ reconciliation: r }: { reconciliation: Reconciliation }) {
  return (
    <>
      {r.balanced ? (
        <p className="notice" data-testid="reconciliation-summary">
          <strong>{t('Balanced:')}</strong>{' '}
          {t('in financial year {year} ({from} to {to}) every category adds up: collected = deductions + distributed + to other societies + undistributed.', {
            year: r.financialYear,
            from: formatDate(r.from),
            to: formatDate(r.to),
          })}
        </p>
      ) : (
        <p className="warning" data-testid="reconciliation-summary">
          <strong>{t.plural(r.differences.length, '{n} difference', '{n} differences')}</strong>{' '}
          {t('in financial year {year} ({from} to {to}): {differences}.', {
            year: r.financialYear,
            from: formatDate(r.from),
            to: formatDate(r.to),
            differences: r.differences.map((d) => `${t(d.category)} ${formatMoney(d.difference, d.currency)}`).join('; '),
          })}
        </p>
      )}
      {r.categories.length === 0 ? (
        <p>{t('No money was recorded in this financial year.')}</p>
      ) : (
        <TableScroll label={t('Reconciliation by category')}>
          <table className="stack">
            <caption>
              {t('Financial year {year}, by category of rights and currency; difference = collected − (deductions + distributed + to other societies + undistributed)', { year: r.financialYear })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('Category')}</th>
                {FLOW_COLUMNS.map(([, label]) => (
                  <th key={label} scope="col" className="num">
                    {t(label)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('Difference')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.categories.map((c) => {
                const differs = !isZeroAmount(c.difference);
                return (
                  <tr key={`${c.category} ${c.currency}`} className={differs ? 'row-differs' : undefined}>
                    <th scope="row" data-label={t('Category')}>
                      <span>
                        {t(c.category)} <span className="muted">({c.currency})</span>
                      </span>
                    </th>
                    {FLOW_COLUMNS.map(([key, label]) => (
                      <td key={key} className="num nowrap" data-label={t(label)}>
                        {formatMoney(c[key], c.currency)}
                      </td>
                    ))}
                    <td className="num nowrap" data-label={t('Difference')}>
                      {differs ? <strong>⚠ {formatMoney(c.difference, c.currency)}</strong> : formatMoney(c.difference, c.currency)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
