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
import { formatDate, formatDateTime, formatDecimal, locale, t } from '../../i18n';

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
    if (!/^\d{4}$/.test(input.trim())) return setError(t('Write the financial year as four digits, for example 2025'));
    setError(null);
    setYear(Number(input.trim()));
  };

  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">{t('Financial year {year}', { year })}</h2>
      <form className="inline-form" onSubmit={submit} noValidate aria-label={t('Choose the financial year')}>
        <div className="form-row">
          <label htmlFor={id}>{t('Financial year')}</label>
          <input id={id} value={input} onChange={(e) => setInput(e.target.value)} inputMode="numeric" autoComplete="off" size={6} aria-invalid={error ? true : undefined} />
        </div>
        <button type="submit">{t('Show')}</button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <Loader loaded={loaded} what={t('the overview')}>
        {(o) => <OverviewBody overview={o} />}
      </Loader>
    </section>
  );
}

function OverviewBody({ overview: o }: { overview: RegulatorOverview }) {
  const rows = [...o.societies].sort((a, b) => a.name.localeCompare(b.name, locale()));
  const failing = rows.filter((r) => r.findings.failed > 0).length;
  const unwitnessed = rows.filter((r) => r.witnessing.behindQuorum || r.witnessing.alarms.length > 0);
  return (
    <>
      <p className="lead" data-testid="overview-summary">
        {t("Each society's financial year ending in {year}, read from the signed heads of {pinnedAt}{asOf}. Peer median management-cost ratio: {median}.", {
          year: o.financialYear,
          pinnedAt: o.pinnedAt ? formatDateTime(o.pinnedAt) : t('no log yet'),
          asOf: o.asOf ? t('; deadlines judged on {date}', { date: formatDate(o.asOf) }) : '',
          median: percent(o.peerMedianCostRatioPercent),
        })}{' '}
        {failing === 0 ? t('No society fails a rule.') : t.plural(rows.length, '{failing} of {n} society fail at least one rule.', '{failing} of {n} societies fail at least one rule.', { failing })}
      </p>
      {unwitnessed.length > 0 && (
        <p className="warning" role="status" data-testid="overview-witnessing">
          {unwitnessed.map((r) => `${r.name}: ${witnessingText(r.witnessing)}`).join('; ')}.
        </p>
      )}
      <TableScroll label={t('Societies compared for the financial year')}>
        <table className="stack overview">
          <caption>{t('Financial year {year}, side by side', { year: o.financialYear })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Society')}</th>
              <th scope="col" className="num">
                {t('Cost ratio')}
              </th>
              <th scope="col">{t('Half paid')}</th>
              <th scope="col" className="num">
                {t('Undistributed')}
              </th>
              <th scope="col" className="num">
                {t('Unpaid')}
              </th>
              <th scope="col">{t('Board gap')}</th>
              <th scope="col">{t('Non-contractual (declared / verified)')}</th>
              <th scope="col">{t('Failed rules')}</th>
              <th scope="col">{t('Board conflicts')}</th>
              <th scope="col">{t('Witnessed log')}</th>
              <th scope="col">{t('Audit and report')}</th>
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
        {t(
          "Cost ratio: management costs as a percent of income. Half paid: when half of the year's money had been paid to rights holders. Undistributed: amounts reported undistributed, percent of income. Unpaid: the net attributed to identified rights holders but not paid yet, as a percent of the net money attributed for uses in the year (in the society's currency). Board gap: the seats the most under-represented constituency lacks, and the Gallagher index of the board against the money shares. Non-contractual: the share of the gross managed without the holders' mandate, as the society declared it and as the mandate register says (each line judged when its package committed), with the trend over the last five financial years. Board conflicts: board members' annual declarations made for the year (Art. 10(2)), organisations of members found among the licensees (to confirm), and the management-fee rate on board members' own lines against everyone else's. Witnessed log: whether the witnesses (independent parties checking that the log never shows two histories) have cosigned the log's latest head in the number the policy asks for, now; an alarm means one refused a checkpoint as inconsistent.",
        )}
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
      {t('{declared} of {members} declared', { declared: c.declared ?? 0, members: c.members })}
      {(c.understatedDeclarations ?? 0) > 0 && t(', {n} leaving out money', { n: c.understatedDeclarations ?? 0 })}
      <br />
      {c.licenseeMatches ? t.plural(c.licenseeMatches, '{n} licensee match', '{n} licensee matches') : t('no licensee match')}
      {c.boardFeeRatePercent !== null && (
        <>
          <br />
          <span className="nowrap" title={t("Management-fee rate on board members' lines against everyone else's")}>
            {lowerFee ? <strong>{t('board fee {percent}', { percent: percent(c.boardFeeRatePercent) })}</strong> : t('board fee {percent}', { percent: percent(c.boardFeeRatePercent) })}{' '}
            {t('vs {percent}', { percent: percent(c.othersFeeRatePercent) })}
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
      <th scope="row" data-label={t('Society')}>
        <span>
          <Link to={`/regulator/societies/${r.societyId}`}>{r.name}</Link> <span className="muted small">({r.cisacCode}, {r.currency})</span>
        </span>
      </th>
      <td className="num nowrap" data-label={t('Cost ratio')}>
        {percent(r.costRatioPercent)}
        {aboveMedian ? ' ▲' : ''}
      </td>
      <td data-label={t('Half paid')}>{describeDelay(r.medianDelayDays)}</td>
      <td className="num nowrap" data-label={t('Undistributed')}>
        {percent(r.undistributedSharePercent)}
      </td>
      <td className="num nowrap" data-label={t('Unpaid')}>
        {percent(r.unpaidSharePercent)}
      </td>
      <td data-label={t('Board gap')}>
        {r.boardGap.maxShortfall === null ? '—' : r.boardGap.maxShortfall === 0 ? t('no constituency short') : t.plural(r.boardGap.maxShortfall, '{n} seat short', '{n} seats short')}
        {r.boardGap.gallagher !== null && <span className="muted small"> {t('(Gallagher {index})', { index: formatDecimal(r.boardGap.gallagher) })}</span>}
      </td>
      <td data-label={t('Non-contractual (declared / verified)')} data-testid="non-contractual">
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
      <td data-label={t('Failed rules')}>
        {r.findings.failed === 0 ? (
          t('none')
        ) : (
          <span>
            <strong>{r.findings.failed}</strong> ({[r.findings.high && t('{n} high', { n: r.findings.high }), r.findings.medium && t('{n} medium', { n: r.findings.medium }), r.findings.low && t('{n} low', { n: r.findings.low })].filter(Boolean).join(', ')})
            <br />
            <span className="muted small">{r.findings.rules.join(', ')}</span>
          </span>
        )}
      </td>
      <td data-label={t('Board conflicts')} data-testid="board-conflicts">
        <BoardConflicts c={r.boardConflicts} />
      </td>
      <td data-label={t('Witnessed log')} data-testid="witnessing">
        <Witnessing w={r.witnessing} />
      </td>
      <td data-label={t('Audit and report')}>
        <span className="link-list">
          {r.latestAudit && <Link to={`/audits/${r.latestAudit.id}`}>{t('Latest audit ({date})', { date: formatDate(r.latestAudit.finishedAt.slice(0, 10)) })}</Link>}
          <Link to={`/regulator/audits?society=${r.societyId}&year=${year}`} className="nowrap" aria-label={t('Run an audit of {society} for {year}', { society: r.name, year })}>
            {t('Run an audit')}
          </Link>
          <Link to={transparencyPath(r.societyId, year)} className="nowrap" aria-label={t('Transparency report of {society} for {year}', { society: r.name, year })}>
            {t('Transparency report')}
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
        caption={t('Money kept or held back (percent)')}
        description={rows.map((r) => t('{society}: cost ratio {cost}, undistributed {undistributed}, unpaid {unpaid}', { society: r.name, cost: percent(r.costRatioPercent), undistributed: percent(r.undistributedSharePercent), unpaid: percent(r.unpaidSharePercent) })).join('; ')}
        labels={labels}
        series={[
          { label: t('Cost ratio'), ...pct((r) => r.costRatioPercent) },
          { label: t('Undistributed'), ...pct((r) => r.undistributedSharePercent) },
          { label: t('Unpaid'), ...pct((r) => r.unpaidSharePercent) },
        ]}
        horizontal
        wholeNumbers={false}
        valueLabel={t('Percent')}
      />
      <BarChart
        caption={t('Managed without a mandate: declared against verified (percent of the gross)')}
        description={rows.map((r) => t('{society}: declared {declared}, verified {verified}', { society: r.name, declared: percent(r.nonContractualSharePercent), verified: percent(r.verifiedNonContractualSharePercent) })).join('; ')}
        labels={labels}
        series={[
          { label: t('Declared'), ...pct((r) => r.nonContractualSharePercent) },
          { label: t('Verified'), ...pct((r) => r.verifiedNonContractualSharePercent) },
        ]}
        horizontal
        wholeNumbers={false}
        valueLabel={t('Percent')}
      />
      <BarChart
        caption={t("When half the year's money was paid (days after the year end)")}
        description={rows.map((r) => `${r.name}: ${describeDelay(r.medianDelayDays)}`).join('; ')}
        labels={labels}
        series={[{ label: t('Days after the year end'), values: rows.map((r) => r.medianDelayDays ?? 0), texts: rows.map((r) => describeDelay(r.medianDelayDays)) }]}
        horizontal
        valueLabel={t('Days (negative: before the year end)')}
      />
      <BarChart
        caption={t('Board gap: seats the most under-represented constituency lacks')}
        description={rows.map((r) => t('{society}: {seats} seats, Gallagher {index}', { society: r.name, seats: r.boardGap.maxShortfall ?? t('no figure'), index: r.boardGap.gallagher ?? t('none') })).join('; ')}
        labels={labels}
        series={[{ label: t('Seats short'), values: rows.map((r) => r.boardGap.maxShortfall ?? 0) }]}
        horizontal
        valueLabel={t('Seats')}
      />
      <BarChart
        caption={t('Failed audit rules by severity')}
        description={rows.map((r) => t('{society}: {high} high, {medium} medium, {low} low', { society: r.name, high: r.findings.high, medium: r.findings.medium, low: r.findings.low })).join('; ')}
        labels={labels}
        series={[
          { label: t('High'), values: rows.map((r) => r.findings.high) },
          { label: t('Medium'), values: rows.map((r) => r.findings.medium) },
          { label: t('Low'), values: rows.map((r) => r.findings.low) },
        ]}
        stacked
        horizontal
        valueLabel={t('Rules failed')}
      />
    </div>
  );
}
