import type { Accreditation, BoardMember, Society } from '../../api/types';
import { CONSTITUENCIES } from '../../api/types';
import { describeSeats, seatsByConstituency } from '../../board';
import { BarChart } from '../../components/BarChart';
import { TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { accreditationState, financialYearEnd, todayIso } from '../../format/dates';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { AccreditationBadge } from '../AccreditationBadge';
import { FinancialYearOverview } from './FinancialYearOverview';
import { formatDate, locale, t } from '../../i18n';

interface Row {
  society: Society;
  accreditations: Accreditation[];
  board: BoardMember[];
}

/**
 * The regulator's first screen: every society side by side from the registry (country,
 * currency, financial year, accreditation standing today, board seats today) and a chart
 * of each board's composition by constituency.
 */
export function SocietiesComparison() {
  const { api } = useSession();
  const today = todayIso();
  const loaded = useApi<Row[]>(async () => {
    const societies = await api.societies();
    return Promise.all(
      societies.map(async (society) => {
        const [accreditations, board] = await Promise.all([api.accreditations(society.id), api.boardMembers(society.id, today)]);
        return { society, accreditations, board };
      }),
    );
  }, [api, today]);

  return (
    <>
      <PageTitle title={t('Societies')}>{t('Societies side by side')}</PageTitle>
      <FinancialYearOverview />
      <h2 id="registry-heading">{t('Registry and boards today')}</h2>
      <Loader loaded={loaded} what={t('the societies')}>
        {(rows) => {
          const sorted = [...rows].sort((a, b) => a.society.name.localeCompare(b.society.name, locale()));
          const seats = sorted.map((r) => seatsByConstituency(r.board));
          const expired = sorted.filter((r) => accreditationState(r.accreditations, today).state !== 'valid').length;
          return (
            <>
              <p className="lead">
                {t.plural(rows.length, '{n} society registered; {accredited}.', '{n} societies registered; {accredited}.', {
                  accredited: expired === 0 ? t('all accredited today') : t.plural(expired, '{n} without a valid accreditation today', '{n} without a valid accreditation today'),
                })}
              </p>
              <TableScroll label={t('Societies compared')}>
                <table className="stack">
                  <caption>{t('Societies on {date}', { date: formatDate(today) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('Society')}</th>
                      <th scope="col">{t('CISAC')}</th>
                      <th scope="col">{t('Country')}</th>
                      <th scope="col">{t('Currency')}</th>
                      <th scope="col">{t('Year ends')}</th>
                      <th scope="col">{t('Accreditation')}</th>
                      <th scope="col" className="num">
                        {t('Board seats')}
                      </th>
                      <th scope="col">{t('By constituency')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sorted.map((r, i) => (
                      <tr key={r.society.id}>
                        <th scope="row" data-label={t('Society')}>
                          <Link to={`/regulator/societies/${r.society.id}`}>{r.society.name}</Link>
                        </th>
                        <td data-label={t('CISAC')}>{r.society.cisacCode}</td>
                        <td data-label={t('Country')}>{r.society.country}</td>
                        <td data-label={t('Currency')}>{r.society.currency}</td>
                        <td data-label={t('Year ends')}>{financialYearEnd(r.society.fyEndMonth, r.society.fyEndDay)}</td>
                        <td data-label={t('Accreditation')}>
                          <AccreditationBadge state={accreditationState(r.accreditations, today)} />
                        </td>
                        <td className="num" data-label={t('Board seats')}>{r.board.length}</td>
                        <td data-label={t('By constituency')}>{describeSeats(seats[i])}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              {sorted.length > 0 && (
                <BarChart
                  caption={t('Board seats by constituency, per society')}
                  description={sorted.map((r, i) => `${r.society.name}: ${describeSeats(seats[i])}`).join('; ')}
                  labels={sorted.map((r) => r.society.name)}
                  series={CONSTITUENCIES.map((c) => ({ label: t(c), values: seats.map((s) => s[c]) })).filter((s) => s.values.some((v) => v > 0))}
                  stacked
                  horizontal
                  valueLabel={t('Seats held today')}
                />
              )}
            </>
          );
        }}
      </Loader>
    </>
  );
}
