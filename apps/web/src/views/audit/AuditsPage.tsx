import type { Audit, Society } from '../../api/types';
import { TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { todayIso } from '../../format/dates';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { RunAuditForm } from './RunAuditForm';
import { formatDateTime, locale, t } from '../../i18n';

/**
 * The regulator's audits: request one for any society and financial year (prefilled from
 * `?society=&year=` when opened from the overview), and the latest audits, newest first.
 */
export function AuditsPage() {
  const { api } = useSession();
  const params = new URLSearchParams(window.location.search);
  const initialYear = /^\d{4}$/.test(params.get('year') ?? '') ? Number(params.get('year')) : Number(todayIso().slice(0, 4)) - 1;
  const loaded = useApi(async () => {
    const [societies, rules, audits] = await Promise.all([api.societies(), api.auditRules(), api.recentAudits()]);
    return { societies: [...societies].sort((a, b) => a.name.localeCompare(b.name, locale())), rules, audits };
  }, [api]);

  return (
    <>
      <PageTitle title={t('Audits')}>{t('Audits')}</PageTitle>
      <p>
        {t(
          "An audit checks a society's financial year against the rule catalogue (payout deadlines, costs, undistributed money, board representation, …), reading the society logs at their signed heads, so the same heads always give the same report.",
        )}
      </p>
      <Loader loaded={loaded} what={t('the societies and rules')}>
        {({ societies, rules, audits }) => (
          <>
            <RunAuditForm societies={societies} rules={rules} initialSocietyId={params.get('society') ?? undefined} initialYear={initialYear} />
            <section aria-labelledby="tab-audits-heading">
              <h2 id="tab-audits-heading">{t('Latest audits')}</h2>
              {audits.length === 0 ? <p>{t('None yet.')}</p> : <AuditsTable audits={audits} societies={societies} />}
            </section>
          </>
        )}
      </Loader>
    </>
  );
}

function AuditsTable({ audits, societies }: { audits: Audit[]; societies: Society[] }) {
  const name = (id: string) => societies.find((s) => s.id === id)?.name ?? id;
  return (
    <TableScroll label={t('Latest audits')}>
      <table className="stack">
        <caption>
          {t.plural(audits.length, '{n} audit, newest first', '{n} audits, newest first')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('Society')}</th>
            <th scope="col">{t('Year')}</th>
            <th scope="col">{t('Status')}</th>
            <th scope="col">{t('Failed rules')}</th>
            <th scope="col">{t('Requested')}</th>
          </tr>
        </thead>
        <tbody>
          {audits.map((a) => (
            <tr key={a.id}>
              <th scope="row" data-label={t('Society')}>
                <Link to={`/audits/${a.id}`}>{name(a.societyId)}</Link>
              </th>
              <td data-label={t('Year')}>{a.financialYear}</td>
              <td data-label={t('Status')}>
                <span className={`status status-audit-${a.status}`}>{t(a.status)}</span>
              </td>
              <td data-label={t('Failed rules')}>{a.summary ? t('{failed} of {rules}', { failed: a.summary.failed, rules: a.summary.rules }) : '—'}</td>
              <td className="nowrap" data-label={t('Requested')}>
                {formatDateTime(a.createdAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
