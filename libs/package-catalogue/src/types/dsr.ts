/**
 * `dsr`: a DSP's DDEX DSR flat-file report (Basic Audio and UGC profiles at least; gzip;
 * a multi-file report as its files one after the other) as the society's licence income
 * for the quarter: one line per sales record and work, with the usage, the money and the
 * category of rights it is booked under (libs/dsr DSR_CATEGORY_POLICY, a stated policy).
 * Every problem the reader finds rejects the package at its line and cell; a summary
 * record whose totals differ from its sales records' is one problem naming both lines.
 * The journal posts the money as income: cash against pool:<category>. See docs/dsr.md.
 */
import { CATEGORIES } from '../vocabularies.js';
import { type Column, currency, date, iswc, oneOf, territory, text } from '../columns.js';
import { type DsrLedgerRow, type DsrUploadProblem, readDsrUpload } from '../../../dsr/src/index.js';
import { type InputReader, type ReadContext, type SourceItem, type SourceProblem, definePackageType } from '../definition.js';

/** What a DSR package's reader keeps for the hooks and the docs: the report in figures. */
export interface DsrCollected {
  messageId: string | null;
  dsp: { partyId: string; name: string } | null;
  profile: string | null;
  files: number;
  lines: number;
  salesRecords: number;
  rows: number;
  /** Warnings (they do not reject the package): the first 100, and how many. */
  warnings: { line: number; column: string | null; message: string }[];
  warningCount: number;
}

const quoted = (c: string) => `'"' || left(${c}, 60) || '"'`;
const safeJsonText = (expr: string) => `('"' || ${expr} || '"')`;

/** An exact decimal as reported (a sign allowed, any scale): usages and money of a DSR line. */
function exact(name: string): Column {
  const parses = (c: string) => `(${c} COLLATE "C" ~ '^-?[0-9]+([.][0-9]+)?$' AND octet_length(${c}) <= 60)`;
  return {
    name,
    parses,
    problem: (c, _q, ok) => [`WHEN NOT ${ok ?? parses(c)} THEN ${quoted(c)} || ' is not a decimal number'`],
    typed: (c) => `${c}::numeric`,
    leaf: (c) => safeJsonText(`trim_scale(${c})::text`),
    stagedLeaf: (c) => safeJsonText(`trim_scale(${c}::numeric)::text`),
  };
}

/** The line of the uploaded file a DSR line was read from (a positive whole number). */
function lineNumber(name: string): Column {
  return {
    name,
    problem: (c) => [`WHEN ${c} COLLATE "C" !~ '^[1-9][0-9]{0,8}$' THEN ${quoted(c)} || ' is not a line number'`],
    typed: (c) => `${c}::int`,
    leaf: (c) => safeJsonText(`${c}::text`),
    stagedLeaf: (c) => safeJsonText(`${c}::int::text`),
  };
}

/** An ISRC as the reader normalised it (12 characters), or empty. */
function isrcColumn(name: string): Column {
  return {
    name,
    problem: (c) => [`WHEN ${c} <> '' AND ${c} COLLATE "C" !~ '^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$' THEN ${quoted(c)} || ' is not an ISRC (CC-XXX-YY-NNNNN)'`],
    typed: (c) => `NULLIF(${c}, '')`,
    leaf: (c) => `CASE WHEN ${c} IS NULL THEN 'null' ELSE ${safeJsonText(`${c}::text`)} END`,
    stagedLeaf: (c) => `CASE WHEN ${c} = '' THEN 'null' ELSE ${safeJsonText(c)} END`,
  };
}

const optional = (name: string, max = 500) => text(name, { optional: true, max });

/** The columns, in the order the reader writes its cells. */
const COLUMNS: Column[] = [
  lineNumber('upload_line'),
  text('income_id', { max: 40, kind: 'id' }),
  text('message_id', { max: 200 }),
  text('dsp_party_id', { max: 200 }),
  text('dsp_name', { max: 500 }),
  optional('service'),
  optional('summary_record_id', 200),
  text('block_id', { max: 200 }),
  optional('sales_transaction_id', 200),
  iswc('iswc'),
  optional('work_title', 1000),
  optional('contributors', 4000),
  isrcColumn('isrc'),
  optional('recording_title', 1000),
  optional('display_artist', 1000),
  optional('dsp_resource_id', 200),
  optional('use_type', 200),
  optional('commercial_model', 200),
  territory('territory'),
  date('period_from', { rule: 'not-after-quarter' }),
  date('period_to', { rule: 'not-after-quarter' }),
  currency('currency'),
  exact('usages'),
  exact('amount'),
  oneOf('revenue_basis', ['reported', 'pro-rata', 'none']),
  optional('rights_type', 200),
  oneOf('category', CATEGORIES),
];

const ORDER = COLUMNS.map((c) => c.name) as (keyof DsrLedgerRow | 'upload_line')[];

function cellsOf(row: DsrLedgerRow, line: number): string[] {
  return ORDER.map((name) => (name === 'upload_line' ? String(line) : (row[name as keyof DsrLedgerRow] ?? '')));
}

function sourceProblem(p: DsrUploadProblem): SourceProblem {
  return {
    line: p.line,
    ...(p.column !== null ? { column: `${p.column}${p.cell ? ` (${p.source.recordType ? `${p.source.recordType} ` : ''}${p.cell})` : ''}` } : p.cell ? { column: p.cell } : {}),
    message: p.relatedLine !== undefined && !p.message.includes(`line ${p.relatedLine}`) ? `${p.message} (see line ${p.relatedLine})` : p.message,
  };
}

/** Reads one uploaded DSR report into rows of the type's columns (exported for the unit tests). */
export function dsrReader(_ctx?: ReadContext): InputReader<DsrCollected> {
  const collected: DsrCollected = { messageId: null, dsp: null, profile: null, files: 0, lines: 0, salesRecords: 0, rows: 0, warnings: [], warningCount: 0 };
  return {
    async *read(bytes: AsyncIterable<Uint8Array>): AsyncIterable<SourceItem | readonly SourceItem[]> {
      let batch: SourceItem[] = [];
      for await (const event of readDsrUpload(bytes)) {
        if (event.kind === 'row') {
          collected.rows++;
          if (collected.messageId === null) {
            collected.messageId = event.row.message_id;
            collected.dsp = { partyId: event.row.dsp_party_id, name: event.row.dsp_name };
          }
          batch.push({ line: event.line, cells: cellsOf(event.row, event.line) });
        } else if (event.kind === 'problem') {
          const p = event.problem;
          if (p.level === 'error') batch.push(sourceProblem(p));
          else if (collected.warningCount++ < 100) collected.warnings.push({ line: p.line, column: p.column === null ? null : String(p.column), message: p.message });
        } else {
          const r = event.report;
          collected.messageId = r.header?.messageId ?? collected.messageId;
          collected.dsp = r.header ? { partyId: r.header.senderPartyId, name: r.header.senderName } : collected.dsp;
          collected.profile = r.profile ? `${r.profile.name} ${r.profile.version}` : null;
          collected.files = r.files.length;
          collected.lines = r.lines;
          collected.salesRecords = r.salesRecords;
        }
        if (batch.length >= 500) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    collected: () => collected,
  };
}

export const dsr = definePackageType<'dsr', DsrCollected>({
  type: 'dsr',
  table: 'dsr_lines',
  describe:
    "A DSP's usage and revenue for one work and recording in one sales context (a DDEX DSR sales record), as the society's licence income for the quarter.",
  docs: 'docs/packages/dsr.md',
  idColumn: 'income_id',
  columns: COLUMNS,
  rules: [
    {
      column: 'period_to',
      guard: `ledger_date_valid(s.period_from) AND ledger_date_valid(s.period_to)`,
      breaks: `s.period_to COLLATE "C" < s.period_from COLLATE "C"`,
      message: 'is before period_from',
    },
  ],
  // Each line's money to 8 decimals (the journal's scale) before summing, so the cash and
  // pool postings are sums of the same rounded amounts and the entry balances exactly.
  journal: `
    SELECT 'dsr', 'cash', currency, sum(round(amount, 8)) FROM dsr_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY currency
    UNION ALL
    SELECT 'dsr', 'pool:' || category, currency, -sum(round(amount, 8)) FROM dsr_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY category, currency`,
  entryKinds: ['dsr'],
  examples: [
    ['7', '7', 'MSG-1', 'PADPIDA2013020802I', 'Stream Co', 'Premium', 'S1', 'B1', 'T1', 'T0345246801', 'Winter Road', 'Jane Roe|John Doe', 'USS1Z9900001', 'Winter Road', 'Artist', 'DSP-B1-A1', 'OnDemandStream', 'SubscriptionModel', 'GB', '2025-01-01', '2025-03-31', 'GBP', '10', '33.33', 'pro-rata', '', 'making-available'],
    ['8', '8', 'MSG-1', 'PADPIDA2013020802I', 'Stream Co', 'Premium', 'S1', 'B1', 'T2', 'T0345246801', 'Winter Road', 'Jane Roe|John Doe', 'USS1Z9900001', 'Winter Road', 'Artist', 'DSP-B1-A1', 'OnDemandStream', 'SubscriptionModel', 'GB', '2025-01-01', '2025-03-31', 'GBP', '20', '66.67', 'pro-rata', '', 'making-available'],
  ],
  input: {
    name: 'dsr',
    mediaTypes: ['text/tab-separated-values', 'application/gzip', 'application/x-gzip', 'application/octet-stream', 'text/plain'],
    extensions: ['tsv', 'gz', 'tsv.gz', 'txt', 'dsr'],
    reader: (ctx) => dsrReader(ctx),
  },
});
