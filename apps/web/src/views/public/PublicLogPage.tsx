import { useEffect, useState } from 'react';
import { type Answer, operationUrl } from '../../api/openapi';
import type { PublicSociety } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime, getLang, t } from '../../i18n';

/**
 * The public page (no sign-in, Art. 22): every society, its latest checkpoint, who
 * cosigned it, and its transparency reports. Everything here comes from public routes.
 */
export function PublicLogPage() {
  const [societies, setSocieties] = useState<PublicSociety[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch(operationUrl('listPublicSocieties', { query: { limit: 200 } }))
      .then(async (res) => {
        if (!res.ok) throw new Error(`the ledger answered ${res.status}`);
        setSocieties(((await res.json()) as Answer<'listPublicSocieties'>).items);
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  return (
    <>
      <PageTitle title={t('Public transparency')}>{t('Public transparency')}</PageTitle>
      <p className="muted">
        {t("Every society's log is signed by the ledger and cosigned by independent witnesses that check it never rewrites its history. Anyone can check a checkpoint with")}{' '}
        <code>ledger verify</code> {t('and read the reports below without an account.')}
      </p>
      {error && <p role="alert">{t('Could not load the societies: {problem}', { problem: error })}</p>}
      {!societies && !error && <p role="status">{t('Loading…')}</p>}
      {societies && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('Societies and their logs')}>
        <table data-testid="public-societies">
          <thead>
            <tr>
              <th scope="col">{t('Society')}</th>
              <th scope="col">{t('Checkpoint')}</th>
              <th scope="col">{t('Cosigned by')}</th>
              <th scope="col">{t('Transparency reports')}</th>
            </tr>
          </thead>
          <tbody>
            {societies.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.name}
                  <div className="muted">
                    CISAC {s.cisacCode} · {s.country}
                  </div>
                </th>
                <td>
                  <div>
                    {t('size')} <strong data-testid="public-tree-size">{s.checkpoint.treeSize}</strong>, {t('signed {time}', { time: formatDateTime(s.checkpoint.timestamp) })}
                  </div>
                  <div className="muted">
                    {t('root')} <code title={s.checkpoint.rootHash}>{s.checkpoint.rootHash.slice(0, 16)}…</code> ·{' '}
                    <a href={`${s.tilesPrefix}/checkpoint`}>{t('checkpoint')}</a>
                  </div>
                </td>
                <td data-testid="public-cosigners">
                  {s.witnessing.cosigners.length > 0 ? (
                    <ul>
                      {s.witnessing.cosigners.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t('no cosignature yet')}</span>
                  )}
                  <div className="muted">
                    {s.witnessing.quorum === 'none'
                        ? t('no witness quorum configured')
                        : t('quorum {quorum}: {state}', {
                            quorum: s.witnessing.quorum,
                            state: s.witnessing.quorumMet
                              ? t('met')
                              : s.witnessing.witnessedSize !== null
                                ? t('not met (witnessed up to size {size})', { size: s.witnessing.witnessedSize })
                                : t('not met'),
                          })}
                    </div>
                  {s.witnessing.alarms.length > 0 && <p role="alert">{t('Alarm: {witnesses} refused a checkpoint of this log as inconsistent.', { witnesses: s.witnessing.alarms.join(', ') })}</p>}
                </td>
                <td>
                  <ul>
                    {s.transparencyReports.map((r) => (
                      <li key={r.financialYear}>
                        {t('FY {year}', { year: r.financialYear })}: <a href={r.url}>JSON</a> · <a href={`${r.url}&format=csv`}>CSV</a> · <a href={`${r.url}&format=pdf&lang=${getLang()}`}>PDF</a>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </>
  );
}
