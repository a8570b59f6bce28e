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
    <Loader loaded={loaded} what="the society" refusal={<NotAvailable what="This society's page" />}>
      {({ society, accreditations, board }) => {
        const seats = seatsByConstituency(board);
        const history = [...accreditations].sort((a, b) => b.validFrom.localeCompare(a.validFrom));
        return (
          <>
            <PageTitle title={society.name}>{society.name}</PageTitle>
            <SocietyTabs societyId={societyId} />
            {me.role === 'society' && (
              <p>
                <Link to="/society/submissions">Upload a quarterly package or follow your submissions</Link>
              </p>
            )}
            {(me.role === 'society' || me.role === 'admin') && <MandateRequests societyId={societyId} />}
            <section aria-labelledby="registry-heading">
              <h2 id="registry-heading">Registry entry</h2>
              <Fields
                rows={[
                  ['CISAC code', <span data-testid="cisac">{society.cisacCode}</span>],
                  ['Country', society.country],
                  ['Currency', society.currency],
                  ['Financial year ends', financialYearEnd(society.fyEndMonth, society.fyEndDay)],
                  ['Registered', society.createdAt.slice(0, 10)],
                  ['Accreditation today', <AccreditationBadge state={accreditationState(accreditations, today)} />],
                ]}
              />
            </section>

            <section aria-labelledby="transparency-heading">
              <h2 id="transparency-heading">Transparency report</h2>
              <p>
                The annual report the society publishes under Art. 22 of the Directive (revenue, deductions, amounts paid and held back, other societies, the board),
                computed from its signed log; public by law, so rights holders read it too.
              </p>
              <p>
                <Link to={transparencyPath(society.id, lastCompleteFinancialYear(today, society.fyEndMonth, society.fyEndDay))}>
                  Transparency report, financial year {lastCompleteFinancialYear(today, society.fyEndMonth, society.fyEndDay)}
                </Link>
              </p>
            </section>

            <section aria-labelledby="accreditations-heading">
              <h2 id="accreditations-heading">Accreditations</h2>
              {history.length === 0 ? (
                <p>No accreditation has been recorded for this society.</p>
              ) : (
                <TableScroll label="Accreditations">
                  <table className="stack">
                    <caption>{history.length} accreditation decision{history.length === 1 ? '' : 's'}, newest first</caption>
                    <thead>
                      <tr>
                        <th scope="col">From</th>
                        <th scope="col">To</th>
                        <th scope="col">Authority</th>
                        <th scope="col">Scope</th>
                      </tr>
                    </thead>
                    <tbody>
                      {history.map((a) => (
                        <tr key={a.id}>
                          <td className="nowrap" data-label="From">{a.validFrom}</td>
                          <td className="nowrap" data-label="To">{a.validTo}</td>
                          <td data-label="Authority">{a.authority}</td>
                          <td data-label="Scope">{a.scope}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
            </section>

            <section aria-labelledby="board-heading">
              <h2 id="board-heading">Board today</h2>
              <p>
                {board.length} seat{board.length === 1 ? '' : 's'} held on {today}: {describeSeats(seats)}.
              </p>
              {board.length > 0 && (
                <>
                  <BarChart
                    caption="Board seats by constituency"
                    description={describeSeats(seats)}
                    labels={[...CONSTITUENCIES]}
                    series={[{ label: 'Seats', values: CONSTITUENCIES.map((c) => seats[c]) }]}
                    horizontal
                    valueLabel="Seats"
                  />
                  <TableScroll label="Board members">
                    <table className="stack">
                      <caption>Board members on {today}</caption>
                      <thead>
                        <tr>
                          <th scope="col">Member id</th>
                          <th scope="col">Name</th>
                          <th scope="col">Constituency</th>
                          <th scope="col">Seat from</th>
                          <th scope="col">Seat to</th>
                        </tr>
                      </thead>
                      <tbody>
                        {[...board]
                          .sort((a, b) => a.memberId.localeCompare(b.memberId))
                          .map((m) => (
                            <tr key={m.id}>
                              <td data-label="Member id">{m.memberId}</td>
                              <td data-label="Name">{m.name}</td>
                              <td data-label="Constituency">{m.constituency}</td>
                              <td className="nowrap" data-label="Seat from">{m.seatFrom}</td>
                              <td className="nowrap" data-label="Seat to">{m.seatTo ?? 'open-ended'}</td>
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
