/**
 * A DSR report uploaded as one body, read into the rows a ledger stores: the society's
 * licence income, one row per sales record and work (a medley's money shared between its
 * works exactly, `incomeShares`), each with the upload line it came from.
 *
 * One upload carries one report. A multi-file report is uploaded as its files one after
 * the other (`cat DSR_…_1of2_….tsv DSR_…_2of2_….tsv`, or their .gz files concatenated: a
 * gzip stream of several members, which is what `cat a.gz b.gz` gives): a line starting
 * `HEAD⇥` after the first line starts the next file. Each file is then read as its own
 * file of the report (file x of n, FOOT counts per file, the same HEAD ids), and every
 * problem names the upload's line (and the file and its own line in the message).
 * Archives (tar, zip) are not read: one body, one stream of DSR lines.
 *
 * Every problem of the report is reported; any error rejects it (a DSR is taken whole or
 * not at all). Pure: no framework, no database.
 */
import { type DecimalValue } from '../../money/src/index.js';
import { type ByteChunks, inflateIfGzip } from './input.js';
import { incomeShares } from './income.js';
import { layoutFor } from './layouts.js';
import { type DsrProblem, describeProblem } from './problems.js';
import { type DsrEvent, type DsrFileInput, type DsrIncomeLine, type DsrReport, readDsrReport } from './reader.js';
import type { DsrHeader } from './records.js';

/** The categories of rights a DSR line may be booked under (the ledger's vocabulary, CONTRACT.md). */
export type DsrCategory = 'performing' | 'mechanical' | 'reproduction' | 'communication' | 'making-available' | 'other';

/**
 * Which category of rights a DSR line's money is booked under: a stated parameter of the
 * ledger, not a statement of law. A DSP's on-demand use is taken to be the making-available
 * right (the right of communication to the public in its on-demand form, Directive
 * 2001/29/EC Art. 3) unless the report's own RightsType (summary record or LI01) names
 * another right; how a jurisdiction splits a stream or a download between the
 * making-available, performing and mechanical rights is the society's tariff's business.
 */
export interface DsrCategoryPolicy {
  /** Category of a line whose RightsType is empty or not recognised. */
  readonly default: DsrCategory;
  /** RightsType (case and non-letters ignored) → category. */
  readonly byRightsType: Readonly<Record<string, DsrCategory>>;
}

export const DSR_CATEGORY_POLICY: DsrCategoryPolicy = {
  default: 'making-available',
  byRightsType: {
    makingavailableright: 'making-available',
    performingright: 'performing',
    mechanicalright: 'mechanical',
    communicationright: 'communication',
    righttocommunicatetothepublic: 'communication',
    reproductionright: 'reproduction',
  },
};

export function categoryOf(rightsType: string | null, policy: DsrCategoryPolicy = DSR_CATEGORY_POLICY): DsrCategory {
  if (!rightsType) return policy.default;
  return policy.byRightsType[rightsType.toLowerCase().replace(/[^a-z]/g, '')] ?? policy.default;
}

/** One row of licence income (the columns of the `dsr` lines table). Amounts and usages are exact decimal strings. */
export interface DsrLedgerRow {
  /** `<upload line>`, or `<upload line>.<k>` for the k-th work of a line naming several. */
  readonly income_id: string;
  readonly message_id: string;
  readonly dsp_party_id: string;
  readonly dsp_name: string;
  readonly service: string | null;
  readonly summary_record_id: string | null;
  readonly block_id: string;
  readonly sales_transaction_id: string | null;
  readonly iswc: string | null;
  readonly work_title: string | null;
  /** The work's contributors (composers, authors, arrangers), `|`-separated. */
  readonly contributors: string | null;
  /** The recording's first ISRC. */
  readonly isrc: string | null;
  readonly recording_title: string | null;
  readonly display_artist: string | null;
  readonly dsp_resource_id: string | null;
  readonly use_type: string | null;
  readonly commercial_model: string | null;
  readonly territory: string;
  readonly period_from: string;
  readonly period_to: string;
  readonly currency: string;
  readonly usages: string;
  readonly amount: string;
  /** `reported` (the record states it), `pro-rata` (the summary's revenue shared by usages), `none`. */
  readonly revenue_basis: 'reported' | 'pro-rata' | 'none';
  readonly rights_type: string | null;
  readonly category: DsrCategory;
}

/** A problem at the upload's line (1-based) and cell (1-based, or null for the whole line). */
export interface DsrUploadProblem {
  readonly level: 'error' | 'warning';
  readonly line: number;
  readonly column: number | null;
  /** The cell's DSR name, or null. */
  readonly cell: string | null;
  readonly message: string;
  /** The other line the problem is about (upload line), e.g. the last sales record of a summary that does not add up. */
  readonly relatedLine?: number;
  readonly source: DsrProblem;
}

export type DsrUploadEvent =
  | { readonly kind: 'row'; readonly row: DsrLedgerRow; readonly line: number }
  | { readonly kind: 'problem'; readonly problem: DsrUploadProblem }
  | { readonly kind: 'end'; readonly report: DsrReport; readonly rows: number; readonly errors: number; readonly accepted: boolean };

export interface DsrUploadOptions {
  /** Last day of the quarter the income is booked in: usage after it is an error. */
  readonly quarterEnd?: string;
  readonly categories?: DsrCategoryPolicy;
  /** Most problems reported (counts stay complete). Default 10,000. */
  readonly maxProblems?: number;
}

/**
 * Reads an uploaded DSR report (gzip sniffed; concatenated files of a multi-file report
 * split at their HEAD lines) and yields its licence-income rows and its problems, then
 * `end`. Rows are provisional until `end` says the report is accepted.
 */
export async function* readDsrUpload(source: ByteChunks, options: DsrUploadOptions = {}): AsyncGenerator<DsrUploadEvent> {
  const splitter = new ConcatenatedReport(source);
  const policy = options.categories ?? DSR_CATEGORY_POLICY;
  const max = options.maxProblems ?? 10_000;
  let reported = 0;
  let errors = 0;
  let rows = 0;
  const headers = new Map<number, DsrHeader | null>();
  const quarterWarned = new Set<number>();
  const toUpload = (file: number, line: number) => (line > 0 ? splitter.uploadLine(file, line) : splitter.uploadLine(file, 1));

  function convert(p: DsrProblem): DsrUploadProblem {
    const files = splitter.fileCount;
    const where = files > 1 ? `file ${p.file} of the upload, its line ${p.line}: ` : '';
    return {
      level: p.level,
      line: toUpload(p.file, p.line),
      column: p.column,
      cell: p.cell,
      message: `${where}${p.recordType ? `${p.recordType}${p.cell ? ` ${p.cell}` : ''}: ` : p.cell ? `${p.cell}: ` : ''}${p.message}`,
      ...(p.relatedLine !== undefined ? { relatedLine: toUpload(p.relatedFile ?? p.file, p.relatedLine) } : {}),
      source: p,
    };
  }
  function* emit(problems: readonly DsrProblem[]): Generator<DsrUploadEvent> {
    for (const p of problems) {
      if (p.level === 'error') errors++;
      if (reported++ < max) yield { kind: 'problem', problem: convert(p) };
    }
  }
  function own(level: 'error' | 'warning', file: number, line: number, recordType: string | null, cell: string | null, message: string): DsrProblem {
    const at = cell && recordType ? (layoutFor(recordType)?.layout.position[cell] ?? null) : null;
    return { level, code: 'structure', file, line, column: at === null ? null : at + 1, cell, recordType, message };
  }

  for await (const event of readDsrReport(splitter.files(), { maxProblems: max }) as AsyncGenerator<DsrEvent>) {
    switch (event.kind) {
      case 'file':
        headers.set(event.file, event.header);
        yield* emit(event.problems);
        if (options.quarterEnd && event.header && event.header.usageEndDate > options.quarterEnd) {
          quarterWarned.add(event.file);
          yield* emit([own('error', event.file, event.header.line, 'HEAD', 'UsageEndDate', `the report's usage ends on ${event.header.usageEndDate}, after the quarter it is submitted for (ending ${options.quarterEnd}); send it with the quarter its income is booked in`)]);
        }
        break;
      case 'summary':
        break;
      case 'block': {
        yield* emit(event.block.problems);
        const header = headers.get(event.block.file) ?? null;
        for (const line of event.block.income) {
          if (line.kind !== 'sale') continue;
          const lineProblems: DsrProblem[] = [];
          if (line.currency === null) lineProblems.push(own('error', line.file, line.line, line.recordType, null, 'the sales record has no currency (its summary record names none or is missing)'));
          if (line.territory === null) lineProblems.push(own('error', line.file, line.line, line.recordType, 'SummaryRecordId', 'the sales record has no territory (its summary record is missing)'));
          if (line.periodStart === null || line.periodEnd === null) lineProblems.push(own('error', line.file, line.line, line.recordType, null, 'the sales record has no usage period (HEAD UsageStartDate/UsageEndDate)'));
          else if (options.quarterEnd && line.periodEnd > options.quarterEnd && !quarterWarned.has(line.file)) {
            lineProblems.push(own('error', line.file, line.line, line.recordType, 'ValidityPeriodEnd', `usage ends on ${line.periodEnd}, after the quarter it is submitted for (ending ${options.quarterEnd})`));
          }
          if (lineProblems.length > 0) {
            yield* emit(lineProblems);
            continue;
          }
          const upload = splitter.uploadLine(line.file, line.line);
          const shares = incomeShares(line);
          for (let k = 0; k < shares.length; k++) {
            const share = shares[k]!;
            rows++;
            yield { kind: 'row', line: upload, row: rowOf(line, share, header, shares.length > 1 ? `${upload}.${k + 1}` : String(upload), policy) };
          }
        }
        break;
      }
      case 'file-end':
        yield* emit(event.problems);
        break;
      case 'end':
        yield* emit(event.report.problems);
        yield { kind: 'end', report: event.report, rows, errors: Math.max(errors, event.report.problemCounts.error), accepted: event.report.accepted && errors === 0 };
        return;
    }
  }
}

function rowOf(line: DsrIncomeLine, share: ReturnType<typeof incomeShares>[number], header: DsrHeader | null, incomeId: string, policy: DsrCategoryPolicy): DsrLedgerRow {
  const work = share.key.startsWith('iswc:') || share.key.startsWith('work:');
  return {
    income_id: incomeId,
    message_id: header?.messageId ?? '',
    dsp_party_id: header?.senderPartyId ?? '',
    dsp_name: header?.senderName ?? '',
    service: line.serviceDescription ?? header?.serviceDescription ?? null,
    summary_record_id: line.summaryRecordId,
    block_id: line.blockId,
    sales_transaction_id: line.salesTransactionId,
    iswc: share.iswc,
    work_title: work ? share.title : null,
    contributors: work && share.contributors.length > 0 ? share.contributors.join('|') : null,
    isrc: line.recording?.isrc[0] ?? null,
    recording_title: line.recording?.title || null,
    display_artist: line.recording?.displayArtist || null,
    dsp_resource_id: line.recording?.dspResourceId || null,
    use_type: line.useType,
    commercial_model: line.commercialModel,
    territory: line.territory === 'Worldwide' || line.territory === 'WW' ? 'WORLD' : line.territory!,
    period_from: line.periodStart!,
    period_to: line.periodEnd!,
    currency: line.currency!,
    usages: plain(share.usages),
    amount: plain(share.amount),
    revenue_basis: line.revenueBasis ?? 'none',
    rights_type: line.rightsType,
    category: categoryOf(line.rightsType, policy),
  };
}

const plain = (d: DecimalValue) => (d.isZero() ? '0' : d.toFixed());

/** "file 1 line 12 cell 9 (SU02 NumberOfStreams): …" with the upload's line. */
export function describeUploadProblem(p: DsrUploadProblem): string {
  return `${p.level} line ${p.line}${p.column !== null ? ` cell ${p.column}` : ''}: ${p.message}`;
}
export { describeProblem };

const HEAD_MARK = Buffer.from('\nHEAD\t', 'latin1');
const LF = 0x0a;

/**
 * The files of a report uploaded one after the other, from one byte stream (inflated when
 * gzip). A file ends where a line starting `HEAD⇥` begins; each file's first upload line
 * is kept so problems can name upload lines.
 */
export class ConcatenatedReport {
  private readonly starts: number[] = [];
  private readonly iterator: AsyncIterator<Uint8Array>;
  private buffer: Buffer = Buffer.alloc(0);
  private ended = false;
  private fileDone = true;
  private line = 1;

  constructor(source: ByteChunks) {
    this.iterator = inflateIfGzip(source, () => {})[Symbol.asyncIterator]();
  }

  get fileCount(): number {
    return this.starts.length;
  }

  /** The upload line of line `line` of file `file` (1-based both). */
  uploadLine(file: number, line: number): number {
    const start = this.starts[file - 1] ?? 1;
    return start + line - 1;
  }

  async *files(): AsyncGenerator<DsrFileInput> {
    for (;;) {
      if (this.buffer.length === 0 && !(await this.fill())) {
        if (this.starts.length === 0) {
          // An empty upload is still one (empty) file: the reader says what is missing.
          this.starts.push(1);
          yield { source: [] };
        }
        return;
      }
      this.starts.push(this.line);
      this.fileDone = false;
      yield { source: this.fileBytes() };
      // The reader may stop early (e.g. a UTF-16 file): skip what is left of the file.
      while (!this.fileDone) await this.next();
    }
  }

  private async *fileBytes(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const chunk = await this.next();
      if (chunk === null) return;
      yield chunk;
    }
  }

  /** The next bytes of the current file, or null at its end. */
  private async next(): Promise<Uint8Array | null> {
    if (this.fileDone) return null;
    for (;;) {
      const at = this.buffer.indexOf(HEAD_MARK);
      if (at >= 0) {
        const part = this.buffer.subarray(0, at + 1);
        this.buffer = this.buffer.subarray(at + 1);
        this.fileDone = true;
        this.count(part);
        return part;
      }
      if (this.ended) {
        const part = this.buffer;
        this.buffer = Buffer.alloc(0);
        this.fileDone = true;
        this.count(part);
        return part.length > 0 ? part : null;
      }
      // Keep the tail that may be the start of a HEAD mark; give the rest.
      const keep = Math.min(this.buffer.length, HEAD_MARK.length - 1);
      const part = this.buffer.subarray(0, this.buffer.length - keep);
      this.buffer = this.buffer.subarray(this.buffer.length - keep);
      if (!(await this.fill())) this.ended = true;
      if (part.length > 0) {
        this.count(part);
        return part;
      }
    }
  }

  /** Reads one more chunk into the buffer; false at the end of the upload. */
  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const n = await this.iterator.next();
    if (n.done) {
      this.ended = true;
      return false;
    }
    this.buffer = this.buffer.length === 0 ? Buffer.from(n.value) : Buffer.concat([this.buffer, n.value]);
    return true;
  }

  private count(part: Uint8Array): void {
    let at = -1;
    while ((at = part.indexOf(LF, at + 1)) >= 0) this.line++;
  }
}
