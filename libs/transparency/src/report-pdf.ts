/**
 * The transparency report as a PDF (A4) a society can publish: what it was computed
 * from (the signed head, the JSON's SHA-256) and whether the data is complete first,
 * then a section per Annex item with its tables, the money flows per category, the
 * packages each figure rests on and the Annex items the ledger does not hold.
 *
 * Deterministic, like the audit report's PDF (libs/audit/src/report/pdf.ts): the
 * document's dates come from the signed head (the start of the financial year for an
 * empty log), never the clock, so the same report and language give the same bytes.
 * Text is set in the audit PDF's embedded DejaVu Sans (FONT), so names in Cyrillic, Greek
 * or any Latin script print as written.
 *
 * In English or Russian (`lang`, report-pdf.ru.ts): amounts are written with their
 * currency's minor units ("55,214.10", never "55214.1") and the language's separators,
 * dates per language; names, codes of categories and uses as the packages give them.
 *
 * No NestJS, no database.
 */
import { CONTENT, fitColumns, FONT, heading, PAGE, type PdfLocale, pdfLocale, type PdfOptions, reportDocument, subheading } from '../../audit/src/report/pdf.js';
import type { Coverage, TransparencyReport } from './report.js';
import { TRANSPARENCY_PDF_RU } from './report-pdf.ru.js';

const COLORS = { ok: '#2e7d32', warn: '#c62828', ink: '#111111', grey: '#555555', rule: '#bbbbbb', shade: '#eeeeee' };

type Doc = PDFKit.PDFDocument;

/** Renders the report in `options.lang` (English by default); `sha256` is the hex SHA-256 of its canonical JSON, printed on the first page. */
export function transparencyPdf(r: TransparencyReport, sha256: string, options: PdfOptions = {}): Promise<Buffer> {
  const L = pdfLocale(options.lang ?? 'en', TRANSPARENCY_PDF_RU, options.onMissing);
  const { t } = L;
  const created = r.head.timestamp ? new Date(r.head.timestamp) : new Date(`${r.period.from}T00:00:00Z`);
  const { doc, bytes } = reportDocument({
    title: t('Transparency report of {society}, financial year {year}', { society: r.society.name, year: r.financialYear }),
    subject: t('Transparency report {sha256}', { sha256 }),
    creator: t('Collective Ledger transparency report'),
    created,
    lang: L.lang,
  });
  cover(doc, r, sha256, L);
  sections(doc, r, L);
  pageNumbers(doc, r, L);
  doc.end();
  return bytes;
}

function cover(doc: Doc, r: TransparencyReport, sha256: string, L: PdfLocale): void {
  const { t } = L;
  doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(9).text(t('COLLECTIVE LEDGER · ANNUAL TRANSPARENCY REPORT'), { characterSpacing: 1 });
  doc.moveDown(0.4);
  doc.fillColor(COLORS.ink).font(FONT.bold).fontSize(20).text(r.society.name);
  doc.font(FONT.regular).fontSize(11).fillColor(COLORS.grey).text(
    t('CISAC {cisac} · {country} · accounts in {currency} · financial year {year}: {from} to {to}', {
      cisac: r.society.cisacCode,
      country: r.society.country,
      currency: r.society.currency,
      year: r.financialYear,
      from: L.date(r.period.from),
      to: L.date(r.period.to),
    }),
  );
  doc.fontSize(9).text(t('{legalBasis}; to be published by {deadline}', { legalBasis: t(r.legalBasis), deadline: L.date(r.publicationDeadline) }));
  doc.moveDown(1);

  const missing = r.completeness.missing;
  const boxY = doc.y;
  const byType = [...new Set(missing.map((m) => m.type))].map((type) => `${t(type)} (${missing.filter((m) => m.type === type).map((m) => m.period).join(', ')})`).join('; ');
  const detail =
    missing.length === 0
      ? t('Every required package ({types}) of {quarters} is in the log.', { types: r.completeness.requiredTypes.map((x) => t(x)).join(', '), quarters: r.quarters.join(', ') })
      : t('Missing: {packages}. The figures below leave these quarters out.', { packages: byType });
  doc.font(FONT.regular).fontSize(9);
  const detailHeight = doc.heightOfString(detail, { width: CONTENT - 24 });
  doc.rect(PAGE.margin, boxY, CONTENT, 30 + detailHeight).fill(missing.length === 0 ? '#e8f3e9' : '#fbe9e9');
  doc.fillColor(missing.length === 0 ? COLORS.ok : COLORS.warn).font(FONT.bold).fontSize(13).text(missing.length === 0 ? t('The data of the year is complete') : t('The data of the year is incomplete'), PAGE.margin + 12, boxY + 8);
  doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(9).text(detail, PAGE.margin + 12, boxY + 25, { width: CONTENT - 24 });
  doc.x = PAGE.margin;
  doc.y = boxY + 30 + detailHeight + 12;

  heading(doc, t('Computed from'), 12);
  const h = r.head;
  keyValues(doc, [
    [t('Society log head'), h.treeSize > 0 && h.timestamp ? t('tree size {size}, signed {time} by key {key}', { size: h.treeSize, time: L.dateTime(h.timestamp), key: h.keyId ?? '-' }) : t('the log is empty (no signed head): nothing committed')],
    [t('Root hash'), h.rootHash ?? '-'],
    [t('Report SHA-256'), sha256],
  ]);
  note(
    doc,
    t('Only packages in the log at this head count, and of each type and quarter only the current one (a corrected package is replaced by its correction).') +
      ' ' +
      t('The SHA-256 is that of the report as RFC 8785 canonical JSON ({url} gives the same bytes).', {
        url: `GET /v1/societies/${r.society.id}/transparency-report?financialYear=${r.financialYear}&asOfTreeSize=${h.treeSize}`,
      }) +
      ' ' +
      t("Amounts are exact decimals, per currency, written with the currency's minor units."),
  );
}

function sections(doc: Doc, r: TransparencyReport, L: PdfLocale): void {
  const { t } = L;
  const money = (amount: string, currency: string) => L.amount(amount, currency);
  const percent = (value: string | null, none: string) => (value === null ? none : `${L.decimal(value)} %`);
  const code = (value: string) => t(value);
  const TOTAL = t('Total');

  section(doc, t('1. Rights revenue per category of rights and type of use'), t('Annex 2(a)'), r.revenue.coverage, L);
  table(doc, [t('Category'), t('Type of use'), t('Currency'), t('Revenue'), t('Lines')], [
    ...r.revenue.byCategoryAndUse.map((x) => [code(x.category), code(x.useType), x.currency, money(x.amount, x.currency), L.count(x.lines)]),
    ...r.revenue.totals.map((x) => [TOTAL, '', x.currency, money(x.amount, x.currency), L.count(x.lines)]),
  ], [110, 100, 60, '*', 50], L, { right: [3, 4], boldWhen: (row) => row[0] === TOTAL });

  section(doc, t('2. Deductions and management costs'), t('Annex 2(b)(v)-(vi)'), r.deductions.coverage, L);
  table(doc, [t('Kind'), t('Category'), t('Currency'), t('Amount'), t('Lines')], [
    ...r.deductions.byKindAndCategory.map((x) => [code(x.kind), code(x.category), x.currency, money(x.amount, x.currency), L.count(x.lines)]),
    ...r.deductions.totals.map((x) => [`${TOTAL} ${code(x.kind)}`, '', x.currency, money(x.amount, x.currency), L.count(x.lines)]),
  ], [110, 100, 60, '*', 50], L, { right: [3, 4], boldWhen: (row) => row[0]!.startsWith(TOTAL) });
  table(doc, [t('Currency'), t('Management costs'), t('Revenue'), t('Cost ratio')], r.deductions.managementCosts.map((x) => [x.currency, money(x.managementCosts, x.currency), money(x.revenue, x.currency), percent(x.ratioPercent, t('no revenue'))]), [60, '*', '*', 90], L, { right: [1, 2, 3] });

  section(doc, t('3. Special report on social, cultural and educational deductions'), t('Annex 1(h) and 3'), r.socialCultural.coverage, L);
  table(doc, [t('Currency'), t('Deducted'), t('Lines'), t('Share of revenue')], r.socialCultural.totals.map((x) => [x.currency, money(x.amount, x.currency), L.count(x.lines), percent(x.sharePercentOfRevenue, t('no revenue'))]), [60, '*', 50, 100], L, { right: [1, 2, 3] });
  table(doc, [t('Quarter'), t('Deduction'), t('Category'), t('Currency'), t('Amount'), t('Description (use)')], r.socialCultural.lines.map((l) => [l.period, l.deductionId, code(l.category), l.currency, money(l.amount, l.currency), l.description]), [45, 60, 70, 45, 70, '*'], L, { right: [4] });

  section(doc, t('4. Amounts due to rights holders'), t('Annex 2(c)(i)-(v)'), r.rightsHolders.coverage, L);
  table(doc, [t('Category'), t('Type of use'), t('Cur.'), t('Gross'), t('Net'), t('Paid'), t('Unpaid'), t('Unidentified'), t('Lines')], [
    ...r.rightsHolders.byCategoryAndUse.map((x) => [code(x.category), code(x.useType), x.currency, money(x.gross, x.currency), money(x.net, x.currency), money(x.paid, x.currency), money(x.unpaid, x.currency), money(x.unidentified, x.currency), L.count(x.lines)]),
    ...r.rightsHolders.totals.map((x) => [TOTAL, '', x.currency, money(x.gross, x.currency), money(x.net, x.currency), money(x.paid, x.currency), money(x.unpaid, x.currency), money(x.unidentified, x.currency), L.count(x.lines)]),
  ], [62, 52, 30, '*', '*', '*', '*', '*', 34], L, { right: [3, 4, 5, 6, 7, 8], boldWhen: (row) => row[0] === TOTAL });
  note(doc, t('Gross: attributed; net: after management fees and other deductions on the lines. Paid: net of the lines paid; unpaid: attributed to identified rights holders, not paid yet; unidentified: collected but not attributed to an identified rights holder.'));
  subheading(doc, t.plural(r.rightsHolders.payments.days, 'Frequency of payments: {n} payment day', 'Frequency of payments: {n} payment days'));
  table(doc, [t('Paid on'), t('Category'), t('Type of use'), t('Currency'), t('Net paid'), t('Lines')], r.rightsHolders.payments.dates.map((d) => [L.date(d.paidOn), code(d.category), code(d.useType), d.currency, money(d.net, d.currency), L.count(d.lines)]), [70, 80, 70, 50, '*', 50], L, { right: [4, 5] });

  section(doc, t('5. Undistributed and non-distributable amounts'), t('Annex 2(c)(iv), (vi)-(vii)'), r.undistributed.coverage, L);
  table(doc, [t('Category'), t('Collected in'), t('Cur.'), t('Amount'), t('Non-distributable'), t('Reason'), t('Decided use')], r.undistributed.items.map((x) => [code(x.category), String(x.fyOfCollection), x.currency, money(x.amount, x.currency), x.nonDistributable ? t('yes') : t('no'), x.reason, x.decidedUse ?? '-']), [62, 50, 30, 70, 55, '*', '*'], L, { right: [3] });
  table(doc, [t('Currency'), t('Undistributed'), t('Non-distributable')], r.undistributed.totals.map((x) => [x.currency, money(x.undistributed, x.currency), money(x.nonDistributable, x.currency)]), [60, '*', '*'], L, { right: [1, 2] });

  section(doc, t('6. Amounts to and from other societies'), t('Annex 2(d)(i)'), r.otherSocieties.coverage, L);
  table(doc, [t('Society (CISAC)'), t('Direction'), t('Category'), t('Cur.'), t('Amount'), t('Paid'), t('Due')], [
    ...r.otherSocieties.flows.map((x) => [x.counterpartyCisac, x.direction === 'out' ? t('to it') : t('from it'), code(x.category), x.currency, money(x.amount, x.currency), money(x.paid, x.currency), money(x.due, x.currency)]),
    ...r.otherSocieties.totals.map((x) => [x.direction === 'out' ? t('Total to others') : t('Total from others'), '', '', x.currency, money(x.amount, x.currency), money(x.paid, x.currency), money(x.due, x.currency)]),
  ], [80, 50, 70, 30, '*', '*', '*'], L, { right: [4, 5, 6], boldWhen: (row) => row[0] === t('Total to others') || row[0] === t('Total from others') });

  section(doc, t('7. Management without a mandate (non-contractual)'), t('RULES.md "Mandates"; Directive Art. 5'), r.nonContractual.coverage, L);
  table(doc, [t('Currency'), t('Gross attributed'), t('Net'), t('Lines'), t('Share of gross')], r.nonContractual.byCurrency.map((x) => [x.currency, money(x.gross, x.currency), money(x.net, x.currency), L.count(x.lines), percent(x.sharePercentOfGross, '-')]), [60, '*', '*', 50, 80], L, { right: [1, 2, 3, 4] });
  note(doc, t('{holders} of {identified} identified rights holders with lines in the year managed without a mandate; {unidentified} unidentified lines without a mandate.', {
    holders: L.count(r.nonContractual.rightsHolders),
    identified: L.count(r.nonContractual.identifiedRightsHolders),
    unidentified: L.count(r.nonContractual.unidentifiedLines),
  }));
  if (r.nonContractual.verifiedByCurrency) {
    note(doc, t('Above: as the society declared its lines. Below: as the mandate register says (each line judged when its package committed).'));
    table(doc, [t('Currency'), t('Gross, verified'), t('Net'), t('Lines'), t('Share of gross')], r.nonContractual.verifiedByCurrency.map((x) => [x.currency, money(x.gross, x.currency), money(x.net, x.currency), L.count(x.lines), percent(x.sharePercentOfGross, '-')]), [60, '*', '*', 50, 80], L, { right: [1, 2, 3, 4] });
    note(doc, t('{holders} identified rights holders without a mandate according to the register; {older} lines committed before statuses were derived (counted as declared).', {
      holders: L.count(r.nonContractual.verifiedRightsHolders),
      older: L.count(r.nonContractual.linesWithoutDerivedStatus),
    }));
  }

  const board = r.governance.board;
  section(doc, t('8. The board on {date}', { date: L.date(board.date) }), t('Annex 1(d); Art. 9'), null, L);
  const source =
    board.source.kind === 'board-package'
      ? t('the board package of {period} in the log', { period: board.source.period })
      : board.source.kind === 'registry'
        ? t('the registry (no board package in the log seats anyone that day)')
        : t('nothing: no board package or registry entry seats anyone that day');
  note(doc, t.plural(board.seats, '{n} seat, from {source}.', '{n} seats, from {source}.', { source }));
  table(doc, [t('Constituency'), t('Seats')], board.byConstituency.map((c) => [code(c.constituency), String(c.seats)]), [150, 60], L, { right: [1] });
  table(doc, [t('Member'), t('Name'), t('Constituency'), t('Seated from'), t('to')], board.members.map((m) => [m.memberId, m.name, code(m.constituency), L.date(m.seatFrom), m.seatTo ? L.date(m.seatTo) : t('open')]), [60, '*', 80, 70, 70], L);
  const declarations = r.governance.declarations;
  if (declarations) {
    note(doc, t('Annual declarations of the board members for the year ({legalBasis}), the current version of each as recorded by the head\'s time:', { legalBasis: t(declarations.legalBasis) }));
    table(doc, [t('Member'), t('Version'), t('Cur.'), t('Remuneration'), t('As rights holder'), t('Interests'), t('Conflicts')], declarations.items.map((d) => [d.memberId, String(d.version), d.currency, money(d.remuneration, d.currency), money(d.amountsAsRightholder, d.currency), d.interests, d.conflicts]), [50, 40, 30, 70, 70, '*', '*'], L, { right: [1, 3, 4] });
    table(doc, [t('Currency'), t('Remuneration declared'), t('As rights holders'), t('Declarations')], declarations.totals.map((x) => [x.currency, money(x.remuneration, x.currency), money(x.amountsAsRightholder, x.currency), L.count(x.declarations)]), [60, '*', '*', 70], L, { right: [1, 2, 3] });
    note(doc, declarations.undeclared.length === 0 ? t("Every member on the board at the year's end made a declaration for it.") : t('No declaration for the year from: {members}.', { members: declarations.undeclared.join(', ') }));
  }

  section(doc, t('9. Where the money went, per category'), t('Art. 11; the journal reconciliation'), null, L);
  table(doc, [t('Category'), t('Cur.'), t('Collected'), t('Deductions'), t('Distributed'), t('Other societies'), t('Undistributed'), t('Difference')], r.conservation.categories.map((c) => [code(c.category), c.currency, money(c.collected, c.currency), money(c.deductions, c.currency), money(c.distributed, c.currency), money(c.toOtherSocieties, c.currency), money(c.undistributed, c.currency), money(c.difference, c.currency)]), [62, 30, '*', '*', '*', '*', '*', '*'], L, {
    right: [2, 3, 4, 5, 6, 7],
  });
  note(doc, `${t('Collected (income and money received from other societies) = deductions + net distributed + passed to other societies + set aside as undistributed + difference.')} ${r.conservation.balanced ? t('No category has a difference.') : t('A difference is money the packages of the year do not account for.')}`);

  section(doc, t('10. The packages the figures rest on'), t('Art. 22(1)'), null, L);
  const MISSING = t('MISSING');
  table(doc, [t('Type'), t('Quarter'), t('Required'), t('State'), t('Log index'), t('Entered the log'), t('Versions')], r.completeness.packages.map((p) => [t(p.type), p.period, p.required ? t('yes') : t('no'), p.present ? t('present') : p.required ? MISSING : t('absent'), p.leafIndex === null ? '-' : String(p.leafIndex), p.committedAt ? L.dateTime(p.committedAt) : '-', String(p.submissions)]), [85, 45, 45, 50, 45, '*', 45], L, {
    right: [4, 6],
    color: (row) => (row[3] === MISSING ? COLORS.warn : undefined),
  });

  section(doc, t('11. Not in the ledger'), t('Annex 1'), null, L);
  for (const n of r.notCovered) note(doc, `• ${t(n)}`);
}

function section(doc: Doc, title: string, source: string, coverage: Coverage | null, L: PdfLocale): void {
  const { t } = L;
  if (doc.y > PAGE.height - PAGE.margin - 140) doc.addPage();
  else doc.moveDown(0.8);
  heading(doc, title, 12);
  let text = source;
  if (coverage) {
    text += ` · ${t('from the {type} packages of {quarters}', { type: t(coverage.type), quarters: coverage.periods.length > 0 ? coverage.periods.join(', ') : t('no quarter') })}`;
    if (coverage.missing.length > 0) text += ` · ${t('MISSING {quarters}: not counted', { quarters: coverage.missing.join(', ') })}`;
  }
  doc.fillColor(coverage && coverage.missing.length > 0 ? COLORS.warn : COLORS.grey).font(FONT.regular).fontSize(8).text(text, { width: CONTENT });
  doc.moveDown(0.4);
}

function note(doc: Doc, text: string): void {
  doc.x = PAGE.margin;
  doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(8).text(text, { width: CONTENT });
  doc.moveDown(0.5);
}

function keyValues(doc: Doc, rows: [string, string][]): void {
  table(doc, null, rows, [130, '*'], null);
}

/** A table through PDFKit's table layout (it continues on a new page when it must); "(none)" for no rows. */
function table(
  doc: Doc,
  header: string[] | null,
  rows: string[][],
  widths: (number | '*')[],
  L: PdfLocale | null,
  options: { right?: number[]; boldWhen?: (row: string[]) => boolean; color?: (row: string[]) => string | undefined } = {},
): void {
  doc.x = PAGE.margin;
  if (rows.length === 0) {
    doc.fillColor(COLORS.grey).font(FONT.oblique).fontSize(8).text(L ? L.t('(none)') : '(none)');
    doc.moveDown(0.5);
    return;
  }
  const fit = fitColumns(doc, header, rows, widths, 7.5);
  doc.font(FONT.regular).fontSize(fit.size).fillColor(COLORS.ink);
  const data: PDFKit.Mixins.CellOptions[][] = [];
  const align = (j: number) => (options.right?.includes(j) ? 'right' : 'left');
  if (header) data.push(header.map((h, j) => ({ text: h, backgroundColor: COLORS.shade, font: { src: FONT.bold, size: fit.size }, type: 'TH' as const, align: { x: align(j) } })));
  for (const r of rows) {
    const bold = options.boldWhen?.(r) ?? false;
    const color = options.color?.(r);
    data.push(r.map((c, j) => ({ text: c, textColor: color ?? COLORS.ink, font: { src: bold || color ? FONT.bold : FONT.regular, size: fit.size }, align: { x: align(j) } })));
  }
  doc.table({
    position: { x: PAGE.margin },
    maxWidth: CONTENT,
    columnStyles: fit.widths,
    defaultStyle: { border: 0.4, borderColor: COLORS.rule, padding: [2, 3, 2, 3] },
    data,
  });
  doc.x = PAGE.margin;
  doc.moveDown(0.5);
}

function pageNumbers(doc: Doc, r: TransparencyReport, L: PdfLocale): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Written in the bottom margin: without lifting it, PDFKit would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footer = L.t('{society} · transparency report FY {year} · log tree size {size} · page {page} of {pages}', { society: r.society.name, year: r.financialYear, size: r.head.treeSize, page: i + 1, pages: range.count });
    doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(7).text(footer, PAGE.margin, PAGE.height - PAGE.margin + 18, { width: CONTENT, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
