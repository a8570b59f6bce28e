/**
 * Writing registrations into the works register (tables of migration
 * 1765101200000-CreateWorksRegister), inside the caller's transaction (the CWR package's
 * commit): each accepted CWR transaction becomes a new version of its work, append-only,
 * with its shares, titles and recordings; conflicts with other submitters' registrations
 * of the work are recorded and answered CO. Framework-free: SQL runs through the `query`
 * function handed over (a commit hook's, or a DataSource's).
 *
 * Which work a registration is of (the society's matching, not the specification's):
 * the work with its ISWC, else the work the same submitter registered under the same
 * submitter work number (a REV, or an NWR sent again), else a new work. A REV of a work
 * the register does not know registers it (CWR 2.2 §4.2 REV: "If the work does not exist,
 * it will be treated as a new registration").
 *
 * The status given (CISAC transaction status, libs/cwr TRANSACTION_STATUSES): CO when
 * the registration conflicts with another submitter's (conflicts.ts); DU when it exactly
 * matches the submitter's current registration (no new version); AC when a field was
 * replaced by its default or a record left out (accepted with changes); else AS.
 */
import { randomUUID } from 'node:crypto';
import { type CwrRecord, type CwrWork, NO_BLANKS, type TransactionStatus } from '../../cwr/src/index.js';
import { conflictsOf, type FoundConflict, type Registration } from './conflicts.js';
import { comparableOf, iswcOf, rowsOf, type ShareRow } from './registration.js';

/** Runs one SQL statement (a commit hook's `query`, or a DataSource's). */
export type Query = (sql: string, params?: readonly unknown[]) => Promise<any[]>;

export interface RegistrationInput {
  readonly societyId: string;
  readonly submissionId: string;
  /** Who sent the file: the HDR sender's 11-digit IPI name number, else its sender ID. */
  readonly submitter: string;
  readonly recordedAt: Date;
  /** First and last file line of the transaction. */
  readonly line: number;
  readonly lastLine: number;
  readonly groupId: number | null;
  readonly transactionSequence: number;
  readonly work: CwrWork;
  /** Some field was replaced by its default or a record left out (FR/RR edits). */
  readonly changed: boolean;
}

export interface RegistrationDecision {
  readonly status: Extract<TransactionStatus, 'AS' | 'AC' | 'CO' | 'DU'>;
  readonly workId: string;
  /** The society's work number (the ACK's Recipient Creation #). */
  readonly workNumber: string;
  /** The version written; null for a duplicate (nothing new). */
  readonly version: number | null;
  readonly conflicts: readonly FoundConflict[];
  /** The registration in conflict (for the ACK's EXC), when any. */
  readonly conflictWith: CwrWork | null;
}

interface WorkRow {
  id: string;
  number: string;
  iswc: string | null;
  current_version: number;
}

/** JSON for jsonb, which refuses NUL characters (a byte 0 in a latin-1 file): they carry nothing. */
const json = (value: unknown) => JSON.stringify(value).replace(/\\u0000/g, '');

const WORK_COLUMNS = `id, number::text AS number, iswc, current_version`;

/**
 * Records one registration; returns what the ACK says of it. Two or three round trips: the
 * work (locked), its current registrations (a known work only), then one statement
 * writing the version, its titles, recordings, shares and conflicts and the work itself.
 */
export async function recordRegistration(query: Query, input: RegistrationInput): Promise<RegistrationDecision> {
  const { societyId, work } = input;
  const iswc = iswcOf(work);
  const submitterWorkNumber = work.submitterWorkNumber.slice(0, 14) || '?';
  const title = work.title.trim().slice(0, 60) || '?';

  // The work with the ISWC, else the one the submitter registered under its work number.
  const found: WorkRow | undefined = (
    await query(
      `SELECT ${WORK_COLUMNS} FROM works w
        WHERE w.society_id = $1 AND w.id = COALESCE(
          (SELECT x.id FROM works x WHERE x.society_id = $1 AND x.iswc = $2),
          (SELECT v.work_id FROM work_versions v WHERE v.society_id = $1 AND v.submitter = $3 AND v.submitter_work_number = $4
            ORDER BY v.recorded_at DESC, v.version DESC LIMIT 1))
        FOR UPDATE`,
      [societyId, iswc, input.submitter, submitterWorkNumber],
    )
  )[0];

  let current: Registration[] = [];
  if (found) {
    const rows: { version: number; submitter: string; registration: CwrWork }[] = await query(
      `SELECT DISTINCT ON (submitter) version, submitter, registration FROM work_versions
        WHERE society_id = $1 AND work_id = $2 ORDER BY submitter, version DESC`,
      [societyId, found.id],
    );
    current = rows.map((r) => ({ version: r.version, submitter: r.submitter, work: r.registration }));
    const own = current.find((r) => r.submitter === input.submitter);
    if (own && comparableOf(own.work) === comparableOf(work)) {
      return { status: 'DU', workId: found.id, workNumber: found.number, version: null, conflicts: [], conflictWith: null };
    }
  }
  const workId = found?.id ?? randomUUID();
  const version = found ? found.current_version + 1 : 1;
  const conflicts = conflictsOf({ submitter: input.submitter, work }, current);
  const status: RegistrationDecision['status'] = conflicts.length > 0 ? 'CO' : input.changed ? 'AC' : 'AS';
  // The work's summary follows its newest version; it stays in conflict while any two current registrations conflict.
  const now = [...current.filter((r) => r.submitter !== input.submitter), { version, submitter: input.submitter, work }];
  const inConflict = conflicts.length > 0 || now.some((r) => conflictsOf(r, now).length > 0);
  // A REV may give the work an ISWC (or another one): no other work has it, or the lookup would have found that one.
  const workIswc = iswc ?? found?.iswc ?? null;

  const params: unknown[] = [societyId, workId, version];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const rows = rowsOf(work);
  const at = p(input.recordedAt);
  const writeWork = found
    ? `UPDATE works SET title = ${p(title)}, iswc = ${p(workIswc)}, current_version = $3, in_conflict = ${p(inConflict)}, updated_at = ${at}
        WHERE society_id = $1 AND id = $2 RETURNING number`
    : `INSERT INTO works (society_id, id, number, iswc, submitter, submitter_work_number, title, current_version, in_conflict, submission_id, created_at, updated_at)
       VALUES ($1, $2, (SELECT COALESCE(max(number), 0) + 1 FROM works WHERE society_id = $1), ${p(iswc)}, ${p(input.submitter)}, ${p(submitterWorkNumber)},
               ${p(title)}, 1, false, ${p(input.submissionId)}, ${at}, ${at}) RETURNING number`;
  const result: { number: string }[] = await query(
    `WITH w AS (${writeWork}),
     v AS (
       INSERT INTO work_versions (society_id, work_id, version, transaction_type, submission_id, line, last_line, group_id, transaction_sequence,
                                  submitter, submitter_work_number, iswc, title, status, registration, recorded_at)
       VALUES ($1, $2, $3, ${p(['NWR', 'REV', 'ISW', 'EXC'].includes(work.transactionType) ? work.transactionType : 'NWR')}, ${p(input.submissionId)}, ${p(input.line)},
               ${p(Math.max(input.lastLine, input.line))}, ${p(input.groupId)}, ${p(input.transactionSequence)}, ${p(input.submitter)}, ${p(submitterWorkNumber)},
               ${p(iswc)}, ${p(title)}, ${p(status)}, ${p(json(work))}::jsonb, ${at})),
     t AS (
       INSERT INTO work_titles (society_id, work_id, version, seq, title, title_type, language)
       SELECT $1, $2, $3, x.seq, x.title, x.title_type, x.language
         FROM jsonb_to_recordset(${p(json(rows.titles.map((t, i) => ({ seq: i + 1, title: t.title, title_type: t.titleType, language: t.language }))))}::jsonb)
           AS x(seq int, title text, title_type text, language text)),
     r AS (
       INSERT INTO work_recordings (society_id, work_id, version, seq, isrc, recording_title, album_title, label, release_date, line)
       SELECT $1, $2, $3, x.seq, x.isrc, x.recording_title, x.album_title, x.label, x.release_date, x.line
         FROM jsonb_to_recordset(${p(
           json(rows.recordings.map((r, i) => ({ seq: i + 1, isrc: r.isrc, recording_title: r.recordingTitle, album_title: r.albumTitle, label: r.label, release_date: r.releaseDate, line: r.line }))),
         )}::jsonb) AS x(seq int, isrc text, recording_title text, album_title text, label text, release_date date, line int)),
     s AS (
       INSERT INTO work_shares (society_id, work_id, version, seq, party_no, party_kind, record_type, controlled, ip_number, ipi_name_number, ipi_base_number,
                                name, role, chain, kind, "right", society_code, tis, include, share, line)
       SELECT $1, $2, $3, x.seq, x.party_no, x.party_kind, x.record_type, x.controlled, x.ip_number, x.ipi_name_number, x.ipi_base_number,
              x.name, x.role, x.chain, x.kind, x.right_, x.society_code, x.tis, x.include, x.share::numeric, x.line
         FROM jsonb_to_recordset(${p(
           json(
             rows.shares.map((sh, i) => shareRecord(sh, i + 1)),
           ),
         )}::jsonb) AS x(seq int, party_no int, party_kind text, record_type text, controlled boolean, ip_number text,
              ipi_name_number text, ipi_base_number text, name text, role text, chain int, kind text, right_ text, society_code text, tis text,
              include boolean, share text, line int)),
     c AS (
       INSERT INTO work_conflicts (society_id, work_id, version, other_versions, reason, "right", tis, total, detail, submission_id, detected_at)
       SELECT $1, $2, $3, x.other_versions::int[], x.reason, x.right_, x.tis, x.total::numeric, x.detail, ${p(input.submissionId)}, ${at}
         FROM jsonb_to_recordset(${p(
           json(conflicts.map((c) => ({ other_versions: `{${c.otherVersions.join(',')}}`, reason: c.reason, right_: c.right, tis: c.tis, total: c.total, detail: c.detail }))),
         )}::jsonb) AS x(other_versions text, reason text, right_ text, tis text, total text, detail jsonb))
     SELECT number::text AS number FROM w`,
    params,
  );
  const other = conflicts[0] ? current.find((r) => r.version === conflicts[0]!.otherVersions[0]) : undefined;
  return { status, workId, workNumber: result[0]?.number ?? found?.number ?? '', version, conflicts, conflictWith: other?.work ?? null };
}

/**
 * Records the registrations of one package page (same society, package and sender), in
 * order, with the same outcome as recordRegistration one by one: registrations of works
 * the register does not know yet, whose ISWC and submitter work number no other
 * registration of the page shares, are written together (AS/AC, version 1: a new work has
 * no other registration to conflict with) in one lookup and one statement; the others go
 * one by one, in file order.
 */
export async function recordRegistrations(query: Query, inputs: readonly RegistrationInput[]): Promise<RegistrationDecision[]> {
  if (inputs.length === 0) return [];
  const { societyId, submissionId, submitter, recordedAt } = inputs[0]!;
  if (inputs.some((x) => x.societyId !== societyId || x.submissionId !== submissionId || x.submitter !== submitter)) {
    throw new Error('recordRegistrations: one society, package and sender per call');
  }
  const keys = inputs.map((x, i) => ({ i, iswc: iswcOf(x.work), swn: x.work.submitterWorkNumber.slice(0, 14) || '?' }));
  const known: { i: number; id: string | null }[] = await query(
    `SELECT x.i, COALESCE(
              (SELECT w.id FROM works w WHERE w.society_id = $1 AND w.iswc = x.iswc),
              (SELECT v.work_id FROM work_versions v WHERE v.society_id = $1 AND v.submitter = $2 AND v.submitter_work_number = x.swn LIMIT 1)) AS id
       FROM jsonb_to_recordset($3::jsonb) AS x(i int, iswc text, swn text)`,
    [societyId, submitter, json(keys)],
  );
  const exists = new Set(known.filter((k) => k.id !== null).map((k) => k.i));
  const count = (values: (string | null)[]) => values.reduce((m, v) => (v ? m.set(v, (m.get(v) ?? 0) + 1) : m), new Map<string, number>());
  const iswcs = count(keys.map((k) => k.iswc));
  const numbers = count(keys.map((k) => k.swn));
  const fresh = keys.filter((k) => !exists.has(k.i) && (!k.iswc || iswcs.get(k.iswc) === 1) && numbers.get(k.swn) === 1).map((k) => k.i);
  const decisions: (RegistrationDecision | undefined)[] = new Array(inputs.length);

  if (fresh.length > 0) {
    const ids = fresh.map(() => randomUUID());
    const works = fresh.map((i, n) => {
      const x = inputs[i]!;
      return {
        n: n + 1,
        id: ids[n],
        iswc: keys[i]!.iswc,
        swn: keys[i]!.swn,
        title: x.work.title.trim().slice(0, 60) || '?',
        type: ['NWR', 'REV', 'ISW', 'EXC'].includes(x.work.transactionType) ? x.work.transactionType : 'NWR',
        line: x.line,
        last_line: Math.max(x.lastLine, x.line),
        group_id: x.groupId,
        seq: x.transactionSequence,
        status: x.changed ? 'AC' : 'AS',
        registration: x.work,
      };
    });
    const rows = fresh.map((i) => rowsOf(inputs[i]!.work));
    const titles = rows.flatMap((r, n) => r.titles.map((t, k) => ({ work_id: ids[n], seq: k + 1, title: t.title, title_type: t.titleType, language: t.language })));
    const recordings = rows.flatMap((r, n) =>
      r.recordings.map((x, k) => ({ work_id: ids[n], seq: k + 1, isrc: x.isrc, recording_title: x.recordingTitle, album_title: x.albumTitle, label: x.label, release_date: x.releaseDate, line: x.line })),
    );
    const shares = rows.flatMap((r, n) =>
      r.shares.map((sh, k) => ({ work_id: ids[n], ...shareRecord(sh, k + 1) })),
    );
    const written: { id: string; number: string }[] = await query(
      `WITH x AS (
         SELECT * FROM jsonb_to_recordset($5::jsonb) AS x(n int, id uuid, iswc text, swn text, title text, type text, line int, last_line int, group_id int,
                                                            seq int, status text, registration jsonb)),
       base AS (SELECT COALESCE(max(number), 0) AS top FROM works WHERE society_id = $1),
       w AS (
         INSERT INTO works (society_id, id, number, iswc, submitter, submitter_work_number, title, current_version, in_conflict, submission_id, created_at, updated_at)
         SELECT $1, x.id, base.top + x.n, x.iswc, $3, x.swn, x.title, 1, false, $2, $4, $4 FROM x, base RETURNING id, number),
       v AS (
         INSERT INTO work_versions (society_id, work_id, version, transaction_type, submission_id, line, last_line, group_id, transaction_sequence,
                                    submitter, submitter_work_number, iswc, title, status, registration, recorded_at)
         SELECT $1, x.id, 1, x.type, $2, x.line, x.last_line, x.group_id, x.seq, $3, x.swn, x.iswc, x.title, x.status, x.registration, $4 FROM x),
       t AS (
         INSERT INTO work_titles (society_id, work_id, version, seq, title, title_type, language)
         SELECT $1, y.work_id, 1, y.seq, y.title, y.title_type, y.language
           FROM jsonb_to_recordset($6::jsonb) AS y(work_id uuid, seq int, title text, title_type text, language text)),
       r AS (
         INSERT INTO work_recordings (society_id, work_id, version, seq, isrc, recording_title, album_title, label, release_date, line)
         SELECT $1, y.work_id, 1, y.seq, y.isrc, y.recording_title, y.album_title, y.label, y.release_date, y.line
           FROM jsonb_to_recordset($7::jsonb) AS y(work_id uuid, seq int, isrc text, recording_title text, album_title text, label text, release_date date, line int)),
       s AS (
         INSERT INTO work_shares (society_id, work_id, version, seq, party_no, party_kind, record_type, controlled, ip_number, ipi_name_number, ipi_base_number,
                                  name, role, chain, kind, "right", society_code, tis, include, share, line)
         SELECT $1, y.work_id, 1, y.seq, y.party_no, y.party_kind, y.record_type, y.controlled, y.ip_number, y.ipi_name_number, y.ipi_base_number,
                y.name, y.role, y.chain, y.kind, y.right_, y.society_code, y.tis, y.include, y.share::numeric, y.line
           FROM jsonb_to_recordset($8::jsonb) AS y(work_id uuid, seq int, party_no int, party_kind text, record_type text, controlled boolean, ip_number text,
                ipi_name_number text, ipi_base_number text, name text, role text, chain int, kind text, right_ text, society_code text, tis text,
                include boolean, share text, line int))
       SELECT id, number::text AS number FROM w`,
      [societyId, submissionId, submitter, recordedAt, json(works), json(titles), json(recordings), json(shares)],
    );
    const numberOf = new Map(written.map((w) => [w.id, w.number]));
    fresh.forEach((i, n) => {
      decisions[i] = { status: works[n]!.status as 'AS' | 'AC', workId: ids[n]!, workNumber: numberOf.get(ids[n]!) ?? '', version: 1, conflicts: [], conflictWith: null };
    });
  }
  for (let i = 0; i < inputs.length; i++) decisions[i] ??= await recordRegistration(query, inputs[i]!);
  return decisions as RegistrationDecision[];
}

/**
 * The records of a registration as the ACK carries them (CWR 2.2 §4.1 ACK, §6.3): the
 * header (`type`: the original's NWR/REV for the echo, EXC for the registration in
 * conflict) and its publishers and writers with their ownership. Each record keeps its
 * original record sequence # (its line less the header's), so the writer puts the MSG
 * records about it right before it.
 */
export function registrationRecordsOf(work: CwrWork, type: string = work.transactionType): CwrRecord[] {
  const rec = (t: string, line: number, fields: CwrRecord['fields']): CwrRecord => ({ type: t, line: 0, transactionSequence: 0, recordSequence: Math.max(0, line - work.line), fields, blank: NO_BLANKS, text: null });
  const own = (o: CwrWork['writers'][number]['ownership']) => ({
    prSociety: o.PR.society ?? '',
    prShare: o.PR.share,
    mrSociety: o.MR.society ?? '',
    mrShare: o.MR.share,
    srSociety: o.SR.society ?? '',
    srShare: o.SR.share,
  });
  return [
    rec(type, work.line, {
      title: work.title,
      language: work.language ?? '',
      submitterWorkNumber: work.submitterWorkNumber,
      iswc: work.iswc ?? '',
      copyrightDate: work.copyrightDate,
      distributionCategory: work.distributionCategory,
      duration: work.duration,
      recorded: work.recorded ?? 'U',
      versionType: work.versionType,
      workType: work.workType ?? '',
    }),
    ...work.publishers.map((p) =>
      rec(p.recordType, p.line, { publisherSequence: p.chain, ipNumber: p.ipNumber, name: p.name, publisherType: p.publisherType, ipiNameNumber: p.ipiNameNumber ?? '', ...own(p.ownership) }),
    ),
    ...work.writers.map((w) =>
      rec(w.recordType, w.line, { ipNumber: w.ipNumber, lastName: w.lastName, firstName: w.firstName, designation: w.designation, ipiNameNumber: w.ipiNameNumber ?? '', ...own(w.ownership) }),
    ),
  ];
}

/** The EXC transaction naming the registration in conflict (after the echoed NWR/REV in the ACK). */
export function excRecordsOf(work: CwrWork): CwrRecord[] {
  return registrationRecordsOf(work, 'EXC');
}

/** A share as a `work_shares` row (jsonb_to_recordset's column names), numbered `seq` within its version. */
function shareRecord(sh: ShareRow, seq: number) {
  return {
    seq,
    party_no: sh.partyNo,
    party_kind: sh.partyKind,
    record_type: sh.recordType,
    controlled: sh.controlled,
    ip_number: sh.ipNumber,
    ipi_name_number: sh.ipiNameNumber,
    ipi_base_number: sh.ipiBaseNumber,
    name: sh.name,
    role: sh.role,
    chain: sh.chain,
    kind: sh.kind,
    right_: sh.right,
    society_code: sh.societyCode,
    tis: sh.tis,
    include: sh.include,
    share: sh.share,
    line: sh.line,
  };
}
