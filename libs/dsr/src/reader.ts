/**
 * The streaming DSR reader: the files of one report in, events out, one block at a time,
 * never a whole file in memory.
 *
 *   for await (const event of readDsrReport([{ name, source: fs.createReadStream(path) }])) {
 *     if (event.kind === 'block') … event.block.income (the block's usage and revenue lines)
 *     if (event.kind === 'end') … event.report (counts, reconciliation per summary record, problems)
 *   }
 *
 * Events, in order: `file` (a file's HEAD), `summary` (each summary record), `block` (a
 * block of release/resource/work/sales records with its income lines and problems),
 * `file-end` (FOOT, with the file's counts checked), and `end` (after the last file: the
 * report's counts, the reconciliation of every summary record against its sales records,
 * and every problem outside blocks). A consumer that stores blocks keeps them provisional
 * until `end` says whether the report stands (`report.accepted`).
 *
 * Checks (DSR Part 1 "Architecture", Part 8 "Record type definitions"): record order
 * (HEAD, summary records, blocks, FOOT), known record types and versions per profile,
 * every cell present (missing trailing cells), mandatory cells, cell formats, escapes,
 * references from sales records to summary records, releases and resources, FOOT counts
 * (lines including `#` heading lines, summary records, blocks; report totals in the last
 * file), the files of a multi-file report (file x of n, same HEAD ids), and the summary
 * totals against the sales records.
 */
import { isCountryCode, isCurrencyCode, normalizeIsrc, normalizeIswc } from '../../identifiers/src/index.js';
import { type Amount, DecimalValue, minorUnitsOf } from '../../money/src/index.js';
import { splitCells, splitValues, unescapeValue } from './cells.js';
import { DECIMAL_TEXT, ExactSum, INTEGER_TEXT, divideHalfEven, sameValue, unitsOf, unitsToText } from './exact.js';
import { type ByteChunks, type InputIssue, lineBatches } from './input.js';
import { type CellSpec, PROFILES, RECORD_ID, RECORD_KINDS, type RecordKind, type RecordLayout, layoutFor, profileKey } from './layouts.js';
import type { DsrProblem, DsrProblemCode, DsrProblemLevel } from './problems.js';
import { DsrRecord, type DsrFooter, type DsrHeader, type DsrRecording, type DsrRelease, type DsrSummary, type DsrWork } from './records.js';

export interface DsrFileInput {
  /** File name as received (checked against the DSR file-name pattern when given). */
  readonly name?: string;
  readonly source: ByteChunks;
}

export interface DsrReadOptions {
  /** Most problems kept in the `end` event's list (block problems travel with their block). Counts are always complete. Default 1000. */
  readonly maxProblems?: number;
}

/**
 * One usage (and its money) of a recording and/or work in one sales context: a sales
 * record (SU01/SU02/SU03) or a licensor allocation (LI01).
 */
export interface DsrIncomeLine {
  readonly kind: 'sale' | 'allocation';
  readonly file: number;
  readonly line: number;
  readonly recordType: string;
  readonly blockId: string;
  readonly summaryRecordId: string | null;
  readonly salesTransactionId: string | null;
  readonly territory: string | null;
  readonly currency: string | null;
  readonly commercialModel: string | null;
  /** Use type of the sales record if it has one (SU02.02), else of its summary record. */
  readonly useType: string | null;
  readonly serviceDescription: string | null;
  readonly rightsController: string | null;
  readonly rightsType: string | null;
  /** The report's usage period (HEAD), or the record's validity period when it has one. */
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly recording: DsrRecording | null;
  readonly release: DsrRelease | null;
  readonly works: readonly DsrWork[];
  /** Usages (streams, downloads net of returns, views), exact, as a decimal string. */
  readonly usages: string;
  /**
   * The money of the line, exact: `reported` when the record states it (SU03 NetRevenue,
   * LI01 AllocatedAmount); `pro-rata` when it does not and the summary record's net revenue
   * is shared by usages (see docs/dsr.md); null when there is nothing to share.
   */
  readonly revenue: Amount | null;
  readonly revenueBasis: 'reported' | 'pro-rata' | null;
  readonly isRoyaltyBearing: boolean | null;
}

export interface DsrBlock {
  readonly id: string;
  readonly file: number;
  readonly firstLine: number;
  readonly lastLine: number;
  readonly records: readonly DsrRecord[];
  readonly income: readonly DsrIncomeLine[];
  readonly problems: readonly DsrProblem[];
}

/** A summary record's totals against its sales records'. */
export interface DsrReconciliation {
  readonly summaryRecordId: string;
  readonly recordType: string;
  readonly file: number;
  readonly line: number;
  readonly territory: string;
  readonly currency: string | null;
  readonly commercialModel: string;
  readonly useType: string | null;
  readonly salesRecords: number;
  readonly firstSalesLine: { file: number; line: number } | null;
  readonly lastSalesLine: { file: number; line: number } | null;
  /** What the summary record states (AllocatedUsages when given, else Usages/TotalUsages). */
  readonly usagesStated: DecimalValue | null;
  readonly usagesInSales: DecimalValue;
  /** What the summary record states (AllocatedNetRevenue when given, else NetRevenue). */
  readonly revenueStated: DecimalValue | null;
  /** Sum of the revenue the sales records report themselves (null when none does). */
  readonly revenueInSales: DecimalValue | null;
  /** Sum of the pro-rata shares given to sales records without revenue of their own. */
  readonly revenueShared: DecimalValue | null;
  readonly usagesMatch: boolean | null;
  readonly revenueMatch: boolean | null;
}

export interface DsrFileSummary {
  readonly file: number;
  readonly name: string | null;
  readonly gzip: boolean;
  readonly lines: number;
  readonly headingLines: number;
  readonly summaryRecords: number;
  readonly blocks: number;
  readonly salesRecords: number;
  readonly header: DsrHeader | null;
  readonly footer: DsrFooter | null;
}

export interface DsrReport {
  readonly header: DsrHeader | null;
  readonly profile: { readonly name: string; readonly version: string; readonly known: boolean } | null;
  readonly files: readonly DsrFileSummary[];
  readonly lines: number;
  readonly summaryRecords: number;
  readonly blocks: number;
  readonly salesRecords: number;
  readonly reconciliation: readonly DsrReconciliation[];
  /** Problems outside blocks (up to maxProblems). */
  readonly problems: readonly DsrProblem[];
  /** Every problem of the report, blocks included. */
  readonly problemCounts: Readonly<Record<DsrProblemLevel, number>>;
  /** No errors anywhere in the report. */
  readonly accepted: boolean;
}

export type DsrEvent =
  | { readonly kind: 'file'; readonly file: number; readonly name: string | null; readonly header: DsrHeader | null; readonly problems: readonly DsrProblem[] }
  | { readonly kind: 'summary'; readonly summary: DsrSummary }
  | { readonly kind: 'block'; readonly block: DsrBlock }
  | { readonly kind: 'file-end'; readonly summary: DsrFileSummary; readonly problems: readonly DsrProblem[] }
  | { readonly kind: 'end'; readonly report: DsrReport };

/** Read a single-file report. */
export function readDsr(source: ByteChunks, options: DsrReadOptions & { name?: string } = {}): AsyncGenerator<DsrEvent> {
  return readDsrReport([{ name: options.name, source }], options);
}

/** Read the files of one report, in order (file 1 of n first). */
export async function* readDsrReport(files: Iterable<DsrFileInput> | AsyncIterable<DsrFileInput>, options: DsrReadOptions = {}): AsyncGenerator<DsrEvent> {
  const state = new ReportState(options.maxProblems ?? 1000);
  let index = 0;
  for await (const input of files as AsyncIterable<DsrFileInput>) {
    index++;
    yield* state.readFile(index, input);
  }
  yield { kind: 'end', report: state.finish(index) };
}

/** Read everything into memory (small reports and tests). */
export async function readDsrAll(files: DsrFileInput[] | ByteChunks | string, options: DsrReadOptions = {}) {
  const inputs: DsrFileInput[] =
    typeof files === 'string' ? [{ source: [Buffer.from(files, 'utf8')] }] : Array.isArray(files) && files.length > 0 && 'source' in (files[0] as object) ? (files as DsrFileInput[]) : [{ source: files as ByteChunks }];
  const events: DsrEvent[] = [];
  for await (const e of readDsrReport(inputs, options)) events.push(e);
  const blocks = events.flatMap((e) => (e.kind === 'block' ? [e.block] : []));
  const report = (events[events.length - 1] as Extract<DsrEvent, { kind: 'end' }>).report;
  const problems = [...events.flatMap((e) => (e.kind === 'block' ? e.block.problems : e.kind === 'file' || e.kind === 'file-end' ? e.problems : [])), ...report.problems];
  return { events, blocks, income: blocks.flatMap((b) => b.income), report, problems: dedupe(problems) };
}

function dedupe(problems: DsrProblem[]): DsrProblem[] {
  return [...new Set(problems)];
}

interface SummaryState {
  readonly summary: DsrSummary;
  readonly usagesStatedCell: string | null;
  readonly revenueStatedCell: string | null;
  readonly usagesStated: string | null;
  readonly revenueStated: string | null;
  readonly usages: ExactSum;
  readonly revenue: ExactSum;
  reportedRevenueLines: number;
  sales: number;
  first: { file: number; line: number } | null;
  lastFile: number;
  lastLine: number;
  /** Pro-rata sharing of the stated revenue by usages, cumulative so that no minor unit is lost. */
  readonly share: { units: bigint; scale: number; base: bigint; baseScale: number; cum: bigint } | null;
  sharedUnits: bigint;
  sharedLines: number;
}

interface OpenBlock {
  readonly id: string;
  readonly firstLine: number;
  lastLine: number;
  readonly records: DsrRecord[];
  readonly problems: DsrProblem[];
}

const HEADER_IDS = ['MessageId', 'MessageVersion', 'Profile', 'ProfileVersion', 'SenderPartyId', 'RecipientPartyId', 'UsageStartDate', 'UsageEndDate', 'NumberOfFiles'] as const;
const FILE_NAME = /^DSR_([^_]*)_([^_]*)_([^_]*)_([^_]*)_([^_]*)_([0-9]+)of([0-9]+)_([^_.]*)\.(tsv|tsv\.gz|txt|txt\.gz)$/i;
const DATE = /^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$|^[0-9]{4}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])$/;
const DATETIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?$/;
const DURATION = /^P(?=[0-9T])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+W)?(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?$/;
const BOOL = /^(?:true|false)$/i;

class ReportState {
  header: DsrHeader | null = null;
  profile: { name: string; version: string; known: boolean; records: ReadonlySet<string> | null } | null = null;
  readonly summaries = new Map<string, SummaryState>();
  readonly summaryOrder: SummaryState[] = [];
  readonly files: DsrFileSummary[] = [];
  readonly problems: DsrProblem[] = [];
  readonly counts: Record<DsrProblemLevel, number> = { error: 0, warning: 0 };
  readonly blockIds = new Set<string>();
  readonly warnedLayouts = new Set<string>();
  numberOfFiles: number | null = null;
  lines = 0;
  summaryRecords = 0;
  blocks = 0;
  salesRecords = 0;
  lastFooter: DsrFooter | null = null;

  // Per file.
  file = 0;
  fileProblems: DsrProblem[] = [];
  block: OpenBlock | null = null;
  phase: 'start' | 'summaries' | 'blocks' | 'done' = 'start';
  fileLines = 0;
  fileHeadings = 0;
  fileSummaries = 0;
  fileBlocks = 0;
  fileSales = 0;
  fileHeader: DsrHeader | null = null;
  fileFooter: DsrFooter | null = null;
  lastLayout: { id: string; layout: RecordLayout; exact: boolean } | null = null;

  constructor(readonly maxProblems: number) {}

  problem(level: DsrProblemLevel, code: DsrProblemCode, line: number, message: string, at: { record?: string | null; cell?: CellSpec | null; column?: number | null; cellName?: string | null; value?: string; relatedLine?: number; relatedFile?: number; file?: number } = {}): DsrProblem {
    const p: DsrProblem = {
      level,
      code,
      file: at.file ?? this.file,
      line,
      column: at.cell ? at.cell.index : (at.column ?? null),
      cell: at.cell ? at.cell.name : (at.cellName ?? null),
      recordType: at.record ?? null,
      message,
      ...(at.value !== undefined ? { value: at.value.length > 80 ? `${at.value.slice(0, 80)}…` : at.value } : {}),
      ...(at.relatedLine !== undefined ? { relatedLine: at.relatedLine } : {}),
      ...(at.relatedFile !== undefined ? { relatedFile: at.relatedFile } : {}),
    };
    this.counts[level]++;
    if (this.sink && at.file === undefined) this.sink.push(p);
    else if (this.block && line >= this.block.firstLine && at.file === undefined) this.block.problems.push(p);
    else if (this.phase !== 'done' && at.file === undefined) this.fileProblems.push(p);
    else if (this.problems.length < this.maxProblems) this.problems.push(p);
    return p;
  }

  async *readFile(file: number, input: DsrFileInput): AsyncGenerator<DsrEvent> {
    this.file = file;
    this.fileProblems = [];
    this.block = null;
    this.phase = 'start';
    this.fileLines = this.fileHeadings = this.fileSummaries = this.fileBlocks = this.fileSales = 0;
    this.fileHeader = null;
    this.fileFooter = null;
    let gzip = false;
    let headerSent = false;
    let lastLineText: string | null = null;
    let lastUnterminated = false;
    const issues: InputIssue[] = [];
    const name = input.name ?? null;
    if (name !== null) this.checkFileName(name, file);

    for await (const batch of lineBatches(input.source, (i) => issues.push(i), (yes) => (gzip = yes))) {
      for (const issue of issues.splice(0)) this.inputIssue(issue);
      const { lines, firstLine } = batch;
      for (let i = 0; i < lines.length; i++) {
        const lineNo = firstLine + i;
        const text = lines[i]!;
        this.fileLines = lineNo;
        const unterminated = batch.lastUnterminated && i === lines.length - 1;
        const sink: DsrProblem[] = [];
        this.sink = sink;
        if (batch.badEncoding?.has(lineNo)) {
          const column = batch.badEncoding.get(lineNo)!;
          this.problem('error', 'encoding', lineNo, `line ${lineNo} is not valid UTF-8 (cell ${column}); DSR files are UTF-8`, { column, record: text.split('\t')[0] ?? null });
        }
        const kind = this.line(text, lineNo, unterminated);
        this.sink = null;
        const open = this.block as OpenBlock | null;
        if (sink.length > 0) {
          if (kind !== null && kind !== 'header' && kind !== 'footer' && kind !== 'summary' && open) open.problems.push(...sink);
          else this.fileProblems.push(...sink);
        }
        lastLineText = text;
        lastUnterminated = unterminated;
        if (!headerSent && this.phase !== 'start') {
          headerSent = true;
          yield { kind: 'file', file, name, header: this.fileHeader, problems: this.fileProblems.splice(0) };
        }
        if (this.pendingSummary) {
          yield { kind: 'summary', summary: this.pendingSummary };
          this.pendingSummary = null;
        }
        if (this.closedBlock) {
          const closed = this.closedBlock;
          this.closedBlock = null;
          yield { kind: 'block', block: closed };
        }
      }
    }
    for (const issue of issues.splice(0)) this.inputIssue(issue);
    if (this.block) {
      const closed = this.closeBlock();
      if (closed) yield { kind: 'block', block: closed };
    }
    if (!headerSent) {
      yield { kind: 'file', file, name, header: this.fileHeader, problems: this.fileProblems.splice(0) };
    }
    if (this.fileLines === 0) this.problem('error', 'structure', 0, 'the file is empty');
    else if (!this.fileFooter) {
      const cut = lastUnterminated ? ' and its last line has no line break: the file looks cut short' : '';
      this.problem('error', lastUnterminated ? 'truncated' : 'structure', this.fileLines, `the file ends without a FOOT record${cut}`, { record: lastLineText ? (lastLineText.split('\t')[0] ?? null) : null });
    }
    this.checkFileCounts();
    this.lines += this.fileLines;
    this.blocks += this.fileBlocks;
    const summary: DsrFileSummary = {
      file,
      name,
      gzip,
      lines: this.fileLines,
      headingLines: this.fileHeadings,
      summaryRecords: this.fileSummaries,
      blocks: this.fileBlocks,
      salesRecords: this.fileSales,
      header: this.fileHeader,
      footer: this.fileFooter,
    };
    this.files.push(summary);
    yield { kind: 'file-end', summary, problems: this.fileProblems.splice(0) };
  }

  sink: DsrProblem[] | null = null;
  pendingSummary: DsrSummary | null = null;
  closedBlock: DsrBlock | null = null;

  inputIssue(issue: InputIssue): void {
    if (issue.kind === 'gzip') this.problem('error', 'gzip', issue.afterLine, issue.message);
    else this.problem(issue.fatal ? 'error' : 'warning', 'encoding', issue.line, issue.message);
  }

  checkFileName(name: string, file: number): void {
    const base = name.replace(/^.*[\\/]/, '');
    const m = FILE_NAME.exec(base);
    if (!m) {
      this.problem('warning', 'multi-file', 0, `file name "${base}" does not follow DSR_Recipient_Sender_Service_Period_Territory_XofY_Created.tsv (DSR Part 1 §8.1)`, { value: base });
      return;
    }
    const x = Number(m[6]);
    if (x !== file) this.problem('error', 'multi-file', 0, `file name "${base}" says file ${x} of ${m[7]}, but it is file ${file} of the report as given`, { value: base });
  }

  /** Reads one line; returns the kind of record it held (null for none). */
  line(text: string, lineNo: number, unterminated: boolean): RecordKind | null {
    if (text.length === 0) return null; // an empty record: counted by FOOT, nothing else (Part 1 "Empty Records", §7.6)
    if (text.charCodeAt(0) === 35 /* # */) {
      this.fileHeadings++;
      return null;
    }
    const cells = splitCells(text);
    const id = cells[0]!;
    if (id === '' && cells.every((c) => c === '')) return null; // only tabs: an empty record too
    if (this.phase === 'done') {
      this.problem('error', 'structure', lineNo, `a ${id} record after FOOT (line ${this.fileFooter?.line}); FOOT must be the last record`, { record: id });
      return null;
    }
    let found = this.lastLayout && this.lastLayout.id === id ? this.lastLayout : null;
    if (!found) {
      const looked = id === 'HEAD' || id === 'FOOT' || RECORD_ID.test(id) ? layoutFor(id) : null;
      if (!looked) {
        this.problem('error', 'record-type', lineNo, `unknown record type "${id}"`, { record: id, column: 1, cellName: 'RecordType', value: id });
        return null;
      }
      found = { id, ...looked };
      this.lastLayout = found;
      if (!looked.exact && !this.warnedLayouts.has(`${this.file}:${id}`)) {
        this.warnedLayouts.add(`${this.file}:${id}`);
        this.problem('warning', 'record-type', lineNo, `no layout is known for record version ${id}; read with the ${looked.layout.id} layout (later cells kept but not checked)`, { record: id, column: 1, cellName: 'RecordType' });
      }
    }
    const layout = found.layout;
    const kind = RECORD_KINDS[layout.base]!;
    if (this.profile?.records && !this.profile.records.has(layout.base)) {
      this.problem('error', 'record-type', lineNo, `record type ${id} is not part of the ${this.profile.name}`, { record: id, column: 1, cellName: 'RecordType' });
    }
    this.checkCells(id, layout, cells, lineNo, unterminated);
    const record = new DsrRecord(id, lineNo, this.file, cells, layout);
    if (kind === 'header') this.onHeader(record);
    else if (kind === 'footer') this.onFooter(record);
    else if (kind === 'summary') this.onSummary(record);
    else this.onBlockRecord(record, kind);
    return kind;
  }

  checkCells(id: string, layout: RecordLayout, cells: string[], lineNo: number, unterminated: boolean): void {
    const specs = layout.cells;
    const have = cells.length - 1;
    if (have < specs.length) {
      const missing = specs.slice(have);
      const mandatory = missing.find((c) => c.required);
      const names = missing.map((c) => `${c.name} (cell ${c.index})`).join(', ');
      if (unterminated) {
        this.problem('error', 'truncated', lineNo, `the last line ends without a line break after ${cells.length} of ${specs.length + 1} cells: the file looks cut short; missing ${names}`, { record: id, cell: missing[0]! });
      } else if (mandatory) {
        this.problem('error', 'missing-cells', lineNo, `${id} has ${cells.length} of its ${specs.length + 1} cells; missing ${names}, and ${mandatory.name} is mandatory (every record carries all its cells, empty ones included: DSR Part 1, "Empty Cells")`, { record: id, cell: mandatory });
      } else {
        this.problem('warning', 'missing-cells', lineNo, `${id} has ${cells.length} of its ${specs.length + 1} cells; missing ${names} (all optional, read as empty)`, { record: id, cell: missing[0]! });
      }
    } else if (have > specs.length) {
      for (let i = specs.length + 1; i < cells.length; i++) {
        if (cells[i] !== '') {
          this.problem('warning', 'extra-cells', lineNo, `${id} has ${cells.length} cells, ${layout.id} has ${specs.length + 1}; cell ${i + 1} is not read`, { record: id, column: i + 1, value: cells[i] });
          break;
        }
      }
    }
    const n = Math.min(have, specs.length);
    for (let i = 0; i < n; i++) {
      const spec = specs[i]!;
      const raw = cells[i + 1]!;
      if (raw === '') {
        if (spec.required) this.problem('error', 'required', lineNo, `${spec.name} is mandatory in ${id} and empty`, { record: id, cell: spec });
        continue;
      }
      if (spec.type === 'text' && !spec.multi && raw.indexOf('\\') < 0 && raw.indexOf('|') < 0) continue;
      this.checkValue(id, spec, raw, lineNo);
    }
  }

  checkValue(id: string, spec: CellSpec, raw: string, lineNo: number): void {
    if (!spec.multi && raw.indexOf('\\') < 0 && raw.indexOf('|') < 0) {
      const why = explainCell(spec.type, raw);
      if (why) this.problem('error', 'format', lineNo, `${spec.name} ${JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw)} ${why}`, { record: id, cell: spec, value: raw });
      return;
    }
    const parts = spec.multi ? splitValues(raw) : [raw];
    for (const part of parts) {
      let value = part;
      if (part.indexOf('\\') >= 0 || (!spec.multi && part.indexOf('|') >= 0)) {
        const decoded = unescapeValue(part, !spec.multi);
        if (decoded.problem) this.problem('error', 'escape', lineNo, `${spec.name}: ${decoded.problem}`, { record: id, cell: spec, value: raw });
        value = decoded.value;
      }
      const why = explainCell(spec.type, value);
      if (why) {
        this.problem('error', 'format', lineNo, `${spec.name} ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)} ${why}`, { record: id, cell: spec, value });
        return;
      }
    }
  }

  onHeader(record: DsrRecord): void {
    if (this.phase !== 'start') {
      this.problem('error', 'structure', record.line, 'a second HEAD record; HEAD must be the first record and appear once', { record: 'HEAD' });
      return;
    }
    this.phase = 'summaries';
    const num = (name: string) => (INTEGER_TEXT.test(record.get(name)) ? Number(record.get(name)) : null);
    const header: DsrHeader = {
      file: this.file,
      line: record.line,
      messageVersion: record.get('MessageVersion'),
      profile: record.get('Profile'),
      profileVersion: record.get('ProfileVersion'),
      messageId: record.get('MessageId'),
      createdAt: record.get('MessageCreatedDateTime'),
      fileNumber: num('FileNumber'),
      numberOfFiles: num('NumberOfFiles'),
      usageStartDate: record.get('UsageStartDate'),
      usageEndDate: record.get('UsageEndDate'),
      senderPartyId: record.get('SenderPartyId'),
      senderName: record.get('SenderName'),
      serviceDescription: record.opt('ServiceDescription'),
      recipientPartyId: record.opt('RecipientPartyId'),
      recipientName: record.opt('RecipientName'),
      representedRepertoire: record.values('RepresentedRepertoire'),
    };
    this.fileHeader = header;
    const cell = (name: string) => record.layout!.cells.find((c) => c.name === name)!;
    if (header.fileNumber !== null && header.fileNumber !== this.file) {
      this.problem('error', 'multi-file', record.line, `HEAD FileNumber is ${header.fileNumber}, but this is file ${this.file} of the report as given (files are read in order, 1 of n first)`, { record: 'HEAD', cell: cell('FileNumber') });
    }
    if (header.numberOfFiles !== null && header.fileNumber !== null && header.fileNumber > header.numberOfFiles) {
      this.problem('error', 'multi-file', record.line, `HEAD FileNumber ${header.fileNumber} is more than NumberOfFiles ${header.numberOfFiles}`, { record: 'HEAD', cell: cell('FileNumber') });
    }
    if (!this.header) {
      this.header = header;
      this.numberOfFiles = header.numberOfFiles;
      const known = PROFILES[profileKey(header.profile)];
      this.profile = { name: known?.name ?? header.profile, version: header.profileVersion, known: !!known, records: known?.records ?? null };
      if (!known) {
        this.problem('warning', 'record-type', record.line, `profile "${header.profile}" is not one this reader knows (Basic Audio Profile, UGC Profile); its records are read by their layouts but not checked against the profile`, { record: 'HEAD', cell: cell('Profile'), value: header.profile });
      }
      return;
    }
    const first = this.header;
    const firstRecord: Record<string, string | number | null> = { MessageId: first.messageId, MessageVersion: first.messageVersion, Profile: first.profile, ProfileVersion: first.profileVersion, SenderPartyId: first.senderPartyId, RecipientPartyId: first.recipientPartyId, UsageStartDate: first.usageStartDate, UsageEndDate: first.usageEndDate, NumberOfFiles: first.numberOfFiles };
    const thisRecord: Record<string, string | number | null> = { MessageId: header.messageId, MessageVersion: header.messageVersion, Profile: header.profile, ProfileVersion: header.profileVersion, SenderPartyId: header.senderPartyId, RecipientPartyId: header.recipientPartyId, UsageStartDate: header.usageStartDate, UsageEndDate: header.usageEndDate, NumberOfFiles: header.numberOfFiles };
    for (const name of HEADER_IDS) {
      if ((firstRecord[name] ?? '') !== (thisRecord[name] ?? '')) {
        this.problem('error', 'multi-file', record.line, `HEAD ${name} is ${JSON.stringify(thisRecord[name])} here but ${JSON.stringify(firstRecord[name])} in file 1 (line ${first.line}); the files of one report share it`, { record: 'HEAD', cell: cell(name), relatedLine: first.line, relatedFile: first.file });
      }
    }
  }

  onFooter(record: DsrRecord): void {
    if (this.block) this.closedBlock = this.closeBlock();
    if (this.phase === 'start') this.problem('error', 'structure', record.line, 'FOOT before any HEAD record', { record: 'FOOT' });
    this.phase = 'done';
    const num = (name: string) => (INTEGER_TEXT.test(record.get(name)) ? Number(record.get(name)) : null);
    this.fileFooter = {
      file: this.file,
      line: record.line,
      numberOfLinesInFile: num('NumberOfLinesInFile'),
      numberOfLinesInReport: num('NumberOfLinesInReport'),
      numberOfSummaryRecords: num('NumberOfSummaryRecords'),
      numberOfBlocksInFile: num('NumberOfBlocksInFile'),
      numberOfBlocksInReport: num('NumberOfBlocksInReport'),
    };
    this.lastFooter = this.fileFooter;
  }

  checkFileCounts(): void {
    const foot = this.fileFooter;
    if (!foot) return;
    const cell = (name: string): CellSpec => layoutFor('FOOT')!.layout.cells.find((c) => c.name === name)!;
    if (foot.numberOfLinesInFile !== null && foot.numberOfLinesInFile !== this.fileLines) {
      this.problem('error', 'count', foot.line, `FOOT NumberOfLinesInFile says ${foot.numberOfLinesInFile}; the file has ${this.fileLines} lines (HEAD, heading and empty lines and FOOT included)`, { record: 'FOOT', cell: cell('NumberOfLinesInFile'), file: this.file });
    }
    if (foot.numberOfBlocksInFile !== null && foot.numberOfBlocksInFile !== this.fileBlocks) {
      this.problem('error', 'count', foot.line, `FOOT NumberOfBlocksInFile says ${foot.numberOfBlocksInFile}; the file has ${this.fileBlocks} blocks`, { record: 'FOOT', cell: cell('NumberOfBlocksInFile'), file: this.file });
    }
  }

  onSummary(record: DsrRecord): void {
    if (this.phase === 'start') {
      this.problem('error', 'structure', record.line, `${record.type} before the HEAD record; HEAD must come first`, { record: record.type });
      this.phase = 'summaries';
    }
    if (this.phase === 'blocks') {
      this.problem('error', 'structure', record.line, `summary record ${record.type} after the first block (line ${this.blockStartLine}); summary records come before the blocks`, { record: record.type, relatedLine: this.blockStartLine });
    }
    this.summaryRecords++;
    this.fileSummaries++;
    const id = record.get('SummaryRecordId');
    const pick = (...names: string[]) => {
      for (const n of names) {
        const v = record.opt(n);
        if (v !== null) return { name: n, value: v };
      }
      return null;
    };
    const usages = pick('Usages', 'TotalUsages', 'UsagesInReportingPeriod');
    const revenue = pick('NetRevenue');
    const allocatedUsages = pick('AllocatedUsages');
    const allocatedRevenue = pick('AllocatedNetRevenue');
    const currency = pick('CurrencyOfReporting', 'Currency');
    const summary: DsrSummary = {
      id,
      type: record.type,
      file: this.file,
      line: record.line,
      commercialModel: record.get('CommercialModel'),
      useType: record.opt('UseType'),
      territory: record.get('Territory'),
      serviceDescription: record.opt('ServiceDescription'),
      currency: currency?.value ?? null,
      usages: usages?.value ?? null,
      netRevenue: revenue?.value ?? null,
      allocatedUsages: allocatedUsages?.value ?? null,
      allocatedNetRevenue: allocatedRevenue?.value ?? null,
      rightsController: record.opt('RightsController'),
      rightsType: record.opt('RightsType'),
      record,
    };
    this.pendingSummary = summary;
    if (id === '') return;
    const existing = this.summaries.get(id);
    if (existing) {
      this.problem('error', 'duplicate', record.line, `SummaryRecordId ${JSON.stringify(id)} is already used by the ${existing.summary.type} on line ${existing.summary.line}${existing.summary.file !== this.file ? ` of file ${existing.summary.file}` : ''}; sales records referring to it are counted against that one`, { record: record.type, cellName: 'SummaryRecordId', column: 2, relatedLine: existing.summary.line, relatedFile: existing.summary.file });
      return;
    }
    const usagesStated = allocatedUsages ?? usages;
    const revenueStated = allocatedRevenue ?? revenue;
    const okNumber = (v: { value: string } | null) => v !== null && DECIMAL_TEXT.test(v.value);
    let share: SummaryState['share'] = null;
    if (okNumber(usagesStated) && okNumber(revenueStated) && summary.currency && isCurrencyCode(summary.currency)) {
      const base = unitsOf(usagesStated!.value);
      const total = unitsOf(revenueStated!.value);
      const scale = Math.max(total.scale, minorUnitsOf(summary.currency));
      if (base.units > 0n) share = { units: total.units * 10n ** BigInt(scale - total.scale), scale, base: base.units, baseScale: base.scale, cum: 0n };
    }
    const state: SummaryState = {
      summary,
      usagesStatedCell: usagesStated?.name ?? null,
      revenueStatedCell: revenueStated?.name ?? null,
      usagesStated: okNumber(usagesStated) ? usagesStated!.value : null,
      revenueStated: okNumber(revenueStated) ? revenueStated!.value : null,
      usages: new ExactSum(),
      revenue: new ExactSum(),
      reportedRevenueLines: 0,
      sales: 0,
      first: null,
      lastFile: 0,
      lastLine: 0,
      share,
      sharedUnits: 0n,
      sharedLines: 0,
    };
    this.summaries.set(id, state);
    this.summaryOrder.push(state);
  }

  blockStartLine = 0;

  onBlockRecord(record: DsrRecord, kind: RecordKind): void {
    if (this.phase === 'start') {
      this.problem('error', 'structure', record.line, `${record.type} before the HEAD record; HEAD must come first`, { record: record.type });
    }
    if (this.phase !== 'blocks') {
      this.phase = 'blocks';
      this.blockStartLine = record.line;
    }
    const blockId = record.get('BlockId');
    if (!this.block || this.block.id !== blockId) {
      if (this.block) this.closedBlock = this.closeBlock();
      this.block = { id: blockId, firstLine: record.line, lastLine: record.line, records: [], problems: [] };
      this.fileBlocks++;
      const key = `${blockId}`;
      if (this.blockIds.has(key)) {
        this.problem('error', 'duplicate', record.line, `BlockId ${JSON.stringify(blockId)} was used by an earlier block; the records of a block are consecutive and a BlockId is unique in the report`, { record: record.type, cellName: 'BlockId', column: 2 });
      } else this.blockIds.add(key);
    }
    this.block.lastLine = record.line;
    this.block.records.push(record);
    if (kind === 'sale' || kind === 'licensor') this.onSale(record, kind);
  }

  onSale(record: DsrRecord, kind: RecordKind): void {
    const summaryId = record.get('SummaryRecordId');
    if (kind === 'sale') {
      this.salesRecords++;
      this.fileSales++;
    }
    if (summaryId === '') {
      if (record.layout!.cells.find((c) => c.name === 'SummaryRecordId')?.required === false) return; // SU03 followed by LI01, LI01 without one
      return; // reported as a mandatory cell already
    }
    const state = this.summaries.get(summaryId);
    if (!state) {
      this.problem('error', 'reference', record.line, `SummaryRecordId ${JSON.stringify(summaryId)} refers to no summary record of this report`, { record: record.type, cellName: 'SummaryRecordId', column: record.indexOf('SummaryRecordId') + 1, value: summaryId });
      return;
    }
    if (kind !== 'sale') return;
    const usages = saleUsages(record);
    if (usages === null) return;
    state.sales++;
    if (state.first === null) state.first = { file: this.file, line: record.line };
    state.lastFile = this.file;
    state.lastLine = record.line;
    state.usages.add(usages);
    const revenue = record.opt('NetRevenue');
    if (revenue !== null && DECIMAL_TEXT.test(revenue)) {
      state.revenue.add(revenue);
      state.reportedRevenueLines++;
      this.lineMoney.set(record, { revenue, basis: 'reported' });
    } else if (state.share) {
      // Cumulative pro-rata share: round(R × cumulative usages / U) minus what was already given.
      const s = state.share;
      const dot = usages.indexOf('.');
      const scale = dot < 0 ? 0 : usages.length - dot - 1;
      if (scale > s.baseScale) {
        // a finer usage than the summary states: bring the base and the running total to its scale
        const f = 10n ** BigInt(scale - s.baseScale);
        s.base *= f;
        s.cum *= f;
        s.baseScale = scale;
      }
      const u = dot < 0 ? BigInt(usages) : BigInt(usages.slice(0, dot) + usages.slice(dot + 1));
      s.cum += scale === s.baseScale ? u : u * 10n ** BigInt(s.baseScale - scale);
      const upTo = divideHalfEven(s.units * s.cum, s.base);
      const units = upTo - state.sharedUnits;
      state.sharedUnits = upTo;
      state.sharedLines++;
      this.lineMoney.set(record, { revenue: unitsToText(units, s.scale), basis: 'pro-rata' });
    }
  }

  /** Money decided for sales records while reading (in order), until their block closes. */
  readonly lineMoney = new Map<DsrRecord, { revenue: string; basis: 'reported' | 'pro-rata' }>();

  closeBlock(): DsrBlock | null {
    const open = this.block;
    this.block = null;
    if (!open) return null;
    const income = this.incomeOf(open);
    return { id: open.id, file: this.file, firstLine: open.firstLine, lastLine: open.lastLine, records: open.records, income, problems: open.problems };
  }

  incomeOf(block: OpenBlock): DsrIncomeLine[] {
    const releases = new Map<string, DsrRelease>();
    const resources = new Map<string, { recording: DsrRecording; works: DsrWork[] }>();
    const byDspResource = new Map<string, { recording: DsrRecording; works: DsrWork[] }>();
    const blockWorks: DsrWork[] = [];
    let current: { recording: DsrRecording; works: DsrWork[] } | null = null;
    let firstResource: { recording: DsrRecording; works: DsrWork[] } | null = null;
    let headRelease: DsrRelease | null = null;
    const income: DsrIncomeLine[] = [];
    const sales: DsrRecord[] = [];
    for (const r of block.records) {
      const base = r.layout!.base;
      if (base === 'RE01' || base === 'RE02') {
        const release: DsrRelease = {
          releaseReference: r.get('ReleaseReference'),
          dspReleaseId: r.get(base === 'RE01' ? 'DspReleaseId' : 'DspSubReleaseId'),
          icpn: r.opt('ICPN'),
          title: r.get('Title'),
          displayArtist: r.get('DisplayArtistName'),
          line: r.line,
        };
        if (releases.has(release.releaseReference)) this.blockProblem(block, r, 'duplicate', 'ReleaseReference', `ReleaseReference ${JSON.stringify(release.releaseReference)} is used twice in block ${block.id}`);
        releases.set(release.releaseReference, release);
        if (base === 'RE01') headRelease ??= release;
      } else if (base === 'AS01' || base === 'AS02') {
        const recording: DsrRecording = {
          dspResourceId: r.get('DspResourceId'),
          resourceReference: r.get('ResourceReference'),
          isrc: r.values('ISRC').map((v) => normalizeIsrc(v) ?? v),
          title: r.get('Title'),
          displayArtist: r.get('DisplayArtistName'),
          resourceType: r.get('ResourceType'),
          line: r.line,
        };
        const works: DsrWork[] = base === 'AS02' && hasWork(r) ? [workOf(r)] : [];
        current = { recording, works };
        firstResource ??= current;
        if (resources.has(recording.resourceReference)) this.blockProblem(block, r, 'duplicate', 'ResourceReference', `ResourceReference ${JSON.stringify(recording.resourceReference)} is used twice in block ${block.id}`);
        resources.set(recording.resourceReference, current);
        byDspResource.set(recording.dspResourceId, current);
        blockWorks.push(...works);
      } else if (base === 'MW01') {
        const work = workOf(r);
        blockWorks.push(work);
        if (current) current.works.push(work);
      } else if (base === 'SU01' || base === 'SU02' || base === 'SU03' || base === 'LI01') {
        sales.push(r);
      }
    }
    for (const r of sales) {
      const base = r.layout!.base;
      const summaryId = r.opt('SummaryRecordId');
      const summary = summaryId !== null ? (this.summaries.get(summaryId)?.summary ?? null) : null;
      let recording: DsrRecording | null = null;
      let release: DsrRelease | null = null;
      let works: readonly DsrWork[] = [];
      if (base === 'SU01' || base === 'SU02') {
        const resourceRef = r.opt('TransactedResource');
        const releaseRef = r.opt('TransactedRelease');
        if (resourceRef !== null) {
          const found = resources.get(resourceRef);
          if (!found) this.blockProblem(block, r, 'reference', 'TransactedResource', `TransactedResource ${JSON.stringify(resourceRef)} names no resource (AS01/AS02 ResourceReference) of block ${block.id}`);
          else ({ recording, works } = found);
          release = headRelease;
        } else if (releaseRef !== null) {
          release = releases.get(releaseRef) ?? null;
          if (!release) this.blockProblem(block, r, 'reference', 'TransactedRelease', `TransactedRelease ${JSON.stringify(releaseRef)} names no release (RE01/RE02 ReleaseReference) of block ${block.id}`);
        } else {
          this.blockProblem(block, r, 'required', 'TransactedResource', 'either TransactedResource or TransactedRelease must be given');
        }
        if (resourceRef !== null && releaseRef !== null) this.blockProblem(block, r, 'format', 'TransactedRelease', 'TransactedRelease and TransactedResource are both given; a sales record is about one or the other', 'warning');
      } else {
        // UGC: the block is about one resource (and its works).
        const dspResource = r.opt('DspResourceId');
        const found = (dspResource !== null ? byDspResource.get(dspResource) : null) ?? firstResource;
        if (dspResource !== null && !byDspResource.has(dspResource)) this.blockProblem(block, r, 'reference', 'DspResourceId', `DspResourceId ${JSON.stringify(dspResource)} names no resource of block ${block.id}`, 'warning');
        recording = found?.recording ?? null;
        works = blockWorks;
        release = headRelease;
      }
      const money = this.lineMoney.get(r);
      this.lineMoney.delete(r);
      const isAllocation = base === 'LI01';
      const allocated = isAllocation ? r.opt('AllocatedAmount') : null;
      const revenueText = isAllocation ? (allocated !== null && DECIMAL_TEXT.test(allocated) ? allocated : null) : (money?.revenue ?? null);
      const usages = isAllocation ? (r.opt('AllocatedUsages') ?? '0') : (saleUsages(r) ?? '0');
      const start = r.opt('ValidityPeriodStart');
      const end = r.opt('ValidityPeriodEnd');
      const royalty = r.opt('IsRoyaltyBearing');
      income.push({
        kind: isAllocation ? 'allocation' : 'sale',
        file: r.file,
        line: r.line,
        recordType: r.type,
        blockId: block.id,
        summaryRecordId: summaryId,
        salesTransactionId: r.opt('SalesTransactionId'),
        territory: summary?.territory ?? null,
        currency: summary?.currency ?? null,
        commercialModel: summary?.commercialModel ?? null,
        useType: r.opt('UseType') ?? summary?.useType ?? null,
        serviceDescription: summary?.serviceDescription ?? null,
        rightsController: isAllocation ? r.opt('RightsController') : (summary?.rightsController ?? null),
        rightsType: (isAllocation ? r.opt('RightsType') : null) ?? summary?.rightsType ?? null,
        periodStart: start !== null ? isoDate(start) : (this.header?.usageStartDate ?? null),
        periodEnd: end !== null ? isoDate(end) : (this.header?.usageEndDate ?? null),
        recording,
        release,
        works,
        usages,
        revenue: revenueText !== null ? new DecimalValue(revenueText) : null,
        revenueBasis: revenueText === null ? null : isAllocation ? 'reported' : (money?.basis ?? null),
        isRoyaltyBearing: royalty === null ? null : royalty.toLowerCase() === 'true',
      });
    }
    return income;
  }

  blockProblem(block: OpenBlock, r: DsrRecord, code: DsrProblemCode, cellName: string, message: string, level: DsrProblemLevel = 'error'): void {
    const at = r.indexOf(cellName);
    const p: DsrProblem = { level, code, file: r.file, line: r.line, column: at < 0 ? null : at + 1, cell: cellName, recordType: r.type, message };
    this.counts[level]++;
    block.problems.push(p);
  }

  finish(filesRead: number): DsrReport {
    this.file = filesRead;
    this.phase = 'done';
    this.block = null;
    const expected = this.numberOfFiles;
    if (expected !== null && expected !== filesRead) {
      this.problem('error', 'multi-file', 0, `HEAD NumberOfFiles says the report has ${expected} file${expected === 1 ? '' : 's'}, but ${filesRead} ${filesRead === 1 ? 'was' : 'were'} read${filesRead < expected ? `; missing ${Array.from({ length: expected - filesRead }, (_, i) => `${filesRead + i + 1} of ${expected}`).join(', ')}` : ''}`, { file: filesRead });
    }
    const foot = this.lastFooter;
    const footCell = (name: string): CellSpec => layoutFor('FOOT')!.layout.cells.find((c) => c.name === name)!;
    if (foot) {
      const f = { record: 'FOOT', file: foot.file };
      if (foot.numberOfLinesInReport === null) this.problem('error', 'count', foot.line, 'FOOT NumberOfLinesInReport is mandatory in the last file of a report', { ...f, cell: footCell('NumberOfLinesInReport') });
      else if (foot.numberOfLinesInReport !== this.lines) this.problem('error', 'count', foot.line, `FOOT NumberOfLinesInReport says ${foot.numberOfLinesInReport}; the report has ${this.lines} lines in ${this.files.length} file${this.files.length === 1 ? '' : 's'}`, { ...f, cell: footCell('NumberOfLinesInReport') });
      if (foot.numberOfBlocksInReport === null) this.problem('error', 'count', foot.line, 'FOOT NumberOfBlocksInReport is mandatory in the last file of a report', { ...f, cell: footCell('NumberOfBlocksInReport') });
      else if (foot.numberOfBlocksInReport !== this.blocks) this.problem('error', 'count', foot.line, `FOOT NumberOfBlocksInReport says ${foot.numberOfBlocksInReport}; the report has ${this.blocks} blocks`, { ...f, cell: footCell('NumberOfBlocksInReport') });
      if (foot.numberOfSummaryRecords !== null && foot.numberOfSummaryRecords !== this.summaryRecords) this.problem('error', 'count', foot.line, `FOOT NumberOfSummaryRecords says ${foot.numberOfSummaryRecords}; the report has ${this.summaryRecords} summary records`, { ...f, cell: footCell('NumberOfSummaryRecords') });
    }
    const reconciliation = this.summaryOrder.map((s) => this.reconcile(s));
    return {
      header: this.header,
      profile: this.profile ? { name: this.profile.name, version: this.profile.version, known: this.profile.known } : null,
      files: this.files,
      lines: this.lines,
      summaryRecords: this.summaryRecords,
      blocks: this.blocks,
      salesRecords: this.salesRecords,
      reconciliation,
      problems: this.problems,
      problemCounts: { ...this.counts },
      accepted: this.counts.error === 0,
    };
  }

  reconcile(s: SummaryState): DsrReconciliation {
    const sum = s.summary;
    const last = s.first ? { file: s.lastFile, line: s.lastLine } : null;
    const at = { record: sum.type, file: sum.file };
    const where = (p: { file: number; line: number } | null) => (p ? `line ${p.line}${p.file !== sum.file ? ` of file ${p.file}` : ''}` : '');
    const range = s.first && last ? (s.sales === 1 ? where(s.first) : `${where(s.first)} to ${where(last)}`) : '';
    let usagesMatch: boolean | null = null;
    let revenueMatch: boolean | null = null;
    const cellOf = (name: string | null) => (name ? sum.record.layout!.cells.find((c) => c.name === name) ?? null : null);
    if (s.sales > 0 && s.usagesStated !== null) {
      usagesMatch = sameValue(s.usagesStated, s.usages.toText());
      if (!usagesMatch) {
        this.problem('error', 'reconciliation', sum.line, `${sum.type} ${JSON.stringify(sum.id)} on line ${sum.line} states ${s.usagesStated} usages (${s.usagesStatedCell}); its ${s.sales} sales records (${range}) add up to ${s.usages.toText()}`, { ...at, cell: cellOf(s.usagesStatedCell), relatedLine: last!.line, ...(last!.file !== sum.file ? { relatedFile: last!.file } : {}) });
      }
    }
    if (s.reportedRevenueLines > 0 && s.revenueStated !== null) {
      revenueMatch = sameValue(s.revenueStated, s.revenue.toText());
      if (!revenueMatch) {
        this.problem('error', 'reconciliation', sum.line, `${sum.type} ${JSON.stringify(sum.id)} on line ${sum.line} states ${s.revenueStated} ${sum.currency ?? ''} net revenue (${s.revenueStatedCell}); its sales records (${range}) report ${s.revenue.toText()}`, { ...at, cell: cellOf(s.revenueStatedCell), relatedLine: last!.line, ...(last!.file !== sum.file ? { relatedFile: last!.file } : {}) });
      }
    }
    if (s.sales === 0 && s.usagesStated !== null && !sameValue(s.usagesStated, '0')) {
      this.problem('warning', 'reconciliation', sum.line, `${sum.type} ${JSON.stringify(sum.id)} states ${s.usagesStated} usages but no sales record of the report refers to it`, { ...at, cell: cellOf(s.usagesStatedCell) });
    }
    return {
      summaryRecordId: sum.id,
      recordType: sum.type,
      file: sum.file,
      line: sum.line,
      territory: sum.territory,
      currency: sum.currency,
      commercialModel: sum.commercialModel,
      useType: sum.useType,
      salesRecords: s.sales,
      firstSalesLine: s.first,
      lastSalesLine: last,
      usagesStated: s.usagesStated !== null ? new DecimalValue(s.usagesStated) : null,
      usagesInSales: s.usages.toDecimal(),
      revenueStated: s.revenueStated !== null ? new DecimalValue(s.revenueStated) : null,
      revenueInSales: s.reportedRevenueLines > 0 ? s.revenue.toDecimal() : null,
      revenueShared: s.sharedLines > 0 && s.share ? new DecimalValue(unitsToText(s.sharedUnits, s.share.scale)) : null,
      usagesMatch,
      revenueMatch,
    };
  }
}

/** Usages of a sales record: SU01 Usages − Returns, SU02 NumberOfStreams, SU03 Usages; null when unreadable. */
function saleUsages(r: DsrRecord): string | null {
  const base = r.layout!.base;
  if (base === 'SU02') {
    const v = r.get('NumberOfStreams');
    return DECIMAL_TEXT.test(v) ? v : null;
  }
  const usages = r.get('Usages');
  if (!DECIMAL_TEXT.test(usages)) return base === 'SU03' && usages === '' ? '0' : null;
  if (base === 'SU01') {
    const returns = r.get('Returns');
    if (returns !== '' && DECIMAL_TEXT.test(returns) && !sameValue(returns, '0')) {
      const a = unitsOf(usages);
      const b = unitsOf(returns);
      const scale = Math.max(a.scale, b.scale);
      return unitsToText(a.units * 10n ** BigInt(scale - a.scale) - b.units * 10n ** BigInt(scale - b.scale), scale);
    }
  }
  return usages;
}

function hasWork(r: DsrRecord): boolean {
  return r.opt('ISWC') !== null || r.opt('ProprietaryWorkId') !== null || r.opt('ComposerAuthor') !== null || r.opt('MusicPublisher') !== null || r.opt('WorkContributor') !== null;
}

function workOf(r: DsrRecord): DsrWork {
  const iswc = r.opt('ISWC');
  return {
    iswc: iswc !== null ? (normalizeIswc(iswc) ?? iswc) : null,
    title: r.opt('Title'),
    contributors: [...r.values('ComposerAuthor'), ...r.values('Arranger'), ...r.values('WorkContributor')],
    publishers: r.values('MusicPublisher'),
    proprietaryWorkId: r.opt('ProprietaryWorkId'),
    dspWorkId: r.opt('DspWorkId'),
    line: r.line,
  };
}

function isoDate(value: string): string {
  return /^[0-9]{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}` : value;
}

/** Why a (decoded) value is not of the cell's type, or null. */
function explainCell(type: CellSpec['type'], value: string): string | null {
  switch (type) {
    case 'text':
      return null;
    case 'int':
      return INTEGER_TEXT.test(value) ? null : 'is not a whole number';
    case 'num':
    case 'money':
      return DECIMAL_TEXT.test(value) ? null : 'is not a decimal number (digits, an optional "." and digits, an optional leading "-")';
    case 'bool':
      return BOOL.test(value) ? null : 'is not a Boolean (true or false)';
    case 'date':
      return DATE.test(value) ? null : 'is not a date (YYYY-MM-DD)';
    case 'datetime':
      return DATETIME.test(value) ? null : 'is not a date and time (RFC 3339, e.g. 2020-07-03T07:59:30Z)';
    case 'duration':
      return DURATION.test(value) ? null : 'is not an ISO 8601 duration (e.g. PT3M37S)';
    case 'currency':
      return isCurrencyCode(value) ? null : 'is not an ISO 4217 currency code';
    case 'territory':
      return isCountryCode(value) || value === 'Worldwide' || value === 'WW' ? null : 'is not an ISO 3166-1 alpha-2 territory code';
    case 'isrc':
      return normalizeIsrc(value) !== null ? null : 'is not an ISRC (CC-XXX-YY-NNNNN)';
    case 'iswc':
      return normalizeIswc(value) !== null ? null : 'is not a valid ISWC (T, 9 digits and a check digit)';
  }
}
