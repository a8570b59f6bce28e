/**
 * `type=cwr`: a CISAC CWR 2.1 or 2.2 file of works registrations (issue 16 item 1;
 * CONTRACT.md "Industry formats and works"; docs/cwr.md).
 *
 * The file is read as it streams by libs/cwr (every edit of the specification, five
 * rejection levels, each problem at a line and column):
 * - a file-level (ER) or group-level (GR) rejection rejects the package: its problems
 *   are the package's, at their line and column, and nothing of it is kept; the society's
 *   ACK says RJ for every transaction, with the E/G MSG records (afterReject);
 * - a transaction-level rejection (TR) leaves the transaction out of the lines; its ACK
 *   is RJ with MSG records naming each record and field;
 * - a record rejected (RR) is left out of the registration, a field rejected (FR) holds
 *   the specification's default: the transaction is a line, its ACK AC with the MSGs.
 * One line per transaction that stands (its header's file line, type, group, numbers,
 * ISWC, title and the whole registration as JSON, so the line's leaf covers it). At the
 * commit (afterCommit, in its transaction) each line becomes a version of its work in the
 * works register (libs/works: append-only, conflicts with other submitters' registrations
 * answered CO, a duplicate DU) and the ACK file is written (cwr_acks), served by
 * GET /v1/submissions/{id}/ack.
 */
import { type AckEntry, type AckMessage, CwrAckWriter, type CwrProblem, type CwrRecord, type CwrVersion, type CwrWork, messagesOf, readCwr, workOf } from '../../../cwr/src/index.js';
import { ackFileName, describeConflict, excRecordsOf, recordRegistrations, type RegistrationDecision, type RegistrationInput, registrationRecordsOf } from '../../../works/src/pure.js';
import type { InputProblem } from '../../../errors/src/index.js';
import { type Column, type CommitContext, definePackageType, type InputReader, type PackageContext, type ReadContext, type RejectContext, type SourceItem } from '../definition.js';

/** What the reader keeps for the hooks: every transaction's summary for the ACK (small: no records). */
export interface CwrCollected {
  readonly fileName: string | null;
  readonly version: CwrVersion;
  /** The ACK's HDR Character Set: '' (latin-1) for a latin-1 file, 'UTF-8' for a file read as UTF-8, Big5 or GB. */
  readonly characterSet: string;
  /** The HDR sender: its 11-digit IPI name number, else its sender ID. */
  readonly submitter: string;
  readonly creationDate: string | null;
  readonly creationTime: string | null;
  /** ER messages (the first ACK, about the file itself). */
  readonly fileMessages: AckMessage[];
  readonly fileRejected: boolean;
  /** Per group, in file order: rejected (GR) and its G messages. */
  readonly groups: { readonly groupId: number | null; rejected: boolean; readonly messages: AckMessage[] }[];
  readonly transactions: CwrTransactionSummary[];
}

export interface CwrTransactionSummary {
  readonly line: number;
  readonly lastLine: number;
  /** Index into `groups`. */
  readonly group: number;
  readonly groupId: number | null;
  readonly sequence: number | null;
  readonly type: string;
  readonly title: string;
  readonly submitterWorkNumber: string;
  /** TR (or worse) inside the transaction, or a type the register does not take. */
  readonly rejected: boolean;
  /** Some field replaced by its default (FR) or record left out (RR). */
  readonly changed: boolean;
  readonly messages: AckMessage[];
}

/** Transaction types the works register takes (an ACK or AGR in a publisher's file is answered RJ). */
const WORK_TRANSACTIONS = new Set(['NWR', 'REV', 'ISW', 'EXC']);
const MAX_REGISTRATION = 4_000_000;

/**
 * A text column whose cells the reader makes (never a person's typing): required unless
 * optional, at most `max` characters; stored as the text, its leaf the JSON string.
 */
function cell(name: string, opts: { optional?: boolean; max?: number } = {}): Column {
  const max = opts.max ?? 500;
  const json = (c: string) => `to_json(${c})::text`;
  return {
    name,
    problem: (c) => [...(opts.optional ? [] : [`WHEN ${c} = '' THEN 'is required'`]), `WHEN length(${c}) > ${max} THEN 'is longer than ${max} characters'`],
    typed: (c) => (opts.optional ? `NULLIF(${c}, '')` : c),
    leaf: (c) => (opts.optional ? `CASE WHEN ${c} IS NULL THEN 'null' ELSE ${json(c)} END` : json(c)),
    stagedLeaf: (c) => (opts.optional ? `CASE WHEN ${c} = '' THEN 'null' ELSE ${json(c)} END` : json(c)),
  };
}

export const CWR_COLUMNS = [
  cell('line', { max: 10 }),
  cell('group_id', { max: 5 }),
  cell('transaction_sequence', { max: 8 }),
  cell('transaction_type', { max: 3 }),
  cell('submitter_work_number', { max: 14 }),
  cell('iswc', { optional: true, max: 11 }),
  cell('title', { max: 60 }),
  cell('registration', { max: MAX_REGISTRATION }),
  cell('field_defaults', { optional: true, max: MAX_REGISTRATION }),
] as const;

const LEVEL_WORDS: Record<string, string> = { ER: 'the entire file is rejected', GR: 'the entire group is rejected' };

/** A problem of the file as a package problem: at its line and column, naming the record, the field and the edit. */
export function sourceProblemOf(p: CwrProblem): { line: number; column: string; message: string } {
  const edit = p.validation ? ` [${p.validation.recordType} ${p.validation.level} ${p.validation.number}]` : '';
  return {
    line: p.line,
    column: `${p.column} (${p.recordType}${p.field ? ` ${p.field}` : ''})`,
    message: `${p.message}${edit}: ${LEVEL_WORDS[p.level] ?? p.level}`,
  };
}

/** Reads one CWR package: rows for the transactions that stand, problems for ER and GR, a summary of everything for the ACK. */
export class CwrPackageReader implements InputReader<CwrCollected> {
  private result: CwrCollected | null = null;

  constructor(private readonly ctx: Pick<ReadContext, 'fileName'>) {}

  async *read(bytes: AsyncIterable<Uint8Array>): AsyncIterable<SourceItem | readonly SourceItem[]> {
    const seen = new Set<string>();
    const problems = (list: readonly CwrProblem[]): SourceItem[] =>
      list.flatMap((p) => {
        if (p.level !== 'ER' && p.level !== 'GR') return [];
        const key = `${p.line}:${p.column}:${p.level}:${p.message}`;
        if (seen.has(key)) return [];
        seen.add(key);
        return [sourceProblemOf(p)];
      });
    let version: CwrVersion = '2.1';
    let characterSet = '';
    let submitter = '';
    let creationDate: string | null = null;
    let creationTime: string | null = null;
    let fileMessages: AckMessage[] = [];
    let fileRejected = false;
    const groups: CwrCollected['groups'] = [];
    const transactions: CwrTransactionSummary[] = [];
    for await (const event of readCwr(bytes)) {
      switch (event.kind) {
        case 'header': {
          version = event.version;
          characterSet = event.encoding === 'latin1' ? '' : 'UTF-8';
          submitter = (event.sender.ipiNameNumber ?? event.sender.id).slice(0, 20) || '?';
          const f = event.record.fields;
          creationDate = typeof f.creationDate === 'string' ? f.creationDate : null;
          creationTime = typeof f.creationTime === 'string' ? f.creationTime : null;
          break;
        }
        case 'group':
          groups.push({ groupId: event.groupId, rejected: false, messages: [] });
          break;
        case 'transaction': {
          const t = event.transaction;
          if (groups.length === 0) groups.push({ groupId: null, rejected: false, messages: [] });
          const g = groups.length - 1;
          const groupLevel = t.problems.filter((p) => p.level === 'GR');
          if (groupLevel.length > 0) {
            groups[g]!.rejected = true;
            groups[g]!.messages.push(...messagesOf(groupLevel));
          }
          const found = problems(t.problems);
          if (found.length > 0) yield found;
          const header = t.records[0];
          const title = typeof header?.fields.title === 'string' ? header.fields.title.trim() : '';
          const submitterWorkNumber = typeof header?.fields.submitterWorkNumber === 'string' ? header.fields.submitterWorkNumber.trim() : '';
          const own = t.problems.filter((p) => p.level !== 'GR');
          const messages = messagesOf(own);
          const work = !t.rejected && WORK_TRANSACTIONS.has(t.type) ? workOf(t) : null;
          if (!t.rejected && !work) {
            messages.push({
              messageType: 'T',
              originalRecordSequence: 0,
              recordType: t.type,
              messageLevel: 'T',
              validationNumber: '',
              text: `${t.type} transactions are not registered by this society: only NWR, REV, ISW and EXC (line ${t.line} col 1)`,
            });
          }
          const changed = own.some((p) => p.level === 'FR' || p.level === 'RR');
          transactions.push({ line: t.line, lastLine: t.lastLine, group: g, groupId: t.groupId, sequence: t.sequence, type: t.type, title, submitterWorkNumber, rejected: !work, changed, messages });
          if (work) {
            const defaults = own.filter((p) => p.level === 'FR' || p.level === 'RR');
            yield {
              line: t.line,
              // PostgreSQL text holds no NUL character (a byte 0 in a latin-1 file): it carries nothing.
              cells: [
                String(t.line),
                String(t.groupId ?? ''),
                String(t.sequence ?? ''),
                t.type,
                work.submitterWorkNumber,
                work.iswc ?? '',
                work.title,
                JSON.stringify(work),
                defaults.length > 0 ? JSON.stringify(messagesOf(defaults)) : '',
              ].map((c) => c.replace(/\u0000/g, '')),
            };
          }
          break;
        }
        case 'group-end': {
          const g = groups[groups.length - 1] ?? (groups[0] = { groupId: event.groupId, rejected: false, messages: [] });
          g.rejected ||= event.rejected;
          g.messages.unshift(...messagesOf(event.problems.filter((p) => p.level === 'GR')));
          const found = problems(event.problems);
          if (found.length > 0) yield found;
          break;
        }
        case 'end': {
          version = event.summary.version;
          fileRejected = event.summary.rejected;
          fileMessages = messagesOf(event.summary.problems.filter((p) => p.level === 'ER'));
          const found = problems(event.summary.problems);
          if (found.length > 0) yield found;
          if (event.summary.lines === 0) yield { line: 1, column: '1', message: 'the file is empty: a CWR file starts with an HDR record [E 001]' };
          break;
        }
      }
    }
    this.result = { fileName: this.ctx.fileName, version, characterSet, submitter: submitter || '?', creationDate, creationTime, fileMessages, fileRejected, groups, transactions };
  }

  collected(): CwrCollected {
    if (!this.result) throw new Error('CwrPackageReader.collected() before read() finished');
    return this.result;
  }
}

/** The moment the ACK is made and the registrations recorded: the ledger's Clock (the context's `now`). */
function moment(ctx: PackageContext): { date: string; time: string; at: Date } {
  const at = new Date(ctx.now);
  const iso = at.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19), at };
}

async function societyOf(ctx: PackageContext): Promise<{ code: string; name: string }> {
  const rows = await ctx.query<{ cisac_code: string; name: string }>(`SELECT cisac_code, name FROM societies WHERE id = $1`, [ctx.societyId]);
  return { code: rows[0]?.cisac_code ?? '000', name: rows[0]?.name ?? '' };
}

interface AckCounts {
  transactions: number;
  accepted: number;
  conflicts: number;
  rejected: number;
}

/** Writes the ACK of a collected file: one ACK per transaction, in file order, with the status `statusOf` gives it. */
function ackText(
  collected: CwrCollected,
  society: { code: string; name: string },
  when: { date: string; time: string },
  entryOf: (t: CwrTransactionSummary, group: CwrCollected['groups'][number]) => Pick<AckEntry, 'status' | 'recipientWorkNumber' | 'conflict' | 'echo'> & { messages?: AckMessage[] },
  extraFileMessages: AckMessage[] = [],
): { text: string; counts: AckCounts } {
  const writer = new CwrAckWriter({
    version: collected.version,
    society,
    creationDate: when.date,
    creationTime: when.time,
    processingDate: when.date,
    original: { creationDate: collected.creationDate, creationTime: collected.creationTime },
    characterSet: collected.characterSet,
  });
  const lines = writer.header();
  const counts: AckCounts = { transactions: 0, accepted: 0, conflicts: 0, rejected: 0 };
  const fileMessages = [...collected.fileMessages, ...extraFileMessages];
  if (fileMessages.length > 0) {
    lines.push(
      ...writer.transaction({
        originalGroupId: 0,
        originalTransactionSequence: 0,
        originalTransactionType: collected.fileMessages.some((m) => m.recordType === 'TRL') ? 'TRL' : 'HDR',
        title: '',
        submitterWorkNumber: '',
        status: 'RJ',
        messages: fileMessages,
      }),
    );
  }
  for (const t of collected.transactions) {
    const group = collected.groups[t.group] ?? { groupId: null, rejected: false, messages: [] };
    const e = entryOf(t, group);
    counts.transactions++;
    if (e.status === 'RJ') counts.rejected++;
    else if (e.status === 'CO') counts.conflicts++;
    else counts.accepted++;
    lines.push(
      ...writer.transaction({
        originalGroupId: t.groupId ?? 0,
        originalTransactionSequence: t.sequence ?? 0,
        originalTransactionType: t.type,
        title: t.title,
        submitterWorkNumber: t.submitterWorkNumber,
        recipientWorkNumber: e.recipientWorkNumber ?? null,
        status: e.status,
        messages: [...group.messages, ...t.messages, ...(e.messages ?? [])],
        ...(e.echo ? { echo: e.echo } : {}),
        ...(e.conflict ? { conflict: e.conflict } : {}),
      }),
    );
  }
  lines.push(...writer.end());
  return { text: lines.join('\r\n') + '\r\n', counts };
}

async function storeAck(ctx: PackageContext, collected: CwrCollected | null, society: { code: string }, text: string, counts: AckCounts, at: Date): Promise<void> {
  await ctx.query(
    `INSERT INTO cwr_acks (society_id, submission_id, file_name, ack, transactions, accepted, conflicts, rejected, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (society_id, submission_id) DO NOTHING`,
    [ctx.societyId, ctx.submissionId, ackFileName(collected?.fileName ?? null, society.code, collected?.version ?? '2.1'), text.replace(/\u0000/g, ' '), counts.transactions, counts.accepted, counts.conflicts, counts.rejected, at],
  );
}

const PAGE = 500;

/** In the commit's transaction: each line a version in the works register, then the ACK. */
export async function commitCwr(ctx: CommitContext<CwrCollected>): Promise<void> {
  const collected = ctx.collected;
  if (!collected) throw new Error('a CWR package is committed without what its reader collected');
  const when = moment(ctx);
  const byLine = new Map(collected.transactions.map((t) => [t.line, t]));
  const decisions = new Map<number, RegistrationDecision>();
  // A conflict's ACK carries the transaction as processed, then the EXC (CWR 2.2 §4.1, §6.3).
  const echoes = new Map<number, CwrRecord[]>();
  for (let after = 0; ; ) {
    const rows = await ctx.query<{ line_no: number; line: string; registration: string }>(
      `SELECT line_no, line, registration FROM ${ctx.linesTable} WHERE society_id = $1 AND submission_id = $2 AND line_no > $3 ORDER BY line_no LIMIT ${PAGE}`,
      [ctx.societyId, ctx.submissionId, after],
    );
    const inputs = rows.map((row): RegistrationInput => {
      const line = Number(row.line);
      const t = byLine.get(line);
      return {
        societyId: ctx.societyId,
        submissionId: ctx.submissionId,
        submitter: collected.submitter,
        recordedAt: when.at,
        line,
        lastLine: t?.lastLine ?? line,
        groupId: t?.groupId ?? null,
        transactionSequence: t?.sequence ?? 0,
        work: JSON.parse(row.registration) as CwrWork,
        changed: t?.changed ?? false,
      };
    });
    const decided = await recordRegistrations(ctx.query, inputs);
    decided.forEach((decision, i) => {
      const { line, work } = inputs[i]!;
      decisions.set(line, decision);
      if (decision.status === 'CO') echoes.set(line, registrationRecordsOf(work));
    });
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.line_no;
  }
  const society = await societyOf(ctx);
  const { text, counts } = ackText(collected, society, when, (t) => {
    const d = decisions.get(t.line);
    if (t.rejected || !d) return { status: 'RJ' };
    return {
      status: d.status,
      recipientWorkNumber: d.workNumber,
      messages: d.conflicts.map((c) => ({ messageType: 'T', originalRecordSequence: 0, recordType: t.type, messageLevel: 'T', validationNumber: '', text: describeConflict(c) })),
      ...(echoes.has(t.line) ? { echo: echoes.get(t.line) } : {}),
      ...(d.conflictWith ? { conflict: excRecordsOf(d.conflictWith) } : {}),
    };
  });
  await storeAck(ctx, collected, society, text, counts, when.at);
}

/** After a rejection: the ACK says RJ for the file (its E messages) and every transaction. Idempotent. */
export async function rejectCwr(ctx: RejectContext<CwrCollected>, problems: readonly InputProblem[]): Promise<void> {
  const collected: CwrCollected = ctx.collected ?? {
    fileName: null,
    version: '2.1',
    characterSet: '',
    submitter: '?',
    creationDate: null,
    creationTime: null,
    fileMessages: [],
    fileRejected: true,
    groups: [],
    transactions: [],
  };
  // A package rejected for another reason than the file's ER/GR edits (e.g. a cell the lines table refuses) says why in the file's ACK.
  const extra: AckMessage[] =
    collected.fileMessages.length > 0 || collected.groups.some((g) => g.rejected)
      ? []
      : problems.map((p) => ({ messageType: 'E', originalRecordSequence: 0, recordType: 'HDR', messageLevel: 'E', validationNumber: '', text: `${p.message} (line ${p.line ?? '?'} col ${p.column ?? '?'})` }));
  const when = moment(ctx);
  const society = await societyOf(ctx);
  const { text, counts } = ackText(collected, society, when, () => ({ status: 'RJ' }), extra);
  await storeAck(ctx, ctx.collected ?? null, society, text, counts, when.at);
}

export const cwr = definePackageType({
  type: 'cwr',
  table: 'cwr_lines',
  describe: 'A CISAC CWR 2.1 or 2.2 works registration transaction (NWR, REV, ISW, EXC) that passed the edits, with its whole registration.',
  columns: [...CWR_COLUMNS],
  rules: [],
  examples: [
    ['3', '1', '0', 'NWR', 'SW0001', 'T0345246801', 'WINTER ROAD', '{"transactionType":"NWR","title":"WINTER ROAD"}', ''],
    ['12', '1', '1', 'NWR', 'SW0002', '', 'SPRING RAIN', '{"transactionType":"NWR","title":"SPRING RAIN"}', ''],
  ],
  docs: 'docs/packages/cwr.md',
  // A registration holds for the work, not for a quarter (CONTRACT.md: "period optional").
  periodOptional: true,
  input: {
    name: 'cwr',
    mediaTypes: ['application/octet-stream', 'text/plain', 'application/x-cwr'],
    extensions: ['v21', 'v22', 'cwr'],
    // A file whose every transaction was refused (TR) still commits: its ACK says RJ for each.
    allowEmpty: true,
    reader: (ctx: ReadContext) => new CwrPackageReader(ctx),
    afterCommit: commitCwr,
    afterReject: rejectCwr,
  },
});
