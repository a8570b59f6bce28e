/**
 * A statement as a PDF (A4): a summary over all societies, then per society its
 * amounts by category of rights and type of use, its mandates and non-contractual
 * part, and the signed log head (tree size, root hash, key id) it was built from; then
 * every exchange rate used and how to check each line against the log.
 *
 * Text is set in the report PDFs' embedded DejaVu Sans and DejaVu Sans Mono (FONT, from
 * the dejavu-fonts-ttf package, never the system's), so names in Cyrillic, Greek or any
 * Latin script print as written.
 *
 * In English or Russian (`lang`, statement-pdf.ru.ts): amounts with the language's
 * separators (the statement's amounts already carry the currency's minor units), dates
 * per language. Each society's contact details from the registry are printed with its
 * figures (Art. 18(1)(a)); a rate older than the policy limit when it converted is
 * flagged (RATE_MAX_AGE_DAYS). No NestJS, no database.
 */
import PDFDocument from 'pdfkit';
import { FONT, pdfBytes, pdfLocale, type PdfOptions, useReportFonts } from '../../audit/src/report/pdf.js';
import type { StatementCorrections } from './corrections.js';
import type { Statement, SocietyStatement } from './statement.js';
import { STATEMENT_PDF_RU } from './statement-pdf.ru.js';

const GREY = '#555555';
const RULE = '#bbbbbb';
const SHADE = '#f0f0f0';
const OVERDUE = '#a40000';
const OVERDUE_FILL = '#fde8e8';
const STALE = '#8a5a00';
const STALE_FILL = '#fff4dc';

/** A marker for texts defined here and translated where they are printed (t). */
const msg = (text: string) => text;

/** The names of a distribution line's fields as a correction prints them (translated by the catalogue). */
const CORRECTION_FIELDS: Record<string, string> = {
  lineId: msg('line id'),
  rightsHolderIpi: msg('IPI'),
  rightsHolderName: msg('name'),
  workIswc: msg('ISWC'),
  workTitle: msg('work'),
  category: msg('category'),
  useType: msg('type of use'),
  territory: msg('territory'),
  useFrom: msg('use from'),
  useTo: msg('use to'),
  currency: msg('currency'),
  gross: msg('gross'),
  managementFee: msg('management fee'),
  otherDeductions: msg('other deductions'),
  net: msg('net'),
  status: msg('status'),
  paidOn: msg('paid on'),
  mandateBasis: msg('basis'),
  workType: msg('type of work'),
};
const CORRECTION_AMOUNTS = new Set(['gross', 'managementFee', 'otherDeductions', 'net']);
/** Fields whose values are codes the catalogue translates (paid, performing, radio, …). */
const CORRECTION_CODES = new Set(['category', 'useType', 'status', 'mandateBasis', 'workType']);

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

/** Renders the statement in `options.lang` (English by default); resolves to the PDF bytes. */
export function statementPdf(s: Statement, options: { linesUrl: string } & PdfOptions): Promise<Buffer> {
  const L = pdfLocale(options.lang ?? 'en', STATEMENT_PDF_RU, options.onMissing);
  const { t } = L;
  const money = (amount: string) => L.amount(amount, s.currency);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 50, right: 50 },
    lang: L.lang,
    info: { Title: t('Statement {year}: {holder}', { year: s.year, holder: s.rightsHolderName }), Subject: t('Rights-holder statement (Directive 2014/26/EU Art. 18)'), Creator: t('Collective Ledger') },
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
    doc.font(FONT.regular).fontSize(9).fillColor(GREY).text(label, left, y, { width: 120 });
    const labelBottom = doc.y; // a long label (in Russian) may take two lines
    doc.font(FONT[font]).fontSize(font === 'mono' ? 8 : 9).fillColor('black').text(value, left + 125, y, { width: width - 125 });
    doc.y = Math.max(doc.y, labelBottom, y + 12);
  };
  /** A table whose rows grow to fit their longest cell; the header repeats on a new page. */
  const table = (given: Column[], rows: string[][], options: { boldLast?: boolean } = {}) => {
    const pad = 3;
    // An amount is never broken across lines: the rows are set smaller (not below 6 pt) when
    // the widest would not fit its column, and a column that still needs more room takes it
    // from the text columns (which wrap between words), none of them below 60 pt.
    doc.font(FONT.bold).fontSize(8);
    const fits = rows.flatMap((row) => row.map((cell, i) => (given[i].align === 'right' ? (8 * (given[i].width - 2 * pad - 1)) / Math.max(1, doc.widthOfString(cell)) : 8)));
    const size = Math.floor(Math.max(6, Math.min(8, ...fits)) * 10) / 10;
    doc.font(FONT.bold).fontSize(size);
    const need = given.map((c, i) => (c.align === 'right' ? Math.max(0, ...rows.map((row) => doc.widthOfString(row[i] ?? ''))) + 2 * pad + 1 : 0));
    const lacking = given.reduce((n, c, i) => n + Math.max(0, need[i]! - c.width), 0);
    const spare = given.reduce((n, c) => n + (c.align === 'left' ? Math.max(0, c.width - 60) : 0), 0);
    const take = spare > 0 ? Math.min(1, lacking / spare) : 0;
    const columns = given.map((c, i) => ({ ...c, width: c.align === 'left' ? c.width - Math.max(0, c.width - 60) * take : Math.max(c.width, need[i]!) }));
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
      ...[t('Attributed'), t('Management fees'), t('Other deductions'), t('Paid'), t('Outstanding')].map((title) => ({ title, width: each, align: 'right' as const })),
      { title: t('Lines'), width: 34, align: 'right' },
    ];
  };

  // Title and holder.
  doc.font(FONT.bold).fontSize(18).fillColor('black').text(t('Statement {year}', { year: s.year }), left, doc.y, { width });
  doc.font(FONT.regular).fontSize(10).fillColor(GREY).text(t('What each collecting society attributed, deducted and paid (Directive 2014/26/EU, Art. 18)'), { width });
  doc.moveDown(0.6);
  line(t('Rights holder'), s.rightsHolderName);
  line(t('IPI name number'), s.rightsHolderIpi ?? '—');
  line(t('Rights holder id'), s.rightsHolderId, 'mono');
  line(t('Year of use'), t('{year} (lines whose use ended in {year})', { year: s.year }));
  line(t('Currency'), t('{currency} (every amount converted line by line; rates listed at the end)', { currency: s.currency }));

  heading(t('Summary'));
  const summaryColumns = amountColumns([{ title: t('Society'), width: 140, align: 'left' }]);
  table(
    summaryColumns,
    [
      ...s.societies.map((so) => [so.societyName, money(so.revenueAttributed), money(so.managementFees), money(so.otherDeductions), money(so.paidTotal), money(so.outstanding), L.count(so.lines)]),
      [t('Total'), money(s.totals.revenueAttributed), money(s.totals.managementFees), money(s.totals.otherDeductions), money(s.totals.paid), money(s.totals.outstanding), L.count(s.totals.lines)],
    ],
    { boldLast: true },
  );
  if (s.overdue.lines > 0) overdueBox();
  if (s.staleRates.rates.length > 0) staleRatesBox();
  if (s.corrections && s.corrections.lines > 0) correctionsSection(s.corrections);
  if (s.societies.length === 0) {
    doc.font(FONT.regular).fontSize(9).fillColor(GREY).text(t('No society attributed anything to this rights holder for {year} or held a mandate for it that year.', { year: s.year }), left, doc.y, { width });
  }

  for (const so of s.societies) societySection(so);

  heading(t('Exchange rates used'));
  if (s.rates.length === 0) {
    doc.font(FONT.regular).fontSize(9).fillColor('black').text(t('None: every line was in {currency}.', { currency: s.currency }), left, doc.y, { width });
  } else {
    const stale = new Map(s.staleRates.rates.map((r) => [`${r.currency}@${r.rateDate}`, r]));
    table(
      [
        { title: t('Currency'), width: 70, align: 'left' },
        { title: t('Rate date'), width: 90, align: 'left' },
        { title: t('Value of one unit in EUR'), width: 140, align: 'right' },
        { title: t('Age when used'), width: width - 300, align: 'left' },
      ],
      s.rates.map((r) => {
        const old = stale.get(`${r.currency}@${r.rateDate}`);
        return [
          r.currency,
          L.date(r.rateDate),
          L.decimal(r.rateToEur),
          old ? t.plural(old.ageDays, 'STALE: up to {n} day old', 'STALE: up to {n} days old') : t('within {days} days', { days: s.staleRates.maxAgeDays }),
        ];
      }),
    );
  }

  ensure(90); // the heading with its first note, not alone at the foot of a page
  heading(t('How the amounts are computed and checked'), 11);
  const notes = [
    t('A line belongs to {year} when its period of use ends in {year}. Paid = net of the lines paid; outstanding = net of the lines attributed but not paid yet.', { year: s.year }),
    t(
      "Each line is converted on its own: amount × (its currency's rate to EUR) ÷ ({currency}'s rate to EUR), with the last rate recorded on or before the payment day (for unpaid lines, the last day of use), rounded once, half to even, to the minor unit of {currency}; its net is gross − fees − other deductions. Every total is the plain sum of those converted lines.",
      { currency: s.currency },
    ),
    t(
      'A rate recorded more than {days} days before the day it converts for is marked stale: a policy of this ledger (RATE_MAX_AGE_DAYS), not a rule of law, which sets no exchange-rate method or age.',
      { days: s.staleRates.maxAgeDays },
    ),
    t("Every line, with its proof of inclusion in the society's signed log, is listed at {url}. Check a proof offline with `ledger verify --proof FILE --keys KEYS` against the head printed for the society above.", { url: options.linesUrl }),
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
    doc.font(FONT.regular).fontSize(7).fillColor(GREY).text(t('{holder} · statement {year} · page {page} of {pages}', { holder: s.rightsHolderName, year: s.year, page: i + 1, pages: range.count }), left, doc.page.height - 35, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = savedBottom;
  }
  doc.end();
  return done;

  /** Money overdue (Art. 13(1)), highlighted: per society and in total, on the day the statement was made. */
  function overdueBox(): void {
    const rows = s.societies.filter((so) => so.overdue.lines > 0);
    const texts = [
      t('Directive 2014/26/EU Art. 13(1): distribution no later than nine months after the end of the financial year of collection.'),
      ...rows.map((so) =>
        t.plural(so.overdue.lines, '{society}: {amount} {currency}, {n} line, due since {deadline} ({days} days)', '{society}: {amount} {currency}, {n} lines, due since {deadline} ({days} days)', {
          society: so.societyName,
          amount: money(so.overdue.amount),
          currency: s.currency,
          deadline: so.overdue.oldestDeadline ? L.date(so.overdue.oldestDeadline) : '—',
          days: so.overdue.maxOverdueDays ?? 0,
        }),
      ),
    ];
    const title = t.plural(s.overdue.lines, 'Overdue on {date}: {amount} {currency} on {n} unpaid line past the Art. 13 deadline', 'Overdue on {date}: {amount} {currency} on {n} unpaid lines past the Art. 13 deadline', {
      date: L.date(s.asOf),
      amount: money(s.overdue.amount),
      currency: s.currency,
    });
    box(title, texts, OVERDUE, OVERDUE_FILL);
  }

  /** Rates older than the policy limit when they converted: said where the amounts are, not only in the rate table. */
  function staleRatesBox(): void {
    const texts = [
      t('A policy of this ledger (RATE_MAX_AGE_DAYS, {days} days), not a rule of law: the amounts below were converted with these rates, as the last recorded; a newer rate may give other amounts.', { days: s.staleRates.maxAgeDays }),
      ...s.staleRates.rates.map((r) =>
        t.plural(r.lines, '{currency}: the rate of {rateDate} converted {n} line, for days up to {usedFor} ({age} days later)', '{currency}: the rate of {rateDate} converted {n} lines, for days up to {usedFor} ({age} days later)', {
          currency: r.currency,
          rateDate: L.date(r.rateDate),
          usedFor: L.date(r.usedFor),
          age: r.ageDays,
        }),
      ),
    ];
    box(t('Exchange rates older than {days} days were used', { days: s.staleRates.maxAgeDays }), texts, STALE, STALE_FILL);
  }

  /**
   * The holder's lines that corrections changed (issue 17 item 4): per line, the society,
   * the correcting package and its quarter, and each changed value from → to ("gross
   * 1,000 → 1,200"), as the package's cells are (amounts in the line's own currency).
   */
  function correctionsSection(c: StatementCorrections): void {
    heading(t.plural(c.lines, 'Corrections: {n} line changed by a later package', 'Corrections: {n} lines changed by a later package'));
    const names = new Map(s.societies.map((so) => [so.societyId, so.societyName]));
    const intro = t('A society corrects a quarter by sending a new package that supersedes the one it committed; these are the differences between the two for your lines.');
    ensure(30);
    doc.font(FONT.regular).fontSize(8.5).fillColor('black').text(intro, left, doc.y, { width });
    doc.moveDown(0.3);
    const value = (field: string, v: string | null, currency: string) => {
      if (v === null) return '—';
      // The amount with its currency's minor units, kept on one line with its code.
      if (CORRECTION_AMOUNTS.has(field)) return `${L.amount(v, currency)}\u00a0${currency}`;
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return L.date(v);
      return CORRECTION_CODES.has(field) ? t(v) : v;
    };
    const CHANGE_TEXT = { added: msg('added'), removed: msg('removed'), changed: msg('changed') } as const;
    table(
      [
        { title: t('Society'), width: 100, align: 'left' },
        { title: t('Line'), width: 95, align: 'left' },
        { title: t('Correction'), width: 140, align: 'left' },
        { title: t('What changed'), width: width - 335, align: 'left' },
      ],
      c.items.map((item) => [
        names.get(item.societyId) ?? item.societyId,
        `${item.lineId}\n(${t(CHANGE_TEXT[item.change])})`,
        t('package {id} of {period}, committed {date}', { id: item.submissionId, period: item.period, date: L.date(item.committedAt.slice(0, 10)) }),
        Object.entries(item.fields)
          .map(([field, change]) => `${t(CORRECTION_FIELDS[field] ?? field)} ${value(field, change.from, item.currency)} → ${value(field, change.to, item.currency)}`)
          .join('\n'),
      ]),
    );
    if (c.items.length < c.lines) {
      doc.font(FONT.regular).fontSize(8).fillColor(GREY).text(t('The first {listed} of {total} are listed; the statement as JSON and each package’s diff in the API give them all.', { listed: c.items.length, total: c.lines }), left, doc.y, { width });
    }
  }

  /** A framed warning: a bold title and lines of text, kept on one page. */
  function box(title: string, texts: string[], ink: string, fill: string): void {
    const inner = width - 16;
    doc.font(FONT.bold).fontSize(10);
    let height = 12 + doc.heightOfString(title, { width: inner });
    doc.font(FONT.regular).fontSize(8.5);
    for (const text of texts) height += 1 + doc.heightOfString(text, { width: inner });
    ensure(height + 14);
    doc.moveDown(0.5);
    const top = doc.y;
    doc.save().rect(left, top, width, height).fillAndStroke(fill, ink).restore();
    doc.font(FONT.bold).fontSize(10).fillColor(ink).text(title, left + 8, top + 6, { width: inner });
    doc.font(FONT.regular).fontSize(8.5).fillColor('black');
    for (const text of texts) doc.text(text, left + 8, doc.y + 1, { width: inner });
    doc.y = top + height + 4;
    doc.fillColor('black');
  }

  function societySection(so: SocietyStatement): void {
    // Keep a society's details and its table on one page when they fit on one.
    const estimate = 130 + 24 * so.mandates.length + 18 * (so.byUse.length + 2);
    if (estimate < bottom() - doc.page.margins.top) ensure(estimate);
    heading(so.societyName);
    line(t('Society id'), so.societyId, 'mono');
    const contact = so.contact;
    const parts = contact ? [contact.address, contact.email, contact.phone, contact.website].filter((x): x is string => x !== null) : [];
    line(t('Contact'), parts.length > 0 ? parts.join(' · ') : t('none on record in the registry'));
    line(t('Period of use'), so.periodOfUse ? t('{from} to {to}', { from: L.date(so.periodOfUse.from), to: L.date(so.periodOfUse.to) }) : t('— (no line this year)'));
    if (so.head) {
      line(t('Built from log head'), t('tree size {size}, signed {time}, key {key}', { size: so.head.treeSize, time: L.dateTime(so.head.timestamp), key: so.head.keyId }));
      line(t('Root hash'), so.head.rootHash, 'mono');
    } else {
      line(t('Built from log head'), t('— (nothing committed yet)'));
    }
    line(
      t('Without a mandate'),
      t('declared: {amount} {currency} gross on {lines} line(s); according to the mandate register: {verified} {currency} on {verifiedLines} line(s)', {
        amount: money(so.nonContractual.amount),
        currency: s.currency,
        lines: L.count(so.nonContractual.lines),
        verified: money(so.verifiedNonContractual.amount),
        verifiedLines: L.count(so.verifiedNonContractual.lines),
      }),
    );
    if (so.overdue.lines > 0) {
      line(
        t('OVERDUE (Art. 13)'),
        t.plural(so.overdue.lines, '{amount} {currency} net on {n} unpaid line, the oldest due {deadline} ({days} days overdue on {date})', '{amount} {currency} net on {n} unpaid lines, the oldest due {deadline} ({days} days overdue on {date})', {
          amount: money(so.overdue.amount),
          currency: s.currency,
          deadline: so.overdue.oldestDeadline ? L.date(so.overdue.oldestDeadline) : '—',
          days: so.overdue.maxOverdueDays ?? 0,
          date: L.date(s.asOf),
        }),
      );
    }
    if (so.mandates.length === 0) line(t('Mandates'), t('none in the year'));
    so.mandates.forEach((m, i) => {
      const territories = m.territories.join(', ') + (m.excludedTerritories.length > 0 ? ` ${t('except {territories}', { territories: m.excludedTerritories.join(', ') })}` : '');
      const period = t('{from} to {to}', { from: L.date(m.validFrom), to: m.validTo ? L.date(m.validTo) : t('open') });
      line(i === 0 ? t('Mandates') : '', `${t(m.category)}, ${t(m.workType)}, ${territories}; ${period}; ${t(m.basis)}${m.exclusive ? `, ${t('exclusive')}` : ''}`);
    });
    doc.moveDown(0.3);
    if (so.byUse.length > 0) {
      table(amountColumns([
        { title: t('Category'), width: 88, align: 'left' },
        { title: t('Type of use'), width: 80, align: 'left' },
      ]), [
        ...so.byUse.map((u) => [t(u.category), t(u.useType), money(u.revenueAttributed), money(u.managementFees), money(u.otherDeductions), money(u.paid), money(u.outstanding), L.count(u.lines)]),
        [t('Total'), '', money(so.revenueAttributed), money(so.managementFees), money(so.otherDeductions), money(so.paidTotal), money(so.outstanding), L.count(so.lines)],
      ], { boldLast: true });
    }
    if (so.rates.length > 0) {
      ensure(14);
      doc.font(FONT.regular).fontSize(8).fillColor(GREY).text(`${t('Rates:')} ${so.rates.map((r) => t('{currency} {rate} EUR on {date}', { currency: r.currency, rate: L.decimal(r.rateToEur), date: L.date(r.rateDate) })).join('; ')}`, left, doc.y, { width });
    }
  }
}
