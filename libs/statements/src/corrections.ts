import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { changeColumns, linesDifferSql } from '../../package-catalogue/src/index.js';
import { changedFields, type FieldChange, leafJsonSql } from '../../submissions/src/index.js';

/**
 * Corrections on a rights holder's statement (issue 17 item 4): when a society replaces a
 * distribution-lines package (a correction of the quarter: a new package that supersedes
 * the committed one), the statement says which of the holder's lines it changed, field by
 * field ("gross 1000 → 1200, by package X"), instead of the money simply being different.
 */

/** One of the holder's lines a correction changed. */
export interface StatementCorrection {
  societyId: string;
  /** The correcting package, and the one it replaced. */
  submissionId: string;
  supersedes: string;
  /** Its quarter. */
  period: string;
  /** When the correction was committed (ISO 8601). */
  committedAt: string;
  lineId: string;
  /** The line's currency (ISO 4217): its amounts below are in it, not in the statement's. */
  currency: string;
  /** added: only in the correction; removed: only in the package replaced; changed: in both, with other values. */
  change: 'added' | 'removed' | 'changed';
  /**
   * The values that changed (the package's columns in camelCase, as the leaves hold them:
   * amounts without trailing zeros, null an empty cell); for a line added or removed, its
   * amounts, status and day of payment against nothing.
   */
  fields: Record<string, FieldChange>;
}

export interface StatementCorrections {
  /** Every change to the holder's lines of the year by a correction, in the caller's view. */
  lines: number;
  /** The first CORRECTIONS_LISTED of them, oldest correction first, then by society and line id. */
  items: StatementCorrection[];
}

/** How many corrected lines a statement lists (the count covers them all). A page size of this ledger's, not a rule. */
export const CORRECTIONS_LISTED = 200;

/** What makes a line changed: the catalogue's definition, as the package diff and line.changed read it. */
const COLUMNS = changeColumns('distribution-lines');
/** What a line added or removed shows: its money and whether it was paid. */
const WHOLE_LINE = ['gross', 'management_fee', 'other_deductions', 'net', 'status', 'paid_on'];

interface Row {
  societyId: string;
  submissionId: string;
  supersedes: string;
  period: string;
  committedAt: string;
  lineId: string;
  before: string | null;
  after: string | null;
  total: number;
}

@Injectable()
export class StatementCorrectionsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The holder's lines changed by corrections: for every committed (or since superseded)
   * distribution-lines package that superseded another, the lines of either package that
   * are the holder's and whose use ended within [from, to], paired by line id, kept when
   * their leaves differ (a line in one package only counts too). `societyIds`: the
   * caller's view (null: every society).
   */
  async forHolder(holderId: string, from: string, to: string, societyIds: string[] | null): Promise<StatementCorrections> {
    const rows: Row[] = await this.db.query(
      `WITH corrections AS (
         SELECT s.society_id, s.id, s.supersedes, s.period, s.finished_at
         FROM submissions s
         WHERE s.type = 'distribution-lines' AND s.supersedes IS NOT NULL AND s.status IN ('committed', 'superseded')
           AND ($4::uuid[] IS NULL OR s.society_id = ANY($4::uuid[]))
       ), touched AS (
         SELECT c.society_id, c.id, c.supersedes, c.period, c.finished_at, l.line_id
         FROM corrections c JOIN distribution_lines l ON l.society_id = c.society_id AND l.submission_id = c.id
         WHERE l.rights_holder_id = $1 AND l.use_to BETWEEN $2::date AND $3::date
         UNION
         SELECT c.society_id, c.id, c.supersedes, c.period, c.finished_at, l.line_id
         FROM corrections c JOIN distribution_lines l ON l.society_id = c.society_id AND l.submission_id = c.supersedes
         WHERE l.rights_holder_id = $1 AND l.use_to BETWEEN $2::date AND $3::date
       )
       SELECT t.society_id AS "societyId", t.id AS "submissionId", t.supersedes, t.period,
              to_char(t.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "committedAt", t.line_id AS "lineId",
              CASE WHEN o.line_no IS NULL THEN NULL ELSE ${leafJsonSql('distribution-lines', 'o')} END AS before,
              CASE WHEN n.line_no IS NULL THEN NULL ELSE ${leafJsonSql('distribution-lines', 'n')} END AS after,
              count(*) OVER ()::int AS total
       FROM touched t
       LEFT JOIN distribution_lines n ON n.society_id = t.society_id AND n.submission_id = t.id AND n.line_id = t.line_id
       LEFT JOIN distribution_lines o ON o.society_id = t.society_id AND o.submission_id = t.supersedes AND o.line_id = t.line_id
       WHERE ${linesDifferSql('o', 'n')}
       ORDER BY t.finished_at, t.society_id, t.line_id
       LIMIT $5`,
      [holderId, from, to, societyIds, CORRECTIONS_LISTED],
    );
    return {
      lines: rows[0]?.total ?? 0,
      items: rows.map((r) => ({
        societyId: r.societyId,
        submissionId: r.submissionId,
        supersedes: r.supersedes,
        period: r.period,
        committedAt: r.committedAt,
        lineId: r.lineId,
        currency: (JSON.parse(r.after ?? r.before!) as { currency: string }).currency,
        change: r.before === null ? 'added' : r.after === null ? 'removed' : 'changed',
        fields: changedFields(r.before, r.after, r.before === null || r.after === null ? WHOLE_LINE : COLUMNS),
      })),
    };
  }
}

/** "gross 1000 → 1200, net 830 → 1000": a correction's changed fields in words (the CSV's and PDF's). */
export function correctionText(c: Pick<StatementCorrection, 'fields'>, empty = '—'): string {
  return Object.entries(c.fields)
    .map(([name, { from, to }]) => `${name} ${from ?? empty} → ${to ?? empty}`)
    .join(', ');
}
