import type { ReactNode } from 'react';
import type { Accreditation, BoardMember, Society } from '../../api/types';
import { CONSTITUENCIES } from '../../api/types';
import { describeSeats, seatsByConstituency } from '../../board';
import { BarChart } from '../../components/BarChart';
import { Fields, TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { accreditationState, financialYearEnd, lastCompleteFinancialYear, todayIso } from '../../format/dates';
import { transparencyPath } from '../../nav';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { AccreditationBadge } from '../AccreditationBadge';
import { NotAvailable } from '../NotAvailable';
import { MandateRequests } from './MandateRequests';
import { SocietyTabs } from './SocietyTabs';
import { formatDate, t } from '../../i18n';

interface SocietyData {
  society: Society;
  accreditations: Accreditation[];
  board: BoardMember[];
}

/**
 * One society at a glance: its registry entry, whether it is accredited today and under
 * which decisions, and who sits on its board today by constituency. The society sees its
 * own; regulators and admins open any from the comparison.
 */
export function SocietyOverview({ societyId }: { societyId: string }) {
  const { api, me } = useSession();
  const today = todayIso();
  const loaded = useApi<SocietyData>(async () => {
    const [society, accreditations, board] = await Promise.all([api.society(societyId), api.accreditations(societyId), api.boardMembers(societyId, today)]);
    return { society, accreditations, board };
  }, [api, societyId, today]);

  return (
    <Loader loaded={loaded} what={t('the society')} refusal={<NotAvailable what={t("This society's page")} />}>
      {({ society, accreditations, board }) => {
        const seats = seatsByConstituency(board);
        const history = [...accreditations].sort((a, b) => b.validFrom.localeCompare(a.validFrom));
        return (
          <>
            <PageTitle title={society.name}>{society.name}</PageTitle>
            <SocietyTabs societyId={societyId} />
            {me.role === 'society' && (
              <p>
                <Link to="/society/submissions">{t('Upload a quarterly package or follow your submissions')}</Link>
              </p>
            )}
            {(me.role === 'society' || me.role === 'admin') && <MandateRequests societyId={societyId} />}
            <section aria-labelledby="registry-heading">
              <h2 id="registry-heading">{t('Registry entry')}</h2>
              <Fields
                rows={[
                  [t('CISAC code'), <span data-testid="cisac">{society.cisacCode}</span>],
                  [t('Country'), society.country],
                  [t('Currency'), society.currency],
                  [t('Financial year ends'), financialYearEnd(society.fyEndMonth, society.fyEndDay)],
                  [t('Registered'), formatDate(society.createdAt.slice(0, 10))],
                  [t('Accreditation today'), <AccreditationBadge state={accreditationState(accreditations, today)} />],
                  ...contactRows(society.contact),
                ]}
              />
            </section>

            <section aria-labelledby="transparency-heading">
              <h2 id="transparency-heading">{t('Transparency report')}</h2>
              <p>
                {t(
                  'The annual report the society publishes under Art. 22 of the Directive (revenue, deductions, amounts paid and held back, other societies, the board), computed from its signed log; public by law, so rights holders read it too.',
                )}
              </p>
              <p>
                <Link to={transparencyPath(society.id, lastCompleteFinancialYear(today, society.fyEndMonth, society.fyEndDay))}>
                  {t('Transparency report, financial year {year}', { year: lastCompleteFinancialYear(today, society.fyEndMonth, society.fyEndDay) })}
                </Link>
              </p>
            </section>

            <section aria-labelledby="accreditations-heading">
              <h2 id="accreditations-heading">{t('Accreditations')}</h2>
              {history.length === 0 ? (
                <p>{t('No accreditation has been recorded for this society.')}</p>
              ) : (
                <TableScroll label={t('Accreditations')}>
                  <table className="stack">
                    <caption>{t.plural(history.length, '{n} accreditation decision, newest first', '{n} accreditation decisions, newest first')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('From')}</th>
                        <th scope="col">{t('To')}</th>
                        <th scope="col">{t('Authority')}</th>
                        <th scope="col">{t('Scope')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {history.map((a) => (
                        <tr key={a.id}>
                          <td className="nowrap" data-label={t('From')}>{formatDate(a.validFrom)}</td>
                          <td className="nowrap" data-label={t('To')}>{formatDate(a.validTo)}</td>
                          <td data-label={t('Authority')}>{a.authority}</td>
                          <td data-label={t('Scope')}>{a.scope}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
            </section>

            <section aria-labelledby="board-heading">
              <h2 id="board-heading">{t('Board today')}</h2>
              <p>{t.plural(board.length, '{n} seat held on {date}: {seats}.', '{n} seats held on {date}: {seats}.', { date: formatDate(today), seats: describeSeats(seats) })}</p>
              {board.length > 0 && (
                <>
                  <BarChart
                    caption={t('Board seats by constituency')}
                    description={describeSeats(seats)}
                    labels={CONSTITUENCIES.map((c) => t(c))}
                    series={[{ label: t('Seats'), values: CONSTITUENCIES.map((c) => seats[c]) }]}
                    horizontal
                    valueLabel={t('Seats')}
                  />
                  <TableScroll label={t('Board members')}>
                    <table className="stack">
                      <caption>{t('Board members on {date}', { date: formatDate(today) })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('Member id')}</th>
                          <th scope="col">{t('Name')}</th>
                          <th scope="col">{t('Constituency')}</th>
                          <th scope="col">{t('Seat from')}</th>
                          <th scope="col">{t('Seat to')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {[...board]
                          .sort((a, b) => a.memberId.localeCompare(b.memberId))
                          .map((m) => (
                            <tr key={m.id}>
                              <td data-label={t('Member id')}>{m.memberId}</td>
                              <td data-label={t('Name')}>{m.name}</td>
                              <td data-label={t('Constituency')}>{t(m.constituency)}</td>
                              <td className="nowrap" data-label={t('Seat from')}>{formatDate(m.seatFrom)}</td>
                              <td className="nowrap" data-label={t('Seat to')}>{m.seatTo ? formatDate(m.seatTo) : t('open-ended')}</td>
                            </tr>
                          ))}
                      </tbody>
                    </table>
                  </TableScroll>
                </>
              )}
            </section>
          </>
        );
      }}
    </Loader>
  );
}

/** The society's contact details from the registry (those on record), as rows of its entry; statements print them too. */
function contactRows(contact: Society['contact'] | undefined): [string, ReactNode][] {
  if (!contact) return [];
  const rows: [string, ReactNode][] = [];
  if (contact.address) rows.push([t('Address'), contact.address]);
  if (contact.email) rows.push([t('E-mail'), <a href={`mailto:${contact.email}`}>{contact.email}</a>]);
  if (contact.phone) rows.push([t('Phone'), contact.phone]);
  if (contact.website) rows.push([t('Website'), <a href={contact.website} rel="noopener noreferrer">{contact.website}</a>]);
  return rows;
}
