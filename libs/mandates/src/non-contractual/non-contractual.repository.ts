import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface HolderCounts {
  nonContractual: number;
  total: number;
}

export interface MoneyRow {
  currency: string;
  nonContractual: string;
  total: string;
  lines: number;
  nonContractualLines: number;
}

/** The figures that make non-contractual management visible, straight from the tables. */
@Injectable()
export class NonContractualRepository {
  constructor(private readonly db: DataSource) {}

  /** Distinct rights holders with a mandate at the society valid on `at` (as known now): non-contractual ones and all. */
  async holdersOnMandates(societyId: string, at: string): Promise<HolderCounts> {
    const rows: HolderCounts[] = await this.db.query(
      `WITH latest AS (
         SELECT DISTINCT ON (v.mandate_id) v.rights_holder_id, v.basis, v.valid_from, v.valid_to
         FROM mandate_versions v WHERE v.society_id = $1
         ORDER BY v.mandate_id, v.version DESC
       )
       SELECT (count(DISTINCT rights_holder_id) FILTER (WHERE basis = 'non-contractual'))::int AS "nonContractual",
              count(DISTINCT rights_holder_id)::int AS total
       FROM latest WHERE valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)`,
      [societyId, at],
    );
    return rows[0];
  }

  /** Distinct identified rights holders paid through committed distribution lines: on non-contractual lines and all. */
  async holdersOnLines(societyId: string): Promise<HolderCounts> {
    const rows: HolderCounts[] = await this.db.query(
      `SELECT (count(DISTINCT l.rights_holder_id) FILTER (WHERE l.mandate_basis = 'non-contractual'))::int AS "nonContractual",
              count(DISTINCT l.rights_holder_id)::int AS total
       FROM distribution_lines l JOIN submissions s ON s.society_id = l.society_id AND s.id = l.submission_id
       WHERE l.society_id = $1 AND s.status = 'committed'`,
      [societyId],
    );
    return rows[0];
  }

  /** Gross distributed per currency on committed lines: under non-contractual management and in total (exact decimal strings). */
  money(societyId: string): Promise<MoneyRow[]> {
    return this.db.query(
      `SELECT l.currency,
              trim_scale(COALESCE(sum(l.gross) FILTER (WHERE l.mandate_basis = 'non-contractual'), 0))::text AS "nonContractual",
              trim_scale(sum(l.gross))::text AS total,
              count(*)::int AS lines,
              (count(*) FILTER (WHERE l.mandate_basis = 'non-contractual'))::int AS "nonContractualLines"
       FROM distribution_lines l JOIN submissions s ON s.society_id = l.society_id AND s.id = l.submission_id
       WHERE l.society_id = $1 AND s.status = 'committed'
       GROUP BY l.currency ORDER BY l.currency`,
      [societyId],
    );
  }
}
