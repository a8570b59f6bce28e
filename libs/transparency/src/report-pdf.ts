/**
 * The transparency report as a PDF (A4) a society can publish: what it was computed
 * from (the signed head, the JSON's SHA-256) and whether the data is complete first,
 * then a section per Annex item with its tables, the money flows per category, the
 * packages each figure rests on and the Annex items the ledger does not hold.
 *
 * Deterministic, like the audit report's PDF (libs/audit/src/report/pdf.ts): the
 * document's dates come from the signed head (the start of the financial year for an
 * empty log), never the clock, so the same report gives the same bytes. Text is set in
 * the audit PDF's embedded DejaVu Sans (FONT), so names in Cyrillic, Greek or any Latin
 * script print as written.
 *
 * No NestJS, no database.
 */
import { CONTENT, fitColumns, FONT, heading, PAGE, reportDocument, subheading } from '../../audit/src/report/pdf.js';
import type { Coverage, TransparencyReport } from './report.js';

const COLORS = { ok: '#2e7d32', warn: '#c62828', ink: '#111111', grey: '#555555', rule: '#bbbbbb', shade: '#eeeeee' };

type Doc = PDFKit.PDFDocument;

/** Renders the report; `sha256` is the hex SHA-256 of its canonical JSON, printed on the first page. */
export function transparencyPdf(r: TransparencyReport, sha256: string): Promise<Buffer> {
  const created = r.head.timestamp ? new Date(r.head.timestamp) : new Date(`${r.period.from}T00:00:00Z`);
  const { doc, bytes } = reportDocument({
    title: `Transparency report of ${r.society.name}, financial year ${r.financialYear}`,
    subject: `Transparency report ${sha256}`,
    creator: 'Collective Ledger transparency report',
    created,
  });
  cover(doc, r, sha256);
  sections(doc, r);
  pageNumbers(doc, r);
  doc.end();
  return bytes;
}

function cover(doc: Doc, r: TransparencyReport, sha256: string): void {
  doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(9).text('COLLECTIVE LEDGER · ANNUAL TRANSPARENCY REPORT', { characterSpacing: 1 });
  doc.moveDown(0.4);
  doc.fillColor(COLORS.ink).font(FONT.bold).fontSize(20).text(r.society.name);
  doc.font(FONT.regular).fontSize(11).fillColor(COLORS.grey).text(
    `CISAC ${r.society.cisacCode} · ${r.society.country} · accounts in ${r.society.currency} · financial year ${r.financialYear}: ${r.period.from} to ${r.period.to}`,
  );
  doc.fontSize(9).text(`${r.legalBasis}; to be published by ${r.publicationDeadline}`);
  doc.moveDown(1);

  const missing = r.completeness.missing;
  const boxY = doc.y;
  const byType = [...new Set(missing.map((m) => m.type))].map((t) => `${t} (${missing.filter((m) => m.type === t).map((m) => m.period).join(', ')})`).join('; ');
  const detail = missing.length === 0 ? `Every required package (${r.completeness.requiredTypes.join(', ')}) of ${r.quarters.join(', ')} is in the log.` : `Missing: ${byType}. The figures below leave these quarters out.`;
  doc.font(FONT.regular).fontSize(9);
  const detailHeight = doc.heightOfString(detail, { width: CONTENT - 24 });
  doc.rect(PAGE.margin, boxY, CONTENT, 30 + detailHeight).fill(missing.length === 0 ? '#e8f3e9' : '#fbe9e9');
  doc.fillColor(missing.length === 0 ? COLORS.ok : COLORS.warn).font(FONT.bold).fontSize(13).text(missing.length === 0 ? 'The data of the year is complete' : 'The data of the year is incomplete', PAGE.margin + 12, boxY + 8);
  doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(9).text(detail, PAGE.margin + 12, boxY + 25, { width: CONTENT - 24 });
  doc.x = PAGE.margin;
  doc.y = boxY + 30 + detailHeight + 12;

  heading(doc, 'Computed from', 12);
  const h = r.head;
  keyValues(doc, [
    ['Society log head', h.treeSize > 0 ? `tree size ${h.treeSize}, signed ${h.timestamp} by key ${h.keyId}` : 'the log is empty (no signed head): nothing committed'],
    ['Root hash', h.rootHash ?? '-'],
    ['Report SHA-256', sha256],
  ]);
  note(
    doc,
    'Only packages in the log at this head count, and of each type and quarter only the current one (a corrected package is replaced by its correction). ' +
      `The SHA-256 is that of the report as RFC 8785 canonical JSON (GET /v1/societies/${r.society.id}/transparency-report?financialYear=${r.financialYear}&asOfTreeSize=${h.treeSize} gives the same bytes). ` +
      'Amounts are exact decimals, per currency, as the packages report them.',
  );
}

function sections(doc: Doc, r: TransparencyReport): void {
  section(doc, '1. Rights revenue per category of rights and type of use', 'Annex 2(a)', r.revenue.coverage);
  table(doc, ['Category', 'Type of use', 'Currency', 'Revenue', 'Lines'], [
    ...r.revenue.byCategoryAndUse.map((x) => [x.category, x.useType, x.currency, x.amount, String(x.lines)]),
    ...r.revenue.totals.map((x) => ['Total', '', x.currency, x.amount, String(x.lines)]),
  ], [110, 100, 60, '*', 50], { right: [3, 4], boldWhen: (row) => row[0] === 'Total' });

  section(doc, '2. Deductions and management costs', 'Annex 2(b)(v)-(vi)', r.deductions.coverage);
  table(doc, ['Kind', 'Category', 'Currency', 'Amount', 'Lines'], [
    ...r.deductions.byKindAndCategory.map((x) => [x.kind, x.category, x.currency, x.amount, String(x.lines)]),
    ...r.deductions.totals.map((x) => [`Total ${x.kind}`, '', x.currency, x.amount, String(x.lines)]),
  ], [110, 100, 60, '*', 50], { right: [3, 4], boldWhen: (row) => row[0]!.startsWith('Total') });
  table(doc, ['Currency', 'Management costs', 'Revenue', 'Cost ratio'], r.deductions.managementCosts.map((x) => [x.currency, x.managementCosts, x.revenue, x.ratioPercent === null ? 'no revenue' : `${x.ratioPercent} %`]), [60, '*', '*', 90], { right: [1, 2, 3] });

  section(doc, '3. Special report on social, cultural and educational deductions', 'Annex 1(h) and 3', r.socialCultural.coverage);
  table(doc, ['Currency', 'Deducted', 'Lines', 'Share of revenue'], r.socialCultural.totals.map((x) => [x.currency, x.amount, String(x.lines), x.sharePercentOfRevenue === null ? 'no revenue' : `${x.sharePercentOfRevenue} %`]), [60, '*', 50, 100], { right: [1, 2, 3] });
  table(doc, ['Quarter', 'Deduction', 'Category', 'Currency', 'Amount', 'Description (use)'], r.socialCultural.lines.map((l) => [l.period, l.deductionId, l.category, l.currency, l.amount, l.description]), [45, 60, 70, 45, 70, '*'], { right: [4] });

  section(doc, '4. Amounts due to rights holders', 'Annex 2(c)(i)-(v)', r.rightsHolders.coverage);
  table(doc, ['Category', 'Type of use', 'Cur.', 'Gross', 'Net', 'Paid', 'Unpaid', 'Unidentified', 'Lines'], [
    ...r.rightsHolders.byCategoryAndUse.map((x) => [x.category, x.useType, x.currency, x.gross, x.net, x.paid, x.unpaid, x.unidentified, String(x.lines)]),
    ...r.rightsHolders.totals.map((x) => ['Total', '', x.currency, x.gross, x.net, x.paid, x.unpaid, x.unidentified, String(x.lines)]),
  ], [62, 52, 30, '*', '*', '*', '*', '*', 34], { right: [3, 4, 5, 6, 7, 8], boldWhen: (row) => row[0] === 'Total' });
  note(doc, 'Gross: attributed; net: after management fees and other deductions on the lines. Paid: net of the lines paid; unpaid: attributed to identified rights holders, not paid yet; unidentified: collected but not attributed to an identified rights holder.');
  subheading(doc, `Frequency of payments: ${r.rightsHolders.payments.days} payment day(s)`);
  table(doc, ['Paid on', 'Category', 'Type of use', 'Currency', 'Net paid', 'Lines'], r.rightsHolders.payments.dates.map((d) => [d.paidOn, d.category, d.useType, d.currency, d.net, String(d.lines)]), [70, 80, 70, 50, '*', 50], { right: [4, 5] });

  section(doc, '5. Undistributed and non-distributable amounts', 'Annex 2(c)(iv), (vi)-(vii)', r.undistributed.coverage);
  table(doc, ['Category', 'Collected in', 'Cur.', 'Amount', 'Non-distributable', 'Reason', 'Decided use'], r.undistributed.items.map((x) => [x.category, String(x.fyOfCollection), x.currency, x.amount, x.nonDistributable ? 'yes' : 'no', x.reason, x.decidedUse ?? '-']), [62, 50, 30, 70, 55, '*', '*'], { right: [3] });
  table(doc, ['Currency', 'Undistributed', 'Non-distributable'], r.undistributed.totals.map((x) => [x.currency, x.undistributed, x.nonDistributable]), [60, '*', '*'], { right: [1, 2] });

  section(doc, '6. Amounts to and from other societies', 'Annex 2(d)(i)', r.otherSocieties.coverage);
  table(doc, ['Society (CISAC)', 'Direction', 'Category', 'Cur.', 'Amount', 'Paid', 'Due'], [
    ...r.otherSocieties.flows.map((x) => [x.counterpartyCisac, x.direction === 'out' ? 'to it' : 'from it', x.category, x.currency, x.amount, x.paid, x.due]),
    ...r.otherSocieties.totals.map((x) => [`Total ${x.direction === 'out' ? 'to' : 'from'} others`, '', '', x.currency, x.amount, x.paid, x.due]),
  ], [80, 50, 70, 30, '*', '*', '*'], { right: [4, 5, 6], boldWhen: (row) => row[0]!.startsWith('Total') });

  section(doc, '7. Management without a mandate (non-contractual)', 'RULES.md "Mandates"; Directive Art. 5', r.nonContractual.coverage);
  table(doc, ['Currency', 'Gross attributed', 'Net', 'Lines', 'Share of gross'], r.nonContractual.byCurrency.map((x) => [x.currency, x.gross, x.net, String(x.lines), x.sharePercentOfGross === null ? '-' : `${x.sharePercentOfGross} %`]), [60, '*', '*', 50, 80], { right: [1, 2, 3, 4] });
  note(doc, `${r.nonContractual.rightsHolders} identified rights holder(s) managed without a mandate, of ${r.nonContractual.identifiedRightsHolders} identified rights holder(s) with lines in the year; ${r.nonContractual.unidentifiedLines} unidentified line(s) without a mandate.`);
  if (r.nonContractual.verifiedByCurrency) {
    note(doc, 'Above: as the society declared its lines. Below: as the mandate register says (each line judged when its package committed).');
    table(doc, ['Currency', 'Gross, verified', 'Net', 'Lines', 'Share of gross'], r.nonContractual.verifiedByCurrency.map((x) => [x.currency, x.gross, x.net, String(x.lines), x.sharePercentOfGross === null ? '-' : `${x.sharePercentOfGross} %`]), [60, '*', '*', 50, 80], { right: [1, 2, 3, 4] });
    note(doc, `${r.nonContractual.verifiedRightsHolders} identified rights holder(s) without a mandate according to the register; ${r.nonContractual.linesWithoutDerivedStatus} line(s) committed before statuses were derived (counted as declared).`);
  }

  const board = r.governance.board;
  section(doc, `8. The board on ${board.date}`, 'Annex 1(d); Art. 9', null);
  const source = board.source.kind === 'board-package' ? `the board package of ${board.source.period} in the log` : board.source.kind === 'registry' ? 'the registry (no board package in the log seats anyone that day)' : 'nothing: no board package or registry entry seats anyone that day';
  note(doc, `${board.seats} seat(s), from ${source}.`);
  table(doc, ['Constituency', 'Seats'], board.byConstituency.map((c) => [c.constituency, String(c.seats)]), [150, 60], { right: [1] });
  table(doc, ['Member', 'Name', 'Constituency', 'Seated from', 'to'], board.members.map((m) => [m.memberId, m.name, m.constituency, m.seatFrom, m.seatTo ?? 'open']), [60, '*', 80, 70, 70]);
  const declarations = r.governance.declarations;
  if (declarations) {
    note(doc, `Annual declarations of the board members for the year (${declarations.legalBasis}), the current version of each as recorded by the head's time:`);
    table(doc, ['Member', 'Version', 'Cur.', 'Remuneration', 'As rights holder', 'Interests', 'Conflicts'], declarations.items.map((d) => [d.memberId, String(d.version), d.currency, d.remuneration, d.amountsAsRightholder, d.interests, d.conflicts]), [50, 40, 30, 70, 70, '*', '*'], { right: [1, 3, 4] });
    table(doc, ['Currency', 'Remuneration declared', 'As rights holders', 'Declarations'], declarations.totals.map((t) => [t.currency, t.remuneration, t.amountsAsRightholder, String(t.declarations)]), [60, '*', '*', 70], { right: [1, 2, 3] });
    note(doc, declarations.undeclared.length === 0 ? 'Every member on the board at the year\'s end made a declaration for it.' : `No declaration for the year from: ${declarations.undeclared.join(', ')}.`);
  }

  section(doc, '9. Where the money went, per category', 'Art. 11; the journal reconciliation', null);
  table(doc, ['Category', 'Cur.', 'Collected', 'Deductions', 'Distributed', 'Other societies', 'Undistributed', 'Difference'], r.conservation.categories.map((c) => [c.category, c.currency, c.collected, c.deductions, c.distributed, c.toOtherSocieties, c.undistributed, c.difference]), [62, 30, '*', '*', '*', '*', '*', '*'], {
    right: [2, 3, 4, 5, 6, 7],
  });
  note(doc, `Collected (income and money received from other societies) = deductions + net distributed + passed to other societies + set aside as undistributed + difference. ${r.conservation.balanced ? 'No category has a difference.' : 'A difference is money the packages of the year do not account for.'}`);

  section(doc, '10. The packages the figures rest on', 'Art. 22(1)', null);
  table(doc, ['Type', 'Quarter', 'Required', 'State', 'Log index', 'Entered the log', 'Versions'], r.completeness.packages.map((p) => [p.type, p.period, p.required ? 'yes' : 'no', p.present ? 'present' : p.required ? 'MISSING' : 'absent', p.leafIndex === null ? '-' : String(p.leafIndex), p.committedAt ?? '-', String(p.submissions)]), [85, 45, 45, 50, 45, '*', 45], {
    right: [4, 6],
    color: (row) => (row[3] === 'MISSING' ? COLORS.warn : undefined),
  });

  section(doc, '11. Not in the ledger', 'Annex 1', null);
  for (const n of r.notCovered) note(doc, `• ${n}`);
}

function section(doc: Doc, title: string, source: string, coverage: Coverage | null): void {
  if (doc.y > PAGE.height - PAGE.margin - 140) doc.addPage();
  else doc.moveDown(0.8);
  heading(doc, title, 12);
  let text = source;
  if (coverage) {
    text += ` · from the ${coverage.type} packages of ${coverage.periods.length > 0 ? coverage.periods.join(', ') : 'no quarter'}`;
    if (coverage.missing.length > 0) text += ` · MISSING ${coverage.missing.join(', ')}: not counted`;
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
  table(doc, null, rows, [130, '*']);
}

/** A table through PDFKit's table layout (it continues on a new page when it must); "(none)" for no rows. */
function table(
  doc: Doc,
  header: string[] | null,
  rows: string[][],
  widths: (number | '*')[],
  options: { right?: number[]; boldWhen?: (row: string[]) => boolean; color?: (row: string[]) => string | undefined } = {},
): void {
  doc.x = PAGE.margin;
  if (rows.length === 0) {
    doc.fillColor(COLORS.grey).font(FONT.oblique).fontSize(8).text('(none)');
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

function pageNumbers(doc: Doc, r: TransparencyReport): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Written in the bottom margin: without lifting it, PDFKit would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footer = `${r.society.name} · transparency report FY ${r.financialYear} · log tree size ${r.head.treeSize} · page ${i + 1} of ${range.count}`;
    doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(7).text(footer, PAGE.margin, PAGE.height - PAGE.margin + 18, { width: CONTENT, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
