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
import { formatDate, t } from '../../i18n';

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
    <Loader loaded={society} what={t('the society')} refusal={<NotAvailable what={t("This society's transparency report")} />}>
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
      <PageTitle title={t('{society}: transparency report {year}', { society: society.name, year })}>
        {t('{society}: transparency report, financial year {year}', { society: society.name, year })}
      </PageTitle>
      <SocietyTabs societyId={society.id} />
      <YearForm society={society} year={year} />
      <Loader loaded={loaded} what={t('the transparency report of {year}', { year })}>
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
    <form className="inline-form" onSubmit={submit} aria-label={t('Choose the financial year')}>
      <div className="form-row">
        <label htmlFor={id}>{t('Financial year')}</label>
        <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
          {reportYearOptions(lastComplete, year).map((y) => {
            const p = financialYearPeriod(y, society.fyEndMonth, society.fyEndDay);
            return (
              <option key={y} value={y}>
                {t('{year} ({from} to {to})', { year: y, from: formatDate(p.from), to: formatDate(p.to) })}
                {y > lastComplete ? t(', in progress') : ''}
              </option>
            );
          })}
        </select>
      </div>
      <button type="submit">{t('Show')}</button>
    </form>
  );
}

function Report({ loaded }: { loaded: Loaded }) {
  const r = loaded.report;
  return (
    <>
      <p className="lead">
        {t('Financial year {year}: {from} to {to} (quarters {quarters}). The society publishes this report by', {
          year: r.financialYear,
          from: formatDate(r.period.from),
          to: formatDate(r.period.to),
          quarters: r.quarters.join(', '),
        })}{' '}
        <strong>{formatDate(r.publicationDeadline)}</strong>{' '}
        {t("and keeps it public for five years ({legalBasis}). Every figure is a sum of package lines in the society's signed log, per currency, exactly as reported.", { legalBasis: t(r.legalBasis) })}
      </p>
      <PinnedHead loaded={loaded} />
      <Downloads report={r} />
      <Completeness report={r} />
      <section aria-labelledby="not-covered-heading">
        <h2 id="not-covered-heading">{t('Not in the ledger')}</h2>
        <p>{t('The quarterly packages do not carry these items of the Annex, so this report does not give them; the society publishes them elsewhere:')}</p>
        <ul data-testid="not-covered">
          {r.notCovered.map((item) => (
            <li key={item}>{t(item)}</li>
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
      <h2 id="head-heading">{t('Computed from')}</h2>
      {head.treeSize === 0 ? (
        <p className="warning" data-testid="report-empty-log">
          {t("The society's log is empty: no package has been committed, so the report has no figures from packages.")}
        </p>
      ) : (
        <p>{t("The report reads the society's log up to this signed head only: the same head always gives the same report, byte for byte.")}</p>
      )}
      <Fields
        rows={[
          [t('Submissions in the log (tree size)'), <span data-testid="report-tree-size">{head.treeSize}</span>],
          [t('Root hash'), <code className="hash" data-testid="report-root-hash">{head.rootHash ?? t('empty log')}</code>],
          [t('Signed at'), <span data-testid="report-head-time">{head.timestamp ?? '—'}</span>],
          [t('Key id'), head.keyId ? <code>{head.keyId}</code> : '—'],
          [
            t('Signature'),
            loaded.signature === null ? (
              t('— (nothing signed)')
            ) : loaded.signature.ok && originOk ? (
              <span className="badge badge-ok" data-testid="report-head-signature">
                {t('✓ Verified in this browser with the published key {key}', { key: loaded.signature.keyId })}
              </span>
            ) : (
              <span className="badge badge-bad" data-testid="report-head-signature">
                {t('✗ Does not verify: {reason}', { reason: loaded.signature.ok ? t("the head is of the log {origin}, not this society's", { origin: head.origin ?? '' }) : loaded.signature.reason })}
              </span>
            ),
          ],
          [
            t('Report SHA-256'),
            <span>
              <code className="hash" data-testid="report-sha256">
                {loaded.sha256 ?? loaded.computedSha256}
              </code>
              <br />
              <span className={shaOk ? 'badge badge-ok' : 'badge badge-bad'} data-testid="report-sha256-check">
                {loaded.sha256 === null
                  ? t('✗ the server sent no X-Report-SHA256 to compare with (this is the hash computed here)')
                  : shaOk
                    ? t('✓ the JSON received hashes to the X-Report-SHA256 the server sent')
                    : t('✗ the JSON received hashes to {hash}, not the X-Report-SHA256 sent', { hash: loaded.computedSha256 })}
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
      setError(e instanceof ApiError ? e : new ApiError(0, t('Download failed'), String(e)));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="download-heading">
      <h2 id="download-heading">{t('Download')}</h2>
      <p>
        {t('The CSV has one row per figure (society, year, head, section, figure, category, use, qualifier, currency, amount, count, note); the PDF is the report to publish; the JSON is canonical (RFC 8785), and its SHA-256 names the report whichever file you take.')}
      </p>
      <div className="downloads">
        {FORMATS.map((f) => (
          <button key={f} type="button" className="secondary" onClick={() => download(f)} disabled={busy !== null}>
            {busy === f ? t('Preparing the {format}…', { format: f.toUpperCase() }) : t('Download {format}', { format: f.toUpperCase() })}
          </button>
        ))}
      </div>
      <div aria-live="polite">
        {saved && (
          <p className="notice" data-testid="report-download">
            {t('Saved {file}', { file: saved.filename })}
            {saved.sha256 && (
              <>
                {' '}
                {t('— rendered from the JSON whose SHA-256 (X-Report-SHA256) is')} <code className="hash">{saved.sha256}</code>
              </>
            )}
            .
          </p>
        )}
      </div>
      {error && <ProblemMessage error={error} heading={t('The download failed')} />}
    </section>
  );
}

function Completeness({ report: r }: { report: TransparencyReport }) {
  const c = describeCompleteness(r.completeness);
  const grid = packageGrid(r.completeness.packages, r.quarters);
  const columns: Column<PackageGridRow>[] = [
    { label: t('Package'), cell: (row) => `${t(SOURCE_LABELS[row.type as keyof typeof SOURCE_LABELS] ?? row.type)}${row.required ? ` ${t('(required)')}` : ''}` },
    ...r.quarters.map((q, i): Column<PackageGridRow> => ({ label: q, nowrap: true, cell: (row) => packageCell(row.cells[i]) })),
  ];
  return (
    <section aria-labelledby="completeness-heading">
      <h2 id="completeness-heading">{t('Completeness')}</h2>
      <p className={c.complete ? 'notice' : 'warning'} data-testid="completeness-summary">
        {c.summary}
      </p>
      {c.optional && (
        <p className="warning" data-testid="completeness-optional">
          {c.optional}
        </p>
      )}
      <DataTable
        label={t('Packages by type and quarter')}
        caption={t('Packages in the log by type and quarter at the head of size {size}: ✓ present (its leaf in the log; versions: corrections included), ✗ required and missing, — absent', { size: r.head.treeSize })}
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
    { label: t('Category'), cell: (x) => t(x.category) },
    { label: t('Type of use'), cell: (x) => t(x.useType) },
    { label: t('Amount'), num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: t('Lines'), num: true, cell: (x) => lines(x.lines) },
  ];
  return (
    <Section id="revenue" title={t('Rights revenue')} annex={t('Annex 2(a)')}>
      <Coverage coverage={r.revenue.coverage} id="revenue" />
      <DataTable
        label={t('Rights revenue')}
        caption={t('Rights revenue collected in {year}, per category of rights and type of use; total per currency', { year: r.financialYear })}
        columns={columns}
        rows={r.revenue.byCategoryAndUse}
        foot={r.revenue.totals.map((x) => ({ ...x, category: 'Total', useType: 'all' }))}
        rowKey={(x) => `${x.category} ${x.useType} ${x.currency}`}
        empty={t('No rights revenue is reported for the quarters covered.')}
        testId="revenue-table"
      />
    </Section>
  );
}

function Deductions({ report: r }: { report: TransparencyReport }) {
  type Row = { kind: string; category: string; currency: string; amount: string; lines: number };
  type Costs = TransparencyReport['deductions']['managementCosts'][number];
  const columns: Column<Row>[] = [
    { label: t('Kind'), cell: (x) => (x.kind.startsWith('Total ') ? `${t('Total')} ${t(x.kind.slice(6))}` : t(x.kind)) },
    { label: t('Category'), cell: (x) => t(x.category) },
    { label: t('Amount'), num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: t('Lines'), num: true, cell: (x) => lines(x.lines) },
  ];
  const costs: Column<Costs>[] = [
    { label: t('Currency'), cell: (x) => x.currency },
    { label: t('Management costs'), num: true, nowrap: true, cell: (x) => money(x.managementCosts, x.currency) },
    { label: t('Rights revenue'), num: true, nowrap: true, cell: (x) => money(x.revenue, x.currency) },
    { label: t('Management costs of revenue'), num: true, nowrap: true, cell: (x) => percent(x.ratioPercent) },
  ];
  return (
    <Section id="deductions" title={t('Deductions')} annex={t('Annex 2(b)')}>
      <Coverage coverage={r.deductions.coverage} id="deductions" />
      <DataTable
        label={t('Deductions')}
        caption={t('Deductions in {year} by kind (management, social-cultural, other) and category of rights; total per kind and currency', { year: r.financialYear })}
        columns={columns}
        rows={r.deductions.byKindAndCategory}
        foot={r.deductions.totals.map((x) => ({ ...x, kind: `Total ${x.kind}`, category: 'all' }))}
        rowKey={(x) => `${x.kind} ${x.category} ${x.currency}`}
        empty={t('No deductions are reported for the quarters covered.')}
        testId="deductions-table"
      />
      <DataTable
        label={t('Management costs')}
        caption={t('Management costs against rights revenue, per currency (Annex 2(b)(vi)): the ratio the audit rule payout.management-cost-ratio judges')}
        columns={costs}
        rows={r.deductions.managementCosts}
        rowKey={(x) => x.currency}
        empty={t('No management costs or revenue to compare.')}
        testId="management-costs-table"
      />
    </Section>
  );
}

function SocialCultural({ report: r }: { report: TransparencyReport }) {
  type Total = TransparencyReport['socialCultural']['totals'][number];
  type Line = TransparencyReport['socialCultural']['lines'][number];
  const totals: Column<Total>[] = [
    { label: t('Currency'), cell: (x) => x.currency },
    { label: t('Amount'), num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: t('Lines'), num: true, cell: (x) => lines(x.lines) },
    { label: t('Share of revenue'), num: true, nowrap: true, cell: (x) => percent(x.sharePercentOfRevenue) },
  ];
  const detail: Column<Line>[] = [
    { label: t('Deduction'), cell: (x) => x.deductionId },
    { label: t('Quarter'), nowrap: true, cell: (x) => x.period },
    { label: t('Category'), cell: (x) => t(x.category) },
    { label: t('Amount'), num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: t('What it is for'), cell: (x) => x.description },
  ];
  return (
    <Section id="social-cultural" title={t('Social, cultural and educational services')} annex={t('Art. 22(3), Annex 3')}>
      <Coverage coverage={r.socialCultural.coverage} id="social-cultural" />
      <DataTable
        label={t('Social, cultural and educational deductions')}
        caption={t('Deducted for social, cultural and educational services, per currency, and its share of the rights revenue')}
        columns={totals}
        rows={r.socialCultural.totals}
        rowKey={(x) => x.currency}
        empty={t('Nothing was deducted for social, cultural or educational services in the quarters covered.')}
      />
      {r.socialCultural.lines.length > 0 && (
        <DataTable
          label={t('Social, cultural and educational deduction lines')}
          caption={t.plural(r.socialCultural.lines.length, '{n} deduction line, in log order, with what each is for', '{n} deduction lines, in log order, with what each is for')}
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
    { label: t('Category'), cell: (x) => t(x.category) },
    { label: t('Type of use'), cell: (x) => t(x.useType) },
  ];
  const attributed: Column<ReportHolderUse>[] = [
    ...use,
    { label: t('Attributed (gross)'), num: true, nowrap: true, cell: (x) => money(x.gross, x.currency) },
    { label: t('Management fees'), num: true, nowrap: true, cell: (x) => money(x.managementFees, x.currency) },
    { label: t('Other deductions'), num: true, nowrap: true, cell: (x) => money(x.otherDeductions, x.currency) },
    { label: t('Attributed (net)'), num: true, nowrap: true, cell: (x) => money(x.net, x.currency) },
    { label: t('Lines'), num: true, cell: (x) => lines(x.lines) },
  ];
  const paid: Column<ReportHolderUse>[] = [
    ...use,
    { label: t('Attributed (net)'), num: true, nowrap: true, cell: (x) => money(x.net, x.currency) },
    { label: t('Paid'), num: true, nowrap: true, cell: (x) => money(x.paid, x.currency) },
    { label: t('Unpaid'), num: true, nowrap: true, cell: (x) => money(x.unpaid, x.currency) },
    { label: t('Unidentified'), num: true, nowrap: true, cell: (x) => money(x.unidentified, x.currency) },
  ];
  const totals = h.totals.map((x) => ({ ...x, category: 'Total', useType: 'all' }));
  const days: Column<Day>[] = [
    { label: t('Paid on'), nowrap: true, cell: (x) => x.paidOn },
    { label: t('Category'), cell: (x) => t(x.category) },
    { label: t('Type of use'), cell: (x) => t(x.useType) },
    { label: t('Net paid'), num: true, nowrap: true, cell: (x) => money(x.net, x.currency) },
    { label: t('Lines'), num: true, cell: (x) => lines(x.lines) },
  ];
  return (
    <Section id="rights-holders" title={t('Amounts attributed and paid to rights holders')} annex={t('Annex 2(c)')}>
      <Coverage coverage={h.coverage} id="rights-holders" />
      <p>
        {t('Net attributed = paid + unpaid (attributed to identified rights holders, not paid yet) + unidentified (collected, not attributed to an identified rights holder).')}
      </p>
      <DataTable
        label={t('Amounts attributed to rights holders')}
        caption={t('Attributed to rights holders in {year}, gross and net of deductions, per category of rights and type of use; total per currency', { year: r.financialYear })}
        columns={attributed}
        rows={h.byCategoryAndUse}
        foot={totals}
        rowKey={holderKey}
        empty={t('No amounts are attributed to rights holders in the quarters covered.')}
        testId="rights-holders-table"
      />
      {h.byCategoryAndUse.length > 0 && (
        <DataTable
          label={t('Amounts paid to rights holders')}
          caption={t('Net attributed: paid, unpaid and unidentified, per category of rights and type of use; total per currency')}
          columns={paid}
          rows={h.byCategoryAndUse}
          foot={totals}
          rowKey={holderKey}
          testId="rights-holders-paid-table"
        />
      )}
      {h.totals.length > 0 && (
        <p data-testid="rights-holders-lines">
          {h.totals.map((x) => t('{currency}: {paid} lines paid, {unpaid} unpaid, {unidentified} unidentified', { currency: x.currency, paid: x.paidLines, unpaid: x.unpaidLines, unidentified: x.unidentifiedLines })).join('; ')}.
        </p>
      )}
      <h3>{t('Frequency of payments')}</h3>
      <p data-testid="payment-days">
        {h.payments.days === 0 ? t('Nothing was paid in the quarters covered.') : t.plural(h.payments.days, 'Paid on {n} day.', 'Paid on {n} days.')}
      </p>
      {h.payments.dates.length > 0 && (
        <DataTable
          label={t('Payments by day')}
          caption={t('Net paid on each day of payment, per category of rights and type of use')}
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
    { label: t('Category'), cell: (x) => t(x.category) },
    { label: t('Collected in'), nowrap: true, cell: (x) => t('FY{year}', { year: x.fyOfCollection }) },
    { label: t('Held as'), cell: (x) => (x.nonDistributable ? t('non-distributable') : t('undistributed')) },
    { label: t('Reason'), cell: (x) => x.reason },
    { label: t('Decided use'), cell: (x) => x.decidedUse ?? (x.nonDistributable ? t('none given') : '—') },
    { label: t('Amount'), num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: t('Lines'), num: true, cell: (x) => lines(x.lines) },
  ];
  const totals: Column<Total>[] = [
    { label: t('Currency'), cell: (x) => x.currency },
    { label: t('Undistributed'), num: true, nowrap: true, cell: (x) => money(x.undistributed, x.currency) },
    { label: t('Non-distributable'), num: true, nowrap: true, cell: (x) => money(x.nonDistributable, x.currency) },
    { label: t('Lines'), num: true, cell: (x) => lines(x.lines) },
  ];
  return (
    <Section id="undistributed" title={t('Amounts not distributed')} annex={t('Annex 2(c)(iv), (vi), (vii)')}>
      <Coverage coverage={u.coverage} id="undistributed" />
      <DataTable
        label={t('Undistributed amounts')}
        caption={t('Amounts held undistributed, with the year they were collected in and why; non-distributable amounts with their decided use')}
        columns={items}
        rows={u.items}
        rowKey={(x) => `${x.category} ${x.fyOfCollection} ${x.currency} ${x.nonDistributable} ${x.reason} ${x.decidedUse}`}
        empty={t('No undistributed amounts are reported for the quarters covered.')}
        testId="undistributed-table"
      />
      {u.totals.length > 0 && (
        <DataTable label={t('Undistributed totals')} caption={t('Undistributed and non-distributable, total per currency')} columns={totals} rows={u.totals} rowKey={(x) => x.currency} testId="undistributed-totals" />
      )}
    </Section>
  );
}

function OtherSocieties({ report: r }: { report: TransparencyReport }) {
  const o = r.otherSocieties;
  type Total = TransparencyReport['otherSocieties']['totals'][number];
  const direction = (d: 'in' | 'out') => (d === 'out' ? t('to') : t('from'));
  const flows: Column<ReportTransferFlow>[] = [
    { label: t('Society (CISAC)'), cell: (x) => `${direction(x.direction)} ${x.counterpartyCisac}` },
    { label: t('Category'), cell: (x) => t(x.category) },
    { label: t('Amount'), num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: t('Paid'), num: true, nowrap: true, cell: (x) => money(x.paid, x.currency) },
    { label: t('Due'), num: true, nowrap: true, cell: (x) => money(x.due, x.currency) },
    { label: t('Lines'), num: true, cell: (x) => lines(x.lines) },
  ];
  const totals: Column<Total>[] = [
    { label: t('Direction'), cell: (x) => (x.direction === 'out' ? t('to other societies') : t('from other societies')) },
    { label: t('Amount'), num: true, nowrap: true, cell: (x) => money(x.amount, x.currency) },
    { label: t('Paid'), num: true, nowrap: true, cell: (x) => money(x.paid, x.currency) },
    { label: t('Due'), num: true, nowrap: true, cell: (x) => money(x.due, x.currency) },
    { label: t('Lines'), num: true, cell: (x) => lines(x.lines) },
  ];
  return (
    <Section id="other-societies" title={t('Other collecting societies')} annex={t('Annex 2(d)(i)')}>
      <Coverage coverage={o.coverage} id="other-societies" />
      <DataTable
        label={t('Amounts to and from other societies')}
        caption={t('Amounts due to (to) and received from (from) other societies, per society, category of rights and currency; paid, and due without a payment date')}
        columns={flows}
        rows={o.flows}
        rowKey={(x) => `${x.direction} ${x.counterpartyCisac} ${x.category} ${x.currency}`}
        empty={t('No amounts to or from other societies are reported for the quarters covered.')}
        testId="other-societies-table"
      />
      {o.totals.length > 0 && (
        <DataTable label={t('Totals with other societies')} caption={t('To and from other societies, total per currency')} columns={totals} rows={o.totals} rowKey={(x) => `${x.direction} ${x.currency}`} />
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
    { label: t('Currency'), cell: (x) => x.currency },
    { label: t('Declared (gross)'), num: true, nowrap: true, cell: (x) => (x.declared ? money(x.declared.gross, x.currency) : '—') },
    { label: t('Declared share'), num: true, nowrap: true, cell: (x) => percent(x.declared?.sharePercentOfGross ?? null) },
    { label: t('Verified (gross)'), num: true, nowrap: true, cell: (x) => (x.verified ? money(x.verified.gross, x.currency) : '—') },
    { label: t('Verified share'), num: true, nowrap: true, cell: (x) => percent(x.verified?.sharePercentOfGross ?? null) },
  ];
  const columns: Column<Row>[] = [
    { label: t('Currency'), cell: (x) => x.currency },
    { label: t('Attributed (gross)'), num: true, nowrap: true, cell: (x) => money(x.gross, x.currency) },
    { label: t('Attributed (net)'), num: true, nowrap: true, cell: (x) => money(x.net, x.currency) },
    { label: t('Lines'), num: true, cell: (x) => lines(x.lines) },
    { label: t('Share of all gross'), num: true, nowrap: true, cell: (x) => percent(x.sharePercentOfGross) },
  ];
  return (
    <Section id="non-contractual" title={t('Management without a mandate')} annex={t('Art. 5; non-contractual management')}>
      <Coverage coverage={n.coverage} id="non-contractual" />
      <p data-testid="non-contractual-holders">
        {t("{holders} of the {identified} identified rights holders on the year's lines had rights managed without a mandate; unidentified lines managed that way: {unidentified}.", {
          holders: n.rightsHolders,
          identified: n.identifiedRightsHolders,
          unidentified: n.unidentifiedLines,
        })}
      </p>
      <DataTable
        label={t('Managed without a mandate')}
        caption={t('Attributed on lines managed without a mandate (non-contractual), per currency, and their share of all the gross attributed')}
        columns={columns}
        rows={n.byCurrency}
        rowKey={(x) => x.currency}
        empty={t('Nothing was attributed without a mandate in the quarters covered.')}
      />
      <p data-testid="non-contractual-verified">
        {t("Declared is the society's own label on its lines; verified is what the mandate register said when each package committed (identified rights holders without a mandate: {holders}{older}).", {
          holders: n.verifiedRightsHolders,
          older: n.linesWithoutDerivedStatus > 0 ? t('; {n} older lines counted as declared', { n: n.linesWithoutDerivedStatus }) : '',
        })}
      </p>
      <DataTable
        label={t('Declared and verified')}
        caption={t('Managed without a mandate: declared by the society and verified against the mandate register, per currency')}
        columns={sides}
        rows={currencies.map((c) => ({ currency: c, declared: n.byCurrency.find((x) => x.currency === c), verified: verified.get(c) }))}
        rowKey={(x) => x.currency}
        empty={t('Nothing was attributed without a mandate in the quarters covered.')}
      />
    </Section>
  );
}

function Board({ report: r }: { report: TransparencyReport }) {
  const b = r.governance.board;
  type Seats = { constituency: string; seats: number };
  type Member = TransparencyReport['governance']['board']['members'][number];
  const seats: Column<Seats>[] = [
    { label: t('Constituency'), cell: (x) => t(x.constituency) },
    { label: t('Seats'), num: true, cell: (x) => String(x.seats) },
  ];
  const members: Column<Member>[] = [
    { label: t('Member id'), cell: (x) => x.memberId },
    { label: t('Name'), cell: (x) => x.name },
    { label: t('Constituency'), cell: (x) => t(x.constituency) },
    { label: t('Seat from'), nowrap: true, cell: (x) => formatDate(x.seatFrom) },
    { label: t('Seat to'), nowrap: true, cell: (x) => (x.seatTo ? formatDate(x.seatTo) : t('open-ended')) },
  ];
  return (
    <Section id="board" title={t('Board')} annex={t('Annex 1(d); Art. 9')}>
      <p className="hint" data-testid="coverage-board">
        {b.coverage.periods.length === 0
          ? t('No board package is in the log for the year.')
          : t("Board packages are in the log for {quarters}; the board is the one seated on the year's last day by the latest of them.", { quarters: listText(b.coverage.periods) })}
      </p>
      <p data-testid="board-summary">
        {t.plural(b.seats, "{n} seat held on {date}, the financial year's last day, from {source}.", "{n} seats held on {date}, the financial year's last day, from {source}.", { date: formatDate(b.date), source: boardSourceText(b.source) })}
      </p>
      {b.byConstituency.length > 0 && (
        <DataTable label={t('Board seats by constituency')} caption={t('Board seats by constituency on {date}', { date: formatDate(b.date) })} columns={seats} rows={b.byConstituency} rowKey={(x) => x.constituency} />
      )}
      {b.members.length > 0 && (
        <DataTable label={t('Board members')} caption={t('Board members on {date}', { date: formatDate(b.date) })} columns={members} rows={b.members} rowKey={(x, i) => `${x.memberId} ${i}`} />
      )}
    </Section>
  );
}

/** Collected = deductions + distributed + to other societies + undistributed, per category: the reconciliation's table, from the report's own lines. */
function MoneyFlows({ report: r }: { report: TransparencyReport }) {
  const c = r.conservation;
  const leftOut = [r.revenue.coverage, r.deductions.coverage, r.rightsHolders.coverage, r.otherSocieties.coverage, r.undistributed.coverage]
    .filter((x) => x.missing.length > 0)
    .map((x) => `${t(SOURCE_LABELS[x.type])}: ${listText(x.missing)}`);
  return (
    <Section id="money-flows" title={t('Where the money went')} annex={t('Art. 11; Annex 1(a) in part')}>
      <p>{t("The money flows per category of rights, from the same lines as the figures above (they equal the ledger's reconciliation of the year).")}</p>
      {!c.balanced && leftOut.length > 0 && (
        <p className="hint" data-testid="money-flows-left-out">
          {t('Quarters left out above ({quarters}) can account for a difference: money collected in the year is then not matched by what those packages would report.', { quarters: leftOut.join('; ') })}
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
