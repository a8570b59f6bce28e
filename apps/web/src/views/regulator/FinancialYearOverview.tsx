import { type FormEvent, useId, useState } from 'react';
import type { OverviewRow, RegulatorOverview } from '../../api/types';
import { BarChart } from '../../components/BarChart';
import { TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { describeDelay, percent, witnessingText } from '../../format/audit';
import { todayIso } from '../../format/dates';
import { chartLength } from '../../format/money';
import { transparencyPath } from '../../nav';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';

/**
 * Every society side by side for a financial year, from `GET /v1/regulator/overview`:
 * management-cost ratio against the peer median, how long after the year end half the
 * money was paid, undistributed and unpaid shares, the board gap, and the rules that
 * fail; charts of each, and a link to audit a society or read its latest audit.
 */
export function FinancialYearOverview() {
  const { api } = useSession();
  const id = useId();
  const initial = Number(todayIso().slice(0, 4)) - 1;
  const [year, setYear] = useState(initial);
  const [input, setInput] = useState(String(initial));
  const [error, setError] = useState<string | null>(null);
  const loaded = useApi(() => api.regulatorOverview(year), [api, year]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4}$/.test(input.trim())) return setError('Write the financial year as four digits, for example 2025');
    setError(null);
    setYear(Number(input.trim()));
  };

  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">Financial year {year}</h2>
      <form className="inline-form" onSubmit={submit} noValidate aria-label="Choose the financial year">
        <div className="form-row">
          <label htmlFor={id}>Financial year</label>
          <input id={id} value={input} onChange={(e) => setInput(e.target.value)} inputMode="numeric" autoComplete="off" size={6} aria-invalid={error ? true : undefined} />
        </div>
        <button type="submit">Show</button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <Loader loaded={loaded} what="the overview">
        {(o) => <OverviewBody overview={o} />}
      </Loader>
    </section>
  );
}

function OverviewBody({ overview: o }: { overview: RegulatorOverview }) {
  const rows = [...o.societies].sort((a, b) => a.name.localeCompare(b.name));
  const failing = rows.filter((r) => r.findings.failed > 0).length;
  const unwitnessed = rows.filter((r) => r.witnessing.behindQuorum || r.witnessing.alarms.length > 0);
  return (
    <>
      <p className="lead" data-testid="overview-summary">
        Each society&apos;s financial year ending in {o.financialYear}, read from the signed heads of {o.pinnedAt ?? 'no log yet'}
        {o.asOf ? `; deadlines judged on ${o.asOf}` : ''}. Peer median management-cost ratio: {percent(o.peerMedianCostRatioPercent)}.{' '}
        {failing === 0 ? 'No society fails a rule.' : `${failing} of ${rows.length} societies fail at least one rule.`}
      </p>
      {unwitnessed.length > 0 && (
        <p className="warning" role="status" data-testid="overview-witnessing">
          {unwitnessed.map((r) => `${r.name}: ${witnessingText(r.witnessing)}`).join('; ')}.
        </p>
      )}
      <TableScroll label="Societies compared for the financial year">
        <table className="stack overview">
          <caption>Financial year {o.financialYear}, side by side</caption>
          <thead>
            <tr>
              <th scope="col">Society</th>
              <th scope="col" className="num">
                Cost ratio
              </th>
              <th scope="col">Half paid</th>
              <th scope="col" className="num">
                Undistributed
              </th>
              <th scope="col" className="num">
                Unpaid
              </th>
              <th scope="col">Board gap</th>
              <th scope="col">Non-contractual (declared / verified)</th>
              <th scope="col">Failed rules</th>
              <th scope="col">Board conflicts</th>
              <th scope="col">Witnessed log</th>
              <th scope="col">Audit and report</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <OverviewTableRow key={r.societyId} row={r} year={o.financialYear} peerMedian={o.peerMedianCostRatioPercent} />
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="hint">
        Cost ratio: management costs as a percent of income. Half paid: when half of the year&apos;s money had been paid to rights holders. Undistributed: amounts reported
        undistributed, percent of income. Unpaid: attributed but unpaid, percent of the year&apos;s lines. Board gap: the seats the most under-represented constituency lacks,
        and the Gallagher index of the board against the money shares. Non-contractual: the share of the gross managed without the holders&apos; mandate, as the
        society declared it and as the mandate register says (each line judged when its package committed), with the trend over the last five financial years. Board
        conflicts: board members&apos; annual declarations made for the year (Art. 10(2)), organisations of members found among the licensees (to confirm), and the
        management-fee rate on board members&apos; own lines against everyone else&apos;s. Witnessed log: whether the witnesses (independent parties checking that the log
        never shows two histories) have cosigned the log&apos;s latest head in the number the policy asks for, now; an alarm means one refused a checkpoint as inconsistent.
      </p>
      {rows.length > 0 && <OverviewCharts rows={rows} />}
    </>
  );
}

function Witnessing({ w }: { w: OverviewRow['witnessing'] }) {
  const text = witnessingText(w);
  if (!w.configured || (!w.behindQuorum && w.alarms.length === 0)) return <span className={w.configured ? 'small' : 'muted small'}>{text}</span>;
  return <strong className="small">⚠ {text}</strong>;
}

function BoardConflicts({ c }: { c: OverviewRow['boardConflicts'] }) {
  if (c.members === null) return <>—</>;
  const lowerFee = c.boardFeeRatePercent !== null && c.othersFeeRatePercent !== null && chartLength(c.boardFeeRatePercent) < chartLength(c.othersFeeRatePercent);
  return (
    <span className="small">
      {c.declared} of {c.members} declared
      {(c.understatedDeclarations ?? 0) > 0 && `, ${c.understatedDeclarations} leaving out money`}
      <br />
      {c.licenseeMatches ? `${c.licenseeMatches} licensee match${c.licenseeMatches === 1 ? '' : 'es'}` : 'no licensee match'}
      {c.boardFeeRatePercent !== null && (
        <>
          <br />
          <span className="nowrap" title="Management-fee rate on board members' lines against everyone else's">
            {lowerFee ? <strong>board fee {percent(c.boardFeeRatePercent)}</strong> : `board fee ${percent(c.boardFeeRatePercent)}`} vs {percent(c.othersFeeRatePercent)}
          </span>
        </>
      )}
    </span>
  );
}

function OverviewTableRow({ row: r, year, peerMedian }: { row: OverviewRow; year: number; peerMedian: string | null }) {
  const aboveMedian = r.costRatioPercent !== null && peerMedian !== null && chartLength(r.costRatioPercent) > chartLength(peerMedian);
  return (
    <tr className={r.findings.high > 0 ? 'row-differs' : undefined} data-society={r.societyId}>
      <th scope="row" data-label="Society">
        <span>
          <Link to={`/regulator/societies/${r.societyId}`}>{r.name}</Link> <span className="muted small">({r.cisacCode}, {r.currency})</span>
        </span>
      </th>
      <td className="num nowrap" data-label="Cost ratio">
        {percent(r.costRatioPercent)}
        {aboveMedian ? ' ▲' : ''}
      </td>
      <td data-label="Half paid">{describeDelay(r.medianDelayDays)}</td>
      <td className="num nowrap" data-label="Undistributed">
        {percent(r.undistributedSharePercent)}
      </td>
      <td className="num nowrap" data-label="Unpaid">
        {percent(r.unpaidSharePercent)}
      </td>
      <td data-label="Board gap">
        {r.boardGap.maxShortfall === null ? '—' : r.boardGap.maxShortfall === 0 ? 'no constituency short' : `${r.boardGap.maxShortfall} seat${r.boardGap.maxShortfall === 1 ? '' : 's'} short`}
        {r.boardGap.gallagher !== null && <span className="muted small"> (Gallagher {r.boardGap.gallagher})</span>}
      </td>
      <td data-label="Non-contractual (declared / verified)" data-testid="non-contractual">
        <span className="nowrap">
          {percent(r.nonContractualSharePercent)} / <strong>{percent(r.verifiedNonContractualSharePercent)}</strong>
        </span>
        {r.nonContractualTrend.some((p) => p.verifiedPercent !== null) && (
          <>
            <br />
            <span className="muted small">
              {r.nonContractualTrend
                .filter((p) => p.declaredPercent !== null || p.verifiedPercent !== null)
                .map((p) => `${p.financialYear}: ${percent(p.declaredPercent)} / ${percent(p.verifiedPercent)}`)
                .join(' → ')}
            </span>
          </>
        )}
      </td>
      <td data-label="Failed rules">
        {r.findings.failed === 0 ? (
          'none'
        ) : (
          <span>
            <strong>{r.findings.failed}</strong> ({[r.findings.high && `${r.findings.high} high`, r.findings.medium && `${r.findings.medium} medium`, r.findings.low && `${r.findings.low} low`].filter(Boolean).join(', ')})
            <br />
            <span className="muted small">{r.findings.rules.join(', ')}</span>
          </span>
        )}
      </td>
      <td data-label="Board conflicts" data-testid="board-conflicts">
        <BoardConflicts c={r.boardConflicts} />
      </td>
      <td data-label="Witnessed log" data-testid="witnessing">
        <Witnessing w={r.witnessing} />
      </td>
      <td data-label="Audit and report">
        <span className="link-list">
          {r.latestAudit && <Link to={`/audits/${r.latestAudit.id}`}>Latest audit ({r.latestAudit.finishedAt.slice(0, 10)})</Link>}
          <Link to={`/regulator/audits?society=${r.societyId}&year=${year}`} className="nowrap" aria-label={`Run an audit of ${r.name} for ${year}`}>
            Run an audit
          </Link>
          <Link to={transparencyPath(r.societyId, year)} className="nowrap" aria-label={`Transparency report of ${r.name} for ${year}`}>
            Transparency report
          </Link>
        </span>
      </td>
    </tr>
  );
}

function OverviewCharts({ rows }: { rows: OverviewRow[] }) {
  const labels = rows.map((r) => r.name);
  const pct = (pick: (r: OverviewRow) => string | null) => ({ values: rows.map((r) => (pick(r) === null ? 0 : chartLength(pick(r)!))), texts: rows.map((r) => percent(pick(r))) });
  return (
    <div className="chart-grid">
      <BarChart
        caption="Money kept or held back (percent)"
        description={rows.map((r) => `${r.name}: cost ratio ${percent(r.costRatioPercent)}, undistributed ${percent(r.undistributedSharePercent)}, unpaid ${percent(r.unpaidSharePercent)}`).join('; ')}
        labels={labels}
        series={[
          { label: 'Cost ratio', ...pct((r) => r.costRatioPercent) },
          { label: 'Undistributed', ...pct((r) => r.undistributedSharePercent) },
          { label: 'Unpaid', ...pct((r) => r.unpaidSharePercent) },
        ]}
        horizontal
        wholeNumbers={false}
        valueLabel="Percent"
      />
      <BarChart
        caption="Managed without a mandate: declared against verified (percent of the gross)"
        description={rows.map((r) => `${r.name}: declared ${percent(r.nonContractualSharePercent)}, verified ${percent(r.verifiedNonContractualSharePercent)}`).join('; ')}
        labels={labels}
        series={[
          { label: 'Declared', ...pct((r) => r.nonContractualSharePercent) },
          { label: 'Verified', ...pct((r) => r.verifiedNonContractualSharePercent) },
        ]}
        horizontal
        wholeNumbers={false}
        valueLabel="Percent"
      />
      <BarChart
        caption="When half the year's money was paid (days after the year end)"
        description={rows.map((r) => `${r.name}: ${describeDelay(r.medianDelayDays)}`).join('; ')}
        labels={labels}
        series={[{ label: 'Days after the year end', values: rows.map((r) => r.medianDelayDays ?? 0), texts: rows.map((r) => describeDelay(r.medianDelayDays)) }]}
        horizontal
        valueLabel="Days (negative: before the year end)"
      />
      <BarChart
        caption="Board gap: seats the most under-represented constituency lacks"
        description={rows.map((r) => `${r.name}: ${r.boardGap.maxShortfall ?? 'no figure'} seats, Gallagher ${r.boardGap.gallagher ?? 'none'}`).join('; ')}
        labels={labels}
        series={[{ label: 'Seats short', values: rows.map((r) => r.boardGap.maxShortfall ?? 0) }]}
        horizontal
        valueLabel="Seats"
      />
      <BarChart
        caption="Failed audit rules by severity"
        description={rows.map((r) => `${r.name}: ${r.findings.high} high, ${r.findings.medium} medium, ${r.findings.low} low`).join('; ')}
        labels={labels}
        series={[
          { label: 'High', values: rows.map((r) => r.findings.high) },
          { label: 'Medium', values: rows.map((r) => r.findings.medium) },
          { label: 'Low', values: rows.map((r) => r.findings.low) },
        ]}
        stacked
        horizontal
        valueLabel="Rules failed"
      />
    </div>
  );
}
