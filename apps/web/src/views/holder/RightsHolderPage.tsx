import type { RightsHolder, Society } from '../../api/types';
import { Fields, TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { lastCompleteFinancialYear, todayIso } from '../../format/dates';
import { transparencyPath } from '../../nav';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { NotAvailable } from '../NotAvailable';
import { HolderTabs } from './HolderTabs';
import { MandatesSection } from './MandatesSection';
import { formatDate, locale, t } from '../../i18n';

/**
 * A rights holder's page: their registry entry, their mandates (start or end one) and the
 * registered societies. A rights holder opens only their own (the API answers 404 for anyone else's,
 * and the page says it is not available); regulators and admins open any.
 */
export function RightsHolderPage({ rightsHolderId }: { rightsHolderId: string }) {
  const { api, me } = useSession();
  const loaded = useApi<{ holder: RightsHolder; societies: Society[] }>(async () => {
    const [holder, societies] = await Promise.all([api.rightsHolder(rightsHolderId), api.societies()]);
    return { holder, societies };
  }, [api, rightsHolderId]);
  const own = me.role === 'rights-holder' && me.rightsHolderId === rightsHolderId;

  return (
    <Loader loaded={loaded} what={t('the rights holder')} refusal={<NotAvailable what={t("This rights holder's page")} />}>
      {({ holder, societies }) => (
        <>
          <PageTitle title={holder.name}>{own ? t('Your page: {holder}', { holder: holder.name }) : holder.name}</PageTitle>
          <HolderTabs rightsHolderId={holder.id} />
          <section aria-labelledby="entry-heading">
            <h2 id="entry-heading">{t('Registry entry')}</h2>
            <Fields
              rows={[
                [t('Name'), holder.name],
                [t('IPI name number'), <code data-testid="ipi">{holder.ipi ?? t('none')}</code>],
                [t('ISNI'), holder.isni ? <code>{holder.isni}</code> : t('none')],
                [t('Kind'), t(holder.kind)],
                [t('Country'), holder.country ?? t('unknown')],
                [t('Registered'), formatDate(holder.createdAt.slice(0, 10))],
              ]}
            />
          </section>
          <MandatesSection rightsHolderId={holder.id} societies={societies} own={own} />
          <section aria-labelledby="societies-heading">
            <h2 id="societies-heading">{t('Societies')}</h2>
            <p>{t('The collecting societies registered in the ledger, each with its annual transparency report (public by law: any rights holder may read it).')}</p>
            <TableScroll label={t('Societies')}>
              <table className="stack">
                <caption>{t.plural(societies.length, '{n} society', '{n} societies')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('Society')}</th>
                    <th scope="col">{t('CISAC')}</th>
                    <th scope="col">{t('Country')}</th>
                    <th scope="col">{t('Currency')}</th>
                    <th scope="col">{t('Transparency report')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...societies]
                    .sort((a, b) => a.name.localeCompare(b.name, locale()))
                    .map((s) => (
                      <tr key={s.id}>
                        <th scope="row" data-label={t('Society')}>{s.name}</th>
                        <td data-label={t('CISAC')}>{s.cisacCode}</td>
                        <td data-label={t('Country')}>{s.country}</td>
                        <td data-label={t('Currency')}>{s.currency}</td>
                        <td data-label={t('Transparency report')}>
                          <TransparencyLink society={s} />
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        </>
      )}
    </Loader>
  );
}

/** The society's report of its last complete financial year (the page offers the others). */
function TransparencyLink({ society }: { society: Society }) {
  const year = lastCompleteFinancialYear(todayIso(), society.fyEndMonth, society.fyEndDay);
  return (
    <Link to={transparencyPath(society.id, year)} aria-label={t('Transparency report of {society} for {year}', { society: society.name, year })}>
      {t('FY{year} report', { year })}
    </Link>
  );
}
