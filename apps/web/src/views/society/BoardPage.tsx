import type { Audit, BoardDeclaration, BoardEntitlement, ConstituencyEntitlement, Finding, Society } from '../../api/types';
import { describeGap, isDefaultConstituency } from '../../board';
import { BarChart } from '../../components/BarChart';
import { Fields, TableScroll } from '../../components/Fields';
import { LineChart } from '../../components/LineChart';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { formatMoney } from '../../format/money';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { NotAvailable } from '../NotAvailable';
import { SocietyTabs } from './SocietyTabs';

/** How many past financial years the history shows. */
export const HISTORY_YEARS = 5;

const BOARD_SOURCE: Record<BoardEntitlement['board']['kind'], string> = {
  'board-package': 'the latest committed board package',
  registry: 'the board members recorded in the registry',
  none: 'nobody is seated',
};

/**
 * Board entitlement against the actual board: the seats each constituency's market share
 * is worth (apportioned by the society's method) beside the seats it holds, the gap, the
 * disproportionality indices, and how they have moved over past financial years.
 */
export function BoardPage({ societyId }: { societyId: string }) {
  const { api } = useSession();
  const loaded = useApi<{ society: Society; entitlement: BoardEntitlement }>(async () => {
    const [society, entitlement] = await Promise.all([api.society(societyId), api.boardEntitlement(societyId, HISTORY_YEARS)]);
    return { society, entitlement };
  }, [api, societyId]);

  return (
    <Loader loaded={loaded} what="the board entitlement" refusal={<NotAvailable what="This society's board" />}>
      {({ society, entitlement: e }) => (
        <>
          <PageTitle title={`${society.name}: board`}>{society.name}: board entitlement</PageTitle>
          <SocietyTabs societyId={societyId} />
          <p className="lead" data-testid="entitlement-summary">
            A board of {e.boardSize} seat{e.boardSize === 1 ? '' : 's'} ({e.boardSizeSource === 'settings' ? "the society's setting" : 'the size of the actual board'}), apportioned by{' '}
            {e.method} among the constituencies by the money ({e.amountBasis}) attributed to their rights holders from {e.window.from} to {e.window.to}. The actual board is the
            one seated on {e.asOf}, from {BOARD_SOURCE[e.board.kind]}
            {e.board.period ? ` (${e.board.period})` : ''}.
          </p>
          <EntitlementNow entitlement={e} />
          <History entitlement={e} />
          <Declarations societyId={societyId} year={declarationYear(e)} currency={e.currency} />
        </>
      )}
    </Loader>
  );
}

function EntitlementNow({ entitlement: e }: { entitlement: BoardEntitlement }) {
  const rows = e.constituencies;
  const gaps = rows.filter((c) => c.gap !== null && c.gap !== 0);
  return (
    <section aria-labelledby="now-heading">
      <h2 id="now-heading">Entitled against actual seats</h2>
      <Fields
        rows={[
          ['Money attributed', <span data-testid="attributed">{formatMoney(e.totals.attributed, e.currency)}</span>],
          ['Unidentified (in no share)', formatMoney(e.totals.unidentified, e.currency)],
          ...(e.totals.otherCurrencies.length > 0
            ? ([['Left out (other currencies)', e.totals.otherCurrencies.map((o) => formatMoney(o.amount, o.currency)).join(', ')]] as [string, string][])
            : []),
          ['Seats held', `${e.actualBoardSize} of ${e.boardSize}`],
        ]}
      />
      <TableScroll label="Disproportionality indices">
        <table className="indices">
          <caption>Disproportionality, in percentage points (0: seats exactly proportional to money)</caption>
          <thead>
            <tr>
              <th scope="col">Index</th>
              <th scope="col" className="num">
                Actual board
              </th>
              <th scope="col" className="num">
                Entitled seats
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Gallagher</th>
              <td className="num" data-testid="gallagher">
                {e.indices?.gallagher ?? '—'}
              </td>
              <td className="num">{e.entitledIndices?.gallagher ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">Loosemore–Hanby</th>
              <td className="num" data-testid="loosemore-hanby">
                {e.indices?.loosemoreHanby ?? '—'}
              </td>
              <td className="num">{e.entitledIndices?.loosemoreHanby ?? '—'}</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
      <BarChart
        caption="Seats per constituency: entitled by market share and actually held"
        description={rows.map((c) => `${c.constituency}: entitled ${c.entitledSeats ?? 'none'}, actual ${c.actualSeats}`).join('; ')}
        labels={rows.map((c) => c.constituency)}
        series={[
          { label: 'Entitled seats', values: rows.map((c) => c.entitledSeats ?? 0) },
          { label: 'Actual seats', values: rows.map((c) => c.actualSeats) },
        ]}
        valueLabel="Seats"
      />
      <p data-testid="gap-summary">
        {gaps.length === 0 ? 'Every constituency holds the seats its share entitles it to.' : gaps.map((c) => `${c.constituency} ${describeGap(c.gap)}`).join('; ') + '.'}
      </p>
      <TableScroll label="Entitlement by constituency">
        <table className="stack">
          <caption>
            {rows.length} constituencies, money from {e.window.from} to {e.window.to}, board on {e.asOf}
          </caption>
          <thead>
            <tr>
              <th scope="col">Constituency</th>
              <th scope="col" className="num">
                Money attributed
              </th>
              <th scope="col" className="num">
                Share
              </th>
              <th scope="col" className="num">
                Entitled
              </th>
              <th scope="col" className="num">
                Quota
              </th>
              <th scope="col" className="num">
                Actual
              </th>
              <th scope="col" className="num">
                Gap
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <ConstituencyRow key={c.constituency} c={c} currency={e.currency} />
            ))}
          </tbody>
        </table>
      </TableScroll>
      {e.ties.length > 0 && (
        <p>
          Decided by exact ties: {e.ties.map((t) => `seat ${t.seat} between ${t.parties.join(', ')} went to ${t.winner}`).join('; ')}.
        </p>
      )}
    </section>
  );
}

function ConstituencyRow({ c, currency }: { c: ConstituencyEntitlement; currency: string }) {
  const under = c.gap !== null && c.gap < 0;
  return (
    <tr className={c.gap ? 'row-differs' : undefined} data-constituency={c.constituency}>
      <th scope="row" data-label="Constituency">
        <span>
          {c.constituency}
          {isDefaultConstituency(c) ? null : <span className="muted"> ({c.kinds.join(', ')})</span>}
        </span>
      </th>
      <td className="num nowrap" data-label="Money attributed">
        {formatMoney(c.attributed, currency)}
      </td>
      <td className="num nowrap" data-label="Share">
        {c.sharePercent === null ? '—' : `${c.sharePercent} %`}
      </td>
      <td className="num" data-label="Entitled">
        {c.entitledSeats ?? '—'}
      </td>
      <td className="num nowrap" data-label="Quota">
        {c.lowerQuota === null ? '—' : `${c.lowerQuota}–${c.upperQuota}`}
      </td>
      <td className="num" data-label="Actual">
        {c.actualSeats}
      </td>
      <td className="num nowrap" data-label="Gap">
        {c.gap === null ? '—' : c.gap === 0 ? '0' : <strong>{`${c.gap > 0 ? '+' : '−'}${Math.abs(c.gap)} ${under ? '▼ under' : '▲ over'}`}</strong>}
      </td>
    </tr>
  );
}

function History({ entitlement: e }: { entitlement: BoardEntitlement }) {
  const years = e.history;
  if (years.length === 0) return null;
  const names = e.constituencies.map((c) => c.constituency);
  const gapOf = (year: (typeof years)[number], name: string) => year.constituencies.find((c) => c.constituency === name)?.gap ?? null;
  // Only constituencies that ever had money to be entitled by: the others have no gap to draw.
  const drawn = names.filter((n) => years.some((y) => gapOf(y, n) !== null && (gapOf(y, n) !== 0 || y.constituencies.find((c) => c.constituency === n)?.actualSeats)));
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <p>
        The entitlement as it stood at the end of each of the last {years.length} financial years: for each, the money of the {e.lookbackYears} years ending with it against the
        board seated on its last day.
      </p>
      {drawn.length > 0 && (
        <LineChart
          caption="Gap per constituency by financial year (actual − entitled seats)"
          description={drawn.map((n) => `${n}: ${years.map((y) => `${y.financialYear} ${gapOf(y, n) ?? 'none'}`).join(', ')}`).join('; ')}
          labels={years.map((y) => String(y.financialYear))}
          series={drawn.map((n) => ({ label: n, values: years.map((y) => gapOf(y, n)) }))}
          valueLabel="Seats (negative: under-represented)"
          wholeNumbers
        />
      )}
      <TableScroll label="Entitlement history">
        <table className="stack">
          <caption>By financial year, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col">Money window</th>
              <th scope="col" className="num">
                Money attributed
              </th>
              <th scope="col" className="num">
                Gallagher
              </th>
              <th scope="col">Entitled / actual seats</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.financialYear}>
                <th scope="row" data-label="Year">
                  {y.financialYear}
                </th>
                <td className="nowrap" data-label="Money window">
                  {y.window.from} to {y.window.to}
                </td>
                <td className="num nowrap" data-label="Money attributed">
                  {formatMoney(y.totals.attributed, e.currency)}
                </td>
                <td className="num" data-label="Gallagher">
                  {y.indices?.gallagher ?? '—'}
                </td>
                <td data-label="Entitled / actual seats">
                  {y.constituencies
                    .filter((c) => c.actualSeats > 0 || (c.entitledSeats ?? 0) > 0)
                    .map((c) => `${c.constituency} ${c.entitledSeats ?? '—'}/${c.actualSeats}`)
                    .join(', ') || 'no seats'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** The financial year the entitlement was judged at (its latest year of history, else the year of its date): the one declarations and audits are about. */
function declarationYear(e: BoardEntitlement): number {
  const years = e.history.map((y) => y.financialYear);
  return years.length > 0 ? Math.max(...years) : Number(e.asOf.slice(0, 4));
}

const CONFLICT_RULES = ['governance.board-declarations', 'governance.board-member-licensee', 'governance.board-self-dealing'] as const;

/**
 * The board members' annual declarations (Art. 10(2), public) for the year, and, for those
 * who may read audits, what the latest audit of the year found about conflicts of interest:
 * declarations missing or leaving out money, organisations among the licensees, and the
 * management-fee rate on board members' own lines against everyone else's.
 */
function Declarations({ societyId, year, currency }: { societyId: string; year: number; currency: string }) {
  const { api } = useSession();
  const loaded = useApi<{ declarations: BoardDeclaration[]; audit: Audit | null }>(async () => {
    const [declarations, audit] = await Promise.all([
      api.boardDeclarations(societyId, year).then((items) => items.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0))),
      // Rights holders may not read audits: the declarations stand alone for them.
      api.latestAuditWith(societyId, year, 'governance.board-self-dealing').catch(() => null),
    ]);
    return { declarations, audit };
  }, [api, societyId, year]);
  return (
    <section aria-labelledby="declarations-heading">
      <h2 id="declarations-heading">Declarations and conflicts of interest, {year}</h2>
      <Loader loaded={loaded} what="the board declarations">
        {({ declarations, audit }) => (
          <>
            <p>
              Each board member declares every year their interests in the society, the remuneration received from it, the amounts received from it as a rights holder, and
              any conflict between their duties and interests (Directive 2014/26/EU Art. 10(2)). Declarations are public and never rewritten: a correction is a new version.
            </p>
            <TableScroll label="Board declarations">
              <table className="stack" data-testid="declarations">
                <caption>
                  {declarations.length === 0 ? `No declaration for ${year}` : `${declarations.length} declaration${declarations.length === 1 ? '' : 's'} for ${year}, current versions`}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Member</th>
                    <th scope="col" className="num">
                      Remuneration
                    </th>
                    <th scope="col" className="num">
                      As rights holder
                    </th>
                    <th scope="col">Interests</th>
                    <th scope="col">Conflicts</th>
                  </tr>
                </thead>
                <tbody>
                  {declarations.map((d) => (
                    <tr key={d.id} data-member={d.memberId}>
                      <th scope="row" data-label="Member">
                        {d.memberId} {d.version > 1 && <span className="muted small">(version {d.version})</span>}
                      </th>
                      <td className="num nowrap" data-label="Remuneration">
                        {formatMoney(d.remuneration, d.currency)}
                      </td>
                      <td className="num nowrap" data-label="As rights holder">
                        {formatMoney(d.amountsAsRightholder, d.currency)}
                      </td>
                      <td data-label="Interests">{d.interests}</td>
                      <td data-label="Conflicts">{d.conflicts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {audit ? <ConflictFindings audit={audit} currency={currency} /> : <p className="hint">No finished audit of {year} that checked conflicts of interest is available to you.</p>}
          </>
        )}
      </Loader>
    </section>
  );
}

function ConflictFindings({ audit, currency }: { audit: Audit; currency: string }) {
  const findings = CONFLICT_RULES.map((id) => audit.findings.find((f) => f.rule === id)).filter((f): f is Finding => f !== undefined);
  const selfDealing = audit.findings.find((f) => f.rule === 'governance.board-self-dealing');
  const rate = (side: string) => ((selfDealing?.evidence[side] as { feeRatePercent?: string | null } | undefined)?.feeRatePercent ?? null);
  const board = rate('board');
  const others = rate('others');
  return (
    <>
      <p data-testid="fee-rates">
        Management fee on board members&apos; own lines in {currency}: <strong>{board === null ? '—' : `${board} %`}</strong>, on everyone else&apos;s:{' '}
        {others === null ? '—' : `${others} %`} (audit of {audit.finishedAt?.slice(0, 10) ?? 'an unknown day'}).
      </p>
      <ul className="findings" data-testid="conflict-findings">
        {findings.map((f) => (
          <li key={f.rule} className={f.passed ? undefined : 'row-differs'}>
            <strong>{f.passed ? '✓' : '✗'} {f.title}</strong> <span className="muted small">({f.source})</span>
            <br />
            {f.details}
          </li>
        ))}
      </ul>
    </>
  );
}
