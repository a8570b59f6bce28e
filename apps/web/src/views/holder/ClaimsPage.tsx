import { useId, useState } from 'react';
import { holderClaims, makeClaim, unclaimedLines } from '../../api/claims';
import { ApiError } from '../../api/problem';
import type { Claim, UnclaimedLine } from '../../api/types';
import { ClaimsTable } from '../../components/ClaimsTable';
import { TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { ProblemMessage } from '../../components/ProblemMessage';
import { claimStatusLabel } from '../../format/claims';
import { formatDate, formatDateTime, formatMoney, t } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { NotAvailable } from '../NotAvailable';
import { HolderTabs } from './HolderTabs';

/**
 * Unclaimed money and claims, the holder's side: the unidentified lines of every society
 * whose name or work is the holder's, each with a button to claim it, and the holder's
 * claims with the society's answer (accepted, refused with its reason, or paid by a line
 * of a later package) and their history. The holder and admins claim; a regulator reads.
 */
export function ClaimsPage({ rightsHolderId }: { rightsHolderId: string }) {
  const { api, me } = useSession();
  const own = me.role === 'rights-holder' && me.rightsHolderId === rightsHolderId;
  const mayClaim = own || me.role === 'admin';
  const loaded = useApi(async () => {
    const [holder, unclaimed, claims] = await Promise.all([api.rightsHolder(rightsHolderId), unclaimedLines(api, rightsHolderId), holderClaims(api, rightsHolderId)]);
    return { holder, unclaimed, claims };
  }, [api, rightsHolderId]);
  const [made, setMade] = useState<Claim | null>(null);

  return (
    <Loader loaded={loaded} what={t('the claims')} refusal={<NotAvailable what={t("This rights holder's claims")} />}>
      {({ holder, unclaimed, claims }) => (
        <>
          <PageTitle title={t('Unclaimed money and claims')}>{own ? t('Your unclaimed money and claims') : t('Unclaimed money and claims: {name}', { name: holder.name })}</PageTitle>
          <HolderTabs rightsHolderId={rightsHolderId} />
          <section aria-labelledby="unclaimed-heading">
            <h2 id="unclaimed-heading">{t('Unclaimed money')}</h2>
            <p>
              {t(
                'Lines the societies could not attribute to anyone (unidentified), whose name is written like yours or whose work is one you are paid for. Claim one, and the society whose line it is answers: it accepts, refuses with its reason, or pays it in a later package.',
              )}
            </p>
            {made && (
              <p className="notice" role="status">
                {t('Claim sent to {society} for line {lineId}. It is open until the society answers.', { society: made.societyName, lineId: made.lineId })}
              </p>
            )}
            {unclaimed.length === 0 ? (
              <p>{t('No unidentified line matches your name or your works.')}</p>
            ) : (
              <TableScroll label={t('Unclaimed money')}>
                <table className="stack">
                  <caption>{t.plural(unclaimed.length, '{n} unidentified line that may be yours', '{n} unidentified lines that may be yours')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('Society')}</th>
                      <th scope="col">{t('Line')}</th>
                      <th scope="col">{t('Name on the line')}</th>
                      <th scope="col">{t('Work')}</th>
                      <th scope="col">{t('Use')}</th>
                      <th scope="col" className="num">{t('Net')}</th>
                      <th scope="col">{t('Listed for')}</th>
                      <th scope="col">{t('Claim')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {unclaimed.map((l) => (
                      <tr key={`${l.submissionId}/${l.lineNo}`}>
                        <th scope="row" data-label={t('Society')}>{l.societyName}</th>
                        <td data-label={t('Line')}>
                          <code>{l.lineId}</code>
                        </td>
                        <td data-label={t('Name on the line')}>{l.nameOnLine}</td>
                        <td data-label={t('Work')}>
                          <div>
                            {l.workTitle}
                            {l.workIswc && (
                              <>
                                {' '}
                                <code>{l.workIswc}</code>
                              </>
                            )}
                          </div>
                        </td>
                        <td data-label={t('Use')}>
                          {l.category}, {l.useType}, {l.territory}: {formatDate(l.useFrom)} – {formatDate(l.useTo)}
                        </td>
                        <td className="num nowrap" data-label={t('Net')}>
                          {formatMoney(l.net, l.currency)}
                        </td>
                        <td data-label={t('Listed for')}>{l.matchedBy.map((m) => (m === 'name' ? t('your name') : m === 'register' ? t('your registered work') : t('your work'))).join(', ')}</td>
                        <td data-label={t('Claim')}>
                          {l.claim ? (
                            <span>
                              <span className={`status status-claim-${l.claim.status}`}>{claimStatusLabel(l.claim.status)}</span>{' '}
                              <span className="muted">{t('claimed on {date}', { date: formatDate(l.claim.claimedAt.slice(0, 10)) })}</span>
                            </span>
                          ) : mayClaim ? (
                            <ClaimButton
                              rightsHolderId={rightsHolderId}
                              line={l}
                              onClaimed={(claim) => {
                                setMade(claim);
                                loaded.reload();
                              }}
                            />
                          ) : (
                            <span className="muted">{t('not claimed')}</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
          <section aria-labelledby="claims-heading">
            <h2 id="claims-heading">{own ? t('Your claims') : t('Claims')}</h2>
            {claims.length === 0 ? (
              <p>{t('No claim yet.')}</p>
            ) : (
              <ClaimsTable
                claims={claims}
                who={{ heading: t('Society'), cell: (c) => c.societyName }}
                line={(c) => (
                  <div>
                    <code>{c.lineId}</code> <span className="muted">{c.line.nameOnLine}</span>
                  </div>
                )}
                afterAnswer={(c) => <ClaimHistory claim={c} />}
              />
            )}
          </section>
        </>
      )}
    </Loader>
  );
}

/** "Claim" with a second step for an optional note, so a stray click sends nothing. */
function ClaimButton({ rightsHolderId, line, onClaimed }: { rightsHolderId: string; line: UnclaimedLine; onClaimed(claim: Claim): void }) {
  const { api } = useSession();
  const noteId = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      onClaimed(await makeClaim(api, rightsHolderId, { submissionId: line.submissionId, lineId: line.lineId, ...(note.trim() ? { note: note.trim() } : {}) }));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Failed', String(e)));
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={t('Claim line {lineId} of {society}', { lineId: line.lineId, society: line.societyName })}>
        {t('Claim')}
      </button>
    );
  }
  return (
    <div className="confirm">
      <label htmlFor={noteId}>{t('Note for the society (optional)')}</label>
      <input id={noteId} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} autoComplete="off" />
      <button type="button" disabled={busy} onClick={() => void send()}>
        {t('Send the claim')}
      </button>{' '}
      <button type="button" className="secondary" disabled={busy} onClick={() => setOpen(false)}>
        {t('Cancel')}
      </button>
      {error && <ProblemMessage error={error} heading={t('The claim was not recorded')} />}
    </div>
  );
}

/** Every change of a claim's status, oldest first, with who recorded it and when. */
export function ClaimHistory({ claim }: { claim: Claim }) {
  return (
    <details className="claim-history">
      <summary>{t('History')}</summary>
      <ol>
        {claim.history.map((e) => (
          <li key={e.seq}>
            <strong>{claimStatusLabel(e.status)}</strong> {formatDateTime(e.at)}, {e.recordedBy}
            {e.reason && <>: {e.reason}</>}
            {e.payment && <> ({t('line {lineId} of the {period} package', { lineId: e.payment.lineId, period: e.payment.period })})</>}
          </li>
        ))}
      </ol>
    </details>
  );
}
