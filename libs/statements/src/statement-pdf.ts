/**
 * A statement as a PDF (A4): a summary over all societies, then per society its
 * amounts by category of rights and type of use, its mandates and non-contractual
 * part, and the signed log head (tree size, root hash, key id) it was built from; then
 * every exchange rate used and how to check each line against the log.
 *
 * Text is set in the report PDFs' embedded DejaVu Sans and DejaVu Sans Mono (FONT, from
 * the dejavu-fonts-ttf package, never the system's), so names in Cyrillic, Greek or any
 * Latin script print as written. No NestJS, no database.
 */
import PDFDocument from 'pdfkit';
import { FONT, pdfBytes, useReportFonts } from '../../audit/src/report/pdf.js';
import type { Statement, SocietyStatement } from './statement.js';

const GREY = '#555555';
const RULE = '#bbbbbb';
const SHADE = '#f0f0f0';
const OVERDUE = '#a40000';
const OVERDUE_FILL = '#fde8e8';

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

/** Renders the statement; resolves to the PDF bytes. */
export function statementPdf(s: Statement, options: { linesUrl: string }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 50, right: 50 },
    info: { Title: `Statement ${s.year}: ${s.rightsHolderName}`, Subject: 'Rights-holder statement (Directive 2014/26/EU Art. 18)', Creator: 'Collective Ledger' },
    bufferPages: true,
  });
  const done = pdfBytes(doc);
  useReportFonts(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const heading = (text: string, size = 13) => {
    ensure(size + 30);
    doc.moveDown(0.6).font(FONT.bold).fontSize(size).fillColor('black').text(text, left, doc.y, { width });
    doc.moveDown(0.2);
  };
  const line = (label: string, value: string, font: 'regular' | 'mono' = 'regular') => {
    ensure(14);
    const y = doc.y;
    doc.font(FONT.regular).fontSize(9).fillColor(GREY).text(label, left, y, { width: 110 });
    doc.font(FONT[font]).fontSize(font === 'mono' ? 8 : 9).fillColor('black').text(value, left + 115, y, { width: width - 115 });
    doc.y = Math.max(doc.y, y + 12);
  };
  /** A table whose rows grow to fit their longest cell; the header repeats on a new page. */
  const table = (columns: Column[], rows: string[][], options: { boldLast?: boolean } = {}) => {
    const pad = 3;
    const tableWidth = columns.reduce((n, c) => n + c.width, 0);
    const heightOf = (cells: string[], font: 'regular' | 'bold', size: number) => {
      doc.font(FONT[font]).fontSize(size);
      return Math.max(14, ...cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i].width - 2 * pad }) + 2 * pad + 1));
    };
    const drawRow = (cells: string[], font: 'regular' | 'bold', size: number, shade: boolean) => {
      const height = heightOf(cells, font, size);
      if (doc.y + height > bottom()) return false;
      const y = doc.y;
      if (shade) doc.rect(left, y, tableWidth, height).fill(SHADE);
      let x = left;
      cells.forEach((cell, i) => {
        const c = columns[i];
        doc.font(FONT[font]).fontSize(size).fillColor('black').text(cell, x + pad, y + pad + 1, { width: c.width - 2 * pad, align: c.align });
        x += c.width;
      });
      if (!shade) doc.moveTo(left, y + height).lineTo(left + tableWidth, y + height).lineWidth(0.5).strokeColor(RULE).stroke();
      doc.y = y + height;
      return true;
    };
    const header = columns.map((c) => c.title);
    // An amount is never broken across lines: the rows are set smaller (not below 6 pt) when the widest would not fit its column.
    doc.font(FONT.bold).fontSize(8);
    const fits = rows.flatMap((row) => row.map((cell, i) => (columns[i].align === 'right' ? (8 * (columns[i].width - 2 * pad - 1)) / Math.max(1, doc.widthOfString(cell)) : 8)));
    const size = Math.floor(Math.max(6, Math.min(8, ...fits)) * 10) / 10;
    ensure(heightOf(header, 'bold', 7) + 16);
    drawRow(header, 'bold', 7, true);
    rows.forEach((row, r) => {
      const font = options.boldLast && r === rows.length - 1 ? 'bold' : 'regular';
      if (!drawRow(row, font, size, false)) {
        doc.addPage();
        drawRow(header, 'bold', 7, true);
        drawRow(row, font, size, false);
      }
    });
    doc.x = left;
    doc.moveDown(0.5);
  };
  const amountColumns = (first: Column[]): Column[] => {
    const rest = width - first.reduce((n, c) => n + c.width, 0) - 34;
    const each = rest / 5;
    return [
      ...first,
      ...['Attributed', 'Management fees', 'Other deductions', 'Paid', 'Outstanding'].map((title) => ({ title, width: each, align: 'right' as const })),
      { title: 'Lines', width: 34, align: 'right' },
    ];
  };

  // Title and holder.
  doc.font(FONT.bold).fontSize(18).fillColor('black').text(`Statement ${s.year}`, left, doc.y, { width });
  doc.font(FONT.regular).fontSize(10).fillColor(GREY).text('What each collecting society attributed, deducted and paid (Directive 2014/26/EU, Art. 18)', { width });
  doc.moveDown(0.6);
  line('Rights holder', s.rightsHolderName);
  line('IPI name number', s.rightsHolderIpi ?? '—');
  line('Rights holder id', s.rightsHolderId, 'mono');
  line('Year of use', `${s.year} (lines whose use ended in ${s.year})`);
  line('Currency', `${s.currency} (every amount converted line by line; rates listed at the end)`);

  heading('Summary');
  const summaryColumns = amountColumns([{ title: 'Society', width: 140, align: 'left' }]);
  table(
    summaryColumns,
    [
      ...s.societies.map((so) => [so.societyName, so.revenueAttributed, so.managementFees, so.otherDeductions, so.paidTotal, so.outstanding, String(so.lines)]),
      ['Total', s.totals.revenueAttributed, s.totals.managementFees, s.totals.otherDeductions, s.totals.paid, s.totals.outstanding, String(s.totals.lines)],
    ],
    { boldLast: true },
  );
  if (s.overdue.lines > 0) overdueBox();
  if (s.societies.length === 0) {
    doc.font(FONT.regular).fontSize(9).fillColor(GREY).text(`No society attributed anything to this rights holder for ${s.year} or held a mandate for it that year.`, left, doc.y, { width });
  }

  for (const so of s.societies) societySection(so);

  heading('Exchange rates used');
  if (s.rates.length === 0) {
    doc.font(FONT.regular).fontSize(9).fillColor('black').text(`None: every line was in ${s.currency}.`, left, doc.y, { width });
  } else {
    table(
      [
        { title: 'Currency', width: 80, align: 'left' },
        { title: 'Rate date', width: 100, align: 'left' },
        { title: 'Value of one unit in EUR', width: 160, align: 'right' },
      ],
      s.rates.map((r) => [r.currency, r.rateDate, r.rateToEur]),
    );
  }

  ensure(90); // the heading with its first note, not alone at the foot of a page
  heading('How the amounts are computed and checked', 11);
  const notes = [
    `A line belongs to ${s.year} when its period of use ends in ${s.year}. Paid = net of the lines paid; outstanding = net of the lines attributed but not paid yet.`,
    `Each line is converted on its own: amount × (its currency's rate to EUR) ÷ (${s.currency}'s rate to EUR), with the last rate recorded on or before the payment day (for unpaid lines, the last day of use), rounded once, half to even, to the minor unit of ${s.currency}; its net is gross − fees − other deductions. Every total is the plain sum of those converted lines.`,
    `Every line, with its proof of inclusion in the society's signed log, is listed at ${options.linesUrl}. Check a proof offline with \`ledger verify --proof FILE --keys KEYS\` against the head printed for the society above.`,
  ];
  for (const n of notes) {
    ensure(40);
    doc.font(FONT.regular).fontSize(8.5).fillColor('black').text(n, left, doc.y, { width, align: 'left' });
    doc.moveDown(0.4);
  }

  // Page numbers.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT.regular).fontSize(7).fillColor(GREY).text(`${s.rightsHolderName} · statement ${s.year} · page ${i + 1} of ${range.count}`, left, doc.page.height - 35, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = savedBottom;
  }
  doc.end();
  return done;

  /** Money overdue (Art. 13(1)), highlighted: per society and in total, on the day the statement was made. */
  function overdueBox(): void {
    const rows = s.societies.filter((so) => so.overdue.lines > 0);
    const height = 34 + 13 * (rows.length + 1);
    ensure(height + 10);
    doc.moveDown(0.5);
    const top = doc.y;
    doc.save().rect(left, top, width, height).fillAndStroke(OVERDUE_FILL, OVERDUE).restore();
    doc.font(FONT.bold).fontSize(10).fillColor(OVERDUE)
      .text(`Overdue on ${s.asOf}: ${s.overdue.amount} ${s.currency} on ${s.overdue.lines} unpaid line(s) past the Art. 13 deadline`, left + 8, top + 6, { width: width - 16 });
    doc.font(FONT.regular).fontSize(8.5).fillColor('black')
      .text('Directive 2014/26/EU Art. 13(1): distribution no later than nine months after the end of the financial year of collection.', left + 8, doc.y + 1, { width: width - 16 });
    for (const so of rows) {
      doc.text(`${so.societyName}: ${so.overdue.amount} ${s.currency}, ${so.overdue.lines} line(s), due since ${so.overdue.oldestDeadline} (${so.overdue.maxOverdueDays} days)`, left + 8, doc.y + 1, { width: width - 16 });
    }
    doc.y = top + height + 4;
    doc.fillColor('black');
  }

  function societySection(so: SocietyStatement): void {
    // Keep a society's details and its table on one page when they fit on one.
    const estimate = 110 + 24 * so.mandates.length + 18 * (so.byUse.length + 2);
    if (estimate < bottom() - doc.page.margins.top) ensure(estimate);
    heading(so.societyName);
    line('Society id', so.societyId, 'mono');
    line('Period of use', so.periodOfUse ? `${so.periodOfUse.from} to ${so.periodOfUse.to}` : '— (no line this year)');
    if (so.head) {
      line('Built from log head', `tree size ${so.head.treeSize}, signed ${so.head.timestamp}, key ${so.head.keyId}`);
      line('Root hash', so.head.rootHash, 'mono');
    } else {
      line('Built from log head', '— (nothing committed yet)');
    }
    line('Without a mandate', `declared: ${so.nonContractual.amount} ${s.currency} gross on ${so.nonContractual.lines} line(s); according to the mandate register: ${so.verifiedNonContractual.amount} ${s.currency} on ${so.verifiedNonContractual.lines} line(s)`);
    if (so.overdue.lines > 0) {
      line('OVERDUE (Art. 13)', `${so.overdue.amount} ${s.currency} net on ${so.overdue.lines} unpaid line(s), the oldest due ${so.overdue.oldestDeadline} (${so.overdue.maxOverdueDays} days overdue on ${s.asOf})`);
    }
    if (so.mandates.length === 0) line('Mandates', 'none in the year');
    so.mandates.forEach((m, i) => {
      const territories = m.territories.join(', ') + (m.excludedTerritories.length > 0 ? ` except ${m.excludedTerritories.join(', ')}` : '');
      line(i === 0 ? 'Mandates' : '', `${m.category}, ${m.workType}, ${territories}; ${m.validFrom} to ${m.validTo ?? 'open'}; ${m.basis}${m.exclusive ? ', exclusive' : ''}`);
    });
    doc.moveDown(0.3);
    if (so.byUse.length > 0) {
      table(amountColumns([
        { title: 'Category', width: 88, align: 'left' },
        { title: 'Type of use', width: 80, align: 'left' },
      ]), [
        ...so.byUse.map((u) => [u.category, u.useType, u.revenueAttributed, u.managementFees, u.otherDeductions, u.paid, u.outstanding, String(u.lines)]),
        ['Total', '', so.revenueAttributed, so.managementFees, so.otherDeductions, so.paidTotal, so.outstanding, String(so.lines)],
      ], { boldLast: true });
    }
    if (so.rates.length > 0) {
      ensure(14);
      doc.font(FONT.regular).fontSize(8).fillColor(GREY).text(`Rates: ${so.rates.map((r) => `${r.currency} ${r.rateToEur} EUR on ${r.rateDate}`).join('; ')}`, left, doc.y, { width });
    }
  }
}
