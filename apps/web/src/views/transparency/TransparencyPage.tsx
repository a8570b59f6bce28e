import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { ApiError } from '../../api/problem';
import type {
  LoadedTransparencyReport,
  ReportCoverage,
  ReportHolderUse,
  ReportTransferFlow,
  PublicSociety,
  ReportUndistributedItem,
  TransparencyFormat,
  TransparencyReport,
} from '../../api/types';
import { type Column, DataTable } from '../../components/DataTable';
import { Fields } from '../../components/Fields';
import { Loader } from '../../components/Loader';
import { PageTitle } from '../../components/PageTitle';
import { ProblemMessage } from '../../components/ProblemMessage';
import { saveBlob } from '../../download';
import { percent, pinnedAsSignedHead } from '../../format/audit';
import { lastCompleteFinancialYear, todayIso } from '../../format/dates';
import { formatMoney, isZeroAmount } from '../../format/money';
import {
  boardSourceText,
  describeCompleteness,
  describeCoverage,
  financialYearPeriod,
  listText,
  packageCell,
  type PackageGridRow,
  packageGrid,
  reportFilename,
  reportYearOptions,
  SOURCE_LABELS,
} from '../../format/transparency';
import { transparencyPath } from '../../nav';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../use-api';
import { bytesToHex } from '../../verify/encoding';
import { societyLogOrigin } from '../../verify/line-proof';
import { sha256 } from '../../verify/merkle';
import { type HeadVerdict, verifySignedHead } from '../../verify/signed-head';
import { NotAvailable } from '../NotAvailable';
import { ReconciliationTable } from '../society/LedgerPage';
import { SocietyTabs } from '../society/SocietyTabs';

interface Loaded extends LoadedTransparencyReport {
  /** SHA-256 of the bytes received, computed in this browser. */
  computedSha256: string;
  /** The pinned head's signature checked in this browser (null: empty log, nothing signed). */
  signature: HeadVerdict | null;
}

/**
 * A society's annual transparency report (Directive 2014/26/EU Art. 22 and Annex) for a
 * financial year, as the API computes it from the society's signed log: the head it is
 * pinned to (signature and SHA-256 checked in this browser), whether the year's data is
 * complete, each Annex section's figures with the quarters they leave out, the money
 * flows per category, and the Annex items the ledger does not carry; the report as JSON,
 * CSV or PDF. Public by law (Art. 22(1)): anyone signed in reads any society's, so the
 * society's name and financial year come from its public entry (`/v1/public/societies/{id}`),
 * not the registry's, which stays the society's own and the regulators'.
 */
export function TransparencyPage({ societyId, year }: { societyId: string; year: number | null }) {
  const { api } = useSession();
  const society = useApi(() => api.publicSociety(societyId), [api, societyId]);
  return (
    <Loader loaded={society} what="the society" refusal={<NotAvailable what="This society's transparency report" />}>
      {(s) => <ReportView key={`${s.id}/${year}`} society={s} year={year ?? lastCompleteFinancialYear(todayIso(), s.fyEndMonth, s.fyEndDay)} />}
    </Loader>
  );
}

function ReportView({ society, year }: { society: PublicSociety; year: number }) {
  const { api } = useSession();
  const loaded = useApi<Loaded>(async () => {
    const [got, keys] = await Promise.all([api.transparencyReport(society.id, year), api.logKeys()]);
    const head = pinnedAsSignedHead(got.report.head);
    const [computed, signature] = await Promise.all([sha256(got.bytes), head ? verifySignedHead(head, keys.keys) : Promise.resolve(null)]);
    return { ...got, computedSha256: bytesToHex(computed), signature };
  }, [api, society.id, year]);

  return (
    <>
      <PageTitle title={`${society.name}: transparency report ${year}`}>
        {society.name}: transparency report, financial year {year}
      </PageTitle>
      <SocietyTabs societyId={society.id} />
      <YearForm society={society} year={year} />
      <Loader loaded={loaded} what={`the transparency report of ${year}`}>
        {(r) => <Report loaded={r} />}
      </Loader>
    </>
  );
}

/** Choose the financial year: the page's address follows, so a report can be linked to. */
function YearForm({ society, year }: { society: PublicSociety; year: number }) {
  const id = useId();
  const lastComplete = lastCompleteFinancialYear(todayIso(), society.fyEndMonth, society.fyEndDay);
  const [choice, setChoice] = useState(String(year));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(transparencyPath(society.id, Number(choice)));
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Choose the financial year">
      <div className="form-row">
        <label htmlFor={id}>Financial year</label>
        <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
          {reportYearOptions(lastComplete, year).map((y) => {
            const p = financialYearPeriod(y, society.fyEndMonth, society.fyEndDay);
            return (
              <option key={y} value={y}>
                {y} ({p.from} to {p.to}){y > lastComplete ? ', in progress' : ''}
              </option>
            );
          })}
        </select>
      </div>
      <button type="submit">Show</button>
    </form>
  );
}

function Report({ loaded }: { loaded: Loaded }) {
  const r = loaded.report;
  return (
    <>
      <p className="lead">
        Financial year {r.financialYear}: {r.period.from} to {r.period.to} (quarters {r.quarters.join(', ')}). The society publishes this report by{' '}
        <strong>{r.publicationDeadline}</strong> and keeps it public for five years ({r.legalBasis}). Every figure is a sum of package lines in the society&apos;s signed log, per
        currency, exactly as reported.
      </p>
      <PinnedHead loaded={loaded} />
      <Downloads report={r} />
      <Completeness report={r} />
      <section aria-labelledby="not-covered-heading">
        <h2 id="not-covered-heading">Not in the ledger</h2>
        <p>The quarterly packages do not carry these items of the Annex, so this report does not give them; the society publishes them elsewhere:</p>
        <ul data-testid="not-covered">
          {r.notCovered.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
      <Revenue report={r} />
      <Deductions report={r} />
      <SocialCultural report={r} />
      <RightsHolders report={r} />
      <Undistributed report={r} />
      <OtherSocieties report={r} />
      <NonContractual report={r} />
      <Board report={r} />
      <MoneyFlows report={r} />
    </>
  );
}

function PinnedHead({ loaded }: { loaded: Loaded }) {
  const { head, society } = loaded.report;
  const originOk = head.origin === null || head.origin === societyLogOrigin(society.id);
  const shaOk = loaded.sha256 !== null && loaded.sha256 === loaded.computedSha256;
  return (
    <section aria-labelledby="head-heading">
      <h2 id="head-heading">Computed from</h2>
      {head.treeSize === 0 ? (
        <p className="warning" data-testid="report-empty-log">
          The society&apos;s log is empty: no package has been committed, so the report has no figures from packages.
        </p>
      ) : (
        <p>The report reads the society&apos;s log up to this signed head only: the same head always gives the same report, byte for byte.</p>
      )}
      <Fields
        rows={[
          ['Submissions in the log (tree size)', <span data-testid="report-tree-size">{head.treeSize}</span>],
          ['Root hash', <code className="hash" data-testid="report-root-hash">{head.rootHash ?? 'empty log'}</code>],
          ['Signed at', <span data-testid="report-head-time">{head.timestamp ?? '—'}</span>],
          ['Key id', head.keyId ? <code>{head.keyId}</code> : '—'],
          [
            'Signature',
            loaded.signature === null ? (
              '— (nothing signed)'
            ) : loaded.signature.ok && originOk ? (
              <span className="badge badge-ok" data-testid="report-head-signature">
                ✓ Verified in this browser with the published key {loaded.signature.keyId}
              </span>
            ) : (
              <span className="badge badge-bad" data-testid="report-head-signature">
                ✗ Does not verify: {loaded.signature.ok ? `the head is of the log ${head.origin}, not this society's` : loaded.signature.reason}
              </span>
            ),
          ],
          [
            'Report SHA-256',
            <span>
              <code className="hash" data-testid="report-sha256">
                {loaded.sha256 ?? loaded.computedSha256}
              </code>
              <br />
              <span className={shaOk ? 'badge badge-ok' : 'badge badge-bad'} data-testid="report-sha256-check">
                {loaded.sha256 === null
                  ? '✗ the server sent no X-Report-SHA256 to compare with (this is the hash computed here)'
                  : shaOk
                    ? '✓ the JSON received hashes to the X-Report-SHA256 the server sent'
                    : `✗ the JSON received hashes to ${loaded.computedSha256}, not the X-Report-SHA256 sent`}
              </span>
            </span>,
          ],
        ]}
      />
    </section>
  );
}

const FORMATS: TransparencyFormat[] = ['csv', 'pdf', 'json'];

/** The report as a file, pinned to the head shown (asOfTreeSize), so the file is this report even if the log has grown since. */
function Downloads({ report }: { report: TransparencyReport }) {
  const { api } = useSession();
  const [busy, setBusy] = useState<TransparencyFormat | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<{ filename: string; sha256: string | null } | null>(null);
  const download = async (format: TransparencyFormat) => {
    setBusy(format);
    setError(null);
    setSaved(null);
    try {
      const file = await api.transparencyReportFile(report.society.id, report.financialYear, format, report.head.treeSize || undefined);
      const filename = file.filename ?? reportFilename(report, format);
      saveBlob(file.blob, filename);
      setSaved({ filename, sha256: file.sha256 });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Download failed', String(e)));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="download-heading">
      <h2 id="download-heading">Download</h2>
      <p>
        The CSV has one row per figure (society, year, head, section, figure, category, use, qualifier, currency, amount, count, note); the PDF is the report to publish; the JSON
        is canonical (RFC 8785), and its SHA-256 names the report whichever file you take.
      </p>
      <div className="downloads">
        {FORMATS.map((f) => (
          <button key={f} type="button" className="secondary" onClick={() => download(f)} disabled={busy !== null}>
            {busy === f ? `Preparing the ${f.toUpperCase()}…` : `Download ${f.toUpperCase()}`}
          </button>
        ))}
      </div>
      <div aria-live="polite">
        {saved && (
          <p className="notice" data-testid="report-download">
            Saved {saved.filename}
            {saved.sha256 && (
              <>
                {' '}
                — rendered from the JSON whose SHA-256 (X-Report-SHA256) is <code className="hash">{saved.sha256}</code>
              </>
            )}
            .
          </p>
        )}
      </div>
      {error && <ProblemMessage error={error} heading="The download failed" />}
    </section>
  );
}

function Completeness({ report: r }: { report: TransparencyReport }) {
  const c = describeCompleteness(r.completeness);
  const grid = packageGrid(r.completeness.packages, r.quarters);
  const columns: Column<PackageGridRow>[] = [
    { label: 'Package', cell: (row) => `${SOURCE_LABELS[row.type as keyof typeof SOURCE_LABELS] ?? row.type}${row.required ? ' (required)' : ''}` },
    ...r.quarters.map((q, i): Column<PackageGridRow> => ({ label: q, nowrap: true, cell: (row) => packageCell(row.cells[i]) })),
  ];
  return (
    <section aria-labelledby="completeness-heading">
      <h2 id="completeness-heading">Completeness</h2>
      <p className={c.complete ? 'notice' : 'warning'} data-testid="completeness-summary">
        {c.summary}
      </p>
      {c.optional && (
        <p className="warning" data-testid="completeness-optional">
          {c.optional}
        </p>
      )}
      <DataTable
        label="Packages by type and quarter"
        caption={`Packages in the log by type and quarter at the head of size ${r.head.treeSize}: ✓ present (its leaf in the log; versions: corrections included), ✗ required and missing, — absent`}
        columns={columns}
        rows={grid}
        rowKey={(row) => row.type}
        rowClass={(row) => (row.cells.some((p) => p !== null && !p.present && p.required) ? 'row-differs' : undefined)}
        testId="packages-table"
      />
    </section>
  );
}

/** The quarters a section's figures come from, and those it leaves out (stated, never shown as zeros). */
function Coverage({ coverage, id }: { coverage: ReportCoverage; id: string }) {
  const c = describeCoverage(coverage);
  return (
    <>
      <p className="hint" data-testid={`coverage-${id}`}>
        {c.from}
      </p>
      {c.missing && (
        <p className="warning" data-testid={`missing-${id}`}>
          {c.missing}
        </p>
      )}
    </>
  );
}

function Section({ id, title, annex, children }: { id: string; title: string; annex: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} data-section={id}>
      <h2 id={`${id}-heading`}>
        {title} <span className="muted small">({annex})</span>
      </h2>
      {children}
    </section>
  );
}

const money = (amount: string, currency: string) => formatMoney(amount, currency);
const lines = (n: number) => String(n);

function Revenue({ report: r }: { report: TransparencyReport }) {
  type Row = { category: string; useType: string; currency: string; amount: string; lines: number };
  const columns: Column<Row>[] = [
    { label: 'Category', cell: (x) => x.category },
    { label: 'Type of use', cell: (x) => x.useType },
    { label: 'Amount', num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: 'Lines', num: true, cell: (x) => lines(x.lines) },
  ];
  return (
    <Section id="revenue" title="Rights revenue" annex="Annex 2(a)">
      <Coverage coverage={r.revenue.coverage} id="revenue" />
      <DataTable
        label="Rights revenue"
        caption={`Rights revenue collected in ${r.financialYear}, per category of rights and type of use; total per currency`}
        columns={columns}
        rows={r.revenue.byCategoryAndUse}
        foot={r.revenue.totals.map((t) => ({ ...t, category: 'Total', useType: 'all' }))}
        rowKey={(x) => `${x.category} ${x.useType} ${x.currency}`}
        empty="No rights revenue is reported for the quarters covered."
        testId="revenue-table"
      />
    </Section>
  );
}

function Deductions({ report: r }: { report: TransparencyReport }) {
  type Row = { kind: string; category: string; currency: string; amount: string; lines: number };
  type Costs = TransparencyReport['deductions']['managementCosts'][number];
  const columns: Column<Row>[] = [
    { label: 'Kind', cell: (x) => x.kind },
    { label: 'Category', cell: (x) => x.category },
    { label: 'Amount', num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: 'Lines', num: true, cell: (x) => lines(x.lines) },
  ];
  const costs: Column<Costs>[] = [
    { label: 'Currency', cell: (x) => x.currency },
    { label: 'Management costs', num: true, nowrap: true, cell: (x) => money(x.managementCosts, x.currency) },
    { label: 'Rights revenue', num: true, nowrap: true, cell: (x) => money(x.revenue, x.currency) },
    { label: 'Management costs of revenue', num: true, nowrap: true, cell: (x) => percent(x.ratioPercent) },
  ];
  return (
    <Section id="deductions" title="Deductions" annex="Annex 2(b)">
      <Coverage coverage={r.deductions.coverage} id="deductions" />
      <DataTable
        label="Deductions"
        caption={`Deductions in ${r.financialYear} by kind (management, social-cultural, other) and category of rights; total per kind and currency`}
        columns={columns}
        rows={r.deductions.byKindAndCategory}
        foot={r.deductions.totals.map((t) => ({ ...t, kind: `Total ${t.kind}`, category: 'all' }))}
        rowKey={(x) => `${x.kind} ${x.category} ${x.currency}`}
        empty="No deductions are reported for the quarters covered."
        testId="deductions-table"
      />
      <DataTable
        label="Management costs"
        caption="Management costs against rights revenue, per currency (Annex 2(b)(vi)): the ratio the audit rule payout.management-cost-ratio judges"
        columns={costs}
        rows={r.deductions.managementCosts}
        rowKey={(x) => x.currency}
        empty="No management costs or revenue to compare."
        testId="management-costs-table"
      />
    </Section>
  );
}

function SocialCultural({ report: r }: { report: TransparencyReport }) {
  type Total = TransparencyReport['socialCultural']['totals'][number];
  type Line = TransparencyReport['socialCultural']['lines'][number];
  const totals: Column<Total>[] = [
    { label: 'Currency', cell: (x) => x.currency },
    { label: 'Amount', num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: 'Lines', num: true, cell: (x) => lines(x.lines) },
    { label: 'Share of revenue', num: true, nowrap: true, cell: (x) => percent(x.sharePercentOfRevenue) },
  ];
  const detail: Column<Line>[] = [
    { label: 'Deduction', cell: (x) => x.deductionId },
    { label: 'Quarter', nowrap: true, cell: (x) => x.period },
    { label: 'Category', cell: (x) => x.category },
    { label: 'Amount', num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: 'What it is for', cell: (x) => x.description },
  ];
  return (
    <Section id="social-cultural" title="Social, cultural and educational services" annex="Art. 22(3), Annex 3">
      <Coverage coverage={r.socialCultural.coverage} id="social-cultural" />
      <DataTable
        label="Social, cultural and educational deductions"
        caption="Deducted for social, cultural and educational services, per currency, and its share of the rights revenue"
        columns={totals}
        rows={r.socialCultural.totals}
        rowKey={(x) => x.currency}
        empty="Nothing was deducted for social, cultural or educational services in the quarters covered."
      />
      {r.socialCultural.lines.length > 0 && (
        <DataTable
          label="Social, cultural and educational deduction lines"
          caption={`${r.socialCultural.lines.length} deduction line${r.socialCultural.lines.length === 1 ? '' : 's'}, in log order, with what each is for`}
          columns={detail}
          rows={r.socialCultural.lines}
          rowKey={(x) => `${x.submissionId} ${x.lineNo}`}
        />
      )}
    </Section>
  );
}

const holderKey = (x: { category: string; useType: string; currency: string }) => `${x.category} ${x.useType} ${x.currency}`;

function RightsHolders({ report: r }: { report: TransparencyReport }) {
  const h = r.rightsHolders;
  type Day = TransparencyReport['rightsHolders']['payments']['dates'][number];
  const use: Column<ReportHolderUse>[] = [
    { label: 'Category', cell: (x) => x.category },
    { label: 'Type of use', cell: (x) => x.useType },
  ];
  const attributed: Column<ReportHolderUse>[] = [
    ...use,
    { label: 'Attributed (gross)', num: true, nowrap: true, cell: (x) => money(x.gross, x.currency) },
    { label: 'Management fees', num: true, nowrap: true, cell: (x) => money(x.managementFees, x.currency) },
    { label: 'Other deductions', num: true, nowrap: true, cell: (x) => money(x.otherDeductions, x.currency) },
    { label: 'Attributed (net)', num: true, nowrap: true, cell: (x) => money(x.net, x.currency) },
    { label: 'Lines', num: true, cell: (x) => lines(x.lines) },
  ];
  const paid: Column<ReportHolderUse>[] = [
    ...use,
    { label: 'Attributed (net)', num: true, nowrap: true, cell: (x) => money(x.net, x.currency) },
    { label: 'Paid', num: true, nowrap: true, cell: (x) => money(x.paid, x.currency) },
    { label: 'Unpaid', num: true, nowrap: true, cell: (x) => money(x.unpaid, x.currency) },
    { label: 'Unidentified', num: true, nowrap: true, cell: (x) => money(x.unidentified, x.currency) },
  ];
  const totals = h.totals.map((t) => ({ ...t, category: 'Total', useType: 'all' }));
  const days: Column<Day>[] = [
    { label: 'Paid on', nowrap: true, cell: (x) => x.paidOn },
    { label: 'Category', cell: (x) => x.category },
    { label: 'Type of use', cell: (x) => x.useType },
    { label: 'Net paid', num: true, nowrap: true, cell: (x) => money(x.net, x.currency) },
    { label: 'Lines', num: true, cell: (x) => lines(x.lines) },
  ];
  return (
    <Section id="rights-holders" title="Amounts attributed and paid to rights holders" annex="Annex 2(c)">
      <Coverage coverage={h.coverage} id="rights-holders" />
      <p>
        Net attributed = paid + unpaid (attributed to identified rights holders, not paid yet) + unidentified (collected, not attributed to an identified rights holder).
      </p>
      <DataTable
        label="Amounts attributed to rights holders"
        caption={`Attributed to rights holders in ${r.financialYear}, gross and net of deductions, per category of rights and type of use; total per currency`}
        columns={attributed}
        rows={h.byCategoryAndUse}
        foot={totals}
        rowKey={holderKey}
        empty="No amounts are attributed to rights holders in the quarters covered."
        testId="rights-holders-table"
      />
      {h.byCategoryAndUse.length > 0 && (
        <DataTable
          label="Amounts paid to rights holders"
          caption="Net attributed: paid, unpaid and unidentified, per category of rights and type of use; total per currency"
          columns={paid}
          rows={h.byCategoryAndUse}
          foot={totals}
          rowKey={holderKey}
          testId="rights-holders-paid-table"
        />
      )}
      {h.totals.length > 0 && (
        <p data-testid="rights-holders-lines">
          {h.totals.map((t) => `${t.currency}: ${t.paidLines} lines paid, ${t.unpaidLines} unpaid, ${t.unidentifiedLines} unidentified`).join('; ')}.
        </p>
      )}
      <h3>Frequency of payments</h3>
      <p data-testid="payment-days">
        {h.payments.days === 0 ? 'Nothing was paid in the quarters covered.' : `Paid on ${h.payments.days} day${h.payments.days === 1 ? '' : 's'}.`}
      </p>
      {h.payments.dates.length > 0 && (
        <DataTable
          label="Payments by day"
          caption="Net paid on each day of payment, per category of rights and type of use"
          columns={days}
          rows={h.payments.dates}
          rowKey={(x) => `${x.paidOn} ${x.category} ${x.useType} ${x.currency}`}
        />
      )}
    </Section>
  );
}

function Undistributed({ report: r }: { report: TransparencyReport }) {
  const u = r.undistributed;
  type Total = TransparencyReport['undistributed']['totals'][number];
  const items: Column<ReportUndistributedItem>[] = [
    { label: 'Category', cell: (x) => x.category },
    { label: 'Collected in', nowrap: true, cell: (x) => `FY${x.fyOfCollection}` },
    { label: 'Held as', cell: (x) => (x.nonDistributable ? 'non-distributable' : 'undistributed') },
    { label: 'Reason', cell: (x) => x.reason },
    { label: 'Decided use', cell: (x) => x.decidedUse ?? (x.nonDistributable ? 'none given' : '—') },
    { label: 'Amount', num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: 'Lines', num: true, cell: (x) => lines(x.lines) },
  ];
  const totals: Column<Total>[] = [
    { label: 'Currency', cell: (x) => x.currency },
    { label: 'Undistributed', num: true, nowrap: true, cell: (x) => money(x.undistributed, x.currency) },
    { label: 'Non-distributable', num: true, nowrap: true, cell: (x) => money(x.nonDistributable, x.currency) },
    { label: 'Lines', num: true, cell: (x) => lines(x.lines) },
  ];
  return (
    <Section id="undistributed" title="Amounts not distributed" annex="Annex 2(c)(iv), (vi), (vii)">
      <Coverage coverage={u.coverage} id="undistributed" />
      <DataTable
        label="Undistributed amounts"
        caption="Amounts held undistributed, with the year they were collected in and why; non-distributable amounts with their decided use"
        columns={items}
        rows={u.items}
        rowKey={(x) => `${x.category} ${x.fyOfCollection} ${x.currency} ${x.nonDistributable} ${x.reason} ${x.decidedUse}`}
        empty="No undistributed amounts are reported for the quarters covered."
        testId="undistributed-table"
      />
      {u.totals.length > 0 && (
        <DataTable label="Undistributed totals" caption="Undistributed and non-distributable, total per currency" columns={totals} rows={u.totals} rowKey={(x) => x.currency} testId="undistributed-totals" />
      )}
    </Section>
  );
}

function OtherSocieties({ report: r }: { report: TransparencyReport }) {
  const o = r.otherSocieties;
  type Total = TransparencyReport['otherSocieties']['totals'][number];
  const direction = (d: 'in' | 'out') => (d === 'out' ? 'to' : 'from');
  const flows: Column<ReportTransferFlow>[] = [
    { label: 'Society (CISAC)', cell: (x) => `${direction(x.direction)} ${x.counterpartyCisac}` },
    { label: 'Category', cell: (x) => x.category },
    { label: 'Amount', num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: 'Paid', num: true, nowrap: true, cell: (x) => money(x.paid, x.currency) },
    { label: 'Due', num: true, nowrap: true, cell: (x) => money(x.due, x.currency) },
    { label: 'Lines', num: true, cell: (x) => lines(x.lines) },
  ];
  const totals: Column<Total>[] = [
    { label: 'Direction', cell: (x) => (x.direction === 'out' ? 'to other societies' : 'from other societies') },
    { label: 'Amount', num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: 'Paid', num: true, nowrap: true, cell: (x) => money(x.paid, x.currency) },
    { label: 'Due', num: true, nowrap: true, cell: (x) => money(x.due, x.currency) },
    { label: 'Lines', num: true, cell: (x) => lines(x.lines) },
  ];
  return (
    <Section id="other-societies" title="Other collecting societies" annex="Annex 2(d)(i)">
      <Coverage coverage={o.coverage} id="other-societies" />
      <DataTable
        label="Amounts to and from other societies"
        caption="Amounts due to (to) and received from (from) other societies, per society, category of rights and currency; paid, and due without a payment date"
        columns={flows}
        rows={o.flows}
        rowKey={(x) => `${x.direction} ${x.counterpartyCisac} ${x.category} ${x.currency}`}
        empty="No amounts to or from other societies are reported for the quarters covered."
        testId="other-societies-table"
      />
      {o.totals.length > 0 && (
        <DataTable label="Totals with other societies" caption="To and from other societies, total per currency" columns={totals} rows={o.totals} rowKey={(x) => `${x.direction} ${x.currency}`} />
      )}
    </Section>
  );
}

function NonContractual({ report: r }: { report: TransparencyReport }) {
  const n = r.nonContractual;
  type Row = TransparencyReport['nonContractual']['byCurrency'][number];
  const verified = new Map(n.verifiedByCurrency.map((x) => [x.currency, x]));
  const currencies = [...new Set([...n.byCurrency, ...n.verifiedByCurrency].map((x) => x.currency))].sort();
  type Side = { currency: string; declared: Row | undefined; verified: Row | undefined };
  const sides: Column<Side>[] = [
    { label: 'Currency', cell: (x) => x.currency },
    { label: 'Declared (gross)', num: true, nowrap: true, cell: (x) => (x.declared ? money(x.declared.gross, x.currency) : '—') },
    { label: 'Declared share', num: true, nowrap: true, cell: (x) => percent(x.declared?.sharePercentOfGross ?? null) },
    { label: 'Verified (gross)', num: true, nowrap: true, cell: (x) => (x.verified ? money(x.verified.gross, x.currency) : '—') },
    { label: 'Verified share', num: true, nowrap: true, cell: (x) => percent(x.verified?.sharePercentOfGross ?? null) },
  ];
  const columns: Column<Row>[] = [
    { label: 'Currency', cell: (x) => x.currency },
    { label: 'Attributed (gross)', num: true, nowrap: true, cell: (x) => money(x.gross, x.currency) },
    { label: 'Attributed (net)', num: true, nowrap: true, cell: (x) => money(x.net, x.currency) },
    { label: 'Lines', num: true, cell: (x) => lines(x.lines) },
    { label: 'Share of all gross', num: true, nowrap: true, cell: (x) => percent(x.sharePercentOfGross) },
  ];
  return (
    <Section id="non-contractual" title="Management without a mandate" annex="Art. 5; non-contractual management">
      <Coverage coverage={n.coverage} id="non-contractual" />
      <p data-testid="non-contractual-holders">
        {n.rightsHolders} of the {n.identifiedRightsHolders} identified rights holder{n.identifiedRightsHolders === 1 ? '' : 's'} on the year&apos;s lines had rights managed
        without a mandate; {n.unidentifiedLines} unidentified line{n.unidentifiedLines === 1 ? ' was' : 's were'} managed that way.
      </p>
      <DataTable
        label="Managed without a mandate"
        caption="Attributed on lines managed without a mandate (non-contractual), per currency, and their share of all the gross attributed"
        columns={columns}
        rows={n.byCurrency}
        rowKey={(x) => x.currency}
        empty="Nothing was attributed without a mandate in the quarters covered."
      />
      <p data-testid="non-contractual-verified">
        Declared is the society&apos;s own label on its lines; verified is what the mandate register said when each package committed ({n.verifiedRightsHolders} identified rights
        holder{n.verifiedRightsHolders === 1 ? '' : 's'} without a mandate{n.linesWithoutDerivedStatus > 0 ? `; ${n.linesWithoutDerivedStatus} older lines counted as declared` : ''}).
      </p>
      <DataTable
        label="Declared and verified"
        caption="Managed without a mandate: declared by the society and verified against the mandate register, per currency"
        columns={sides}
        rows={currencies.map((c) => ({ currency: c, declared: n.byCurrency.find((x) => x.currency === c), verified: verified.get(c) }))}
        rowKey={(x) => x.currency}
        empty="Nothing was attributed without a mandate in the quarters covered."
      />
    </Section>
  );
}

function Board({ report: r }: { report: TransparencyReport }) {
  const b = r.governance.board;
  type Seats = { constituency: string; seats: number };
  type Member = TransparencyReport['governance']['board']['members'][number];
  const seats: Column<Seats>[] = [
    { label: 'Constituency', cell: (x) => x.constituency },
    { label: 'Seats', num: true, cell: (x) => String(x.seats) },
  ];
  const members: Column<Member>[] = [
    { label: 'Member id', cell: (x) => x.memberId },
    { label: 'Name', cell: (x) => x.name },
    { label: 'Constituency', cell: (x) => x.constituency },
    { label: 'Seat from', nowrap: true, cell: (x) => x.seatFrom },
    { label: 'Seat to', nowrap: true, cell: (x) => x.seatTo ?? 'open-ended' },
  ];
  return (
    <Section id="board" title="Board" annex="Annex 1(d); Art. 9">
      <p className="hint" data-testid="coverage-board">
        {b.coverage.periods.length === 0
          ? 'No board package is in the log for the year.'
          : `Board packages are in the log for ${listText(b.coverage.periods)}; the board is the one seated on the year's last day by the latest of them.`}
      </p>
      <p data-testid="board-summary">
        {b.seats} seat{b.seats === 1 ? '' : 's'} held on {b.date}, the financial year&apos;s last day, from {boardSourceText(b.source)}.
      </p>
      {b.byConstituency.length > 0 && (
        <DataTable label="Board seats by constituency" caption={`Board seats by constituency on ${b.date}`} columns={seats} rows={b.byConstituency} rowKey={(x) => x.constituency} />
      )}
      {b.members.length > 0 && (
        <DataTable label="Board members" caption={`Board members on ${b.date}`} columns={members} rows={b.members} rowKey={(x, i) => `${x.memberId} ${i}`} />
      )}
    </Section>
  );
}

/** Collected = deductions + distributed + to other societies + undistributed, per category: the reconciliation's table, from the report's own lines. */
function MoneyFlows({ report: r }: { report: TransparencyReport }) {
  const c = r.conservation;
  const leftOut = [r.revenue.coverage, r.deductions.coverage, r.rightsHolders.coverage, r.otherSocieties.coverage, r.undistributed.coverage]
    .filter((x) => x.missing.length > 0)
    .map((x) => `${SOURCE_LABELS[x.type]}: ${listText(x.missing)}`);
  return (
    <Section id="money-flows" title="Where the money went" annex="Art. 11; Annex 1(a) in part">
      <p>The money flows per category of rights, from the same lines as the figures above (they equal the ledger&apos;s reconciliation of the year).</p>
      {!c.balanced && leftOut.length > 0 && (
        <p className="hint" data-testid="money-flows-left-out">
          Quarters left out above ({leftOut.join('; ')}) can account for a difference: money collected in the year is then not matched by what those packages would report.
        </p>
      )}
      <ReconciliationTable
        reconciliation={{
          societyId: r.society.id,
          financialYear: r.financialYear,
          from: r.period.from,
          to: r.period.to,
          categories: c.categories,
          differences: c.categories.filter((x) => !isZeroAmount(x.difference)).map((x) => ({ category: x.category, currency: x.currency, difference: x.difference })),
          balanced: c.balanced,
        }}
      />
    </Section>
  );
}
