import { type FormEvent, useId, useState } from 'react';
import { type DistributedLine, getWorkMoney, type ReportedLine, type ShareCheck, type Work, type WorkMoney } from '../../api/works';
import { DataTable } from '../../components/DataTable';
import { Loader } from '../../components/Loader';
import { todayIso } from '../../format/dates';
import { financialYearChoices, financialYearFromSearch, financialYearOf, rightName, shareVerdict, shownShare, workPath } from '../../format/works';
import { formatDate, formatDecimal, formatInteger, formatMoney, t } from '../../i18n';
import { Link, navigate, useSearch } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';

/**
 * A work's money in one financial year (issue 16, `GET /v1/works/{id}/money`), in the
 * order it moved: what the platforms reported (DSR lines: usages and revenue, matched to
 * the work by ISWC or ISRC), what the society distributed for it (distribution lines, by
 * holder), and per holder and right the share paid against the share registered, a
 * mismatch beyond the tolerance marked ▲/▼ and tinted. Amounts are the API's decimal
 * strings with their currency's minor units.
 */
export function WorkMoneySection({ work }: { work: Work }) {
  const { me } = useSession();
  // A work's money is the society's and the regulator's to read (GET /v1/works/{id}/money); a holder's own money is on its statement.
  if (me.role === 'rights-holder')
    return (
      <section aria-labelledby="money-heading" data-testid="work-money">
        <h2 id="money-heading">{t('Money from use to payout')}</h2>
        <p>
          {t('What a work earned in all is for its society and the regulator to read; what you were paid for it is on your statement.')}{' '}
          <Link to={`/rights-holders/${encodeURIComponent(me.rightsHolderId ?? '')}/statement`}>{t('Your statement')}</Link>
        </p>
      </section>
    );
  return <SocietyMoneySection work={work} />;
}

function SocietyMoneySection({ work }: { work: Work }) {
  const { api } = useSession();
  const search = useSearch();
  const fy = useApi(() => api.publicSociety(work.societyId), [api, work.societyId]);
  const current = fy.state === 'ok' ? financialYearOf(todayIso(), fy.data.fyEndMonth, fy.data.fyEndDay) : Number(todayIso().slice(0, 4));
  const year = financialYearFromSearch(search) ?? current;
  return (
    <section aria-labelledby="money-heading" data-testid="work-money">
      <h2 id="money-heading">{t('Money from use to payout')}</h2>
      <YearPicker key={year} workId={work.id} year={year} choices={financialYearChoices(Math.max(current, year))} current={current} />
      <MoneyOfYear key={`${work.id}/${year}`} workId={work.id} year={year} />
    </section>
  );
}

function YearPicker({ workId, year, choices, current }: { workId: string; year: number; choices: number[]; current: number }) {
  const id = useId();
  const [chosen, setChosen] = useState(String(year));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(workPath(workId, Number(chosen)), { replace: true });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('Choose the financial year')}>
      <div className="form-row">
        <label htmlFor={id}>{t('Financial year')}</label>
        <select id={id} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          {choices.map((y) => (
            <option key={y} value={y}>
              {y === current ? t('{year} (in progress)', { year: String(y) }) : String(y)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t('Show')}</button>
    </form>
  );
}

function MoneyOfYear({ workId, year }: { workId: string; year: number }) {
  const { api } = useSession();
  const money = useApi(() => getWorkMoney(api, workId, year), [api, workId, year]);
  return (
    <Loader loaded={money} what={t('the money of {year}', { year: String(year) })}>
      {(m) => <MoneyFlow money={m} />}
    </Loader>
  );
}

function MoneyFlow({ money: m }: { money: WorkMoney }) {
  // Rights nothing was distributed for are named once, not compared holder by holder.
  const compared = m.shares.filter((s) => s.withinTolerance !== null || s.paidShare !== null);
  const idle = [...new Set(m.shares.filter((s) => !compared.includes(s)).map((s) => s.right))].filter((r) => !compared.some((s) => s.right === r));
  const mismatches = compared.filter((s) => shareVerdict(s).mismatch);
  return (
    <>
      <p className="muted">
        {t('Financial year {year}: {from} to {to}; the money collected in it is due to the holders by {due} (Art. 13(1) of Directive 2014/26/EU).', {
          year: String(m.financialYear),
          from: formatDate(m.from),
          to: formatDate(m.to),
          due: formatDate(m.distributeBy),
        })}
      </p>
      <ol className="money-flow" aria-label={t('From use to payout')} data-testid="money-flow">
        <li>
          <strong>{t('Reported by platforms')}</strong>{' '}
          {m.reported.totals.length === 0 ? t('nothing') : m.reported.totals.map((x) => formatMoney(x.amount, x.currency)).join(', ')}
          <span className="muted"> {t.plural(m.reported.linesTotal, '{n} report line', '{n} report lines')}</span>
        </li>
        <li>
          <strong>{t('Distributed to holders (gross)')}</strong>{' '}
          {m.distributed.totals.length === 0 ? t('nothing') : m.distributed.totals.map((x) => formatMoney(x.gross, x.currency)).join(', ')}
          <span className="muted"> {t.plural(m.distributed.linesTotal, '{n} distribution line', '{n} distribution lines')}</span>
        </li>
        <li>
          <strong>{t('Paid out (net)')}</strong>{' '}
          {m.distributed.totals.length === 0 ? t('nothing') : m.distributed.totals.map((x) => formatMoney(x.paidNet, x.currency)).join(', ')}
        </li>
        <li>
          <strong>{t('Shares paid against registered')}</strong>{' '}
          {compared.length === 0
            ? t('nothing to compare')
            : mismatches.length === 0
              ? `✓ ${t('every holder paid as registered')}`
              : `⚠ ${t.plural(mismatches.length, '{n} share differs from the register', '{n} shares differ from the register')}`}
        </li>
      </ol>

      <h3>{t('1. Reported by platforms')}</h3>
      <DataTable<ReportedLine>
        label={t('Reported by platforms')}
        testId="money-reported"
        caption={shown(t('Usage and revenue the platforms reported for this work (DSR)'), m.reported.lines.length, m.reported.linesTotal)}
        rows={m.reported.lines}
        rowKey={(l) => `${l.submissionId}/${l.lineNo}`}
        empty={t('No platform reported use of this work in {year}.', { year: String(m.financialYear) })}
        foot={m.reported.totals.map((x) => totalReported(x))}
        columns={[
          { label: t('Platform'), cell: (l) => (l.lineNo > 0 ? l.dsp : t('Total')) },
          { label: t('Recording'), cell: (l) => (l.lineNo > 0 ? [l.title, l.isrc && `ISRC ${l.isrc}`].filter(Boolean).join(', ') || '—' : '') },
          { label: t('Quarter'), cell: (l) => (l.lineNo > 0 ? <Link to={`/submissions/${encodeURIComponent(l.submissionId)}`}>{l.period}</Link> : ''), nowrap: true },
          {
            label: t('Use'),
            cell: (l) =>
              l.lineNo > 0 ? (
                <>
                  {[l.useType, l.commercialModel, l.territory].filter(Boolean).join(', ')}
                  <span className="share-party">
                    {formatDate(l.periodStart)} – {formatDate(l.periodEnd)}
                  </span>
                </>
              ) : (
                ''
              ),
          },
          { label: t('Matched by'), cell: (l) => (l.lineNo > 0 ? (l.matchedBy === 'iswc' ? t('ISWC') : t('ISRC of a registered recording')) : '') },
          { label: t('Usages'), cell: (l) => formatDecimal(l.usages), num: true },
          { label: t('Revenue'), cell: (l) => formatMoney(l.amount, l.currency), num: true, nowrap: true },
        ]}
      />

      <h3>{t('2. Distributed to holders')}</h3>
      <DataTable<DistributedLine>
        label={t('Distributed to holders')}
        testId="money-distributed"
        caption={shown(t('Distribution lines of this work'), m.distributed.lines.length, m.distributed.linesTotal)}
        rows={m.distributed.lines}
        rowKey={(l) => `${l.submissionId}/${l.lineNo}`}
        empty={t('Nothing was distributed for this work in {year}.', { year: String(m.financialYear) })}
        columns={[
          {
            label: t('Holder'),
            cell: (l) => (
              <>
                {l.rightsHolderId ? <Link to={`/rights-holders/${encodeURIComponent(l.rightsHolderId)}`}>{l.rightsHolderName}</Link> : l.rightsHolderName}
                {l.rightsHolderIpi && <span className="muted"> ({l.rightsHolderIpi})</span>}
              </>
            ),
          },
          {
            label: t('Line'),
            cell: (l) => (
              <Link to={`/submissions/${encodeURIComponent(l.submissionId)}?line=${encodeURIComponent(l.lineId)}`}>{l.lineId}</Link>
            ),
            nowrap: true,
          },
          { label: t('Quarter'), cell: (l) => l.period, nowrap: true },
          { label: t('Category'), cell: (l) => `${t(l.category)}, ${l.territory}` },
          { label: t('Gross'), cell: (l) => formatMoney(l.gross, l.currency), num: true, nowrap: true },
          { label: t('Net'), cell: (l) => formatMoney(l.net, l.currency), num: true, nowrap: true },
          { label: t('Status'), cell: (l) => `${t(l.status)}${l.paidOn ? ` ${formatDate(l.paidOn)}` : ''}` },
        ]}
      />

      <h3>{t('3. Paid against registered shares')}</h3>
      <p className="hint">
        {t('Each holder’s share of the gross distributed for a right, against the share the register gives them; a difference of more than {points} points is marked.', {
          points: formatDecimal(m.tolerancePoints),
        })}
      </p>
      <DataTable<ShareCheck>
        label={t('Paid against registered shares')}
        testId="money-shares"
        caption={
          mismatches.length > 0
            ? t.plural(mismatches.length, 'Shares per holder and right: {n} differs from the register', 'Shares per holder and right: {n} differ from the register')
            : t('Shares per holder and right')
        }
        rows={compared}
        rowKey={(s, i) => `${s.ipi ?? s.name}/${s.right}/${i}`}
        rowClass={(s) => (shareVerdict(s).mismatch ? 'row-differs' : undefined)}
        empty={t('No share to compare in {year}.', { year: String(m.financialYear) })}
        columns={[
          {
            label: t('Holder'),
            cell: (s) => (
              <>
                {s.rightsHolderId ? <Link to={`/rights-holders/${encodeURIComponent(s.rightsHolderId)}`}>{s.name}</Link> : s.name}
                {s.ipi && <span className="muted"> ({s.ipi})</span>}
              </>
            ),
          },
          { label: t('Right'), cell: (s) => rightName(s.right) },
          { label: t('Registered share'), cell: (s) => shownShare(s.registeredShare), num: true, nowrap: true },
          { label: t('Paid share'), cell: (s) => shownShare(s.paidShare), num: true, nowrap: true },
          { label: t('Gross paid'), cell: (s) => (s.currency ? formatMoney(s.gross, s.currency) : '—'), num: true, nowrap: true },
          {
            label: t('Verdict'),
            cell: (s) => {
              const v = shareVerdict(s);
              return (
                <span className={v.mismatch ? 'badge badge-bad' : 'badge badge-ok'}>
                  {v.mark} {v.text}
                </span>
              );
            },
          },
        ]}
      />
      {idle.length > 0 && (
        <p className="muted" data-testid="money-idle-rights">
          {t('Nothing was distributed for {rights} in {year}: those registered shares are not compared.', { rights: idle.map(rightName).join(', '), year: String(m.financialYear) })}
        </p>
      )}
    </>
  );
}

/** A totals row of the reported lines, drawn with the same columns (lineNo 0 marks it). */
function totalReported(x: WorkMoney['reported']['totals'][number]): ReportedLine {
  return {
    submissionId: '',
    period: '',
    lineNo: 0,
    sourceLine: 0,
    dsp: '',
    dspPartyId: '',
    matchedBy: 'iswc',
    iswc: null,
    isrc: null,
    title: null,
    useType: null,
    commercialModel: null,
    territory: '',
    periodStart: '',
    periodEnd: '',
    category: '',
    currency: x.currency,
    usages: x.usages,
    amount: x.amount,
  };
}

function shown(what: string, count: number, total: number): string {
  return count < total
    ? t('{what}: the first {shown} of {total}', { what, shown: formatInteger(count), total: formatInteger(total) })
    : t('{what}: {total}', { what, total: formatInteger(total) });
}
