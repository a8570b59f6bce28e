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
 * PDFKit's font subsets depend only on the text, so the same report gives the same bytes.
 *
 * No NestJS, no database.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { DecimalValue } from '../../../money/src/index.js';
import { type AuditReport, EVIDENCE_LIMIT, type Finding } from './report.js';

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
    const open = (face: Face) => fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[face]}`))) as fontkit.Font;
    parsed = { regular: open('regular'), bold: open('bold'), oblique: open('oblique'), mono: open('mono') };
  }
  // PDFKit's typings list paths and bytes only; its code also takes a fontkit font.
  for (const face of Object.keys(FONT) as Face[]) doc.registerFont(FONT[face], parsed[face] as unknown as Buffer, FONT[face]);
  return doc.font(FONT.regular);
}

type Doc = PDFKit.PDFDocument;

/** Renders the report; `sha256` is the hex SHA-256 of its canonical JSON, printed on the first page. */
export function renderPdf(report: AuditReport, sha256: string): Promise<Buffer> {
  const created = report.pinnedAt ? new Date(report.pinnedAt) : new Date(Date.UTC(report.financialYear, 0, 1));
  const { doc, bytes } = reportDocument({
    title: `Audit of ${report.society.name}, financial year ${report.financialYear}`,
    subject: `Audit report ${sha256}`,
    creator: 'Collective Ledger audit',
    created,
  });
  cover(doc, report, sha256);
  charts(doc, report);
  for (const f of report.findings) ruleSection(doc, f);
  pageNumbers(doc, report);
  doc.end();
  return bytes;
}

/**
 * An A4 report document whose metadata comes only from its arguments (dates included,
 * never the clock), pages buffered for numbering, and its bytes once `doc.end()` is called.
 */
export function reportDocument(info: { title: string; subject: string; creator: string; created: Date }): { doc: Doc; bytes: Promise<Buffer> } {
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
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

function cover(doc: Doc, r: AuditReport, sha256: string): void {
  doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(9).text('COLLECTIVE LEDGER · AUDIT REPORT', { characterSpacing: 1 });
  doc.moveDown(0.4);
  doc.fillColor(COLORS.ink).font(FONT.bold).fontSize(20).text(r.society.name);
  doc.font(FONT.regular).fontSize(11).fillColor(COLORS.grey).text(
    `CISAC ${r.society.cisacCode} · ${r.society.country} · accounts in ${r.society.currency} · financial year ${r.financialYear}: ${r.period.from} to ${r.period.to}`,
  );
  doc.moveDown(1);

  const failed = r.summary.failed;
  const boxY = doc.y;
  doc.rect(PAGE.margin, boxY, CONTENT, 46).fill(failed === 0 ? '#e8f3e9' : '#fbe9e9');
  doc.fillColor(failed === 0 ? COLORS.pass : COLORS.fail).font(FONT.bold).fontSize(14).text(
    failed === 0 ? `All ${r.summary.rules} rules passed` : `${failed} of ${r.summary.rules} rules failed`,
    PAGE.margin + 12,
    boxY + 9,
  );
  const s = r.summary.failedBySeverity;
  doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(9).text(
    `${r.summary.passed} passed · failed by severity: high ${s.high}, medium ${s.medium}, low ${s.low}`,
    PAGE.margin + 12,
    boxY + 29,
  );
  doc.x = PAGE.margin;
  doc.y = boxY + 58;

  heading(doc, 'What was judged', 12);
  const h = r.head;
  // (A report of format 1 listed every society's head instead of `peers`.)
  const peers = (r.peers as AuditReport['peers'] | undefined)?.societies ?? r.heads.filter((x) => x.societyId !== r.society.id && x.treeSize > 0).length;
  keyValues(doc, [
    ['Society log head', h.treeSize > 0 ? `tree size ${h.treeSize}, signed ${h.timestamp} by key ${h.keyId}` : 'the log is empty (no signed head): nothing committed'],
    ['Root hash', h.rootHash ?? '-'],
    ['Deadlines judged on', r.asOf ? `${r.asOf} (the date of the latest pinned head)` : 'no date (no log has a signed head)'],
    ['Peer societies', `${peers} other societies' heads pinned (peer median of management costs)`],
    ['Jurisdiction', `${r.jurisdiction} (rule parameters as set for it; defaults from RULES.md)`],
    ['Report SHA-256', sha256],
  ]);
  doc.font(FONT.regular).fontSize(8).fillColor(COLORS.grey).text(
    'The SHA-256 is that of the report as RFC 8785 canonical JSON (GET /v1/audits/{id}/report.json). Auditing the same heads with the same parameters gives the same bytes. ' +
      'Each line named in the evidence can be checked against the signed head with its inclusion proof (GET /v1/submissions/{id}/lines/{lineId}/proof).',
    { width: CONTENT },
  );
  doc.moveDown(0.8);

  heading(doc, 'Summary', 12);
  table(
    doc,
    ['Rule', 'Severity', 'Result', 'Details'],
    r.findings.map((f) => [f.rule, f.severity, f.passed ? 'pass' : 'FAIL', f.details]),
    [125, 42, 32, '*'],
    (row, col) => (col === 2 ? (r.findings[row]!.passed ? COLORS.pass : COLORS.fail) : undefined),
  );
}

function charts(doc: Doc, r: AuditReport): void {
  doc.addPage();
  heading(doc, 'Charts', 14);
  const conservation = r.findings.find((f) => f.rule === 'payout.conservation');
  const flows = (conservation?.evidence.moneyFlow as MoneyFlowRow[] | undefined)?.find((m) => m.currency === r.society.currency);
  moneyFlowChart(doc, flows ?? null, r.society.currency);
  const deadline = r.findings.find((f) => f.rule === 'payout.distribution-deadline');
  delayChart(doc, deadline ?? null);
  const board = r.findings.find((f) => f.rule === 'governance.board-representation');
  if (doc.y > PAGE.height - PAGE.margin - 230) doc.addPage();
  boardChart(doc, board ?? null);
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
function moneyFlowChart(doc: Doc, f: MoneyFlowRow | null, currency: string): void {
  chartTitle(doc, `Money flow, collected to paid (${currency})`, "From the pinned journal of the year (payout.conservation): each bar starts where the previous one ended.");
  if (!f || (dec(f.collected).isZero() && dec(f.distributed).isZero())) return noData(doc, 'No money was collected or distributed in the year (or the conservation rule was not run).');
  const steps: [string, string, string][] = [
    ['Collected', f.collected, COLORS.blue],
    ['Management fees', f.management, COLORS.light],
    ['Social and cultural', f.socialCultural, COLORS.light],
    ['Other deductions', f.otherDeductions, COLORS.light],
    ['To other societies', f.toOtherSocieties, COLORS.light],
    ['Held undistributed', f.undistributed, COLORS.amber],
    ['Paid to rights holders', f.paid, COLORS.pass],
    ['Attributed, unpaid', f.outstanding, COLORS.amber],
    ['Not accounted for', f.difference, COLORS.fail],
  ];
  const labelWidth = 120;
  const amountWidth = 95;
  const barArea = CONTENT - labelWidth - amountWidth;
  const whole = [f.collected, f.management, f.socialCultural, f.otherDeductions, f.toOtherSocieties, f.undistributed, f.distributed, f.difference]
    .slice(1)
    .reduce((s, v) => s.plus(dec(v).abs()), dec('0'));
  const scale = (dec(f.collected).greaterThan(whole) ? dec(f.collected) : whole).toFixed();
  let y = doc.y;
  let offset = 0;
  const rowHeight = 15;
  steps.forEach(([label, amount, color], i) => {
    const width = portion(amount, scale, barArea);
    const x0 = PAGE.margin + labelWidth;
    const start = i === 0 ? 0 : offset;
    doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(8).text(label, PAGE.margin, y + 3, { width: labelWidth - 6 });
    if (width > 0) doc.rect(x0 + start, y + 2, Math.max(width, 1), rowHeight - 5).fill(color);
    doc.fillColor(dec(amount).isZero() ? COLORS.grey : COLORS.ink).font(FONT.regular).fontSize(8).text(amount, PAGE.margin + labelWidth + barArea + 4, y + 3, { width: amountWidth - 4, align: 'right', lineBreak: false });
    if (i > 0) offset += width;
    y += rowHeight;
  });
  doc.x = PAGE.margin;
  doc.y = y + 12;
}

function delayChart(doc: Doc, f: Finding | null): void {
  const months = (f?.parameters.monthsAfterYearEnd as number | undefined) ?? 9;
  chartTitle(doc, 'When the money of the year was paid', `Net paid for uses ending in the year, by time after the financial year end; red: after the ${months}-month deadline. Lines still unpaid and unidentified on the right.`);
  const bars = f?.evidence.histogram as { bucket: string; lines: number; net: string }[] | undefined;
  if (!bars || bars.every((b) => b.lines === 0)) return noData(doc, 'No distribution lines for uses in the year (or the distribution-deadline rule was not run).');
  const height = 110;
  const top = doc.y + 30;
  const base = top + height;
  const slot = CONTENT / bars.length;
  const max = bars.reduce((m, b) => (dec(b.net).greaterThan(m) ? dec(b.net) : m), dec('0')).toFixed();
  doc.moveTo(PAGE.margin, base).lineTo(PAGE.margin + CONTENT, base).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  bars.forEach((b, i) => {
    const h = portion(b.net, max, height);
    const x = PAGE.margin + i * slot + slot * 0.18;
    const w = slot * 0.64;
    // Buckets 1-5 start 0, 3, 6, 9 and 12 months after the year end: late when they start at or after the deadline.
    const late = i >= 1 && i <= 5 && 3 * (i - 1) >= months;
    const color = b.bucket === 'unpaid' ? COLORS.amber : b.bucket === 'unidentified' ? COLORS.grey : late ? COLORS.fail : COLORS.blue;
    if (h > 0) doc.rect(x, base - h, w, h).fill(color);
    doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(7).text(b.net, PAGE.margin + i * slot, base - h - 20, { width: slot, align: 'center', lineBreak: false });
    doc.fillColor(COLORS.grey).fontSize(7).text(`${b.lines} lines`, PAGE.margin + i * slot, base - h - 11, { width: slot, align: 'center' });
    doc.fillColor(COLORS.ink).fontSize(7.5).text(b.bucket, PAGE.margin + i * slot, base + 4, { width: slot, align: 'center' });
  });
  if (months % 3 === 0 && months >= 3 && months <= 12) {
    const x = PAGE.margin + (months / 3 + 1) * slot;
    doc.moveTo(x, top - 6).lineTo(x, base + 2).dash(3, { space: 2 }).lineWidth(0.8).strokeColor(COLORS.fail).stroke().undash();
    doc.fillColor(COLORS.fail).fontSize(7).text('deadline', x + 2, top - 8);
  }
  doc.x = PAGE.margin;
  doc.y = base + 30;
}

function boardChart(doc: Doc, f: Finding | null): void {
  chartTitle(doc, 'Board seats: entitled by market share against actual', 'Seats each constituency is entitled to by its share of the money attributed over the look-back window (governance.board-representation), against the seats it holds at the year end.');
  const rows = f?.evidence.constituencies as { constituency: string; sharePercent: string | null; entitledSeats: number | null; actualSeats: number }[] | undefined;
  if (!rows || rows.length === 0) return noData(doc, f ? 'No board or no money to apportion by.' : 'The board-representation rule was not run.');
  const shown = rows.filter((r) => (r.entitledSeats ?? 0) > 0 || r.actualSeats > 0);
  const maxSeats = Math.max(1, ...shown.map((r) => Math.max(r.entitledSeats ?? 0, r.actualSeats)));
  const labelWidth = 110;
  const barArea = CONTENT - labelWidth - 40;
  let y = doc.y + 4;
  doc.rect(PAGE.margin + labelWidth, y, 8, 8).fill(COLORS.blue);
  doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(8).text('entitled', PAGE.margin + labelWidth + 11, y);
  doc.rect(PAGE.margin + labelWidth + 60, y, 8, 8).fill(COLORS.grey);
  doc.fillColor(COLORS.ink).text('actual', PAGE.margin + labelWidth + 71, y);
  y += 16;
  for (const r of shown) {
    const entitled = r.entitledSeats ?? 0;
    doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(8).text(r.constituency, PAGE.margin, y + 2, { width: labelWidth - 6 });
    doc.fillColor(COLORS.grey).fontSize(7).text(r.sharePercent === null ? '' : `${new DecimalValue(r.sharePercent).toFixed(2)}% of the money`, PAGE.margin, y + 12, { width: labelWidth - 6 });
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

function ruleSection(doc: Doc, f: Finding): void {
  if (doc.y > PAGE.height - PAGE.margin - 160) doc.addPage();
  else doc.moveDown(1);
  doc.x = PAGE.margin;
  const y = doc.y;
  doc.fillColor(COLORS.ink).font(FONT.bold).fontSize(11).text(f.title, PAGE.margin + 10, y, { width: CONTENT - 70 });
  const titleBottom = doc.y; // the title may take two lines
  doc.fillColor(f.passed ? COLORS.pass : COLORS.fail).font(FONT.bold).fontSize(10).text(f.passed ? 'PASS' : 'FAIL', PAGE.margin + CONTENT - 55, y, { width: 55, align: 'right' });
  doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(8).text(`${f.rule} · ${f.source} · severity ${f.severity}`, PAGE.margin + 10, titleBottom + 1, { width: CONTENT - 10 });
  doc.rect(PAGE.margin, y, 4, doc.y - y).fill(f.passed ? COLORS.pass : COLORS.fail);
  doc.x = PAGE.margin;
  doc.moveDown(0.5);
  doc.fillColor(COLORS.ink).font(FONT.regular).fontSize(9).text(f.details, PAGE.margin + 10, doc.y, { width: CONTENT - 10 });
  doc.x = PAGE.margin;
  doc.moveDown(0.4);
  const params = Object.entries(f.parameters);
  if (params.length > 0) {
    doc.fillColor(COLORS.grey).fontSize(8).text(`Parameters: ${params.map(([k, v]) => `${k} = ${v === null ? 'none' : Array.isArray(v) ? v.join(', ') : String(v)}`).join('; ')}`, { width: CONTENT });
    doc.moveDown(0.4);
  }
  evidence(doc, f.evidence);
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

function ordered(keys: Iterable<string>): string[] {
  const rank = (k: string) => {
    const i = FIELD_ORDER.indexOf(k);
    return i < 0 ? FIELD_ORDER.length : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The evidence: its plain values as a key/value table, each list of records as a table, nested records by name. */
function evidence(doc: Doc, value: Record<string, unknown>, prefix = ''): void {
  const scalars: [string, string][] = [];
  const nested: [string, unknown][] = [];
  for (const key of ordered(Object.keys(value))) {
    const v = value[key];
    if (v === null || typeof v !== 'object') scalars.push([prefix + key, v === null ? '-' : String(v)]);
    else if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) scalars.push([prefix + key, v.length === 0 ? '(none)' : v.join(', ')]);
    else nested.push([key, v]);
  }
  if (scalars.length > 0) keyValues(doc, scalars);
  for (const [key, v] of nested) {
    if (Array.isArray(v)) {
      if (v.length === 0) {
        keyValues(doc, [[prefix + key, '(none)']]);
        continue;
      }
      const records = v as Record<string, unknown>[];
      const columns = ordered(new Set(records.flatMap((r) => Object.keys(r))))
        .filter((c) => !HIDDEN_IN_TABLES.has(c) && records.some((r) => r[c] !== null && r[c] !== undefined && (typeof r[c] !== 'object' || Array.isArray(r[c]))))
        .slice(0, 11);
      // A list as long as the limit was cut there: say so.
      const cut = records.length >= EVIDENCE_LIMIT ? `: the first ${EVIDENCE_LIMIT}, as examples; the totals count every line` : '';
      subheading(doc, `${prefix}${key} (${records.length}${cut})`);
      table(doc, columns.map(words), records.map((r) => columns.map((c) => cellText(r[c]))));
    } else {
      evidence(doc, v as Record<string, unknown>, `${prefix}${key}.`);
    }
  }
}

/** A field name as a column header that can break between its words: "toOtherSocieties" → "to other societies". */
function words(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'object') return Array.isArray(v) ? v.join(', ') : JSON.stringify(v);
  return String(v);
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
  const min = Array.from({ length: count }, (_, j) => longest(column(j).flatMap((t) => t.split(/\s+/))) + CELL_PADDING);
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

function pageNumbers(doc: Doc, r: AuditReport): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Written in the bottom margin: without lifting it, PDFKit would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footer = `${r.society.name} · FY ${r.financialYear} · pinned at ${r.pinnedAt ?? 'no head'} · page ${i + 1} of ${range.count}`;
    doc.fillColor(COLORS.grey).font(FONT.regular).fontSize(7).text(footer, PAGE.margin, PAGE.height - PAGE.margin + 18, { width: CONTENT, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
