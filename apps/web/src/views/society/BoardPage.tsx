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
import { formatDate, formatPercent, msg, t } from '../../i18n';

/** How many past financial years the history shows. */
export const HISTORY_YEARS = 5;

const BOARD_SOURCE: Record<BoardEntitlement['board']['kind'], string> = {
  'board-package': msg('the latest committed board package'),
  registry: msg('the board members recorded in the registry'),
  none: msg('nobody is seated'),
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
    <Loader loaded={loaded} what={t('the board entitlement')} refusal={<NotAvailable what={t("This society's board")} />}>
      {({ society, entitlement: e }) => (
        <>
          <PageTitle title={t('{society}: board', { society: society.name })}>{t('{society}: board entitlement', { society: society.name })}</PageTitle>
          <SocietyTabs societyId={societyId} />
          <p className="lead" data-testid="entitlement-summary">
            {t.plural(
              e.boardSize,
              'A board of {n} seat ({size}), apportioned by {method} among the constituencies by the money ({basis}) attributed to their rights holders from {from} to {to}. The actual board is the one seated on {asOf}, from {source}.',
              'A board of {n} seats ({size}), apportioned by {method} among the constituencies by the money ({basis}) attributed to their rights holders from {from} to {to}. The actual board is the one seated on {asOf}, from {source}.',
              {
                size: e.boardSizeSource === 'settings' ? t("the society's setting") : t('the size of the actual board'),
                method: t(e.method),
                basis: t(e.amountBasis),
                from: formatDate(e.window.from),
                to: formatDate(e.window.to),
                asOf: formatDate(e.asOf),
                source: t(BOARD_SOURCE[e.board.kind]) + (e.board.period ? ` (${e.board.period})` : ''),
              },
            )}
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
      <h2 id="now-heading">{t('Entitled against actual seats')}</h2>
      <Fields
        rows={[
          [t('Money attributed'), <span data-testid="attributed">{formatMoney(e.totals.attributed, e.currency)}</span>],
          [t('Unidentified (in no share)'), formatMoney(e.totals.unidentified, e.currency)],
          ...(e.totals.otherCurrencies.length > 0
            ? ([[t('Left out (other currencies)'), e.totals.otherCurrencies.map((o) => formatMoney(o.amount, o.currency)).join(', ')]] as [string, string][])
            : []),
          [t('Seats held'), t('{held} of {size}', { held: e.actualBoardSize, size: e.boardSize })],
        ]}
      />
      <TableScroll label={t('Disproportionality indices')}>
        <table className="indices">
          <caption>{t('Disproportionality, in percentage points (0: seats exactly proportional to money)')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Index')}</th>
              <th scope="col" className="num">
                {t('Actual board')}
              </th>
              <th scope="col" className="num">
                {t('Entitled seats')}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('Gallagher')}</th>
              <td className="num" data-testid="gallagher">
                {e.indices?.gallagher ?? '—'}
              </td>
              <td className="num">{e.entitledIndices?.gallagher ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">{t('Loosemore–Hanby')}</th>
              <td className="num" data-testid="loosemore-hanby">
                {e.indices?.loosemoreHanby ?? '—'}
              </td>
              <td className="num">{e.entitledIndices?.loosemoreHanby ?? '—'}</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
      <BarChart
        caption={t('Seats per constituency: entitled by market share and actually held')}
        description={rows.map((c) => t('{constituency}: entitled {entitled}, actual {actual}', { constituency: t(c.constituency), entitled: c.entitledSeats ?? t('none'), actual: c.actualSeats })).join('; ')}
        labels={rows.map((c) => t(c.constituency))}
        series={[
          { label: t('Entitled seats'), values: rows.map((c) => c.entitledSeats ?? 0) },
          { label: t('Actual seats'), values: rows.map((c) => c.actualSeats) },
        ]}
        valueLabel={t('Seats')}
      />
      <p data-testid="gap-summary">
        {gaps.length === 0 ? t('Every constituency holds the seats its share entitles it to.') : gaps.map((c) => `${t(c.constituency)} ${describeGap(c.gap)}`).join('; ') + '.'}
      </p>
      <TableScroll label={t('Entitlement by constituency')}>
        <table className="stack">
          <caption>
            {t.plural(rows.length, '{n} constituency, money from {from} to {to}, board on {asOf}', '{n} constituencies, money from {from} to {to}, board on {asOf}', { from: formatDate(e.window.from), to: formatDate(e.window.to), asOf: formatDate(e.asOf) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('Constituency')}</th>
              <th scope="col" className="num">
                {t('Money attributed')}
              </th>
              <th scope="col" className="num">
                {t('Share')}
              </th>
              <th scope="col" className="num">
                {t('Entitled')}
              </th>
              <th scope="col" className="num">
                {t('Quota')}
              </th>
              <th scope="col" className="num">
                {t('Actual')}
              </th>
              <th scope="col" className="num">
                {t('Gap')}
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
          {t('Decided by exact ties: {ties}.', { ties: e.ties.map((tie) => t('seat {seat} between {parties} went to {winner}', { seat: tie.seat, parties: tie.parties.map((p) => t(p)).join(', '), winner: t(tie.winner) })).join('; ') })}
        </p>
      )}
    </section>
  );
}

function ConstituencyRow({ c, currency }: { c: ConstituencyEntitlement; currency: string }) {
  const under = c.gap !== null && c.gap < 0;
  return (
    <tr className={c.gap ? 'row-differs' : undefined} data-constituency={c.constituency}>
      <th scope="row" data-label={t('Constituency')}>
        <span>
          {t(c.constituency)}
          {isDefaultConstituency(c) ? null : <span className="muted"> ({c.kinds.map((k) => t(k)).join(', ')})</span>}
        </span>
      </th>
      <td className="num nowrap" data-label={t('Money attributed')}>
        {formatMoney(c.attributed, currency)}
      </td>
      <td className="num nowrap" data-label={t('Share')}>
        {c.sharePercent === null ? '—' : formatPercent(c.sharePercent)}
      </td>
      <td className="num" data-label={t('Entitled')}>
        {c.entitledSeats ?? '—'}
      </td>
      <td className="num nowrap" data-label={t('Quota')}>
        {c.lowerQuota === null ? '—' : `${c.lowerQuota}–${c.upperQuota}`}
      </td>
      <td className="num" data-label={t('Actual')}>
        {c.actualSeats}
      </td>
      <td className="num nowrap" data-label={t('Gap')}>
        {c.gap === null ? '—' : c.gap === 0 ? '0' : <strong>{`${c.gap > 0 ? '+' : '−'}${Math.abs(c.gap)} ${under ? t('▼ under') : t('▲ over')}`}</strong>}
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
      <h2 id="history-heading">{t('History')}</h2>
      <p>
        {t('The entitlement as it stood at the end of each of the last {years} financial years: for each, the money of the {lookback} years ending with it against the board seated on its last day.', { years: years.length, lookback: e.lookbackYears })}
      </p>
      {drawn.length > 0 && (
        <LineChart
          caption={t('Gap per constituency by financial year (actual − entitled seats)')}
          description={drawn.map((n) => `${t(n)}: ${years.map((y) => `${y.financialYear} ${gapOf(y, n) ?? t('none')}`).join(', ')}`).join('; ')}
          labels={years.map((y) => String(y.financialYear))}
          series={drawn.map((n) => ({ label: t(n), values: years.map((y) => gapOf(y, n)) }))}
          valueLabel={t('Seats (negative: under-represented)')}
          wholeNumbers
        />
      )}
      <TableScroll label={t('Entitlement history')}>
        <table className="stack">
          <caption>{t('By financial year, oldest first')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Year')}</th>
              <th scope="col">{t('Money window')}</th>
              <th scope="col" className="num">
                {t('Money attributed')}
              </th>
              <th scope="col" className="num">
                {t('Gallagher')}
              </th>
              <th scope="col">{t('Entitled / actual seats')}</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.financialYear}>
                <th scope="row" data-label={t('Year')}>
                  {y.financialYear}
                </th>
                <td className="nowrap" data-label={t('Money window')}>
                  {t('{from} to {to}', { from: formatDate(y.window.from), to: formatDate(y.window.to) })}
                </td>
                <td className="num nowrap" data-label={t('Money attributed')}>
                  {formatMoney(y.totals.attributed, e.currency)}
                </td>
                <td className="num" data-label={t('Gallagher')}>
                  {y.indices?.gallagher ?? '—'}
                </td>
                <td data-label={t('Entitled / actual seats')}>
                  {y.constituencies
                    .filter((c) => c.actualSeats > 0 || (c.entitledSeats ?? 0) > 0)
                    .map((c) => `${t(c.constituency)} ${c.entitledSeats ?? '—'}/${c.actualSeats}`)
                    .join(', ') || t('no seats')}
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
      <h2 id="declarations-heading">{t('Declarations and conflicts of interest, {year}', { year })}</h2>
      <Loader loaded={loaded} what={t('the board declarations')}>
        {({ declarations, audit }) => (
          <>
            <p>
              {t('Each board member declares every year their interests in the society, the remuneration received from it, the amounts received from it as a rights holder, and any conflict between their duties and interests (Directive 2014/26/EU Art. 10(2)). Declarations are public and never rewritten: a correction is a new version.')}
            </p>
            <TableScroll label={t('Board declarations')}>
              <table className="stack" data-testid="declarations">
                <caption>
                  {declarations.length === 0 ? t('No declaration for {year}', { year }) : t.plural(declarations.length, '{n} declaration for {year}, current versions', '{n} declarations for {year}, current versions', { year })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('Member')}</th>
                    <th scope="col" className="num">
                      {t('Remuneration')}
                    </th>
                    <th scope="col" className="num">
                      {t('As rights holder')}
                    </th>
                    <th scope="col">{t('Interests')}</th>
                    <th scope="col">{t('Conflicts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {declarations.map((d) => (
                    <tr key={d.id} data-member={d.memberId}>
                      <th scope="row" data-label={t('Member')}>
                        {d.memberId} {d.version > 1 && <span className="muted small">{t('(version {version})', { version: d.version })}</span>}
                      </th>
                      <td className="num nowrap" data-label={t('Remuneration')}>
                        {formatMoney(d.remuneration, d.currency)}
                      </td>
                      <td className="num nowrap" data-label={t('As rights holder')}>
                        {formatMoney(d.amountsAsRightholder, d.currency)}
                      </td>
                      <td data-label={t('Interests')}>{d.interests}</td>
                      <td data-label={t('Conflicts')}>{d.conflicts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {audit ? <ConflictFindings audit={audit} currency={currency} /> : <p className="hint">{t('No finished audit of {year} that checked conflicts of interest is available to you.', { year })}</p>}
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
        {t("Management fee on board members' own lines in {currency}:", { currency })} <strong>{board === null ? '—' : formatPercent(board)}</strong>
        {t(", on everyone else's: {others} (audit of {date}).", { others: others === null ? '—' : formatPercent(others), date: audit.finishedAt ? formatDate(audit.finishedAt.slice(0, 10)) : t('an unknown day') })}
      </p>
      <ul className="findings" data-testid="conflict-findings">
        {findings.map((f) => (
          <li key={f.rule} className={f.passed ? undefined : 'row-differs'}>
            <strong>{f.passed ? '✓' : '✗'} {t(f.title)}</strong> <span className="muted small">({t(f.source)})</span>
            <br />
            {f.details}
          </li>
        ))}
      </ul>
    </>
  );
}
