import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';
import type { BoardDeclarationRow, BoardMemberRow, DeductionRow, DistributionRow, IncomeRow, InterSocietyRow, LoggedPackage, SocialCulturalLine, UndistributedRow } from './report.js';

/**
 * The SQL of the transparency report. Everything runs on the caller's connection inside
 * one REPEATABLE READ transaction, and reads only what the society's log holds below the
 * pinned tree size: the packages come from `log_leaves` (leaf_index < tree size) and each
 * figure sums the lines of a list of those packages' ids, grouped in PostgreSQL
 * (numeric, returned as exact decimal text by trim_scale). No join on the line tables:
 * the list of submissions is a filter the scan applies (and, for the partitioned
 * distribution lines, prunes partitions by).
 */
@Injectable()
export class TransparencyRepository {
  /**
   * Every package in the society's log below `treeSize` (mandate packages left out),
   * in log order, with whether it is current at that size: no package inside the pin
   * supersedes it (as the audit's `audit_pinned` decides it).
   */
  logged(q: QueryRunner, societyId: string, treeSize: number): Promise<LoggedPackage[]> {
    return q.query(
      `WITH logged AS (
         SELECT l.submission_id, l.leaf_index, l.recorded_at, s.type, s.period::text AS period, s.supersedes
         FROM log_leaves l JOIN submissions s ON s.society_id = l.society_id AND s.id = l.submission_id
         WHERE l.society_id = $1 AND l.leaf_index < $2
       )
       SELECT g.submission_id AS "submissionId", g.leaf_index::int AS "leafIndex",
              to_char(g.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "committedAt",
              g.type, g.period, NOT EXISTS (SELECT 1 FROM logged n WHERE n.supersedes = g.submission_id) AS current
       FROM logged g
       WHERE g.type <> 'mandates'
       ORDER BY g.leaf_index`,
      [societyId, treeSize],
    );
  }

  income(q: QueryRunner, societyId: string, submissions: readonly string[]): Promise<IncomeRow[]> {
    if (submissions.length === 0) return Promise.resolve([]);
    return q.query(
      `SELECT category, use_type AS "useType", currency, trim_scale(sum(amount))::text AS amount, count(*)::int AS lines
       FROM income_lines WHERE society_id = $1 AND submission_id = ANY($2::uuid[])
       GROUP BY category, use_type, currency`,
      [societyId, submissions],
    );
  }

  deductions(q: QueryRunner, societyId: string, submissions: readonly string[]): Promise<DeductionRow[]> {
    if (submissions.length === 0) return Promise.resolve([]);
    return q.query(
      `SELECT kind, category, currency, trim_scale(sum(amount))::text AS amount, count(*)::int AS lines
       FROM deduction_lines WHERE society_id = $1 AND submission_id = ANY($2::uuid[])
       GROUP BY kind, category, currency`,
      [societyId, submissions],
    );
  }

  /** Every social-cultural deduction line of the packages (deduction packages are short). */
  async socialCulturalLines(q: QueryRunner, societyId: string, packages: readonly LoggedPackage[]): Promise<SocialCulturalLine[]> {
    if (packages.length === 0) return [];
    const rows: Omit<SocialCulturalLine, 'period'>[] = await q.query(
      `SELECT submission_id AS "submissionId", line_no AS "lineNo", deduction_id AS "deductionId", category, currency,
              trim_scale(amount)::text AS amount, description
       FROM deduction_lines WHERE society_id = $1 AND submission_id = ANY($2::uuid[]) AND kind = 'social-cultural'`,
      [societyId, packages.map((p) => p.submissionId)],
    );
    const period = new Map(packages.map((p) => [p.submissionId, p.period]));
    return rows.map((r) => ({ ...r, period: period.get(r.submissionId)! }));
  }

  /**
   * The distribution lines grouped by category, type of use, currency, status, basis and
   * day of payment (few distinct days: payment runs), with counts and sums.
   */
  distribution(q: QueryRunner, societyId: string, submissions: readonly string[]): Promise<DistributionRow[]> {
    if (submissions.length === 0) return Promise.resolve([]);
    return q.query(
      `SELECT category, use_type AS "useType", currency, status, mandate_basis AS basis, mandate_status AS "mandateStatus", to_char(paid_on, 'YYYY-MM-DD') AS "paidOn",
              count(*)::int AS lines, trim_scale(sum(gross))::text AS gross, trim_scale(sum(management_fee))::text AS "managementFee",
              trim_scale(sum(other_deductions))::text AS "otherDeductions", trim_scale(sum(net))::text AS net
       FROM distribution_lines WHERE society_id = $1 AND submission_id = ANY($2::uuid[])
       GROUP BY category, use_type, currency, status, mandate_basis, mandate_status, paid_on`,
      [societyId, submissions],
    );
  }

  /** Distinct identified rights holders on the lines: under non-contractual management, and all. */
  async holders(q: QueryRunner, societyId: string, submissions: readonly string[]): Promise<{ nonContractual: number; total: number; verifiedNonContractual: number }> {
    if (submissions.length === 0) return { nonContractual: 0, total: 0, verifiedNonContractual: 0 };
    const [row]: { nonContractual: number; total: number; verifiedNonContractual: number }[] = await q.query(
      `SELECT count(DISTINCT rights_holder_id) FILTER (WHERE mandate_basis = 'non-contractual')::int AS "nonContractual",
              count(DISTINCT rights_holder_id) FILTER (WHERE CASE WHEN mandate_status IS NULL THEN mandate_basis = 'non-contractual'
                                                              ELSE mandate_status IN ('no-mandate', 'entrusted-elsewhere') END)::int AS "verifiedNonContractual",
              count(DISTINCT rights_holder_id)::int AS total
       FROM distribution_lines WHERE society_id = $1 AND submission_id = ANY($2::uuid[])`,
      [societyId, submissions],
    );
    return row!;
  }

  interSociety(q: QueryRunner, societyId: string, submissions: readonly string[]): Promise<InterSocietyRow[]> {
    if (submissions.length === 0) return Promise.resolve([]);
    return q.query(
      `SELECT counterparty_cisac AS "counterpartyCisac", direction, category, currency, paid_on IS NOT NULL AS paid,
              trim_scale(sum(amount))::text AS amount, count(*)::int AS lines
       FROM inter_society_lines WHERE society_id = $1 AND submission_id = ANY($2::uuid[])
       GROUP BY counterparty_cisac, direction, category, currency, paid_on IS NOT NULL`,
      [societyId, submissions],
    );
  }

  undistributed(q: QueryRunner, societyId: string, submissions: readonly string[]): Promise<UndistributedRow[]> {
    if (submissions.length === 0) return Promise.resolve([]);
    return q.query(
      `SELECT category, fy_of_collection AS "fyOfCollection", currency, non_distributable AS "nonDistributable", reason,
              NULLIF(decided_use, '') AS "decidedUse", trim_scale(sum(amount))::text AS amount, count(*)::int AS lines
       FROM undistributed_lines WHERE society_id = $1 AND submission_id = ANY($2::uuid[])
       GROUP BY category, fy_of_collection, currency, non_distributable, reason, NULLIF(decided_use, '')`,
      [societyId, submissions],
    );
  }

  /**
   * The members seated on `date` by the first of the candidate board packages (in the
   * order given) that seats anyone that day; none when no candidate does.
   */
  async boardFromPackages(q: QueryRunner, societyId: string, candidates: readonly string[], date: string): Promise<{ submissionId: string; members: BoardMemberRow[] } | null> {
    if (candidates.length === 0) return null;
    const rows: (BoardMemberRow & { submissionId: string })[] = await q.query(
      `WITH chosen AS (
         SELECT c.id FROM unnest($2::uuid[]) WITH ORDINALITY AS c(id, ord)
         WHERE EXISTS (SELECT 1 FROM board_lines l WHERE l.society_id = $1 AND l.submission_id = c.id
                         AND l.seat_from <= $3::date AND (l.seat_to IS NULL OR l.seat_to >= $3::date))
         ORDER BY c.ord LIMIT 1
       )
       SELECT b.submission_id AS "submissionId", b.member_id AS "memberId", b.name, b.constituency,
              to_char(b.seat_from, 'YYYY-MM-DD') AS "seatFrom", to_char(b.seat_to, 'YYYY-MM-DD') AS "seatTo"
       FROM chosen JOIN board_lines b ON b.society_id = $1 AND b.submission_id = chosen.id
       WHERE b.seat_from <= $3::date AND (b.seat_to IS NULL OR b.seat_to >= $3::date)`,
      [societyId, candidates, date],
    );
    if (rows.length === 0) return null;
    return { submissionId: rows[0]!.submissionId, members: rows.map(({ submissionId: _, ...m }) => m) };
  }

  /**
   * The board members the registry had recorded by `recordedBy` (the head's time; null:
   * every row) as seated on `date`: the board when the log holds no board package.
   */
  boardFromRegistry(q: QueryRunner, societyId: string, date: string, recordedBy: string | null): Promise<BoardMemberRow[]> {
    return q.query(
      `SELECT member_id AS "memberId", name, constituency, to_char(seat_from, 'YYYY-MM-DD') AS "seatFrom", to_char(seat_to, 'YYYY-MM-DD') AS "seatTo"
       FROM board_members
       WHERE society_id = $1 AND seat_from <= $2::date AND (seat_to IS NULL OR seat_to >= $2::date)
         AND ($3::timestamptz IS NULL OR recorded_at <= $3::timestamptz)`,
      [societyId, date, recordedBy],
    );
  }

  /**
   * Each board member's current declaration for financial year `year` (Art. 10(2)): the
   * latest version recorded by `recordedBy` (the head's time; null: every row), so a
   * report pinned to a head stays the same report.
   */
  declarations(q: QueryRunner, societyId: string, year: number, recordedBy: string | null): Promise<BoardDeclarationRow[]> {
    return q.query(
      `SELECT DISTINCT ON (member_id) member_id AS "memberId", version, interests, trim_scale(remuneration)::text AS remuneration, currency,
              trim_scale(amounts_as_rightholder)::text AS "amountsAsRightholder", conflicts,
              to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt"
       FROM board_declarations
       WHERE society_id = $1 AND year = $2 AND ($3::timestamptz IS NULL OR recorded_at <= $3::timestamptz)
       ORDER BY member_id, version DESC`,
      [societyId, year, recordedBy],
    );
  }
}
