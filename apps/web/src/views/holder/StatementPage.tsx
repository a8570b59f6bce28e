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
    <Loader loaded={holder} what="the rights holder" refusal={<NotAvailable what="This rights holder's statement" />}>
      {(h) => (
        <>
          <PageTitle title={`Statement: ${h.name}`}>{own ? 'My statement' : `Statement of ${h.name}`}</PageTitle>
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
      <form className="inline-form" onSubmit={submit} noValidate aria-label="Choose the statement">
        <div className="form-row">
          <label htmlFor={ids.year}>Year</label>
          <input id={ids.year} value={yearInput} onChange={(e) => setYearInput(e.target.value)} inputMode="numeric" autoComplete="off" size={6} aria-describedby={inputError ? ids.error : undefined} />
        </div>
        <div className="form-row">
          <label htmlFor={ids.currency}>Currency</label>
          <input id={ids.currency} value={currencyInput} onChange={(e) => setCurrencyInput(e.target.value)} autoComplete="off" size={5} maxLength={3} aria-describedby={inputError ? ids.error : undefined} />
        </div>
        <button type="submit">Show</button>
      </form>
      {inputError && (
        <p id={ids.error} className="field-error" role="alert">
          {inputError}
        </p>
      )}
      <p className="hint">A line belongs to the year its period of use ends in. Every amount is converted to the chosen currency line by line, at the rates listed below.</p>
      <Downloads holderId={holder.id} query={query} />
      <Loader loaded={statement} what="the statement">
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
        {busy === 'csv' ? 'Preparing the CSV…' : `Download CSV (${query.year}, ${query.currency})`}
      </button>
      <button type="button" className="secondary" onClick={() => download('pdf')} disabled={busy !== null}>
        {busy === 'pdf' ? 'Preparing the PDF…' : `Download PDF (${query.year}, ${query.currency})`}
      </button>
      {error && <ProblemMessage error={error} heading="The download failed" />}
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
          {s.year} across {s.societies.length} societ{s.societies.length === 1 ? 'y' : 'ies'}
        </h2>
        <Fields
          rows={[
            ['Revenue attributed', <span data-testid="total-attributed">{money(s.totals.revenueAttributed)}</span>],
            ['Management fees', money(s.totals.managementFees)],
            ['Other deductions', money(s.totals.otherDeductions)],
            ['Paid', <span data-testid="total-paid">{money(s.totals.paid)}</span>],
            ['Outstanding (attributed, not paid yet)', <span data-testid="total-outstanding">{money(s.totals.outstanding)}</span>],
            ['Lines', String(s.totals.lines)],
          ]}
        />
      </section>
      {s.overdue.lines > 0 && (
        <section aria-labelledby="overdue-heading" className="notice overdue" data-testid="overdue">
          <h2 id="overdue-heading">Overdue on {s.asOf}: {money(s.overdue.amount)}</h2>
          <p>
            {s.overdue.lines} unpaid line{s.overdue.lines === 1 ? '' : 's'} past the deadline of Directive 2014/26/EU Art. 13(1) (nine months after the end of the financial year of collection), the
            oldest due since {s.overdue.oldestDeadline} ({s.overdue.maxOverdueDays} days).
          </p>
          <ul>
            {s.societies
              .filter((x) => x.overdue.lines > 0)
              .map((x) => (
                <li key={x.societyId}>
                  {x.societyName}: {money(x.overdue.amount)} on {x.overdue.lines} line{x.overdue.lines === 1 ? '' : 's'}, due since {x.overdue.oldestDeadline}
                </li>
              ))}
          </ul>
        </section>
      )}
      {s.societies.length === 0 ? (
        <p>No society attributed anything to you in {s.year}.</p>
      ) : (
        <>
          <section aria-labelledby="by-society-heading">
            <h2 id="by-society-heading">By society</h2>
            <BarChart
              caption={`Attributed, paid and outstanding per society (${s.currency})`}
              description={s.societies.map((x) => `${x.societyName}: attributed ${money(x.revenueAttributed)}, paid ${money(x.paidTotal)}, outstanding ${money(x.outstanding)}`).join('; ')}
              labels={s.societies.map((x) => x.societyName)}
              series={[
                { label: 'Revenue attributed', values: s.societies.map((x) => chartLength(x.revenueAttributed)), texts: s.societies.map((x) => money(x.revenueAttributed)) },
                { label: 'Paid', values: s.societies.map((x) => chartLength(x.paidTotal)), texts: s.societies.map((x) => money(x.paidTotal)) },
                { label: 'Outstanding', values: s.societies.map((x) => chartLength(x.outstanding)), texts: s.societies.map((x) => money(x.outstanding)) },
              ]}
              horizontal
              wholeNumbers={false}
              valueLabel={s.currency}
            />
            <SocietiesTable statement={s} />
          </section>
          <section aria-labelledby="by-category-heading">
            <h2 id="by-category-heading">By category of rights</h2>
            <BarChart
              caption={`Paid per category of rights, by society (${s.currency})`}
              description={byCategory.categories.map((c, i) => `${c}: ${byCategory.societies.map((x) => `${x.name} ${money(x.amounts[i])}`).join(', ')}`).join('; ')}
              labels={byCategory.categories}
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
        <h2 id="lines-heading">Lines and their proofs</h2>
        <p>
          Each line is committed to its society&apos;s signed, append-only log. <strong>Verify</strong> fetches the line&apos;s proof and checks it here, in your browser, against
          the ledger&apos;s published key: no need to trust this server&apos;s word for it.
        </p>
        <LineProofs key={`${s.rightsHolderId}/${s.year}/${s.currency}`} rightsHolderId={s.rightsHolderId} year={s.year} currency={s.currency} />
      </section>
    </>
  );
}

function SocietiesTable({ statement: s }: { statement: Statement }) {
  const money = (amount: string) => formatMoney(amount, s.currency);
  return (
    <TableScroll label="Statement by society">
      <table className="stack">
        <caption>
          Per society, in {s.currency}; the log head each society&apos;s figures were read from
        </caption>
        <thead>
          <tr>
            <th scope="col">Society</th>
            <th scope="col" className="num">
              Attributed
            </th>
            <th scope="col" className="num">
              Fees
            </th>
            <th scope="col" className="num">
              Other deductions
            </th>
            <th scope="col" className="num">
              Paid
            </th>
            <th scope="col" className="num">
              Outstanding
            </th>
            <th scope="col" className="num">
              Lines
            </th>
            <th scope="col">Log head</th>
          </tr>
        </thead>
        <tbody>
          {s.societies.map((x) => (
            <tr key={x.societyId} data-society={x.societyId}>
              <th scope="row" data-label="Society">
                {x.societyName}
              </th>
              <td className="num nowrap" data-label="Attributed">
                {money(x.revenueAttributed)}
              </td>
              <td className="num nowrap" data-label="Fees">
                {money(x.managementFees)}
              </td>
              <td className="num nowrap" data-label="Other deductions">
                {money(x.otherDeductions)}
              </td>
              <td className="num nowrap" data-label="Paid">
                {money(x.paidTotal)}
              </td>
              <td className="num nowrap" data-label="Outstanding">
                {money(x.outstanding)}
              </td>
              <td className="num" data-label="Lines">
                {x.lines}
                {(x.nonContractual.lines > 0 || x.verifiedNonContractual.lines > 0) && (
                  <span className="muted small" data-testid="without-mandate">
                    {' '}
                    ({x.nonContractual.lines} declared without your mandate; {x.verifiedNonContractual.lines} according to the mandate register)
                  </span>
                )}
              </td>
              <td data-label="Log head">{x.head ? `size ${x.head.treeSize}, ${x.head.timestamp.slice(0, 10)}` : 'nothing committed'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" data-label="Society">
              All societies
            </th>
            <td className="num nowrap" data-label="Attributed">
              {money(s.totals.revenueAttributed)}
            </td>
            <td className="num nowrap" data-label="Fees">
              {money(s.totals.managementFees)}
            </td>
            <td className="num nowrap" data-label="Other deductions">
              {money(s.totals.otherDeductions)}
            </td>
            <td className="num nowrap" data-label="Paid">
              {money(s.totals.paid)}
            </td>
            <td className="num nowrap" data-label="Outstanding">
              {money(s.totals.outstanding)}
            </td>
            <td className="num" data-label="Lines">
              {s.totals.lines}
            </td>
            <td data-label="Log head" />
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
    <TableScroll label="Statement by category and type of use">
      <table className="stack">
        <caption>Per society, category of rights and type of use, in {s.currency}</caption>
        <thead>
          <tr>
            <th scope="col">Society</th>
            <th scope="col">Category</th>
            <th scope="col">Type of use</th>
            <th scope="col" className="num">
              Attributed
            </th>
            <th scope="col" className="num">
              Paid
            </th>
            <th scope="col" className="num">
              Outstanding
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.society}/${r.category}/${r.useType}`}>
              <td data-label="Society">{r.society}</td>
              <th scope="row" data-label="Category">
                {r.category}
              </th>
              <td data-label="Type of use">{r.useType}</td>
              <td className="num nowrap" data-label="Attributed">
                {money(r.revenueAttributed)}
              </td>
              <td className="num nowrap" data-label="Paid">
                {money(r.paid)}
              </td>
              <td className="num nowrap" data-label="Outstanding">
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
  return (
    <section aria-labelledby="rates-heading">
      <h2 id="rates-heading">Exchange rates used</h2>
      <TableScroll label="Exchange rates used">
        <table className="stack">
          <caption>Value of one unit in EUR, the last recorded on or before each line&apos;s day</caption>
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col">Rate of</th>
              <th scope="col" className="num">
                In EUR
              </th>
            </tr>
          </thead>
          <tbody>
            {s.rates.map((r) => (
              <tr key={`${r.currency}/${r.rateDate}`}>
                <th scope="row" data-label="Currency">
                  {r.currency}
                </th>
                <td data-label="Rate of">{r.rateDate}</td>
                <td className="num" data-label="In EUR">
                  {r.rateToEur}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
