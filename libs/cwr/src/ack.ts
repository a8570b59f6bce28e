/**
 * The society's answer to a CWR file: the ACK file (CWR 2.2 §4.1 "ACK", §5.26 "MSG",
 * §6.3 "File skeleton sent from society to publisher"):
 *
 *   HDR (SO)  GRH ACK  { ACK  [MSG…]  [NWR/REV and its records, each preceded by its MSGs]  [EXC…] }  GRT  TRL
 *
 * One ACK transaction per transaction of the original file, with the CISAC transaction
 * status (RA accepted, CO conflict, DU duplicate, RJ rejected, AS/AC/SR/CR, NP…), MSG
 * records naming the record (original record sequence # and type), the rejection
 * (message type E/G/T/R/F), the level of the edit (message level E/G/T/R/F) and the
 * edit's number; the echoed NWR/REV as processed (FR defaults in), numbered on from the
 * ACK (note [1] of §2.1: the NWR is the continuation of the ACK transaction).
 *
 * `CwrAckWriter` writes lines one transaction at a time. `acknowledge` reads a file's
 * events and writes its whole ACK; it keeps a summary of every transaction until the end
 * (a GR or ER found at a GRT or the TRL rejects transactions read before), and their
 * records only when asked to echo them.
 */
import type { CwrVersion } from './layouts.js';
import { type CwrProblem, type MessageLevel, type RejectionLevel, messageTypeOf } from './problems.js';
import { type CwrRecord, NO_BLANKS, formatRecord, renumber } from './records.js';
import type { CwrEvent, CwrTransaction } from './reader.js';
import type { TransactionStatus } from './lookups.js';

export interface AckMessage {
  /** What was rejected: E file, G group, T transaction, R record, F field. */
  readonly messageType: MessageLevel;
  /** Record sequence # of the record in the original transaction. */
  readonly originalRecordSequence: number;
  readonly recordType: string;
  /** Level of the edit: E, G, T, R, F. */
  readonly messageLevel: MessageLevel;
  /** Up to 3 characters. */
  readonly validationNumber: string;
  /** Up to 150 characters (longer text is cut). */
  readonly text: string;
}

export interface AckEntry {
  readonly originalGroupId: number;
  readonly originalTransactionSequence: number;
  /** NWR, REV, …; HDR or TRL for an ACK about the file itself (group and transaction then 0). */
  readonly originalTransactionType: string;
  readonly title: string;
  readonly submitterWorkNumber: string;
  readonly recipientWorkNumber?: string | null;
  readonly status: TransactionStatus;
  readonly messages: readonly AckMessage[];
  /** The original transaction's records to echo (header first), as processed; MSGs go before the record they name. */
  readonly echo?: readonly CwrRecord[];
  /** The existing work in conflict (EXC header and its records), after the echo. */
  readonly conflict?: readonly CwrRecord[];
}

export interface AckWriterOptions {
  readonly version: CwrVersion;
  /** The society: its 3-digit CISAC code and name (HDR Sender Type SO). */
  readonly society: { readonly code: string; readonly name: string };
  /** When this ACK file was made (ISO date, HH:MM:SS) and is transmitted. */
  readonly creationDate: string;
  readonly creationTime: string;
  readonly transmissionDate?: string;
  /** When the original file was processed (ACK Processing Date). */
  readonly processingDate: string;
  /** Creation date and time of the original file's HDR (ACK fields 20 and 28). */
  readonly original: { readonly creationDate: string | null; readonly creationTime: string | null };
  /** HDR Revision for 2.2 files (default 2, the revision implemented here). */
  readonly revision?: number;
  readonly softwarePackage?: string;
  readonly softwareVersion?: string;
  /** HDR Character Set (edit 14), e.g. `UTF-8` for an ACK written in UTF-8; blank (the default) for latin-1/ASCII. */
  readonly characterSet?: string;
}

const cut = (text: string, size: number) => (text.length > size ? text.slice(0, size) : text);

/** Writes an ACK file line by line (no end-of-line characters; join with CRLF). */
export class CwrAckWriter {
  private groupTransactions = 0;
  private groupRecords = 0;
  private fileRecords = 0;
  private transactions = 0;
  private started = false;

  constructor(private readonly options: AckWriterOptions) {}

  /** HDR and GRH ACK. */
  header(): string[] {
    if (this.started) throw new Error('CwrAckWriter.header() called twice');
    this.started = true;
    const o = this.options;
    const hdr = record('HDR', null, null, {
      senderType: 'SO',
      senderId: o.society.code.padStart(9, '0'),
      senderName: cut(o.society.name.toUpperCase(), 45),
      ediVersion: '01.10',
      creationDate: o.creationDate,
      creationTime: o.creationTime,
      transmissionDate: o.transmissionDate ?? o.creationDate,
      characterSet: o.characterSet ?? '',
      ...(o.version === '2.2'
        ? { version: '2.2', revision: String(o.revision ?? 2).padStart(3, '0'), softwarePackage: cut(o.softwarePackage ?? 'COLLECTIVE LEDGER', 30), softwarePackageVersion: cut(o.softwareVersion ?? '', 30) }
        : {}),
    });
    const grh = record('GRH', null, null, { transactionType: 'ACK', groupId: 1, versionNumber: o.version === '2.2' ? '02.20' : '02.10', batchRequest: null, submissionDistributionType: '' });
    this.fileRecords = 2;
    this.groupRecords = 1;
    return [formatRecord(hdr, o.version), formatRecord(grh, o.version)];
  }

  /** One ACK transaction: ACK, MSG records, the echoed transaction, the work in conflict. */
  transaction(entry: AckEntry): string[] {
    if (!this.started) throw new Error('CwrAckWriter.header() must come first');
    const o = this.options;
    const tx = this.groupTransactions;
    const lines: string[] = [];
    let seq = 0;
    const ack = record('ACK', tx, seq, {
      creationDate: o.original.creationDate,
      creationTime: o.original.creationTime,
      originalGroupId: entry.originalGroupId,
      originalTransactionSequence: entry.originalTransactionSequence,
      originalTransactionType: entry.originalTransactionType,
      creationTitle: cut(entry.title, 60),
      submitterCreationNumber: cut(entry.submitterWorkNumber, 20),
      recipientCreationNumber: cut(entry.recipientWorkNumber ?? '', 20),
      processingDate: o.processingDate,
      transactionStatus: entry.status,
    });
    lines.push(formatRecord(ack, o.version));
    const msg = (m: AckMessage) => {
      seq++;
      lines.push(
        formatRecord(
          record('MSG', tx, seq, {
            messageType: m.messageType,
            originalRecordSequence: m.originalRecordSequence,
            recordType: cut(m.recordType, 3),
            messageLevel: m.messageLevel,
            validationNumber: cut(m.validationNumber, 3),
            messageText: cut(m.text.toUpperCase(), 150),
          }),
          o.version,
        ),
      );
    };
    const echoed = entry.echo ?? [];
    const placed = new Set<AckMessage>();
    const bySequence = new Map<number, AckMessage[]>();
    if (echoed.length > 0) {
      const sequences = new Set(echoed.map((r, i) => r.recordSequence ?? i));
      for (const m of entry.messages) {
        if (!sequences.has(m.originalRecordSequence) || m.messageType === 'E' || m.messageType === 'G') continue;
        bySequence.set(m.originalRecordSequence, [...(bySequence.get(m.originalRecordSequence) ?? []), m]);
        placed.add(m);
      }
    }
    // Messages about the file, the group, or records not echoed come right after the ACK record.
    for (const m of entry.messages) if (!placed.has(m)) msg(m);
    for (const [i, r] of echoed.entries()) {
      for (const m of bySequence.get(r.recordSequence ?? i) ?? []) msg(m);
      seq++;
      lines.push(formatRecord(renumber(r, tx, seq), o.version));
    }
    for (const r of entry.conflict ?? []) {
      seq++;
      lines.push(formatRecord(renumber(r, tx, seq), o.version));
    }
    this.groupTransactions++;
    this.transactions++;
    this.groupRecords += lines.length;
    this.fileRecords += lines.length;
    return lines;
  }

  /** GRT and TRL. */
  end(): string[] {
    const o = this.options;
    this.groupRecords++;
    const grt = record('GRT', null, null, { groupId: 1, transactionCount: this.groupTransactions, recordCount: this.groupRecords, currency: '', monetaryValue: '' });
    this.fileRecords += 2;
    const trl = record('TRL', null, null, { groupCount: 1, transactionCount: this.transactions, recordCount: this.fileRecords });
    return [formatRecord(grt, o.version), formatRecord(trl, o.version)];
  }
}

function record(type: string, transactionSequence: number | null, recordSequence: number | null, fields: CwrRecord['fields']): CwrRecord {
  return { type, line: 0, transactionSequence, recordSequence, fields, blank: NO_BLANKS, text: null };
}

/** MSG content for problems (warnings are left out: a MSG always reports a rejection). */
export function messagesOf(problems: readonly CwrProblem[]): AckMessage[] {
  return problems.flatMap((p) =>
    p.level === 'warning'
      ? []
      : [
          {
            messageType: messageTypeOf(p.level as RejectionLevel),
            originalRecordSequence: p.recordSequence ?? 0,
            recordType: p.validation?.recordType ?? p.recordType,
            messageLevel: p.validation?.level ?? messageTypeOf(p.level as RejectionLevel),
            validationNumber: p.validation?.number ?? '',
            text: `${p.message.replace(/([a-z])([A-Z])/g, '$1 $2')} (${p.field ? `${p.recordType} ${p.field.replace(/([a-z])([A-Z])/g, '$1 $2')}, ` : ''}line ${p.line} col ${p.column})`,
          },
        ],
  );
}

export interface AcknowledgeOptions extends Omit<AckWriterOptions, 'original' | 'version'> {
  /** ACK version (default: the file's). */
  readonly version?: CwrVersion;
  /** Echo each transaction's records after its ACK (keeps every record until the end of the file). */
  readonly echo?: boolean;
  /**
   * The status of a transaction that passed the edits (default RA) and the society's
   * number for the work: a works register says CO for a conflict, DU for a duplicate, AS… .
   */
  readonly decide?: (transaction: CwrTransaction) => { readonly status: TransactionStatus; readonly recipientWorkNumber?: string | null; readonly messages?: readonly AckMessage[]; readonly conflict?: readonly CwrRecord[] };
}

interface Pending {
  readonly entry: Omit<AckEntry, 'status' | 'messages'> & { status: TransactionStatus; messages: AckMessage[] };
  readonly groupIndex: number;
}

/** The ACK file of a CWR file, as lines, from the reader's events. */
export async function* acknowledge(events: AsyncIterable<CwrEvent>, options: AcknowledgeOptions): AsyncGenerator<string> {
  const pending: Pending[] = [];
  const groups: { rejected: boolean; messages: AckMessage[] }[] = [];
  let original: AckWriterOptions['original'] = { creationDate: null, creationTime: null };
  let version: CwrVersion = options.version ?? '2.1';
  let fileProblems: CwrProblem[] = [];
  let fileRejected = false;
  let groupIndex = -1;
  for await (const event of events) {
    switch (event.kind) {
      case 'header': {
        const f = event.record.fields;
        original = { creationDate: typeof f.creationDate === 'string' ? f.creationDate : null, creationTime: typeof f.creationTime === 'string' ? f.creationTime : null };
        break;
      }
      case 'group':
        groupIndex++;
        groups[groupIndex] = { rejected: false, messages: [] };
        break;
      case 'group-end': {
        const g = groups[groupIndex] ?? (groups[groupIndex] = { rejected: false, messages: [] });
        g.rejected ||= event.rejected;
        g.messages.unshift(...messagesOf(event.problems.filter((p) => p.level === 'GR')));
        break;
      }
      case 'transaction': {
        const t = event.transaction;
        const header = t.records[0];
        const g = groups[groupIndex] ?? (groups[Math.max(groupIndex, 0)] = { rejected: false, messages: [] });
        const groupLevel = t.problems.filter((p) => p.level === 'GR');
        if (groupLevel.length > 0) {
          g.rejected = true;
          g.messages.push(...messagesOf(groupLevel));
        }
        const decided = t.rejected ? null : options.decide?.(t);
        pending.push({
          groupIndex: Math.max(groupIndex, 0),
          entry: {
            originalGroupId: t.groupId ?? 0,
            originalTransactionSequence: t.sequence ?? 0,
            originalTransactionType: t.type,
            title: typeof header?.fields.title === 'string' ? header.fields.title : '',
            submitterWorkNumber: typeof header?.fields.submitterWorkNumber === 'string' ? header.fields.submitterWorkNumber.trim() : '',
            recipientWorkNumber: decided?.recipientWorkNumber ?? null,
            status: t.rejected ? 'RJ' : (decided?.status ?? 'RA'),
            messages: [...messagesOf(t.problems.filter((p) => p.level !== 'GR')), ...(decided?.messages ?? [])],
            ...(options.echo ? { echo: t.records.filter((r) => !r.rejected) } : {}),
            ...(decided?.conflict ? { conflict: decided.conflict } : {}),
          },
        });
        break;
      }
      case 'end':
        version = options.version ?? event.summary.version;
        fileProblems = [...event.summary.problems];
        fileRejected = event.summary.rejected;
        break;
    }
  }
  const writer = new CwrAckWriter({ ...options, version, original });
  yield* writer.header();
  const fileMessages = messagesOf(fileProblems.filter((p) => p.level === 'ER'));
  if (fileMessages.length > 0) {
    const atTrailer = fileProblems.find((p) => p.level === 'ER')?.recordType === 'TRL';
    yield* writer.transaction({
      originalGroupId: 0,
      originalTransactionSequence: 0,
      originalTransactionType: atTrailer ? 'TRL' : 'HDR',
      title: '',
      submitterWorkNumber: '',
      status: 'RJ',
      messages: fileMessages,
    });
  }
  for (const { entry, groupIndex: g } of pending) {
    const group = groups[g] ?? { rejected: false, messages: [] };
    const rejected = fileRejected || group.rejected || entry.status === 'RJ';
    yield* writer.transaction({ ...entry, status: rejected ? 'RJ' : entry.status, messages: [...group.messages, ...entry.messages] });
  }
  yield* writer.end();
}
