import { listSubmissions } from '../../api/submissions';
import { TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { UploadForm } from './UploadForm';
import { formatInteger, t } from '../../i18n';

/** A society's submissions: the upload form and the status of each submission. */
export function SubmissionsPage({ societyId }: { societyId: string }) {
  const { api } = useSession();
  const list = useApi(() => listSubmissions(api, societyId), [api, societyId]);

  return (
    <>
      <PageTitle title={t('Submissions')}>{t('Quarterly submissions')}</PageTitle>
      <UploadForm societyId={societyId} onUploaded={list.reload} />
      <section aria-labelledby="submissions-heading">
        <h2 id="submissions-heading">{t('Submissions')}</h2>
        <Loader loaded={list} what={t('the submissions')}>
          {({ source, items }) => (
            <>
              {source === 'this-tab' && <p className="muted">{t('Showing the submissions sent from this browser tab; open one by its link to follow it.')}</p>}
              {items.length === 0 ? (
                <p>{t('No submissions yet.')}</p>
              ) : (
                <TableScroll label={t('Submissions')}>
                  <table className="stack">
                    <caption>{t.plural(items.length, '{n} submission', '{n} submissions')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('Quarter')}</th>
                        <th scope="col">{t('Type')}</th>
                        <th scope="col">{t('Status')}</th>
                        <th scope="col" className="num">
                          {t('Rows')}
                        </th>
                        <th scope="col" className="num">
                          {t('Errors')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...items]
                        // Newest quarter first; within a quarter, the latest received first.
                        .sort((a, b) => b.period.localeCompare(a.period) || (b.receivedAt ?? '').localeCompare(a.receivedAt ?? ''))
                        .map((s) => (
                        <tr key={s.id}>
                          <th scope="row" data-label={t('Quarter')}>
                            <Link to={`/submissions/${s.id}`}>{s.period}</Link>
                          </th>
                          <td data-label={t('Type')}>{t(s.type)}</td>
                          <td data-label={t('Status')}>
                            <span className={`status status-${s.status}`}>{t(s.status)}</span>
                          </td>
                          <td className="num" data-label={t('Rows')}>{s.rows === null || s.rows === undefined ? '' : formatInteger(s.rows)}</td>
                          <td className="num" data-label={t('Errors')}>{formatInteger(s.errorCount)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
            </>
          )}
        </Loader>
      </section>
    </>
  );
}
