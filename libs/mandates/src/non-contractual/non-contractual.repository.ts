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

/** Non-contractual money of one currency, as the society declared it or as the mandate register says (verified). */
export interface ShareRow {
  currency: string;
  /** Gross of the lines concerned (decimal string). */
  amount: string;
  /** Distinct identified rights holders on them. */
  holders: number;
  lines: number;
  /** Gross of every line of the currency (decimal string). */
  total: string;
  /** amount / total in percent, two decimals (null: no money). */
  sharePercent: string | null;
}

export interface VerifiedShareRow extends ShareRow {
  /** Of `amount`: lines whose rights the holder entrusted exclusively to another society. */
  entrustedElsewhere: string;
  /** Lines committed before the derivation existed (no derived status): counted in neither amount. */
  notDerivedLines: number;
}

/** The figures that make non-contractual management visible, straight from the tables. */
@Injectable()
export class NonContractualRepository {
  constructor(private readonly db: DataSource) {}

  /** Distinct rights holders with a mandate at the society valid on `at` (as known now): non-contractual ones and all. */
  async holdersOnMandates(societyId: string, at: string): Promise<HolderCounts> {
    const rows: HolderCounts[] = await this.db.query(
      `WITH latest AS (
         SELECT DISTINCT ON (v.mandate_id) v.rights_holder_id, v.basis, v.valid_from, v.valid_to, v.status
         FROM mandate_versions v WHERE v.society_id = $1
         ORDER BY v.mandate_id, v.version DESC
       )
       SELECT (count(DISTINCT rights_holder_id) FILTER (WHERE basis = 'non-contractual'))::int AS "nonContractual",
              count(DISTINCT rights_holder_id)::int AS total
       FROM latest WHERE status = 'active' AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)`,
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

  /**
   * Declared against verified non-contractual money per currency, over the committed
   * (current) distribution lines whose use ended between `from` and `to` (null: all):
   * declared is the society's `mandate_basis`, verified the status derived from the
   * mandate register when each package committed (no-mandate or entrusted-elsewhere).
   */
  async shares(societyId: string, from: string | null, to: string | null): Promise<{ declared: ShareRow[]; verified: VerifiedShareRow[] }> {
    const rows: (Omit<ShareRow, 'amount' | 'holders' | 'lines' | 'sharePercent'> & {
      declared: string; declaredHolders: number; declaredLines: number; declaredShare: string | null;
      verified: string; verifiedHolders: number; verifiedLines: number; verifiedShare: string | null;
      entrustedElsewhere: string; notDerivedLines: number;
    })[] = await this.db.query(
      `WITH l AS (
         SELECT l.currency, l.gross, l.rights_holder_id, l.mandate_basis = 'non-contractual' AS declared,
                l.mandate_status IN ('no-mandate', 'entrusted-elsewhere') AS verified, l.mandate_status
         FROM distribution_lines l JOIN submissions s ON s.society_id = l.society_id AND s.id = l.submission_id
         WHERE l.society_id = $1 AND s.status = 'committed' AND ($2::date IS NULL OR l.use_to BETWEEN $2::date AND $3::date)
       )
       SELECT currency, trim_scale(sum(gross))::text AS total,
              trim_scale(COALESCE(sum(gross) FILTER (WHERE declared), 0))::text AS declared,
              (count(DISTINCT rights_holder_id) FILTER (WHERE declared))::int AS "declaredHolders",
              (count(*) FILTER (WHERE declared))::int AS "declaredLines",
              round(100 * COALESCE(sum(gross) FILTER (WHERE declared), 0) / NULLIF(sum(gross), 0), 2)::text AS "declaredShare",
              trim_scale(COALESCE(sum(gross) FILTER (WHERE verified), 0))::text AS verified,
              (count(DISTINCT rights_holder_id) FILTER (WHERE verified))::int AS "verifiedHolders",
              (count(*) FILTER (WHERE verified))::int AS "verifiedLines",
              round(100 * COALESCE(sum(gross) FILTER (WHERE verified), 0) / NULLIF(sum(gross), 0), 2)::text AS "verifiedShare",
              trim_scale(COALESCE(sum(gross) FILTER (WHERE mandate_status = 'entrusted-elsewhere'), 0))::text AS "entrustedElsewhere",
              (count(*) FILTER (WHERE mandate_status IS NULL))::int AS "notDerivedLines"
       FROM l GROUP BY currency ORDER BY currency`,
      [societyId, from, to],
    );
    return {
      declared: rows.map((r) => ({ currency: r.currency, amount: r.declared, holders: r.declaredHolders, lines: r.declaredLines, total: r.total, sharePercent: r.declaredShare })),
      verified: rows.map((r) => ({
        currency: r.currency, amount: r.verified, holders: r.verifiedHolders, lines: r.verifiedLines, total: r.total, sharePercent: r.verifiedShare,
        entrustedElsewhere: r.entrustedElsewhere, notDerivedLines: r.notDerivedLines,
      })),
    };
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
