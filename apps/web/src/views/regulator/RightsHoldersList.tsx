import { TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { locale, t } from '../../i18n';

/** Every registered rights holder (regulators and admins), each linking to its page. */
export function RightsHoldersList() {
  const { api } = useSession();
  const loaded = useApi(() => api.rightsHolders(), [api]);
  return (
    <>
      <PageTitle title={t('Rights holders')}>{t('Rights holders')}</PageTitle>
      <Loader loaded={loaded} what={t('the rights holders')}>
        {(holders) => (
          <TableScroll label={t('Rights holders')}>
            <table className="stack">
              <caption>{t.plural(holders.length, '{n} registered rights holder', '{n} registered rights holders')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Name')}</th>
                  <th scope="col">{t('IPI')}</th>
                  <th scope="col">{t('Kind')}</th>
                  <th scope="col">{t('Country')}</th>
                </tr>
              </thead>
              <tbody>
                {[...holders]
                  .sort((a, b) => a.name.localeCompare(b.name, locale()))
                  .map((h) => (
                    <tr key={h.id}>
                      <th scope="row" data-label={t('Name')}>
                        <Link to={`/rights-holders/${h.id}`}>{h.name}</Link>
                      </th>
                      <td data-label={t('IPI')}>
                        <code>{h.ipi ?? ''}</code>
                      </td>
                      <td data-label={t('Kind')}>{t(h.kind)}</td>
                      <td data-label={t('Country')}>{h.country ?? ''}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Loader>
    </>
  );
}
