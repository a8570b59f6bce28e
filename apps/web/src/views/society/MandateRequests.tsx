import { useId, useState } from 'react';
import { ApiError } from '../../api/problem';
import type { Mandate, RightsHolder } from '../../api/types';
import { TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { ProblemMessage } from '../../components/ProblemMessage';
import { describeTerritories } from '../../format/mandates';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { formatDate, t } from '../../i18n';

/**
 * The rights holders' mandate requests awaiting the society's answer (Directive Art. 5(2),
 * 6(2)): it accepts one, or refuses it stating its reason. Past the days its policy gives,
 * an unanswered request is an audit finding.
 */
export function MandateRequests({ societyId }: { societyId: string }) {
  const { api } = useSession();
  const requests = useApi(async () => {
    const [items, policy, holders] = await Promise.all([api.societyMandates(societyId, 'requested'), api.mandatePolicy(societyId), api.rightsHolders().catch(() => [] as RightsHolder[])]);
    return { items, policy, holders };
  }, [api, societyId]);
  const [answered, setAnswered] = useState<string | null>(null);

  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">{t('Mandate requests')}</h2>
      {answered && (
        <p className="notice" role="status">
          {answered}
        </p>
      )}
      <Loader loaded={requests} what={t('the mandate requests')}>
        {({ items, policy, holders }) =>
          items.length === 0 ? (
            <p>{t.plural(policy.responseDays, 'No request awaits your answer. Your policy: answer within {n} day.', 'No request awaits your answer. Your policy: answer within {n} days.')}</p>
          ) : (
            <TableScroll label={t('Mandate requests')}>
              <table className="stack">
                <caption>
                  {t.plural(items.length, '{n} request awaiting your answer (your policy: within {days} days)', '{n} requests awaiting your answer (your policy: within {days} days)', { days: policy.responseDays })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('Rights holder')}</th>
                    <th scope="col">{t('Rights')}</th>
                    <th scope="col">{t('Territories')}</th>
                    <th scope="col">{t('From')}</th>
                    <th scope="col">{t('Asked on')}</th>
                    <th scope="col">{t('Answer')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((m) => (
                    <tr key={m.id}>
                      <th scope="row" data-label={t('Rights holder')}>
                        {holders.find((h) => h.id === m.rightsHolderId)?.name ?? m.rightsHolderId}
                      </th>
                      <td data-label={t('Rights')}>
                        {t(m.category)}, {t(m.workType)}
                      </td>
                      <td data-label={t('Territories')}>{describeTerritories(m)}</td>
                      <td data-label={t('From')}>{formatDate(m.validFrom)}</td>
                      <td data-label={t('Asked on')}>{formatDate(m.recordedAt.slice(0, 10))}</td>
                      <td data-label={t('Answer')}>
                        <Answer
                          mandate={m}
                          onAnswered={(result) => {
                            setAnswered(result.status === 'active' ? t('Accepted: in force from {date}.', { date: formatDate(result.validFrom) }) : t('Refused, with your reason recorded.'));
                            requests.reload();
                          }}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </Loader>
    </section>
  );
}

function Answer({ mandate, onAnswered }: { mandate: Mandate; onAnswered(result: Mandate): void }) {
  const { api } = useSession();
  const reasonId = useId();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (action: () => Promise<Mandate>) => {
    setBusy(true);
    setError(null);
    try {
      onAnswered(await action());
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, t('Failed'), String(e)));
      setBusy(false);
    }
  };
  return (
    <div>
      {!refusing ? (
        <>
          <button type="button" disabled={busy} onClick={() => run(() => api.acceptMandate(mandate.id))}>
            {t('Accept')}
          </button>{' '}
          <button type="button" className="secondary" disabled={busy} onClick={() => setRefusing(true)}>
            {t('Refuse')}
          </button>
        </>
      ) : (
        <div className="confirm">
          <label htmlFor={reasonId}>{t('Reason (the holder reads it)')}</label>
          <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          <button type="button" disabled={busy || reason.trim() === ''} onClick={() => run(() => api.refuseMandate(mandate.id, reason.trim()))}>
            {t('Refuse with this reason')}
          </button>{' '}
          <button type="button" className="secondary" disabled={busy} onClick={() => setRefusing(false)}>
            {t('Cancel')}
          </button>
        </div>
      )}
      {error && <ProblemMessage error={error} heading={t('The answer was not recorded')} />}
    </div>
  );
}
