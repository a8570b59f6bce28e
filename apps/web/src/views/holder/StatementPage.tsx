import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/problem';
import type { RightsHolder, Statement } from '../../api/types';
import { BarChart } from '../../components/BarChart';
import { Fields, TableScroll } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { ProblemMessage } from '../../components/ProblemMessage';
import { saveBlob } from '../../download';
import { todayIso } from '../../format/dates';
import { chartLength, formatMoney } from '../../format/money';
import { paidByCategory } from '../../format/statement';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { NotAvailable } from '../NotAvailable';
import { HolderTabs } from './HolderTabs';
import { LineProofs } from './LineProofs';
import { StatementCorrections } from './StatementCorrections';
import { formatDate, formatDecimal, formatInteger, t } from '../../i18n';

interface Query {
  year: number;
  currency: string;
}

/**
 * A rights holder's statement across every society for a calendar year, in one currency
 * (Directive Art. 18): what each society attributed, deducted, paid and still owes, with
 * charts by society and by category of rights, CSV and PDF downloads, and every line
 * with a Verify action that checks its proof in the browser.
 */
export function StatementPage({ rightsHolderId }: { rightsHolderId: string }) {
  const { api, me } = useSession();
  const holder = useApi(() => api.rightsHolder(rightsHolderId), [api, rightsHolderId]);
  const own = me.role === 'rights-holder' && me.rightsHolderId === rightsHolderId;
  return (
    <Loader loaded={holder} what={t('the rights holder')} refusal={<NotAvailable what={t("This rights holder's statement")} />}>
      {(h) => (
        <>
          <PageTitle title={t('Statement: {holder}', { holder: h.name })}>{own ? t('My statement') : t('Statement of {holder}', { holder: h.name })}</PageTitle>
          <HolderTabs rightsHolderId={rightsHolderId} />
          <StatementView holder={h} />
        </>
      )}
    </Loader>
  );
}

function StatementView({ holder }: { holder: RightsHolder }) {
  const { api } = useSession();
  const ids = { year: useId(), currency: useId(), error: useId() };
  const [query, setQuery] = useState<Query>(() => ({ year: Number(todayIso().slice(0, 4)) - 1, currency: 'EUR' }));
  const [yearInput, setYearInput] = useState(String(query.year));
  const [currencyInput, setCurrencyInput] = useState(query.currency);
  const [inputError, setInputError] = useState<string | null>(null);
  const statement = useApi(() => api.statement(holder.id, query.year, query.currency), [api, holder.id, query.year, query.currency]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const year = yearInput.trim();
    const currency = currencyInput.trim().toUpperCase();
    if (!/^\d{4}$/.test(year)) return setInputError('Write the year as four digits, for example 2025');
    if (!/^[A-Z]{3}$/.test(currency)) return setInputError('Write the currency as its three-letter ISO 4217 code, for example EUR');
    setInputError(null);
    setCurrencyInput(currency);
    setQuery({ year: Number(year), currency });
  };

  return (
    <>
      <form className="inline-form" onSubmit={submit} noValidate aria-label={t('Choose the statement')}>
        <div className="form-row">
          <label htmlFor={ids.year}>{t('Year')}</label>
          <input id={ids.year} value={yearInput} onChange={(e) => setYearInput(e.target.value)} inputMode="numeric" autoComplete="off" size={6} aria-describedby={inputError ? ids.error : undefined} />
        </div>
        <div className="form-row">
          <label htmlFor={ids.currency}>{t('Currency')}</label>
          <input id={ids.currency} value={currencyInput} onChange={(e) => setCurrencyInput(e.target.value)} autoComplete="off" size={5} maxLength={3} aria-describedby={inputError ? ids.error : undefined} />
        </div>
        <button type="submit">{t('Show')}</button>
      </form>
      {inputError && (
        <p id={ids.error} className="field-error" role="alert">
          {inputError}
        </p>
      )}
      <p className="hint">{t('A line belongs to the year its period of use ends in. Every amount is converted to the chosen currency line by line, at the rates listed below.')}</p>
      <Downloads holderId={holder.id} query={query} />
      <Loader loaded={statement} what={t('the statement')}>
        {(s) => <StatementBody statement={s} />}
      </Loader>
    </>
  );
}

function Downloads({ holderId, query }: { holderId: string; query: Query }) {
  const { api } = useSession();
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const download = async (format: 'csv' | 'pdf') => {
    setBusy(format);
    setError(null);
    try {
      saveBlob(await api.statementFile(holderId, query.year, query.currency, format), `statement-${query.year}-${query.currency}.${format}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Download failed', String(e)));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="downloads">
      <button type="button" className="secondary" onClick={() => download('csv')} disabled={busy !== null}>
        {busy === 'csv' ? t('Preparing the CSV…') : t('Download CSV ({year}, {currency})', { year: query.year, currency: query.currency })}
      </button>
      <button type="button" className="secondary" onClick={() => download('pdf')} disabled={busy !== null}>
        {busy === 'pdf' ? t('Preparing the PDF…') : t('Download PDF ({year}, {currency})', { year: query.year, currency: query.currency })}
      </button>
      {error && <ProblemMessage error={error} heading={t('The download failed')} />}
    </div>
  );
}

function StatementBody({ statement: s }: { statement: Statement }) {
  const money = (amount: string) => formatMoney(amount, s.currency);
  const byCategory = paidByCategory(s);
  return (
    <>
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">
          {t.plural(s.societies.length, '{year} across {n} society', '{year} across {n} societies', { year: s.year })}
        </h2>
        <Fields
          rows={[
            [t('Revenue attributed'), <span data-testid="total-attributed">{money(s.totals.revenueAttributed)}</span>],
            [t('Management fees'), money(s.totals.managementFees)],
            [t('Other deductions'), money(s.totals.otherDeductions)],
            [t('Paid'), <span data-testid="total-paid">{money(s.totals.paid)}</span>],
            [t('Outstanding (attributed, not paid yet)'), <span data-testid="total-outstanding">{money(s.totals.outstanding)}</span>],
            [t('Lines'), formatInteger(s.totals.lines)],
          ]}
        />
      </section>
      {s.overdue.lines > 0 && (
        <section aria-labelledby="overdue-heading" className="notice overdue" data-testid="overdue">
          <h2 id="overdue-heading">{t('Overdue on {date}: {amount}', { date: formatDate(s.asOf), amount: money(s.overdue.amount) })}</h2>
          <p>
            {t.plural(
              s.overdue.lines,
              '{n} unpaid line past the deadline of Directive 2014/26/EU Art. 13(1) (nine months after the end of the financial year of collection), the oldest due since {deadline} ({days} days).',
              '{n} unpaid lines past the deadline of Directive 2014/26/EU Art. 13(1) (nine months after the end of the financial year of collection), the oldest due since {deadline} ({days} days).',
              { deadline: s.overdue.oldestDeadline ? formatDate(s.overdue.oldestDeadline) : '—', days: s.overdue.maxOverdueDays ?? 0 },
            )}
          </p>
          <ul>
            {s.societies
              .filter((x) => x.overdue.lines > 0)
              .map((x) => (
                <li key={x.societyId}>
                  {t.plural(x.overdue.lines, '{society}: {amount} on {n} line, due since {deadline}', '{society}: {amount} on {n} lines, due since {deadline}', {
                    society: x.societyName,
                    amount: money(x.overdue.amount),
                    deadline: x.overdue.oldestDeadline ? formatDate(x.overdue.oldestDeadline) : '—',
                  })}
                </li>
              ))}
          </ul>
        </section>
      )}
      {s.staleRates.rates.length > 0 && <StaleRates statement={s} />}
      <StatementCorrections statement={s} />
      {s.societies.length === 0 ? (
        <p>{t('No society attributed anything to you in {year}.', { year: s.year })}</p>
      ) : (
        <>
          <section aria-labelledby="by-society-heading">
            <h2 id="by-society-heading">{t('By society')}</h2>
            <BarChart
              caption={t('Attributed, paid and outstanding per society ({currency})', { currency: s.currency })}
              description={s.societies.map((x) => t('{society}: attributed {attributed}, paid {paid}, outstanding {outstanding}', { society: x.societyName, attributed: money(x.revenueAttributed), paid: money(x.paidTotal), outstanding: money(x.outstanding) })).join('; ')}
              labels={s.societies.map((x) => x.societyName)}
              series={[
                { label: t('Revenue attributed'), values: s.societies.map((x) => chartLength(x.revenueAttributed)), texts: s.societies.map((x) => money(x.revenueAttributed)) },
                { label: t('Paid'), values: s.societies.map((x) => chartLength(x.paidTotal)), texts: s.societies.map((x) => money(x.paidTotal)) },
                { label: t('Outstanding'), values: s.societies.map((x) => chartLength(x.outstanding)), texts: s.societies.map((x) => money(x.outstanding)) },
              ]}
              horizontal
              wholeNumbers={false}
              valueLabel={s.currency}
            />
            <SocietiesTable statement={s} />
          </section>
          <section aria-labelledby="by-category-heading">
            <h2 id="by-category-heading">{t('By category of rights')}</h2>
            <BarChart
              caption={t('Paid per category of rights, by society ({currency})', { currency: s.currency })}
              description={byCategory.categories.map((c, i) => `${t(c)}: ${byCategory.societies.map((x) => `${x.name} ${money(x.amounts[i])}`).join(', ')}`).join('; ')}
              labels={byCategory.categories.map((c) => t(c))}
              series={byCategory.societies.map((x) => ({ label: x.name, values: x.amounts.map(chartLength), texts: x.amounts.map(money) }))}
              stacked
              horizontal
              wholeNumbers={false}
              valueLabel={s.currency}
            />
            <ByUseTable statement={s} />
          </section>
          {s.rates.length > 0 && <RatesTable statement={s} />}
        </>
      )}
      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">{t('Lines and their proofs')}</h2>
        <p>
          {t("Each line is committed to its society's signed, append-only log.")} <strong>{t('Verify')}</strong>{' '}
          {t("fetches the line's proof and checks it here, in your browser, against the ledger's published key: no need to trust this server's word for it.")}
        </p>
        <LineProofs key={`${s.rightsHolderId}/${s.year}/${s.currency}`} rightsHolderId={s.rightsHolderId} year={s.year} currency={s.currency} />
      </section>
    </>
  );
}

function SocietiesTable({ statement: s }: { statement: Statement }) {
  const money = (amount: string) => formatMoney(amount, s.currency);
  return (
    <TableScroll label={t('Statement by society')}>
      <table className="stack">
        <caption>
          {t("Per society, in {currency}; the log head each society's figures were read from, and how to reach the society", { currency: s.currency })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('Society')}</th>
            <th scope="col" className="num">
              {t('Attributed')}
            </th>
            <th scope="col" className="num">
              {t('Fees')}
            </th>
            <th scope="col" className="num">
              {t('Other deductions')}
            </th>
            <th scope="col" className="num">
              {t('Paid')}
            </th>
            <th scope="col" className="num">
              {t('Outstanding')}
            </th>
            <th scope="col" className="num">
              {t('Lines')}
            </th>
            <th scope="col">{t('Log head')}</th>
          </tr>
        </thead>
        <tbody>
          {s.societies.map((x) => (
            <tr key={x.societyId} data-society={x.societyId}>
              <th scope="row" data-label={t('Society')}>
                <span>
                  {x.societyName}
                  {x.contact && <SocietyContactLine contact={x.contact} />}
                </span>
              </th>
              <td className="num nowrap" data-label={t('Attributed')}>
                {money(x.revenueAttributed)}
              </td>
              <td className="num nowrap" data-label={t('Fees')}>
                {money(x.managementFees)}
              </td>
              <td className="num nowrap" data-label={t('Other deductions')}>
                {money(x.otherDeductions)}
              </td>
              <td className="num nowrap" data-label={t('Paid')}>
                {money(x.paidTotal)}
              </td>
              <td className="num nowrap" data-label={t('Outstanding')}>
                {money(x.outstanding)}
              </td>
              <td className="num" data-label={t('Lines')}>
                {formatInteger(x.lines)}
                {(x.nonContractual.lines > 0 || x.verifiedNonContractual.lines > 0) && (
                  <span className="muted small" data-testid="without-mandate">
                    {' '}
                    {t('({declared} declared without your mandate; {verified} according to the mandate register)', { declared: x.nonContractual.lines, verified: x.verifiedNonContractual.lines })}
                  </span>
                )}
              </td>
              <td data-label={t('Log head')}>{x.head ? t('size {size}, {date}', { size: x.head.treeSize, date: formatDate(x.head.timestamp.slice(0, 10)) }) : t('nothing committed')}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" data-label={t('Society')}>
              {t('All societies')}
            </th>
            <td className="num nowrap" data-label={t('Attributed')}>
              {money(s.totals.revenueAttributed)}
            </td>
            <td className="num nowrap" data-label={t('Fees')}>
              {money(s.totals.managementFees)}
            </td>
            <td className="num nowrap" data-label={t('Other deductions')}>
              {money(s.totals.otherDeductions)}
            </td>
            <td className="num nowrap" data-label={t('Paid')}>
              {money(s.totals.paid)}
            </td>
            <td className="num nowrap" data-label={t('Outstanding')}>
              {money(s.totals.outstanding)}
            </td>
            <td className="num" data-label={t('Lines')}>
              {formatInteger(s.totals.lines)}
            </td>
            <td data-label={t('Log head')} />
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

function ByUseTable({ statement: s }: { statement: Statement }) {
  const money = (amount: string) => formatMoney(amount, s.currency);
  const rows = s.societies.flatMap((x) => x.byUse.map((u) => ({ society: x.societyName, ...u })));
  return (
    <TableScroll label={t('Statement by category and type of use')}>
      <table className="stack">
        <caption>{t('Per society, category of rights and type of use, in {currency}', { currency: s.currency })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Society')}</th>
            <th scope="col">{t('Category')}</th>
            <th scope="col">{t('Type of use')}</th>
            <th scope="col" className="num">
              {t('Attributed')}
            </th>
            <th scope="col" className="num">
              {t('Paid')}
            </th>
            <th scope="col" className="num">
              {t('Outstanding')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.society}/${r.category}/${r.useType}`}>
              <td data-label={t('Society')}>{r.society}</td>
              <th scope="row" data-label={t('Category')}>
                {t(r.category)}
              </th>
              <td data-label={t('Type of use')}>{t(r.useType)}</td>
              <td className="num nowrap" data-label={t('Attributed')}>
                {money(r.revenueAttributed)}
              </td>
              <td className="num nowrap" data-label={t('Paid')}>
                {money(r.paid)}
              </td>
              <td className="num nowrap" data-label={t('Outstanding')}>
                {money(r.outstanding)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function RatesTable({ statement: s }: { statement: Statement }) {
  const stale = new Set(s.staleRates.rates.map((r) => `${r.currency}@${r.rateDate}`));
  return (
    <section aria-labelledby="rates-heading">
      <h2 id="rates-heading">{t('Exchange rates used')}</h2>
      <TableScroll label={t('Exchange rates used')}>
        <table className="stack">
          <caption>{t("Value of one unit in EUR, the last recorded on or before each line's day")}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Currency')}</th>
              <th scope="col">{t('Rate of')}</th>
              <th scope="col" className="num">
                {t('In EUR')}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.rates.map((r) => (
              <tr key={`${r.currency}/${r.rateDate}`}>
                <th scope="row" data-label={t('Currency')}>
                  {r.currency}
                </th>
                <td data-label={t('Rate of')}>
                  {formatDate(r.rateDate)}
                  {stale.has(`${r.currency}@${r.rateDate}`) && <strong className="small"> {t('⚠ stale when used')}</strong>}
                </td>
                <td className="num" data-label={t('In EUR')}>
                  {formatDecimal(r.rateToEur)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/**
 * Exchange rates older than the ledger's limit (RATE_MAX_AGE_DAYS, a policy: no law sets an
 * exchange-rate age) on a day they converted a line for: said beside the figures, not only
 * in the rates table.
 */
function StaleRates({ statement: s }: { statement: Statement }) {
  return (
    <section aria-labelledby="stale-heading" className="warning" data-testid="stale-rates">
      <h2 id="stale-heading">{t('Exchange rates older than {days} days were used', { days: s.staleRates.maxAgeDays })}</h2>
      <p>
        {t(
          'A policy of this ledger (RATE_MAX_AGE_DAYS, {days} days), not a rule of law: the amounts below were converted with these rates, as the last recorded; a newer rate may give other amounts.',
          { days: s.staleRates.maxAgeDays },
        )}
      </p>
      <ul>
        {s.staleRates.rates.map((r) => (
          <li key={`${r.currency}@${r.rateDate}`}>
            {t.plural(r.lines, '{currency}: the rate of {rateDate} converted {n} line, for days up to {usedFor} ({age} days later)', '{currency}: the rate of {rateDate} converted {n} lines, for days up to {usedFor} ({age} days later)', {
              currency: r.currency,
              rateDate: formatDate(r.rateDate),
              usedFor: formatDate(r.usedFor),
              age: r.ageDays,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A society's contact details from the registry, on one line (Art. 18(1)(a): where to check or correct what it holds for you). */
function SocietyContactLine({ contact }: { contact: NonNullable<Statement['societies'][number]['contact']> }) {
  const parts = [contact.address, contact.phone].filter((x): x is string => Boolean(x));
  return (
    <span className="muted small society-contact">
      <br />
      {parts.join(' · ')}
      {contact.email && (
        <>
          {parts.length > 0 && ' · '}
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </>
      )}
      {contact.website && (
        <>
          {(parts.length > 0 || contact.email) && ' · '}
          <a href={contact.website} rel="noopener noreferrer">
            {contact.website}
          </a>
        </>
      )}
    </span>
  );
}
