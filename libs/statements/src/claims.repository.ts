import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { LineKey } from './statements.repository.js';

/** A claim's status (CONTRACT.md "Workflows"). */
export const CLAIM_STATUSES = ['open', 'accepted', 'refused', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** An unidentified line that may be the holder's. */
export interface UnclaimedLine {
  societyId: string;
  societyName: string;
  submissionId: string;
  lineNo: number;
  lineId: string;
  /** The name written on the line. */
  nameOnLine: string;
  workIswc: string | null;
  workTitle: string;
  /** The recording the use came through (ISRC), when the line names one. */
  recordingIsrc: string | null;
  category: string;
  useType: string;
  territory: string;
  useFrom: string;
  useTo: string;
  currency: string;
  gross: string;
  managementFee: string;
  otherDeductions: string;
  net: string;
  /**
   * Why it is listed: the name on it matches the holder's (`name`); its work is one the holder
   * is paid for on identified lines (`work`); its work (by ISWC) is registered in the society's
   * works register with a share naming the holder's IPI (`register`); its recording (by ISRC)
   * is one of such a registered work's recordings (`recording`).
   */
  matchedBy: ('name' | 'work' | 'register' | 'recording')[];
  /** This holder's claim on it, if any. */
  claim: { id: string; status: ClaimStatus; claimedAt: string } | null;
}

/** The line of a later package that paid a claim. */
export interface ClaimPayment {
  submissionId: string;
  /** The paying package's period. */
  period: string;
  lineNo: number;
  lineId: string;
  paidOn: string;
  currency: string;
  net: string;
}

/** One change of a claim's status, as recorded (append-only). */
export interface ClaimEvent {
  seq: number;
  status: ClaimStatus;
  /** null for the claim itself (seq 1). */
  previousStatus: ClaimStatus | null;
  /** When, by the ledger's clock. */
  at: string;
  recordedBy: string;
  /** A refusal's reason (or a note given with another answer). */
  reason: string | null;
  payment: ClaimPayment | null;
}

export interface Claim {
  id: string;
  societyId: string;
  societyName: string;
  rightsHolderId: string;
  rightsHolderName: string;
  rightsHolderIpi: string | null;
  submissionId: string;
  lineNo: number;
  lineId: string;
  status: ClaimStatus;
  claimedAt: string;
  note: string | null;
  recordedBy: string;
  /** When the society answered (accepted, refused or paid it); null while open. */
  answeredAt: string | null;
  /** Why it was refused (refused claims only). */
  reason: string | null;
  /** The line that paid it (paid claims only). */
  payment: ClaimPayment | null;
  /** Every change of status, oldest first (the claim itself is the first). */
  history: ClaimEvent[];
  line: {
    nameOnLine: string;
    workIswc: string | null;
    workTitle: string;
    category: string;
    useType: string;
    useFrom: string;
    useTo: string;
    currency: string;
    gross: string;
    net: string;
  };
}

/** A claim as locked for an answer: its line, its last event, and the other claims on the same line. */
export interface LockedClaim {
  id: string;
  societyId: string;
  rightsHolderId: string;
  submissionId: string;
  lineNo: number;
  status: ClaimStatus;
  lastSeq: number;
  lastAt: string;
  others: { id: string; status: ClaimStatus }[];
}

/** What the ledger knows of a package of the claim's society and a line in it, to judge whether it pays the claim. */
export interface PayingCandidate {
  submission: { id: string; type: string; status: string; period: string; logIndex: number | null } | null;
  claimedPackage: { period: string; logIndex: number | null };
  claimed: UseOfLine;
  line: (UseOfLine & { lineNo: number; lineId: string; rightsHolderId: string | null; status: string; paidOn: string | null; sameNet: boolean }) | null;
}

interface UseOfLine {
  currency: string;
  net: string;
  category: string;
  useFrom: string;
  useTo: string;
  workIswc: string | null;
}

export interface NewClaimEvent {
  societyId: string;
  claimId: string;
  seq: number;
  status: ClaimStatus;
  previousStatus: ClaimStatus | null;
  at: Date;
  recordedBy: string;
  reason: string | null;
  payment: { submissionId: string; lineNo: number; lineId: string } | null;
}

/** An unidentified committed line named by submission and line id (or number). */
export interface ClaimableLine {
  societyId: string;
  submissionId: string;
  lineNo: number;
  lineId: string;
}

const ts = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

const CLAIM_COLUMNS = `
  c.id, c.society_id AS "societyId", s.name AS "societyName", c.rights_holder_id AS "rightsHolderId", h.name AS "rightsHolderName", h.ipi AS "rightsHolderIpi",
  c.submission_id AS "submissionId", c.line_no AS "lineNo", c.line_id AS "lineId", c.status, ${ts('c.claimed_at')} AS "claimedAt", c.note, c.recorded_by AS "recordedBy",
  json_build_object('nameOnLine', l.rights_holder_name, 'workIswc', l.work_iswc, 'workTitle', l.work_title, 'category', l.category, 'useType', l.use_type,
    'useFrom', ${day('l.use_from')}, 'useTo', ${day('l.use_to')}, 'currency', l.currency, 'gross', trim_scale(l.gross)::text, 'net', trim_scale(l.net)::text) AS line,
  ev.history`;

/** The claim with its society, holder, line and history (the paying line of a payment with its package's period). */
const CLAIM_FROM = `
  FROM claims c
  JOIN societies s ON s.id = c.society_id
  JOIN rights_holders h ON h.id = c.rights_holder_id
  JOIN distribution_lines l ON l.society_id = c.society_id AND l.submission_id = c.submission_id AND l.line_no = c.line_no
  CROSS JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object(
             'seq', e.seq, 'status', e.status, 'previousStatus', e.previous_status, 'at', ${ts('e.at')}, 'recordedBy', e.recorded_by, 'reason', e.reason,
             'payment', CASE WHEN e.payment_line_no IS NULL THEN NULL ELSE json_build_object(
               'submissionId', e.payment_submission_id, 'period', ps.period, 'lineNo', e.payment_line_no, 'lineId', e.payment_line_id,
               'paidOn', ${day('pl.paid_on')}, 'currency', pl.currency, 'net', trim_scale(pl.net)::text) END
           ) ORDER BY e.seq), '[]') AS history
    FROM claim_events e
    LEFT JOIN distribution_lines pl ON pl.society_id = e.society_id AND pl.submission_id = e.payment_submission_id AND pl.line_no = e.payment_line_no
    LEFT JOIN submissions ps ON ps.society_id = e.society_id AND ps.id = e.payment_submission_id
    WHERE e.society_id = c.society_id AND e.claim_id = c.id
  ) ev`;

type ClaimRow = Omit<Claim, 'answeredAt' | 'reason' | 'payment'>;

/** The answer a claim's history ends with: when, the refusal's reason, the paying line. */
function withAnswer(row: ClaimRow): Claim {
  const last = row.history.at(-1);
  const answered = row.status !== 'open' && last !== undefined && last.status === row.status;
  return {
    ...row,
    answeredAt: answered ? last.at : null,
    reason: row.status === 'refused' && answered ? last.reason : null,
    payment: row.status === 'paid' && answered ? last.payment : null,
  };
}

/** Every SQL statement about unclaimed money and claims. */
@Injectable()
export class ClaimsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Unidentified committed lines whose written name has the holder's name key
   * (ledger_name_key: words lower-cased and sorted), or whose work is one the holder is
   * paid for on identified committed lines (in the same societies), or whose work (by
   * ISWC) the society's works register holds with a share naming the holder's IPI (the
   * work's current registration, any right), or whose recording (ISRC) is a recording of
   * such a work, by (society, submission, line), after `after`.
   */
  unclaimed(holderId: string, holderName: string, societyIds: string[] | null, period: { from: string; to: string } | null, after: LineKey | null, limit: number): Promise<UnclaimedLine[]> {
    return this.db.query(
      `WITH paid_works AS (
         SELECT coalesce(array_agg(DISTINCT l.work_iswc), '{}') AS list
         FROM societies s
         JOIN distribution_lines l ON l.society_id = s.id AND l.rights_holder_id = $1
         JOIN submissions sub ON sub.society_id = l.society_id AND sub.id = l.submission_id AND sub.status = 'committed'
         WHERE l.work_iswc IS NOT NULL AND ($3::uuid[] IS NULL OR s.id = ANY($3::uuid[]))
       ), me AS (SELECT nullif(ledger_name_key($2), '') AS name_key, (SELECT ipi FROM rights_holders WHERE id = $1) AS ipi),
       registered AS (
         SELECT DISTINCT w.society_id, w.iswc
         FROM me
         JOIN work_shares ws ON ws.ipi_name_number = me.ipi
         JOIN works w ON w.society_id = ws.society_id AND w.id = ws.work_id AND w.current_version = ws.version
         WHERE w.iswc IS NOT NULL AND ($3::uuid[] IS NULL OR w.society_id = ANY($3::uuid[]))
       ),
       recordings AS (
         SELECT DISTINCT w.society_id, wr.isrc
         FROM me
         JOIN work_shares ws ON ws.ipi_name_number = me.ipi
         JOIN works w ON w.society_id = ws.society_id AND w.id = ws.work_id AND w.current_version = ws.version
         JOIN work_recordings wr ON wr.society_id = w.society_id AND wr.work_id = w.id AND wr.version = w.current_version
         WHERE wr.isrc IS NOT NULL AND ($3::uuid[] IS NULL OR w.society_id = ANY($3::uuid[]))
       )
       SELECT s.id AS "societyId", s.name AS "societyName", l.submission_id AS "submissionId", l.line_no AS "lineNo", l.line_id AS "lineId",
              l.rights_holder_name AS "nameOnLine", l.work_iswc AS "workIswc", l.work_title AS "workTitle", l.recording_isrc AS "recordingIsrc", l.category, l.use_type AS "useType", l.territory,
              ${day('l.use_from')} AS "useFrom", ${day('l.use_to')} AS "useTo", l.currency,
              trim_scale(l.gross)::text AS gross, trim_scale(l.management_fee)::text AS "managementFee",
              trim_scale(l.other_deductions)::text AS "otherDeductions", trim_scale(l.net)::text AS net,
              array_remove(ARRAY[
                CASE WHEN ledger_name_key(l.rights_holder_name) = me.name_key THEN 'name' END,
                CASE WHEN l.work_iswc = ANY(paid_works.list) THEN 'work' END,
                CASE WHEN r.iswc IS NOT NULL THEN 'register' END,
                CASE WHEN rr.isrc IS NOT NULL THEN 'recording' END], NULL) AS "matchedBy",
              CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id, 'status', c.status, 'claimedAt', ${ts('c.claimed_at')}) END AS claim
       FROM societies s CROSS JOIN paid_works CROSS JOIN me
       JOIN distribution_lines l ON l.society_id = s.id AND l.status = 'unidentified'
       LEFT JOIN registered r ON r.society_id = l.society_id AND r.iswc = l.work_iswc
       LEFT JOIN recordings rr ON rr.society_id = l.society_id AND rr.isrc = l.recording_isrc
       JOIN submissions sub ON sub.society_id = l.society_id AND sub.id = l.submission_id AND sub.status = 'committed'
       LEFT JOIN claims c ON c.society_id = l.society_id AND c.submission_id = l.submission_id AND c.line_no = l.line_no AND c.rights_holder_id = $1
       WHERE ($3::uuid[] IS NULL OR s.id = ANY($3::uuid[]))
         AND (ledger_name_key(l.rights_holder_name) = me.name_key OR l.work_iswc = ANY(paid_works.list) OR r.iswc IS NOT NULL OR rr.isrc IS NOT NULL)
         AND ($4::date IS NULL OR l.use_to BETWEEN $4::date AND $5::date)
         AND ($6::uuid IS NULL OR (l.society_id, l.submission_id, l.line_no) > ($6::uuid, $7::uuid, $8::int))
       ORDER BY l.society_id, l.submission_id, l.line_no
       LIMIT $9`,
      [holderId, holderName, societyIds, period?.from ?? null, period?.to ?? null, after?.societyId ?? null, after?.submissionId ?? null, after?.lineNo ?? null, limit],
    );
  }

  /** An unidentified line of a committed submission of one of `societyIds` (null: any), by line id or line number. */
  async claimableLine(submissionId: string, ref: { id: string } | { lineNo: number }, societyIds: string[] | null): Promise<ClaimableLine | undefined> {
    const rows: ClaimableLine[] = await this.db.query(
      `SELECT l.society_id AS "societyId", l.submission_id AS "submissionId", l.line_no AS "lineNo", l.line_id AS "lineId"
       FROM submissions sub
       JOIN distribution_lines l ON l.society_id = sub.society_id AND l.submission_id = sub.id
       WHERE sub.id = $1 AND sub.status = 'committed' AND sub.type = 'distribution-lines' AND l.status = 'unidentified'
         AND (CASE WHEN $2::text IS NULL THEN l.line_no = $3::int ELSE l.line_id = $2::text END)
         AND ($4::uuid[] IS NULL OR sub.society_id = ANY($4::uuid[]))
       LIMIT 1`,
      [submissionId, 'id' in ref ? ref.id : null, 'lineNo' in ref ? ref.lineNo : null, societyIds],
    );
    return rows[0];
  }

  /**
   * Records a claim (status open, at `at`) with its first event, in one transaction; null
   * when this holder already claimed the line.
   */
  insert(line: ClaimableLine, holderId: string, note: string | null, recordedBy: string, at: Date): Promise<string | null> {
    return this.db.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `INSERT INTO claims (society_id, rights_holder_id, submission_id, line_no, line_id, note, recorded_by, claimed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (society_id, submission_id, line_no, rights_holder_id) DO NOTHING RETURNING id`,
        [line.societyId, holderId, line.submissionId, line.lineNo, line.lineId, note, recordedBy, at],
      );
      const id = rows[0]?.id;
      if (id === undefined) return null;
      await this.insertEvent(m, { societyId: line.societyId, claimId: id, seq: 1, status: 'open', previousStatus: null, at, recordedBy, reason: null, payment: null });
      return id;
    });
  }

  async one(societyId: string, id: string): Promise<Claim | undefined> {
    const rows: ClaimRow[] = await this.db.query(`SELECT ${CLAIM_COLUMNS} ${CLAIM_FROM} WHERE c.society_id = $1 AND c.id = $2`, [societyId, id]);
    return rows[0] && withAnswer(rows[0]);
  }

  /**
   * A claim by id alone, within what the caller sees (a society's, a holder's; null: any).
   * Without a society the look-up reads every society's claims (on a sharded cluster, every shard).
   */
  async find(id: string, scope: { societyId?: string; rightsHolderId?: string }): Promise<Claim | undefined> {
    const rows: ClaimRow[] = await this.db.query(
      `SELECT ${CLAIM_COLUMNS} ${CLAIM_FROM}
       WHERE c.id = $1 AND ($2::uuid IS NULL OR c.society_id = $2::uuid) AND ($3::uuid IS NULL OR c.rights_holder_id = $3::uuid)`,
      [id, scope.societyId ?? null, scope.rightsHolderId ?? null],
    );
    return rows[0] && withAnswer(rows[0]);
  }

  /**
   * Locks a claim for an answer, with every other claim on the same line (all of them
   * FOR UPDATE, in id order, so two answers on one line wait for each other).
   */
  async lock(m: EntityManager, societyId: string, id: string): Promise<LockedClaim | undefined> {
    const target: { submissionId: string; lineNo: number }[] = await m.query(
      `SELECT submission_id AS "submissionId", line_no AS "lineNo" FROM claims WHERE society_id = $1 AND id = $2`,
      [societyId, id],
    );
    if (target.length === 0) return undefined;
    const onLine: { id: string; rightsHolderId: string; status: ClaimStatus }[] = await m.query(
      `SELECT id, rights_holder_id AS "rightsHolderId", status FROM claims
       WHERE society_id = $1 AND submission_id = $2 AND line_no = $3 ORDER BY id FOR UPDATE`,
      [societyId, target[0].submissionId, target[0].lineNo],
    );
    const self = onLine.find((c) => c.id === id)!;
    const last: { seq: number; at: string }[] = await m.query(
      `SELECT seq, ${ts('at')} AS at FROM claim_events WHERE society_id = $1 AND claim_id = $2 ORDER BY seq DESC LIMIT 1`,
      [societyId, id],
    );
    return {
      id,
      societyId,
      rightsHolderId: self.rightsHolderId,
      submissionId: target[0].submissionId,
      lineNo: target[0].lineNo,
      status: self.status,
      lastSeq: last[0]?.seq ?? 0,
      lastAt: last[0]?.at ?? '',
      others: onLine.filter((c) => c.id !== id).map((c) => ({ id: c.id, status: c.status })),
    };
  }

  /**
   * The claimed line and its package, and the package `submissionId` of the same society
   * with its line `ref` (either may be missing), for the service to judge a payment.
   */
  async payingCandidate(m: EntityManager, claim: LockedClaim, submissionId: string, ref: { id: string } | { lineNo: number }): Promise<PayingCandidate> {
    const use = (a: string) =>
      `json_build_object('currency', ${a}.currency, 'net', trim_scale(${a}.net)::text, 'category', ${a}.category, 'useFrom', ${day(`${a}.use_from`)}, 'useTo', ${day(`${a}.use_to`)}, 'workIswc', ${a}.work_iswc)`;
    const rows: PayingCandidate[] = await m.query(
      `SELECT json_build_object('period', cs.period, 'logIndex', cs.log_index) AS "claimedPackage", ${use('cl')} AS claimed,
              CASE WHEN ps.id IS NULL THEN NULL ELSE json_build_object('id', ps.id, 'type', ps.type, 'status', ps.status, 'period', ps.period, 'logIndex', ps.log_index) END AS submission,
              CASE WHEN pl.line_no IS NULL THEN NULL ELSE ${use('pl')}::jsonb || jsonb_build_object(
                'lineNo', pl.line_no, 'lineId', pl.line_id, 'rightsHolderId', pl.rights_holder_id, 'status', pl.status, 'paidOn', ${day('pl.paid_on')}, 'sameNet', pl.net = cl.net) END AS line
       FROM distribution_lines cl
       JOIN submissions cs ON cs.society_id = cl.society_id AND cs.id = cl.submission_id
       LEFT JOIN submissions ps ON ps.society_id = cl.society_id AND ps.id = $4
       LEFT JOIN LATERAL (
         SELECT * FROM distribution_lines x
         WHERE x.society_id = ps.society_id AND x.submission_id = ps.id
           AND (CASE WHEN $5::text IS NULL THEN x.line_no = $6::int ELSE x.line_id = $5::text END)
         ORDER BY x.line_no LIMIT 1
       ) pl ON true
       WHERE cl.society_id = $1 AND cl.submission_id = $2 AND cl.line_no = $3`,
      [claim.societyId, claim.submissionId, claim.lineNo, submissionId, 'id' in ref ? ref.id : null, 'lineNo' in ref ? ref.lineNo : null],
    );
    const row = rows[0]!;
    const logIndex = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
      ...row,
      claimedPackage: { ...row.claimedPackage, logIndex: logIndex(row.claimedPackage.logIndex) },
      submission: row.submission && { ...row.submission, logIndex: logIndex(row.submission.logIndex) },
    };
  }

  /** The claim a line already paid, if any. */
  async paidWith(m: EntityManager, societyId: string, submissionId: string, lineNo: number): Promise<string | undefined> {
    const rows: { claimId: string }[] = await m.query(
      `SELECT claim_id AS "claimId" FROM claim_events WHERE society_id = $1 AND payment_submission_id = $2 AND payment_line_no = $3`,
      [societyId, submissionId, lineNo],
    );
    return rows[0]?.claimId;
  }

  async insertEvent(m: EntityManager, e: NewClaimEvent): Promise<void> {
    await m.query(
      `INSERT INTO claim_events (society_id, claim_id, seq, status, previous_status, at, recorded_by, reason, payment_submission_id, payment_line_no, payment_line_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [e.societyId, e.claimId, e.seq, e.status, e.previousStatus, e.at, e.recordedBy, e.reason, e.payment?.submissionId ?? null, e.payment?.lineNo ?? null, e.payment?.lineId ?? null],
    );
  }

  /** Sets a claim's status to its newest event's (the database checks that it is). */
  async setStatus(m: EntityManager, societyId: string, id: string, status: ClaimStatus): Promise<void> {
    await m.query(`UPDATE claims SET status = $3 WHERE society_id = $1 AND id = $2`, [societyId, id, status]);
  }

  /** A holder's claims (at `societyIds`, null: all), by id after `after`. */
  async ofHolder(holderId: string, societyIds: string[] | null, after: string | null, limit: number): Promise<Claim[]> {
    const rows: ClaimRow[] = await this.db.query(
      `SELECT ${CLAIM_COLUMNS} ${CLAIM_FROM}
       WHERE c.rights_holder_id = $1 AND ($2::uuid[] IS NULL OR c.society_id = ANY($2::uuid[])) AND ($3::uuid IS NULL OR c.id > $3::uuid)
       ORDER BY c.id LIMIT $4`,
      [holderId, societyIds, after, limit],
    );
    return rows.map(withAnswer);
  }

  /** The claims on a society's lines (of one status), by id after `after`. */
  async ofSociety(societyId: string, status: string | null, after: string | null, limit: number): Promise<Claim[]> {
    const rows: ClaimRow[] = await this.db.query(
      `SELECT ${CLAIM_COLUMNS} ${CLAIM_FROM}
       WHERE c.society_id = $1 AND ($2::text IS NULL OR c.status = $2::text) AND ($3::uuid IS NULL OR c.id > $3::uuid)
       ORDER BY c.id LIMIT $4`,
      [societyId, status, after, limit],
    );
    return rows.map(withAnswer);
  }
}
