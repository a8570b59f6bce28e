import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LineKey } from './statements.repository.js';

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
  /** Why it is listed: the name on it matches the holder's, and/or its work is one of the holder's. */
  matchedBy: ('name' | 'work')[];
  /** This holder's claim on it, if any. */
  claim: { id: string; status: string; claimedAt: string } | null;
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
  status: string;
  claimedAt: string;
  note: string | null;
  recordedBy: string;
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
    'useFrom', ${day('l.use_from')}, 'useTo', ${day('l.use_to')}, 'currency', l.currency, 'gross', trim_scale(l.gross)::text, 'net', trim_scale(l.net)::text) AS line`;

const CLAIM_FROM = `
  FROM claims c
  JOIN societies s ON s.id = c.society_id
  JOIN rights_holders h ON h.id = c.rights_holder_id
  JOIN distribution_lines l ON l.society_id = c.society_id AND l.submission_id = c.submission_id AND l.line_no = c.line_no`;

/** Every SQL statement about unclaimed money and claims. */
@Injectable()
export class ClaimsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Unidentified committed lines whose written name has the holder's name key
   * (ledger_name_key: words lower-cased and sorted) or whose work is one the holder is
   * paid for on identified committed lines (in the same societies), by (society,
   * submission, line), after `after`.
   */
  unclaimed(holderId: string, holderName: string, societyIds: string[] | null, period: { from: string; to: string } | null, after: LineKey | null, limit: number): Promise<UnclaimedLine[]> {
    return this.db.query(
      `WITH works AS (
         SELECT coalesce(array_agg(DISTINCT l.work_iswc), '{}') AS list
         FROM societies s
         JOIN distribution_lines l ON l.society_id = s.id AND l.rights_holder_id = $1
         JOIN submissions sub ON sub.society_id = l.society_id AND sub.id = l.submission_id AND sub.status = 'committed'
         WHERE l.work_iswc IS NOT NULL AND ($3::uuid[] IS NULL OR s.id = ANY($3::uuid[]))
       ), me AS (SELECT nullif(ledger_name_key($2), '') AS name_key)
       SELECT s.id AS "societyId", s.name AS "societyName", l.submission_id AS "submissionId", l.line_no AS "lineNo", l.line_id AS "lineId",
              l.rights_holder_name AS "nameOnLine", l.work_iswc AS "workIswc", l.work_title AS "workTitle", l.category, l.use_type AS "useType", l.territory,
              ${day('l.use_from')} AS "useFrom", ${day('l.use_to')} AS "useTo", l.currency,
              trim_scale(l.gross)::text AS gross, trim_scale(l.management_fee)::text AS "managementFee",
              trim_scale(l.other_deductions)::text AS "otherDeductions", trim_scale(l.net)::text AS net,
              array_remove(ARRAY[
                CASE WHEN ledger_name_key(l.rights_holder_name) = me.name_key THEN 'name' END,
                CASE WHEN l.work_iswc = ANY(works.list) THEN 'work' END], NULL) AS "matchedBy",
              CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id, 'status', c.status, 'claimedAt', ${ts('c.claimed_at')}) END AS claim
       FROM societies s CROSS JOIN works CROSS JOIN me
       JOIN distribution_lines l ON l.society_id = s.id AND l.status = 'unidentified'
         AND (ledger_name_key(l.rights_holder_name) = me.name_key OR l.work_iswc = ANY(works.list))
       JOIN submissions sub ON sub.society_id = l.society_id AND sub.id = l.submission_id AND sub.status = 'committed'
       LEFT JOIN claims c ON c.society_id = l.society_id AND c.submission_id = l.submission_id AND c.line_no = l.line_no AND c.rights_holder_id = $1
       WHERE ($3::uuid[] IS NULL OR s.id = ANY($3::uuid[]))
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

  /** Records a claim; null when this holder already claimed the line. */
  async insert(line: ClaimableLine, holderId: string, note: string | null, recordedBy: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO claims (society_id, rights_holder_id, submission_id, line_no, line_id, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (society_id, submission_id, line_no, rights_holder_id) DO NOTHING RETURNING id`,
      [line.societyId, holderId, line.submissionId, line.lineNo, line.lineId, note, recordedBy],
    );
    return rows[0]?.id ?? null;
  }

  async one(societyId: string, id: string): Promise<Claim | undefined> {
    const rows: Claim[] = await this.db.query(`SELECT ${CLAIM_COLUMNS} ${CLAIM_FROM} WHERE c.society_id = $1 AND c.id = $2`, [societyId, id]);
    return rows[0];
  }

  /** A holder's claims (at `societyIds`, null: all), by id after `after`. */
  ofHolder(holderId: string, societyIds: string[] | null, after: string | null, limit: number): Promise<Claim[]> {
    return this.db.query(
      `SELECT ${CLAIM_COLUMNS} ${CLAIM_FROM}
       WHERE c.rights_holder_id = $1 AND ($2::uuid[] IS NULL OR c.society_id = ANY($2::uuid[])) AND ($3::uuid IS NULL OR c.id > $3::uuid)
       ORDER BY c.id LIMIT $4`,
      [holderId, societyIds, after, limit],
    );
  }

  /** The claims on a society's lines (of one status), by id after `after`. */
  ofSociety(societyId: string, status: string | null, after: string | null, limit: number): Promise<Claim[]> {
    return this.db.query(
      `SELECT ${CLAIM_COLUMNS} ${CLAIM_FROM}
       WHERE c.society_id = $1 AND ($2::text IS NULL OR c.status = $2::text) AND ($3::uuid IS NULL OR c.id > $3::uuid)
       ORDER BY c.id LIMIT $4`,
      [societyId, status, after, limit],
    );
  }
}
