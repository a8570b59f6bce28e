/**
 * The audit report as a PDF a regulator can hand on (A4): what was judged and the
 * verdicts first, then three charts (where the year's money went, from collected to
 * paid; when it was paid; the board entitled against the board seated), then a section
 * per rule with its source, parameters and evidence in tables.
 *
 * Text is set in DejaVu Sans (Latin, Greek, Cyrillic and more), embedded as a subset of
 * the glyphs used with a ToUnicode map, so names print as written and can be searched
 * and copied. The font files come from the `dejavu-fonts-ttf` package (Bitstream Vera
 * licence, DejaVu changes in the public domain), never from the system. A script the
 * font lacks (CJK, for one) shows as empty boxes; the JSON report is exact.
 *
 * Deterministic: the document's dates come from the pinned heads (never the clock) and
 * PDFKit's font subsets depend only on the text, so the same report and language give the
 * same bytes.
 *
 * In English or Russian (`lang`): the headings, labels, notes, rule titles and sources,
 * evidence headers and known codes are translated (pdf.ru.ts, rules/catalogue.ru.ts);
 * amounts are written with their currency's minor units and the language's separators,
 * dates per language. Each finding's details are quoted as the report holds them (in
 * English): they are part of the report whose SHA-256 is printed.
 *
 * No NestJS, no database.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { CODES_RU } from '../../../i18n/src/index.js';
import { DecimalValue } from '../../../money/src/index.js';
import { RULES_RU } from '../rules/catalogue.ru.js';
import { type PdfLocale, pdfLocale, type PdfOptions } from './pdf-locale.js';
import { AUDIT_PDF_RU } from './pdf.ru.js';
import { type AuditReport, EVIDENCE_LIMIT, type Finding } from './report.js';

export { pdfLocale, type PdfLocale, type PdfOptions } from './pdf-locale.js';

/** A4 in points, and the width inside the margins: the page every report PDF is set on. */
export const PAGE = { width: 595.28, height: 841.89, margin: 50 };
export const CONTENT = PAGE.width - 2 * PAGE.margin;
const COLORS = { pass: '#2e7d32', fail: '#c62828', ink: '#111111', grey: '#555555', rule: '#bbbbbb', shade: '#eeeeee', blue: '#1f5fa8', light: '#9cb8da', amber: '#c77700' };

/**
 * The faces every report PDF is set in, by the names `doc.font()` takes once
 * `useReportFonts(doc)` has registered them: DejaVu Sans regular, bold and oblique, and
 * DejaVu Sans Mono for hashes and ids (files of the dejavu-fonts-ttf package).
 */
export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold', oblique: 'DejaVuSans-Oblique', mono: 'DejaVuSansMono' } as const;
type Face = keyof typeof FONT;
const FONT_FILES: Record<Face, string> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', oblique: 'DejaVuSans-Oblique.ttf', mono: 'DejaVuSansMono.ttf' };
let parsed: Record<Face, fontkit.Font> | undefined;

/**
 * Registers the report faces (FONT) on a new document and sets its text in the regular one.
 *
 * Each font file is parsed once per process and the parsed font handed to every document
 * (PDFKit takes a fontkit font as a source, and subsets it per document), which saves
 * reading the files and decoding their layout tables for each PDF. The family given with
 * each is its name: it is what PDFKit finds the open font by when a table cell restores
 * the font it changed (without it the font would be opened again for every cell).
 */
export function useReportFonts(doc: Doc): Doc {
  if (!parsed) {
    const require = createRequire(import.meta.url);
    const open = (face: Face) => withCharacters(fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[face]}`))) as fontkit.Font);
    parsed = { regular: open('regular'), bold: open('bold'), oblique: open('oblique'), mono: open('mono') };
  }
  // PDFKit's typings list paths and bytes only; its code also takes a fontkit font.
  for (const face of Object.keys(FONT) as Face[]) doc.registerFont(FONT[face], parsed[face] as unknown as Buffer, FONT[face]);
  return doc.font(FONT.regular);
}

type Doc = PDFKit.PDFDocument;

/**
 * Makes every glyph the font creates carry the characters its cmap gives it. fontkit keeps
 * one glyph object per glyph id, with the characters of the call that created it, and
 * PDFKit's ToUnicode map takes a drawn glyph's characters from that object. Subsetting
 * creates glyphs without characters: the components of a composite glyph (DejaVu's
 * Cyrillic Н is drawn from Latin H). In a font shared between documents, a later document
 * that drew H then mapped it to nothing, and copying or searching its text lost the letter
 * ("GmbH" read "Gmb"). Created from the cmap, H is H in every document.
 */
function withCharacters(font: fontkit.Font): fontkit.Font {
  const f = font as unknown as { _getBaseGlyph(id: number, characters?: number[]): unknown; _cmapProcessor: { codePointsForGlyph(id: number): number[] } };
  const create = f._getBaseGlyph.bind(font);
  f._getBaseGlyph = (id, characters = []) => create(id, characters.length > 0 ? characters : f._cmapProcessor.codePointsForGlyph(id));
  return font;
}

/** Renders the report in `options.lang` (English by default); `sha256` is the hex SHA-256 of its canonical JSON, printed on the first page. */
export function renderPdf(report: AuditReport, sha256: string, options: PdfOptions = {}): Promise<Buffer> {
  const L = pdfLocale(options.lang ?? 'en', { ...CODES_RU, ...RULES_RU, ...AUDIT_PDF_RU }, options.onMissing);
  const { t } = L;
  const created = report.pinnedAt ? new Date(report.pinnedAt) : new Date(Date.UTC(report.financialYear, 0, 1));
  const { doc, bytes } = reportDocument({
    title: t('Audit of {society}, financial year {year}', { society: report.society.name, year: report.financialYear }),
    subject: t('Audit report {sha256}', { sha256 }),
    creator: t('Collective Ledger audit'),
    created,
    lang: L.lang,
  });
  cover(doc, report, sha256, L);
  charts(doc, report, L);
  for (const f of report.findings) ruleSection(doc, f, report, L);
  pageNumbers(doc, report, L);
  doc.end();
  return bytes;
}

/**
 * An A4 report document whose metadata comes only from its arguments (dates included,
 * never the clock), pages buffered for numbering, and its bytes once `doc.end()` is called.
 */
export function reportDocument(info: { title: string; subject: string; creator: string; created: Date; lang?: string }): { doc: Doc; bytes: Promise<Buffer> } {
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    lang: info.lang ?? 'en',
    info: {
      Title: info.title,
      Author: 'Collective Ledger',
      Subject: info.subject,
      Creator: info.creator,
      Producer: 'Collective Ledger (PDFKit)',
      CreationDate: info.created,
      ModDate: info.created,
    },
  });
  useReportFonts(doc);
  return { doc, bytes: pdfBytes(doc) };
}

/** The bytes a PDFKit document writes, once it has ended. */
export function pdfBytes(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function cover(doc: Doc, r: AuditReport, sha256: string, L: PdfLocale): void {
  const { t } = L;
  doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(9).text(t('COLLECTIVE LEDGER · AUDIT REPORT'), { characterSpacing: 1 });
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
  doc.moveDown(1);

  const failed = r.summary.failed;
  const boxY = doc.y;
  doc.rect(PAGE.margin, boxY, CONTENT, 46).fill(failed === 0 ? '#e8f3e9' : '#fbe9e9');
  doc.fillColor(failed === 0 ? COLORS.pass : COLORS.fail).font(FONT.bold).fontSize(14).text(
    failed === 0 ? t.plural(r.summary.rules, 'The {n} rule passed', 'All {n} rules passed') : t.plural(r.summary.rules, '{failed} of {n} rule failed', '{failed} of {n} rules failed', { failed }),
    PAGE.margin + 12,
    boxY + 9,
  );
  const s = r.summary.failedBySeverity;
  doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(9).text(
    t('{passed} passed · failed by severity: high {high}, medium {medium}, low {low}', { passed: r.summary.passed, high: s.high, medium: s.medium, low: s.low }),
    PAGE.margin + 12,
    boxY + 29,
  );
  doc.x = PAGE.margin;
  doc.y = boxY + 58;

  heading(doc, t('What was judged'), 12);
  const h = r.head;
  // (A report of format 1 listed every society's head instead of `peers`.)
  const peers = (r.peers as AuditReport['peers'] | undefined)?.societies ?? r.heads.filter((x) => x.societyId !== r.society.id && x.treeSize > 0).length;
  keyValues(doc, [
    [
      t('Society log head'),
      h.treeSize > 0 && h.timestamp
        ? t('tree size {size}, signed {time} by key {key}', { size: h.treeSize, time: L.dateTime(h.timestamp), key: h.keyId ?? '-' })
        : t('the log is empty (no signed head): nothing committed'),
    ],
    [t('Root hash'), h.rootHash ?? '-'],
    [t('Deadlines judged on'), r.asOf ? t('{date} (the date of the latest pinned head)', { date: L.date(r.asOf) }) : t('no date (no log has a signed head)')],
    [t('Peer societies'), t.plural(peers, "{n} other society's head pinned (peer median of management costs)", "{n} other societies' heads pinned (peer median of management costs)")],
    [t('Jurisdiction'), t('{jurisdiction} (rule parameters as set for it; defaults from RULES.md)', { jurisdiction: r.jurisdiction })],
    [t('Report SHA-256'), sha256],
  ]);
  doc.font(FONT.regular).fontSize(8).fillColor(COLORS.grey).text(
    t('The SHA-256 is that of the report as RFC 8785 canonical JSON (GET /v1/audits/{id}/report.json). Auditing the same heads with the same parameters gives the same bytes.') +
      ' ' +
      t('Each line named in the evidence can be checked against the signed head with its inclusion proof (GET /v1/submissions/{id}/lines/{lineId}/proof).'),
    { width: CONTENT },
  );
  if (L.lang !== 'en') {
    doc.moveDown(0.3);
    doc.text(t("Each rule's details are quoted in English, as the report holds them: they are part of the report whose SHA-256 is above."), { width: CONTENT });
  }
  doc.moveDown(0.8);

  heading(doc, t('Summary'), 12);
  table(
    doc,
    [t('Rule'), t('Severity'), t('Result'), t('Details')],
    r.findings.map((f) => [f.rule, t(f.severity), f.passed ? t('pass') : t('FAIL'), f.details]),
    [125, 48, 40, '*'],
    (row, col) => (col === 2 ? (r.findings[row]!.passed ? COLORS.pass : COLORS.fail) : undefined),
  );
}

function charts(doc: Doc, r: AuditReport, L: PdfLocale): void {
  doc.addPage();
  heading(doc, L.t('Charts'), 14);
  const conservation = r.findings.find((f) => f.rule === 'payout.conservation');
  const flows = (conservation?.evidence.moneyFlow as MoneyFlowRow[] | undefined)?.find((m) => m.currency === r.society.currency);
  moneyFlowChart(doc, flows ?? null, r.society.currency, L);
  const deadline = r.findings.find((f) => f.rule === 'payout.distribution-deadline');
  delayChart(doc, deadline ?? null, L, r.society.currency);
  const board = r.findings.find((f) => f.rule === 'governance.board-representation');
  if (doc.y > PAGE.height - PAGE.margin - 230) doc.addPage();
  boardChart(doc, board ?? null, L);
}

interface MoneyFlowRow {
  currency: string;
  collected: string;
  management: string;
  socialCultural: string;
  otherDeductions: string;
  toOtherSocieties: string;
  undistributed: string;
  distributed: string;
  paid: string;
  outstanding: string;
  difference: string;
}

const dec = (s: string) => new DecimalValue(s);
/** A share of a whole as a drawing length (geometry only; the amounts printed are the exact strings). */
const portion = (part: string, whole: string, length: number) => (dec(whole).isZero() ? 0 : dec(part).abs().dividedBy(dec(whole)).times(length).toNumber()); // money-ok: a bar length on the page

function chartTitle(doc: Doc, title: string, note: string): void {
  doc.x = PAGE.margin;
  doc.fillColor(COLORS.ink).font(FONT.bold).fontSize(11).text(title);
  doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(8).text(note, { width: CONTENT });
  doc.moveDown(0.5);
}

function noData(doc: Doc, text: string): void {
  doc.fillColor(COLORS.grey).font(FONT.oblique).fontSize(9).text(text);
  doc.moveDown(1.2);
}

/** A waterfall: collected, each use taking its part, down to what was paid and what nobody accounted for. */
function moneyFlowChart(doc: Doc, f: MoneyFlowRow | null, currency: string, L: PdfLocale): void {
  const { t } = L;
  chartTitle(doc, t('Money flow, collected to paid ({currency})', { currency }), t('From the pinned journal of the year (payout.conservation): each bar starts where the previous one ended.'));
  if (!f || (dec(f.collected).isZero() && dec(f.distributed).isZero())) return noData(doc, t('No money was collected or distributed in the year (or the conservation rule was not run).'));
  const steps: [string, string, string][] = [
    [t('Collected'), f.collected, COLORS.blue],
    [t('Management fees'), f.management, COLORS.light],
    [t('Social and cultural'), f.socialCultural, COLORS.light],
    [t('Other deductions'), f.otherDeductions, COLORS.light],
    [t('To other societies'), f.toOtherSocieties, COLORS.light],
    [t('Held undistributed'), f.undistributed, COLORS.amber],
    [t('Paid to rights holders'), f.paid, COLORS.pass],
    [t('Attributed, unpaid'), f.outstanding, COLORS.amber],
    [t('Not accounted for'), f.difference, COLORS.fail],
  ];
  const labelWidth = 150;
  const amountWidth = 95;
  const barArea = CONTENT - labelWidth - amountWidth;
  const whole = [f.collected, f.management, f.socialCultural, f.otherDeductions, f.toOtherSocieties, f.undistributed, f.distributed, f.difference]
    .slice(1)
    .reduce((s, v) => s.plus(dec(v).abs()), dec('0'));
  const scale = (dec(f.collected).greaterThan(whole) ? dec(f.collected) : whole).toFixed();
  let y = doc.y;
  let offset = 0;
  steps.forEach(([label, amount, color], i) => {
    // A label may take two lines (in Russian): its row grows to hold it.
    doc.font(FONT.regular).fontSize(8);
    const rowHeight = Math.max(15, doc.heightOfString(label, { width: labelWidth - 6 }) + 5);
    const width = portion(amount, scale, barArea);
    const x0 = PAGE.margin + labelWidth;
    const start = i === 0 ? 0 : offset;
    doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(8).text(label, PAGE.margin, y + 3, { width: labelWidth - 6 });
    if (width > 0) doc.rect(x0 + start, y + 2, Math.max(width, 1), 10).fill(color);
    doc.fillColor(dec(amount).isZero() ? COLORS.grey : COLORS.ink).font(FONT.regular).fontSize(8).text(L.amount(amount, currency), PAGE.margin + labelWidth + barArea + 4, y + 3, { width: amountWidth - 4, align: 'right', lineBreak: false });
    if (i > 0) offset += width;
    y += rowHeight;
  });
  doc.x = PAGE.margin;
  doc.y = y + 12;
}

function delayChart(doc: Doc, f: Finding | null, L: PdfLocale, currency: string): void {
  const { t } = L;
  const months = (f?.parameters.monthsAfterYearEnd as number | undefined) ?? 9;
  chartTitle(
    doc,
    t('When the money of the year was paid'),
    t('Net paid for uses ending in the year, by time after the financial year end; red: after the {months}-month deadline. Lines still unpaid and unidentified on the right.', { months }),
  );
  const bars = f?.evidence.histogram as { bucket: string; lines: number; net: string }[] | undefined;
  if (!bars || bars.every((b) => b.lines === 0)) return noData(doc, t('No distribution lines for uses in the year (or the distribution-deadline rule was not run).'));
  const height = 110;
  const top = doc.y + 30;
  const base = top + height;
  const slot = CONTENT / bars.length;
  const max = bars.reduce((m, b) => (dec(b.net).greaterThan(m) ? dec(b.net) : m), dec('0')).toFixed();
  doc.moveTo(PAGE.margin, base).lineTo(PAGE.margin + CONTENT, base).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  // The amounts over the bars at one size small enough for the widest to fit its slot.
  doc.font(FONT.regular).fontSize(7);
  const amountSize = Math.min(7, ...bars.map((b) => (7 * (slot - 2)) / Math.max(1, doc.widthOfString(L.amount(b.net, currency)))));
  bars.forEach((b, i) => {
    const h = portion(b.net, max, height);
    const x = PAGE.margin + i * slot + slot * 0.18;
    const w = slot * 0.64;
    // Buckets 1-5 start 0, 3, 6, 9 and 12 months after the year end: late when they start at or after the deadline.
    const late = i >= 1 && i <= 5 && 3 * (i - 1) >= months;
    const color = b.bucket === 'unpaid' ? COLORS.amber : b.bucket === 'unidentified' ? COLORS.grey : late ? COLORS.fail : COLORS.blue;
    if (h > 0) doc.rect(x, base - h, w, h).fill(color);
    doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(amountSize).text(L.amount(b.net, currency), PAGE.margin + i * slot, base - h - 20, { width: slot, align: 'center', lineBreak: false });
    doc.fillColor(COLORS.grey).fontSize(7).text(t.plural(b.lines, '{n} line', '{n} lines'), PAGE.margin + i * slot, base - h - 11, { width: slot, align: 'center' });
    doc.fillColor(COLORS.ink).fontSize(7.5).text(t(b.bucket), PAGE.margin + i * slot, base + 4, { width: slot, align: 'center' });
  });
  if (months % 3 === 0 && months >= 3 && months <= 12) {
    const x = PAGE.margin + (months / 3 + 1) * slot;
    doc.moveTo(x, top - 6).lineTo(x, base + 2).dash(3, { space: 2 }).lineWidth(0.8).strokeColor(COLORS.fail).stroke().undash();
    doc.fillColor(COLORS.fail).fontSize(7).text(t('deadline'), x + 2, top - 8);
  }
  doc.x = PAGE.margin;
  doc.y = base + 30;
}

function boardChart(doc: Doc, f: Finding | null, L: PdfLocale): void {
  const { t } = L;
  chartTitle(
    doc,
    t('Board seats: entitled by market share against actual'),
    t('Seats each constituency is entitled to by its share of the money attributed over the look-back window (governance.board-representation), against the seats it holds at the year end.'),
  );
  const rows = f?.evidence.constituencies as { constituency: string; sharePercent: string | null; entitledSeats: number | null; actualSeats: number }[] | undefined;
  if (!rows || rows.length === 0) return noData(doc, f ? t('No board or no money to apportion by.') : t('The board-representation rule was not run.'));
  const shown = rows.filter((r) => (r.entitledSeats ?? 0) > 0 || r.actualSeats > 0);
  const maxSeats = Math.max(1, ...shown.map((r) => Math.max(r.entitledSeats ?? 0, r.actualSeats)));
  const labelWidth = 130;
  const barArea = CONTENT - labelWidth - 40;
  let y = doc.y + 4;
  doc.rect(PAGE.margin + labelWidth, y, 8, 8).fill(COLORS.blue);
  doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(8).text(t('entitled'), PAGE.margin + labelWidth + 11, y);
  const actualX = PAGE.margin + labelWidth + 11 + doc.widthOfString(t('entitled')) + 14;
  doc.rect(actualX, y, 8, 8).fill(COLORS.grey);
  doc.fillColor(COLORS.ink).text(t('actual'), actualX + 11, y);
  y += 16;
  for (const r of shown) {
    const entitled = r.entitledSeats ?? 0;
    doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(8).text(t(r.constituency), PAGE.margin, y + 2, { width: labelWidth - 6 });
    doc.fillColor(COLORS.grey).fontSize(7).text(r.sharePercent === null ? '' : t('{percent}% of the money', { percent: L.decimal(new DecimalValue(r.sharePercent).toFixed(2)) }), PAGE.margin, y + 12, { width: labelWidth - 6 });
    const we = (entitled / maxSeats) * barArea;
    const wa = (r.actualSeats / maxSeats) * barArea;
    if (we > 0) doc.rect(PAGE.margin + labelWidth, y, we, 9).fill(COLORS.blue);
    if (wa > 0) doc.rect(PAGE.margin + labelWidth, y + 11, wa, 9).fill(r.actualSeats < entitled ? COLORS.fail : COLORS.grey);
    doc.fillColor(COLORS.ink).fontSize(7.5).text(String(entitled), PAGE.margin + labelWidth + we + 3, y + 1);
    doc.text(String(r.actualSeats), PAGE.margin + labelWidth + wa + 3, y + 12);
    y += 28;
  }
  doc.x = PAGE.margin;
  doc.y = y + 8;
}

function ruleSection(doc: Doc, f: Finding, r: AuditReport, L: PdfLocale): void {
  const { t } = L;
  if (doc.y > PAGE.height - PAGE.margin - 160) doc.addPage();
  else doc.moveDown(1);
  doc.x = PAGE.margin;
  const y = doc.y;
  const verdict = f.passed ? t('PASS') : t('FAIL');
  doc.font(FONT.bold).fontSize(10);
  const verdictWidth = Math.max(55, doc.widthOfString(verdict) + 4);
  doc.fillColor(COLORS.ink).font(FONT.bold).fontSize(11).text(t(f.title), PAGE.margin + 10, y, { width: CONTENT - 15 - verdictWidth });
  const titleBottom = doc.y; // the title may take two lines
  doc.fillColor(f.passed ? COLORS.pass : COLORS.fail).font(FONT.bold).fontSize(10).text(verdict, PAGE.margin + CONTENT - verdictWidth, y, { width: verdictWidth, align: 'right' });
  doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(8).text(t('{rule} · {source} · severity {severity}', { rule: f.rule, source: legalSource(f.source, L), severity: t(f.severity) }), PAGE.margin + 10, titleBottom + 1, { width: CONTENT - 10 });
  doc.rect(PAGE.margin, y, 4, doc.y - y).fill(f.passed ? COLORS.pass : COLORS.fail);
  doc.x = PAGE.margin;
  doc.moveDown(0.5);
  doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(9).text(f.details, PAGE.margin + 10, doc.y, { width: CONTENT - 10 });
  doc.x = PAGE.margin;
  doc.moveDown(0.4);
  const params = Object.entries(f.parameters);
  if (params.length > 0) {
    const value = (v: unknown) => (v === null ? t('none') : Array.isArray(v) ? v.join(', ') : String(v));
    doc.fillColor(COLORS.grey).fontSize(8).text(`${t('Parameters:')} ${params.map(([k, v]) => `${k} = ${value(v)}`).join('; ')}`, { width: CONTENT });
    doc.moveDown(0.4);
  }
  evidence(doc, f.evidence, L, { currency: evidenceCurrency(f.evidence) ?? r.society.currency, auditedSociety: r.society.id });
}

/**
 * A rule's legal source in the PDF's language: as the catalogue translates it, else with
 * the names of the laws and their parts translated ("Directive 2014/26/EU Art. 9(2)" →
 * "Директива 2014/26/ЕС, ст. 9(2)"), the rest as written.
 */
function legalSource(source: string, L: PdfLocale): string {
  if (L.lang === 'en' || Object.hasOwn(RULES_RU, source)) return L.t(source);
  return source
    .replace(/Directive 2014\/26\/EU Art\. /g, 'Директива 2014/26/ЕС, ст. ')
    .replace(/Directive 2014\/26\/EU/g, 'Директива 2014/26/ЕС')
    .replace(/Civil Code of the Russian Federation Part IV Art\. /g, 'Гражданский кодекс РФ, часть четвёртая, ст. ')
    .replace(/\bArt\. /g, 'ст. ')
    .replace(/\bAnnex\b/g, 'приложение')
    .replace(/\band\b/g, 'и');
}

/** The currency the evidence's own amounts are in: its `currency` or `shareCurrency`, when it names one. */
function evidenceCurrency(e: Record<string, unknown>): string | null {
  for (const key of ['currency', 'shareCurrency']) if (typeof e[key] === 'string') return e[key];
  return null;
}

/**
 * The order evidence fields are shown in: what identifies a row first, then dates, then
 * amounts; the rest by name. (The stored report's key order is that of PostgreSQL's
 * jsonb, so the renderer fixes its own.)
 */
const FIELD_ORDER = [
  'period', 'lineNo', 'lineId', 'deductionId', 'counterpartyCisac', 'transferId', 'type', 'bucket', 'constituency', 'origin', 'category', 'territory',
  'fyOfCollection', 'state', 'rightsHolderName', 'rightsHolderIpi', 'useFrom', 'useTo', 'paidOn', 'firstCommitted', 'status', 'basis', 'problem',
  'currency', 'lines', 'transfers', 'sharePercent', 'entitledSeats', 'actualSeats', 'gap', 'gross', 'net', 'amount', 'received', 'paidOnward',
];
/** Fields too long for a table column; the JSON report has them. */
const HIDDEN_IN_TABLES = new Set(['submissionId', 'kinds', 'lowerQuota', 'upperQuota', 'reason', 'description', 'transfers', 'rightsHolderIpi', 'useFrom', 'territory', 'category']);
/**
 * Decimal fields that are no amount of money: shares, indices, rates (written as decimals,
 * never with minor units), and codes written in digits (CISAC codes, IPI numbers, years).
 */
const NOT_MONEY_WORDS = /percent|share|gallagher|hanby|quota|factor|ratio|rate|tolerance|index|days|months|years|seats|version|cisac|ipi|isni|code|year|period|count/i;
const notMoney = (key: string) => NOT_MONEY_WORDS.test(key) || /(Id|No|Lines)$|^(id|lines|lineNo)$/.test(key);
/** Fields whose values are codes the catalogue translates (statuses, bases, buckets, kinds). */
const CODED = new Set(['status', 'basis', 'bucket', 'state', 'direction', 'kind', 'severity', 'constituency', 'source', 'problem', 'judgedOn', 'boardSizeSource', 'method', 'mandateStatus', 'counted', 'capJudges', 'answer']);

function ordered(keys: Iterable<string>): string[] {
  const rank = (k: string) => {
    const i = FIELD_ORDER.indexOf(k);
    return i < 0 ? FIELD_ORDER.length : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

interface EvidenceScope {
  /** The currency of amounts in records that do not name their own. */
  currency: string;
  auditedSociety: string;
}

/**
 * How many records a cut list stands for: the rule's `<list>Total` beside it (or the
 * older names some rules use), when it recorded one.
 */
function totalOf(value: Record<string, unknown>, key: string): number | null {
  for (const name of [`${key}Total`, `${key.replace(/s$/, '')}Count`]) if (typeof value[name] === 'number') return value[name];
  return null;
}

/** The evidence: its plain values as a key/value table, each list of records as a table, nested records by name. */
function evidence(doc: Doc, value: Record<string, unknown>, L: PdfLocale, scope: EvidenceScope, prefix = ''): void {
  const { t } = L;
  // A list's total is said with the list, not among the plain values.
  const totalKeys = new Set(Object.keys(value).filter((k) => Array.isArray(value[k])).flatMap((l) => [`${l}Total`, `${l.replace(/s$/, '')}Count`]));
  const scalars: [string, string][] = [];
  const nested: [string, unknown][] = [];
  for (const key of ordered(Object.keys(value))) {
    const v = value[key];
    if (typeof v === 'number' && totalKeys.has(key)) continue;
    if (v === null || typeof v !== 'object') scalars.push([fieldLabel(prefix + key, L), cellText(key, v, value, L, scope)]);
    else if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) scalars.push([fieldLabel(prefix + key, L), v.length === 0 ? t('(none)') : v.map((x) => cellText(key, x, value, L, scope)).join(', ')]);
    else nested.push([key, v]);
  }
  if (scalars.length > 0) keyValues(doc, scalars);
  for (const [key, v] of nested) {
    if (Array.isArray(v)) {
      if (v.length === 0) {
        keyValues(doc, [[fieldLabel(prefix + key, L), t('(none)')]]);
        continue;
      }
      const records = v as Record<string, unknown>[];
      const columns = ordered(new Set(records.flatMap((r) => Object.keys(r))))
        .filter((c) => !HIDDEN_IN_TABLES.has(c) && records.some((r) => r[c] !== null && r[c] !== undefined))
        .slice(0, 11);
      subheading(doc, listHeading(fieldLabel(prefix + key, L), records, totalOf(value, key), L));
      table(doc, columns.map((c) => fieldLabel(c, L)), records.map((r) => columns.map((c) => cellText(c, r[c], r, L, scope))));
      if (records.length >= EVIDENCE_LIMIT) note(doc, howToGetAll(records, L));
    } else {
      evidence(doc, v as Record<string, unknown>, L, scope, `${prefix}${key}.`);
    }
  }
}

/**
 * A list's heading with how many it shows: "unpaid lines (24)"; a list cut at the
 * evidence limit says so, with the whole count when the rule recorded it ("20 of 24
 * shown"), else that the list stops there.
 */
function listHeading(label: string, records: readonly unknown[], total: number | null, L: PdfLocale): string {
  const { t } = L;
  if (records.length < EVIDENCE_LIMIT) return `${label} (${L.count(records.length)})`;
  if (total !== null && total > records.length) return `${label} (${t('{shown} of {total} shown: the first, as examples; the totals count every one', { shown: L.count(records.length), total: L.count(total) })})`;
  if (total !== null) return `${label} (${L.count(records.length)})`;
  return `${label} (${t('the first {shown} shown, as examples; the list stops there and the totals count every one', { shown: L.count(records.length) })})`;
}

/** Where the rest of a cut list is: the lines of each package it names, and the report's JSON. */
function howToGetAll(records: readonly Record<string, unknown>[], L: PdfLocale): string {
  const { t } = L;
  const submissions = [...new Set(records.map((r) => r.submissionId).filter((s): s is string => typeof s === 'string'))];
  if (submissions.length > 0) {
    return t('All of them: every line of the packages named is listed, with its filters, at GET /v1/submissions/{submissionId}/lines (the submission ids are in the JSON report, GET /v1/audits/{id}/report.json).');
  }
  return t('The JSON report (GET /v1/audits/{id}/report.json) holds the same examples with every field; the totals above count every one.');
}

/** A field's name as a column header that can break between its words ("toOtherSocieties" → "to other societies"), translated. */
function fieldLabel(field: string, L: PdfLocale): string {
  return field
    .split('.')
    .map((part) => L.t(words(part)))
    .join(' · ');
}

/** A field name as words: "toOtherSocieties" → "to other societies". */
function words(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A value as a cell: an amount (a decimal string of a money field) with its currency's
 * minor units and the language's separators, a date per language, a code translated, a
 * list of records summed up by its values; anything else as it is.
 */
function cellText(key: string, v: unknown, record: Record<string, unknown>, L: PdfLocale, scope: EvidenceScope): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'boolean') return v ? L.t('yes') : L.t('no');
  if (typeof v === 'object') {
    if (!Array.isArray(v)) return compact(v as Record<string, unknown>, L, scope);
    return v.map((x) => (x !== null && typeof x === 'object' ? compact(x as Record<string, unknown>, L, scope) : cellText(key, x, record, L, scope))).join('; ');
  }
  if (typeof v === 'number') return String(v);
  const s = String(v);
  if (DECIMAL_TEXT.test(s) && !notMoney(key)) {
    const currency = typeof record.currency === 'string' ? record.currency : scope.currency;
    return L.amount(s, currency);
  }
  if (DECIMAL_TEXT.test(s)) return L.decimal(s);
  if (ISO_DATE.test(s)) return L.date(s);
  if (ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s))) return L.dateTime(s);
  if (CODED.has(key)) return L.t(s);
  return s;
}

/** A record inside a cell (an amount paid per currency, a reference): its values, amounts written as amounts. */
function compact(r: Record<string, unknown>, L: PdfLocale, scope: EvidenceScope): string {
  if (typeof r.currency === 'string' && typeof r.amount === 'string') return `${L.amount(r.amount, r.currency)} ${r.currency}`;
  return Object.entries(r)
    .filter(([, x]) => x !== null && x !== undefined && typeof x !== 'object')
    .map(([k, x]) => `${L.t(words(k))}: ${cellText(k, x, r, L, scope)}`)
    .join(', ');
}

function note(doc: Doc, text: string): void {
  doc.x = PAGE.margin;
  doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(7.5).text(text, { width: CONTENT });
  doc.moveDown(0.5);
}

/** A section heading at the left margin. */
export function heading(doc: Doc, text: string, size: number): void {
  doc.x = PAGE.margin;
  doc.fillColor(COLORS.ink).font(FONT.bold).fontSize(size).text(text);
  doc.moveDown(0.3);
}

/** A small grey heading over a table; a new page first when little room is left. */
export function subheading(doc: Doc, text: string): void {
  if (doc.y > PAGE.height - PAGE.margin - 60) doc.addPage();
  doc.x = PAGE.margin;
  doc.fillColor(COLORS.grey).font(FONT.bold).fontSize(8).text(text);
  doc.moveDown(0.15);
}

function keyValues(doc: Doc, rows: [string, string][]): void {
  table(doc, null, rows, [150, '*']);
}

/** A table through PDFKit's table layout (it continues on a new page when it must). */
function table(doc: Doc, header: string[] | null, rows: string[][], widths?: (number | '*')[], color?: (row: number, col: number) => string | undefined): void {
  doc.x = PAGE.margin;
  const fit = fitColumns(doc, header, rows, widths ?? null, 7.5);
  doc.font(FONT.regular).fontSize(fit.size).fillColor(COLORS.ink);
  const data: PDFKit.Mixins.CellOptions[][] = [];
  if (header) data.push(header.map((h) => ({ text: h, backgroundColor: COLORS.shade, font: { src: FONT.bold, size: fit.size }, type: 'TH' as const })));
  rows.forEach((r, i) => data.push(r.map((c, j) => ({ text: c, textColor: color?.(i, j) ?? COLORS.ink, font: { src: color?.(i, j) ? FONT.bold : FONT.regular, size: fit.size } }))));
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

/** A table cell's horizontal padding and borders (padding [2, 3, 2, 3], border 0.4) with a point to spare. */
const CELL_PADDING = 7;
/** The smallest size a table is set in to keep its values whole. */
const MIN_TABLE_SIZE = 5.5;

/**
 * Widths for a table's columns such that no value is broken inside: each column at least
 * as wide as its longest value or word (a header breaks between words only), measured in
 * the bold face. `widths` are the widths asked for (points, or '*' for a share of the rest
 * of the content width, as PDFKit takes them); a column asked wider than it needs gives up
 * its surplus first. Without `widths`, the room beyond those least widths goes to the
 * columns whose text would otherwise wrap, in proportion to what they lack. When even the
 * least widths do not fit, the table is set smaller (not below 5.5 pt; then long words break).
 */
export function fitColumns(doc: Doc, header: string[] | null, rows: string[][], widths: (number | '*')[] | null, size: number): { widths: number[]; size: number } {
  doc.font(FONT.bold).fontSize(size);
  const count = widths?.length ?? header?.length ?? rows[0]?.length ?? 0;
  const column = (j: number) => [header?.[j] ?? '', ...rows.map((r) => r[j] ?? '')];
  const longest = (texts: string[]) => Math.max(0, ...texts.map((t) => doc.widthOfString(t)));
  // Text breaks at spaces, never at a no-break space (the Russian thousands separator).
  const min = Array.from({ length: count }, (_, j) => longest(column(j).flatMap((t) => t.split(/[ \t\r\n]+/))) + CELL_PADDING);
  const total = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
  let asked: number[];
  if (widths) {
    const fixed = widths.reduce<number>((n, w) => n + (w === '*' ? 0 : w), 0);
    const stars = widths.filter((w) => w === '*').length;
    asked = widths.map((w) => (w === '*' ? Math.max(0, CONTENT - fixed) / stars : w));
  } else {
    // Each column's text on one line (at most 45% of the page), then share what is left or lacking.
    const whole = min.map((m, j) => Math.max(m, Math.min(CONTENT * 0.45, longest(column(j)) + CELL_PADDING)));
    const lacking = total(whole) - total(min);
    const room = CONTENT - total(min);
    asked = total(whole) <= CONTENT ? whole.map((w) => (w * CONTENT) / total(whole)) : min.map((m, j) => m + (lacking > 0 ? ((whole[j]! - m) * Math.max(0, room)) / lacking : 0));
  }
  const out = asked.map((w, j) => Math.max(w, min[j]!));
  let over = total(out) - CONTENT;
  if (over > 0) {
    const slack = out.map((w, j) => w - min[j]!);
    const take = Math.min(1, over / (total(slack) || 1));
    out.forEach((w, j) => (out[j] = w - slack[j]! * take));
    over = total(out) - CONTENT;
  }
  if (over > 0.01) {
    // Text widths scale with the size, the padding does not.
    const text = total(out) - CELL_PADDING * out.length;
    const scale = Math.max(MIN_TABLE_SIZE / size, (CONTENT - CELL_PADDING * out.length) / text);
    size = Math.floor(size * scale * 10) / 10;
    out.forEach((w, j) => (out[j] = (w - CELL_PADDING) * scale + CELL_PADDING));
    const sum = total(out);
    if (sum > CONTENT) out.forEach((w, j) => (out[j] = (w * CONTENT) / sum));
  }
  return { widths: out.map((w) => Math.floor(w * 100) / 100), size };
}

function pageNumbers(doc: Doc, r: AuditReport, L: PdfLocale): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Written in the bottom margin: without lifting it, PDFKit would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footer = L.t('{society} · FY {year} · pinned at {time} · page {page} of {pages}', {
      society: r.society.name,
      year: r.financialYear,
      time: r.pinnedAt ? L.dateTime(r.pinnedAt) : L.t('no head'),
      page: i + 1,
      pages: range.count,
    });
    doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(7).text(footer, PAGE.margin, PAGE.height - PAGE.margin + 18, { width: CONTENT, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
