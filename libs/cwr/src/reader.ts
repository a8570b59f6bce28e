/**
 * The streaming CWR reader: bytes (or decoded lines) in, events out, one transaction at a
 * time, never the whole file in memory.
 *
 *   for await (const event of readCwr(fs.createReadStream(path))) {
 *     if (event.kind === 'transaction') … event.transaction.records, .problems, .rejected
 *   }
 *
 * Events, in file order: `header` (HDR), `group` (GRH), `transaction` (a transaction
 * header with its detail records, checked), `group-end` (GRT, with the group's counts
 * checked), `end` (after the last line: TRL counts, and the summary). A rejection of a
 * whole group (GR) or file (ER) can be found after its transactions were yielded (a wrong
 * count in GRT or TRL): a consumer that stores transactions keeps them provisional until
 * `group-end` and `end` say whether their group and the file stand.
 *
 * Every problem names its line and column (problems.ts). Checks follow CISAC CWR 2.2
 * Rev 2 (CWR19-1070R1) and 2.1 Rev 8: the record prefix (§2.1), the file (§3.4),
 * HDR/GRH/GRT/TRL (§3.5–3.8), the records (validate-record.ts) and transactions
 * (validate-transaction.ts).
 *
 * Decoding: latin-1 unless HDR Character Set names another (UTF-8, Big5, GB); a latin-1
 * file whose lines are valid UTF-8 with non-ASCII characters gets a warning. Short lines
 * (trailing blanks stripped) are padded; LF, CRLF and a last line without end-of-line
 * are all accepted.
 */
import { Buffer } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { type CwrVersion, RECORD_TYPES, TRANSACTION_TYPES } from './layouts.js';
import { type ByteChunks, byteLineBatches, textLineBatches } from './lines.js';
import { CHARACTER_SETS } from './lookups.js';
import { type CwrProblem, type CwrProblemLevel, type MessageLevel, type RejectionLevel, validation } from './problems.js';
import { type CwrRecord, parseRecord, recordTypeOf } from './records.js';
import { type RecordCheckContext, checkRecord, reportDefects, senderOf } from './validate-record.js';
import { checkWorkTransaction } from './validate-transaction.js';

export interface CwrReadOptions {
  /** Read as this version whatever the file says (default: HDR Version, else GRH version number, else 2.1). */
  readonly version?: CwrVersion;
  /** Decode with this WHATWG encoding label whatever HDR says (default: HDR Character Set, else latin-1). */
  readonly encoding?: string;
}

export interface CwrSender {
  /** PB, SO, AA, WR, or null when Sender Type carries the two leading digits of an 11-digit IPI name number. */
  readonly type: 'PB' | 'SO' | 'AA' | 'WR' | null;
  /** 9 digits, or 11 when the Sender Type carries the two leading ones (HDR §3.5). */
  readonly id: string;
  /** The sender's 11-digit IPI name number, when the sender is not a society. */
  readonly ipiNameNumber: string | null;
  readonly name: string;
}

export interface CwrTransaction {
  readonly groupId: number | null;
  /** Transaction header type: NWR, REV, ISW, EXC, ACK, AGR. */
  readonly type: string;
  readonly sequence: number | null;
  /** First and last line of the transaction in the file. */
  readonly line: number;
  readonly lastLine: number;
  /** Header first, then detail records (an ACK's MSG records and the NWR/REV/EXC it carries). */
  readonly records: readonly CwrRecord[];
  readonly problems: readonly CwrProblem[];
  /** A TR-level (or worse) problem inside the transaction. Group and file rejections come later (group-end, end). */
  readonly rejected: boolean;
}

export interface CwrGroupEnd {
  readonly kind: 'group-end';
  readonly groupId: number | null;
  readonly transactionType: string;
  readonly record: CwrRecord | null;
  readonly transactionCount: number;
  readonly recordCount: number;
  /** A GR problem (at GRH, GRT or in a transaction of the group): every transaction of the group is rejected. */
  readonly rejected: boolean;
  readonly problems: readonly CwrProblem[];
}

export interface CwrSummary {
  readonly version: CwrVersion;
  readonly encoding: string;
  readonly lines: number;
  readonly groups: number;
  readonly transactions: number;
  readonly rejectedTransactions: number;
  /** Some ER problem: the whole file is rejected. */
  readonly rejected: boolean;
  /** Problems of the file and control records (ER and warnings outside transactions); transactions carry their own. */
  readonly problems: readonly CwrProblem[];
  readonly problemCounts: Readonly<Record<CwrProblemLevel, number>>;
  readonly header: CwrRecord | null;
  readonly trailer: CwrRecord | null;
}

export type CwrEvent =
  | { readonly kind: 'header'; readonly record: CwrRecord; readonly version: CwrVersion; readonly encoding: string; readonly sender: CwrSender; readonly problems: readonly CwrProblem[] }
  | { readonly kind: 'group'; readonly record: CwrRecord; readonly groupId: number | null; readonly transactionType: string; readonly problems: readonly CwrProblem[] }
  | { readonly kind: 'transaction'; readonly transaction: CwrTransaction }
  | CwrGroupEnd
  | { readonly kind: 'end'; readonly summary: CwrSummary };

/** Read a CWR file from its bytes (a Node stream, or any iterable of Uint8Array chunks). */
export function readCwr(source: ByteChunks, options: CwrReadOptions = {}): AsyncGenerator<CwrEvent> {
  return run(byteLineBatches(source), options);
}

/** Read a CWR file from already decoded text (chunks of text or lines, LF or CRLF). */
export function readCwrText(source: AsyncIterable<string> | Iterable<string> | string, options: CwrReadOptions = {}): AsyncGenerator<CwrEvent> {
  return run(textLineBatches(typeof source === 'string' ? [source] : source), options);
}

/** Read everything into memory (small files and tests). */
export async function readCwrAll(source: ByteChunks | string, options: CwrReadOptions = {}) {
  const events: CwrEvent[] = [];
  for await (const e of typeof source === 'string' ? readCwrText(source, options) : readCwr(source, options)) events.push(e);
  const transactions = events.flatMap((e) => (e.kind === 'transaction' ? [e.transaction] : []));
  const end = events[events.length - 1];
  return { events, transactions, summary: (end as Extract<CwrEvent, { kind: 'end' }>).summary };
}

interface Group {
  readonly record: CwrRecord;
  readonly id: number | null;
  readonly type: string;
  transactions: number;
  records: number;
  lastSequence: number | null;
  rejected: boolean;
  problems: CwrProblem[];
}

interface OpenTransaction {
  readonly groupId: number | null;
  readonly type: string;
  readonly sequence: number | null;
  readonly records: CwrRecord[];
  readonly problems: CwrProblem[];
  lastRecordSequence: number | null;
  /** The wrong record sequence # of the previous record, if it had one. */
  misnumbered: number | null;
  /** For ACK: the NWR/REV/AGR it carries, once seen. */
  inner: string | null;
}

const LATIN1 = 'latin1';
const HIGH = /[\u0080-\u00ff]/;

async function* run(batches: AsyncIterable<readonly (Uint8Array | string)[]>, options: CwrReadOptions): AsyncGenerator<CwrEvent> {
  let version: CwrVersion = options.version ?? '2.1';
  let versionFixed = options.version !== undefined;
  let encoding = options.encoding ?? LATIN1;
  let decoder: TextDecoder | null = options.encoding && options.encoding !== LATIN1 ? new TextDecoder(options.encoding, { fatal: true }) : null;
  let lineNumber = 0;
  let header: CwrRecord | null = null;
  let trailer: CwrRecord | null = null;
  let prevType: string | null = null;
  let group: Group | null = null;
  let groupCount = 0;
  const groupTypes = new Set<string>();
  let tx: OpenTransaction | null = null;
  let transactions = 0;
  let rejectedTransactions = 0;
  let fileRejected = false;
  const fileProblems: CwrProblem[] = [];
  const counts: Record<CwrProblemLevel, number> = { ER: 0, GR: 0, TR: 0, RR: 0, FR: 0, warning: 0 };
  let sink: CwrProblem[] = fileProblems;
  let utf8Warned = false;

  const report = (p: CwrProblem) => {
    counts[p.level]++;
    if (p.level === 'ER') fileRejected = true;
    if (p.level === 'GR' && group) group.rejected = true;
    sink.push(p);
  };
  const ctx: RecordCheckContext = {
    get version() {
      return version;
    },
    report,
  };
  const problemAt = (
    line: number,
    column: number,
    recordType: string,
    recordSequence: number | null,
    field: string | null,
    level: RejectionLevel | 'warning',
    edit: readonly [string, MessageLevel, number | string] | null,
    message: string,
  ) => report({ level, line, column, recordType, recordSequence, field, validation: edit ? validation(edit[0], edit[1], edit[2]) : null, message });

  const flush = (): CwrTransaction | null => {
    if (!tx) return null;
    const open = tx;
    tx = null;
    sink = open.problems;
    const inner = open.type === 'ACK' ? null : open.records;
    if (inner && (open.type === 'NWR' || open.type === 'REV' || open.type === 'ISW')) {
      checkWorkTransaction(ctx, inner.filter((r) => !r.rejected), version);
    }
    sink = fileProblems;
    const rejected = open.problems.some((p) => p.level === 'TR' || p.level === 'ER' || p.level === 'GR');
    if (rejected) rejectedTransactions++;
    const last = open.records[open.records.length - 1];
    return {
      groupId: open.groupId,
      type: open.type,
      sequence: open.sequence,
      line: open.records[0].line,
      lastLine: last.line,
      records: open.records,
      problems: open.problems,
      rejected,
    };
  };
  const closeGroup = (record: CwrRecord | null): CwrGroupEnd | null => {
    if (!group) return null;
    const g = group;
    group = null;
    return {
      kind: 'group-end',
      groupId: g.id,
      transactionType: g.type,
      record,
      transactionCount: g.transactions,
      recordCount: g.records,
      rejected: g.rejected,
      problems: g.problems,
    };
  };

  for await (const batch of batches) for (const raw of batch) {
    lineNumber++;
    let text: string;
    if (typeof raw === 'string') {
      text = raw;
    } else {
      let bytes = raw;
      if (lineNumber === 1 && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bytes = bytes.subarray(3);
        if (!options.encoding) {
          encoding = 'utf-8';
          decoder = new TextDecoder('utf-8', { fatal: true });
        }
      }
      text = decode(bytes);
    }
    const type = recordTypeOf(text);
    if (trailer) {
      if (text.trim() === '') continue;
      problemAt(lineNumber, 1, type, null, null, 'ER', [type, 'E', 5], 'records after the TRL record: the last record must be TRL');
    }
    if (lineNumber === 1 && type !== 'HDR') problemAt(1, 1, type, null, null, 'ER', [type, 'E', 2], `the first record must be HDR, not ${JSON.stringify(type)}`);
    if (lineNumber === 2 && type !== 'GRH') problemAt(2, 1, type, null, null, 'ER', [type, 'E', 3], `the second record must be GRH, not ${JSON.stringify(type)}`);
    if (prevType === 'GRT' && type !== 'GRH' && type !== 'TRL') problemAt(lineNumber, 1, type, null, null, 'ER', [type, 'E', 7], `a GRT must be followed by GRH or TRL, not ${JSON.stringify(type)}`);
    if (prevType === 'GRH' && !(TRANSACTION_TYPES as readonly string[]).includes(type)) {
      problemAt(lineNumber, 1, type, null, null, 'ER', [type, 'E', 6], `a GRH must be followed by a transaction header, not ${JSON.stringify(type)}`);
    }
    if (group) group.records++;

    switch (type) {
      case 'HDR': {
        const parsed = parseRecord(text, lineNumber, '2.2');
        const problems: CwrProblem[] = [];
        sink = problems;
        if (header || lineNumber !== 1) problemAt(lineNumber, 1, 'HDR', null, null, 'ER', ['HDR', 'E', 8], 'a file has one HDR record, the first');
        reportDefects(ctx, parsed.record, parsed.defects);
        checkRecord(ctx, parsed.record);
        if (parsed.overlong) problemAt(lineNumber, 168, 'HDR', null, null, 'ER', ['HDR', 'F', 'P09'], 'the record is longer than the HDR layout');
        header ??= parsed.record;
        const hdrVersion = String(parsed.record.fields.version ?? '');
        if (!versionFixed && (hdrVersion === '2.2' || hdrVersion === '2.1')) {
          version = hdrVersion;
          versionFixed = true;
        }
        const charset = String(parsed.record.fields.characterSet ?? '').trim();
        if (!options.encoding && charset !== '') {
          const label = CHARACTER_SETS[charset.toUpperCase()];
          if (label) {
            encoding = label;
            decoder = new TextDecoder(label, { fatal: true });
          }
        }
        fileProblems.push(...problems);
        sink = fileProblems;
        const sender = senderOf(parsed.record);
        yield { kind: 'header', record: parsed.record, version, encoding, sender: { ...sender, name: String(parsed.record.fields.senderName ?? '') }, problems };
        break;
      }
      case 'GRH': {
        const done = flush();
        if (done) yield { kind: 'transaction', transaction: done };
        if (group) {
          problemAt(lineNumber, 1, 'GRH', null, null, 'ER', ['GRH', 'E', 4], `group ${group.id ?? '?'} has no GRT before this GRH`);
          const end = closeGroup(null);
          if (end) yield end;
        } else if (prevType !== null && prevType !== 'HDR' && prevType !== 'GRT') {
          problemAt(lineNumber, 1, 'GRH', null, null, 'ER', ['GRH', 'F', 3], `a GRH must follow HDR or GRT, not ${prevType}`);
        }
        const parsed = parseRecord(text, lineNumber, version);
        const versionNumber = String(parsed.record.fields.versionNumber ?? '');
        if (!versionFixed && (versionNumber === '02.20' || versionNumber === '02.10')) {
          version = versionNumber === '02.20' ? '2.2' : '2.1';
          versionFixed = true;
        }
        const id = typeof parsed.record.fields.groupId === 'number' ? parsed.record.fields.groupId : null;
        const ttype = String(parsed.record.fields.transactionType ?? '');
        group = { record: parsed.record, id, type: ttype, transactions: 0, records: 1, lastSequence: null, rejected: false, problems: [] };
        groupCount++;
        sink = group.problems;
        reportDefects(ctx, parsed.record, parsed.defects);
        checkRecord(ctx, parsed.record);
        if (id !== null && id !== groupCount) problemAt(lineNumber, 7, 'GRH', null, 'groupId', 'GR', ['GRH', 'F', 2], `group ID ${id} must be ${groupCount} (start at 1, step by 1)`);
        if (versionNumber !== '02.10' && versionNumber !== '02.20') {
          problemAt(lineNumber, 12, 'GRH', null, 'versionNumber', 'GR', ['GRH', 'F', 4], `version number ${JSON.stringify(versionNumber)} must be 02.10 (CWR 2.1) or 02.20 (CWR 2.2)`);
        } else if ((versionNumber === '02.20') !== (version === '2.2')) {
          problemAt(lineNumber, 12, 'GRH', null, 'versionNumber', 'warning', null, `version number ${versionNumber} in a CWR ${version} file (the 2.2 specification's text says 02.10, its edit 4 says 02.20; accepted)`);
        }
        if (groupTypes.has(ttype)) problemAt(lineNumber, 4, 'GRH', null, 'transactionType', 'GR', ['GRH', 'F', 5], `a second ${ttype} group: each transaction type can be used for one group per file`);
        groupTypes.add(ttype);
        if (parsed.overlong) problemAt(lineNumber, 29, 'GRH', null, null, 'ER', ['GRH', 'F', 'P09'], 'the record is longer than the GRH layout');
        sink = fileProblems;
        yield { kind: 'group', record: parsed.record, groupId: id, transactionType: ttype, problems: group.problems };
        break;
      }
      case 'GRT': {
        const done = flush();
        if (done) yield { kind: 'transaction', transaction: done };
        const parsed = parseRecord(text, lineNumber, version);
        if (!group) {
          problemAt(lineNumber, 1, 'GRT', null, null, 'ER', ['GRT', 'E', 4], 'a GRT without a GRH before it');
          break;
        }
        sink = group.problems;
        reportDefects(ctx, parsed.record, parsed.defects);
        const f = parsed.record.fields;
        if (typeof f.groupId === 'number' && f.groupId !== group.id) problemAt(lineNumber, 4, 'GRT', null, 'groupId', 'GR', ['GRT', 'F', 1], `group ID ${f.groupId} must be the GRH's (${group.id ?? '?'})`);
        if (typeof f.transactionCount === 'number' && f.transactionCount !== group.transactions) {
          problemAt(lineNumber, 9, 'GRT', null, 'transactionCount', 'GR', ['GRT', 'F', 2], `transaction count ${f.transactionCount} but the group has ${group.transactions} transactions`);
        }
        if (typeof f.recordCount === 'number' && f.recordCount !== group.records) {
          problemAt(lineNumber, 17, 'GRT', null, 'recordCount', 'GR', ['GRT', 'F', 3], `record count ${f.recordCount} but the group has ${group.records} records (GRH and GRT included)`);
        }
        if (parsed.overlong) problemAt(lineNumber, 38, 'GRT', null, null, 'ER', ['GRT', 'F', 'P09'], 'the record is longer than the GRT layout');
        sink = fileProblems;
        const end = closeGroup(parsed.record);
        if (end) yield end;
        break;
      }
      case 'TRL': {
        const done = flush();
        if (done) yield { kind: 'transaction', transaction: done };
        if (group) {
          problemAt(lineNumber, 1, 'TRL', null, null, 'ER', ['TRL', 'E', 7], `group ${group.id ?? '?'} has no GRT before the TRL`);
          const end = closeGroup(null);
          if (end) yield end;
        }
        const parsed = parseRecord(text, lineNumber, version);
        reportDefects(ctx, parsed.record, parsed.defects);
        if (trailer) problemAt(lineNumber, 1, 'TRL', null, null, 'ER', ['TRL', 'E', 8], 'a file has one TRL record');
        trailer ??= parsed.record;
        const f = parsed.record.fields;
        if (typeof f.groupCount === 'number' && f.groupCount !== groupCount) problemAt(lineNumber, 4, 'TRL', null, 'groupCount', 'ER', ['TRL', 'F', 1], `group count ${f.groupCount} but the file has ${groupCount} groups`);
        if (typeof f.transactionCount === 'number' && f.transactionCount !== transactions) {
          problemAt(lineNumber, 9, 'TRL', null, 'transactionCount', 'ER', ['TRL', 'F', 2], `transaction count ${f.transactionCount} but the file has ${transactions} transactions`);
        }
        if (typeof f.recordCount === 'number' && f.recordCount !== lineNumber) {
          problemAt(lineNumber, 17, 'TRL', null, 'recordCount', 'ER', ['TRL', 'F', 3], `record count ${f.recordCount} but the file has ${lineNumber} records (HDR and TRL included)`);
        }
        if (parsed.overlong) problemAt(lineNumber, 25, 'TRL', null, null, 'ER', ['TRL', 'F', 'P09'], 'the record is longer than the TRL layout');
        break;
      }
      default: {
        const parsed = parseRecord(text, lineNumber, version);
        const record = parsed.record;
        const isHeader = (TRANSACTION_TYPES as readonly string[]).includes(type);
        const continuation =
          tx !== null &&
          ((tx.type === 'ACK' && tx.inner === null && (type === 'NWR' || type === 'REV' || type === 'AGR')) ||
            (tx.type === 'ACK' && (tx.inner === 'NWR' || tx.inner === 'REV') && type === 'EXC'));
        if (isHeader && !continuation) {
          const done = flush();
          if (done) yield { kind: 'transaction', transaction: done };
          tx = { groupId: group?.id ?? null, type, sequence: record.transactionSequence, records: [record], problems: [], lastRecordSequence: record.recordSequence, misnumbered: null, inner: null };
          sink = tx.problems;
          transactions++;
          if (group) {
            group.transactions++;
            const expected = group.lastSequence === null ? 0 : group.lastSequence + 1;
            if (record.transactionSequence === null) {
              problemAt(lineNumber, 4, type, record.recordSequence, 'transactionSequence', 'ER', [type, 'F', 'P02'], `transaction sequence # ${JSON.stringify(text.slice(3, 11))} is not a number`);
            } else if (record.transactionSequence !== expected) {
              if (group.lastSequence === null) problemAt(lineNumber, 4, type, record.recordSequence, 'transactionSequence', 'ER', [type, 'F', 'P02'], `the first transaction of a group must have sequence # 0, not ${record.transactionSequence}`);
              else problemAt(lineNumber, 4, type, record.recordSequence, 'transactionSequence', 'TR', [type, 'F', 'P03'], `transaction sequence # ${record.transactionSequence} must be ${expected} (the previous + 1)`);
            }
            group.lastSequence = record.transactionSequence ?? expected;
            const fits = group.type === 'ACK' ? type === 'ACK' : type === group.type;
            if (!fits) problemAt(lineNumber, 1, type, record.recordSequence, null, 'GR', [type, 'T', 22], `a ${type} transaction in a ${group.type} group`);
          } else {
            problemAt(lineNumber, 1, type, record.recordSequence, null, 'ER', [type, 'E', 6], 'a transaction outside any group (no GRH before it)');
          }
          if (record.recordSequence !== 0) {
            problemAt(lineNumber, 12, type, record.recordSequence, 'recordSequence', 'ER', [type, 'F', 'P05'], `a transaction header's record sequence # must be 0, not ${JSON.stringify(text.slice(11, 19))}`);
          }
        } else {
          if (!tx) {
            // A detail record with no transaction to belong to.
            tx = { groupId: group?.id ?? null, type, sequence: record.transactionSequence, records: [], problems: [], lastRecordSequence: null, misnumbered: null, inner: null };
            sink = tx.problems;
            problemAt(lineNumber, 1, type, record.recordSequence, null, 'ER', [type, 'E', 6], `a ${type} record with no transaction header before it`);
          }
          sink = tx.problems;
          if (continuation) tx.inner = type === 'EXC' ? tx.inner : type;
          if (!RECORD_TYPES.has(type)) problemAt(lineNumber, 1, type, record.recordSequence, null, 'ER', [type, 'F', 'P01'], `unknown record type ${JSON.stringify(type)}`);
          if (tx.sequence !== null && record.transactionSequence !== tx.sequence) {
            problemAt(lineNumber, 4, type, record.recordSequence, 'transactionSequence', 'TR', [type, 'F', 'P04'], `transaction sequence # ${JSON.stringify(text.slice(3, 11))} must be the transaction header's (${tx.sequence ?? '?'})`);
          }
          const expected = tx.lastRecordSequence === null ? null : tx.lastRecordSequence + 1;
          // After a wrong number, the next record may follow either the wrong one or the right one.
          const alsoFine = tx.misnumbered === null ? null : tx.misnumbered + 1;
          if (record.recordSequence === null || (expected !== null && record.recordSequence !== expected && record.recordSequence !== alsoFine)) {
            problemAt(lineNumber, 12, type, record.recordSequence, 'recordSequence', 'ER', [type, 'F', 'P06'], `record sequence # ${JSON.stringify(text.slice(11, 19))} must be ${expected ?? 'the previous + 1'}`);
            tx.misnumbered = record.recordSequence;
            tx.lastRecordSequence = expected;
          } else {
            tx.misnumbered = null;
            tx.lastRecordSequence = record.recordSequence;
          }
          tx.records.push(record);
        }
        reportDefects(ctx, record, parsed.defects);
        checkRecord(ctx, record);
        if (parsed.overlong) problemAt(lineNumber, text.trimEnd().length, type, record.recordSequence, null, 'ER', [type, 'F', 'P09'], `the record is longer than the ${type} layout of CWR ${version}`);
        if (sink.some((p) => p.line === lineNumber && p.level === 'RR')) record.rejected = true;
        sink = fileProblems;
      }
    }
    prevType = type;
  }

  const done = flush();
  if (done) yield { kind: 'transaction', transaction: done };
  if (group) {
    problemAt(lineNumber, 1, 'GRT', null, null, 'ER', ['GRT', 'E', 7], `group ${(group as Group).id ?? '?'} is not closed by a GRT`);
    const end = closeGroup(null);
    if (end) yield end;
  }
  if (lineNumber === 0) problemAt(0, 1, '   ', null, null, 'ER', ['HDR', 'E', 1], 'the file is empty');
  else if (!trailer) problemAt(lineNumber, 1, prevType ?? '   ', null, null, 'ER', ['TRL', 'E', 5], 'the last record must be TRL');
  yield {
    kind: 'end',
    summary: {
      version,
      encoding,
      lines: lineNumber,
      groups: groupCount,
      transactions,
      rejectedTransactions,
      rejected: fileRejected,
      problems: fileProblems,
      problemCounts: counts,
      header,
      trailer,
    },
  };

  function decode(bytes: Uint8Array): string {
    if (!decoder) {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      if (!utf8Warned && HIGH.test(text) && looksUtf8(bytes)) {
        utf8Warned = true;
        problemAt(lineNumber, 1, recordTypeOf(text), null, null, 'warning', null,
          'this line is valid UTF-8 with non-ASCII characters but HDR declares no character set: read as latin-1, so accented letters may read as two characters and the fields after them be shifted (set HDR Character Set to UTF-8)');
      }
      return text;
    }
    try {
      return decoder.decode(bytes);
    } catch {
      problemAt(lineNumber, 1, '   ', null, null, 'ER', ['HDR', 'E', 1], `the line cannot be read as ${encoding} (HDR Character Set): the file cannot be read`);
      return new TextDecoder(encoding).decode(bytes);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
function looksUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
