import { useId, useState } from 'react';
import { acceptClaim, recordClaimPayment, refuseClaim, societyClaims } from '../../api/claims';
import { ApiError } from '../../api/problem';
import { listSubmissions } from '../../api/submissions';
import type { Claim, ClaimStatus, Submission } from '../../api/types';
import { ClaimsTable } from '../../components/ClaimsTable';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { ProblemMessage } from '../../components/ProblemMessage';
import { CLAIM_STATUS_LABELS, claimStatusLabel } from '../../format/claims';
import { formatDate, t } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { NotAvailable } from '../NotAvailable';
import { SocietyTabs } from './SocietyTabs';

const FILTERS: ('all' | ClaimStatus)[] = ['all', 'open', 'accepted', 'refused', 'paid'];

/**
 * Claims on a society's unidentified lines, the society's side: who claims which line,
 * with their note; the society accepts a claim, refuses it stating its reason (Directive
 * 2014/26/EU Art. 33(2)), or records the line of a later committed package that paid it.
 * Claims left unanswered past the policy's days are an audit finding
 * (payout.claims-answered). Regulators read; the society and admins answer.
 */
export function SocietyClaimsPage({ societyId }: { societyId: string }) {
  const { api, me } = useSession();
  const mayAnswer = me.role === 'admin' || (me.role === 'society' && me.societyId === societyId);
  const loaded = useApi(async () => {
    const [society, claims, submissions] = await Promise.all([
      api.society(societyId),
      societyClaims(api, societyId),
      mayAnswer ? listSubmissions(api, societyId).then((l) => l.items) : Promise.resolve([] as Submission[]),
    ]);
    return { society, claims, submissions };
  }, [api, societyId, mayAnswer]);
  const [filter, setFilter] = useState<'all' | ClaimStatus>('all');
  const [done, setDone] = useState<string | null>(null);
  const filterId = useId();

  return (
    <Loader loaded={loaded} what={t('the claims')} refusal={<NotAvailable what={t("This society's claims")} />}>
      {({ society, claims, submissions }) => {
        const shown = claims.filter((c) => filter === 'all' || c.status === filter);
        const open = claims.filter((c) => c.status === 'open');
        // Newest quarter first; within a quarter, the latest received first.
        const payingPackages = submissions
          .filter((s) => s.type === 'distribution-lines' && s.status === 'committed')
          .sort((a, b) => b.period.localeCompare(a.period) || (b.receivedAt ?? '').localeCompare(a.receivedAt ?? ''));
        return (
          <>
            <PageTitle title={t('Claims')}>{t('Claims on the unidentified lines of {society}', { society: society.name })}</PageTitle>
            <SocietyTabs societyId={societyId} />
            <p>
              {t(
                'Rights holders claim money the society could not attribute. Answer each claim: accept it, refuse it stating your reason (the holder reads it), or record the line of a later committed package that paid it — a paid line for the claimant with the same currency, net amount, category, period of use and work as the claimed line.',
              )}
            </p>
            {open.length > 0 && (
              <p className="notice overdue">
                {t.plural(open.length, '{n} claim awaits an answer, the oldest since {date}.', '{n} claims await an answer, the oldest since {date}.', {
                  date: formatDate(open.map((c) => c.claimedAt.slice(0, 10)).sort()[0]!),
                })}
              </p>
            )}
            {done && (
              <p className="notice" role="status">
                {done}
              </p>
            )}
            <p>
              <label htmlFor={filterId}>{t('Show')}</label>{' '}
              <select id={filterId} value={filter} onChange={(e) => setFilter(e.target.value as 'all' | ClaimStatus)}>
                {FILTERS.map((f) => (
                  <option key={f} value={f}>
                    {f === 'all' ? t('all claims ({n})', { n: claims.length }) : t('{status} ({n})', { status: t(CLAIM_STATUS_LABELS[f]), n: claims.filter((c) => c.status === f).length })}
                  </option>
                ))}
              </select>
            </p>
            {shown.length === 0 ? (
              <p>{t('No claim to show.')}</p>
            ) : (
              <ClaimsTable
                claims={shown}
                who={{
                  heading: t('Claimant'),
                  cell: (c) => (
                    <div>
                      {c.rightsHolderName}
                      {c.rightsHolderIpi && (
                        <>
                          {' '}
                          <code>{c.rightsHolderIpi}</code>
                        </>
                      )}
                      {c.note && <p className="muted claim-note">“{c.note}”</p>}
                    </div>
                  ),
                }}
                line={(c) => (
                  <div>
                    <code>{c.lineId}</code> {c.line.nameOnLine}
                    <br />
                    <span className="muted">
                      {c.line.workTitle}, {c.line.category}: {formatDate(c.line.useFrom)} – {formatDate(c.line.useTo)}
                    </span>
                  </div>
                )}
                afterAnswer={(c) =>
                  mayAnswer &&
                  (c.status === 'open' || c.status === 'accepted') && (
                    <AnswerClaim
                      claim={c}
                      packages={payingPackages}
                      onAnswered={(answered) => {
                        setDone(t('Claim of {holder} on line {lineId}: {status}.', { holder: answered.rightsHolderName, lineId: answered.lineId, status: claimStatusLabel(answered.status) }));
                        loaded.reload();
                      }}
                    />
                  )
                }
              />
            )}
          </>
        );
      }}
    </Loader>
  );
}

/** The society's answers to one claim: accept, refuse with a reason, or record the paying line; each a second step, so a stray click answers nothing. */
/** `packages`: the society's committed distribution-lines packages, newest first (the first is preselected). */
function AnswerClaim({ claim, packages, onAnswered }: { claim: Claim; packages: Submission[]; onAnswered(claim: Claim): void }) {
  const { api } = useSession();
  const ids = { reason: useId(), pkg: useId(), line: useId() };
  const [step, setStep] = useState<'choose' | 'refuse' | 'pay'>('choose');
  const [reason, setReason] = useState('');
  const [submissionId, setSubmissionId] = useState(packages[0]?.id ?? '');
  const [lineId, setLineId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (action: () => Promise<Claim>) => {
    setBusy(true);
    setError(null);
    try {
      onAnswered(await action());
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Failed', String(e)));
      setBusy(false);
    }
  };
  const who = t('the claim of {holder} on line {lineId}', { holder: claim.rightsHolderName, lineId: claim.lineId });
  return (
    <div className="claim-actions">
      {step === 'choose' && (
        <>
          {claim.status === 'open' && (
            <>
              <button type="button" disabled={busy} onClick={() => void run(() => acceptClaim(api, claim.id))} aria-label={t('Accept {claim}', { claim: who })}>
                {t('Accept')}
              </button>{' '}
              <button type="button" className="secondary" disabled={busy} onClick={() => setStep('refuse')} aria-label={t('Refuse {claim}', { claim: who })}>
                {t('Refuse')}
              </button>{' '}
            </>
          )}
          <button type="button" className="secondary" disabled={busy} onClick={() => setStep('pay')} aria-label={t('Record the payment of {claim}', { claim: who })}>
            {t('Record payment')}
          </button>
        </>
      )}
      {step === 'refuse' && (
        <div className="confirm">
          <label htmlFor={ids.reason}>{t('Reason (the holder reads it)')}</label>
          <input id={ids.reason} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          <button type="button" disabled={busy || reason.trim() === ''} onClick={() => void run(() => refuseClaim(api, claim.id, reason.trim()))}>
            {t('Refuse with this reason')}
          </button>{' '}
          <button type="button" className="secondary" disabled={busy} onClick={() => setStep('choose')}>
            {t('Cancel')}
          </button>
        </div>
      )}
      {step === 'pay' && (
        <form
          className="confirm"
          aria-label={t('Record the payment of {claim}', { claim: who })}
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => recordClaimPayment(api, claim.id, { submissionId, lineId: lineId.trim() }));
          }}
        >
          <label htmlFor={ids.pkg}>{t('Paying package')}</label>
          <select id={ids.pkg} value={submissionId} onChange={(e) => setSubmissionId(e.target.value)} required>
            {packages.length === 0 && <option value="">{t('no committed distribution-lines package')}</option>}
            {packages.map((s) => (
              <option key={s.id} value={s.id}>
                {t('{period} distribution lines ({rows} rows)', { period: s.period, rows: s.rows ?? 0 })}
              </option>
            ))}
          </select>
          <label htmlFor={ids.line}>{t('Paying line id (or #line number)')}</label>
          <input id={ids.line} value={lineId} onChange={(e) => setLineId(e.target.value)} autoComplete="off" required />
          <button type="submit" disabled={busy || submissionId === '' || lineId.trim() === ''}>
            {t('Record the payment')}
          </button>{' '}
          <button type="button" className="secondary" disabled={busy} onClick={() => setStep('choose')}>
            {t('Cancel')}
          </button>
        </form>
      )}
      {error && <ProblemMessage error={error} heading={t('The answer was not recorded')} />}
    </div>
  );
}
