import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { LineFact, PaymentDay, PinnedHead, YearWindow } from '../rules/rule.js';

/** The facts of the audited society's distribution lines, read in one grouped pass. */
export interface LinePass {
  facts: LineFact[];
  payments: PaymentDay[];
  /** Distinct identified rights holders per financial year of use: under non-contractual management and all. */
  holders: Map<number, { nonContractual: number; total: number }>;
}

/**
 * The SQL that pins an audit to signed tree heads and reads what every rule shares. The
 * statements run on the audit's own connection, inside its REPEATABLE READ transaction.
 */
@Injectable()
export class PinnedDataRepository {
  constructor(private readonly db: DataSource) {}

  /** The latest signed head of every society's log, by society id (treeSize 0 for an empty log). */
  async latestHeads(): Promise<PinnedHead[]> {
    return this.db.query(
      `SELECT s.id AS "societyId", s.cisac_code AS "cisacCode", COALESCE(h.tree_size, 0)::int AS "treeSize",
              encode(h.root_hash, 'hex') AS "rootHash", h.timestamp, h.origin, h.signature, h.key_id AS "keyId"
       FROM societies s
       LEFT JOIN LATERAL (SELECT * FROM tree_heads t WHERE t.society_id = s.id ORDER BY t.tree_size DESC LIMIT 1) h ON true
       ORDER BY s.id`,
    );
  }

  /** Financial-year ends and currencies of the given societies. */
  async societies(ids: readonly string[]): Promise<{ id: string; currency: string; fyEndMonth: number; fyEndDay: number }[]> {
    if (ids.length === 0) return [];
    return this.db.query(
      `SELECT id, currency, fy_end_month AS "fyEndMonth", fy_end_day AS "fyEndDay" FROM societies WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
  }

  /**
   * `audit_pinned`: every submission in each society's log below its pinned tree size,
   * with its type, quarter, when it entered the log, and whether it is current at that
   * size (no submission inside the pin supersedes it). Dropped with the transaction.
   */
  async pin(q: QueryRunner, heads: readonly PinnedHead[]): Promise<void> {
    await q.query(
      `CREATE TEMP TABLE audit_pinned ON COMMIT DROP AS
       WITH h AS (SELECT * FROM unnest($1::uuid[], $2::bigint[]) AS h(society_id, tree_size)),
       logged AS (
         SELECT l.society_id, l.submission_id, l.leaf_index, l.recorded_at AS committed_at, s.type, s.period, s.supersedes
         FROM h
         JOIN log_leaves l ON l.society_id = h.society_id AND l.leaf_index < h.tree_size
         JOIN submissions s ON s.society_id = l.society_id AND s.id = l.submission_id
       )
       SELECT g.society_id, g.submission_id, g.leaf_index, g.committed_at, g.type, g.period::text AS period,
              (make_date(left(g.period, 4)::int, right(g.period, 1)::int * 3, 1) + interval '1 month - 1 day')::date AS quarter_end,
              NOT EXISTS (SELECT 1 FROM logged n WHERE n.society_id = g.society_id AND n.supersedes = g.submission_id) AS active
       FROM logged g`,
      [heads.map((h) => h.societyId), heads.map((h) => h.treeSize)],
    );
    await q.query(`ANALYZE audit_pinned`);
  }

  /** Income of a society's pinned packages of the quarters ending in a financial year, per currency. */
  income(q: QueryRunner, societyId: string, year: YearWindow): Promise<{ currency: string; amount: string }[]> {
    return q.query(
      `SELECT i.currency, trim_scale(sum(i.amount))::text AS amount
       FROM audit_pinned p JOIN income_lines i ON i.society_id = p.society_id AND i.submission_id = p.submission_id
       WHERE p.society_id = $1 AND p.active AND p.type = 'income' AND p.quarter_end BETWEEN $2 AND $3
       GROUP BY i.currency ORDER BY i.currency`,
      [societyId, year.from, year.to],
    );
  }

  /**
   * One pass over the society's current pinned distribution lines whose use ended in one
   * of `years`, grouped three ways at once (GROUPING SETS): by what the payout rules
   * judge (year, status, basis, currency, holder kind and origin), by day of payment, and
   * by rights holder (counted, not returned).
   */
  async linePass(q: QueryRunner, societyId: string, country: string, years: readonly YearWindow[]): Promise<LinePass> {
    const params: unknown[] = [societyId, country, years[0]!.from, years.at(-1)!.to];
    const yearOf = years
      .map((y) => {
        params.push(y.from, y.to, y.year);
        const n = params.length;
        return `WHEN d.use_to BETWEEN $${n - 2}::date AND $${n - 1}::date THEN $${n}::int`;
      })
      .join(' ');
    const rows: {
      section: 'fact' | 'payment' | 'holders' | 'holders-all';
      useYear: number;
      status: LineFact['status'] | null;
      basis: LineFact['basis'] | null;
      currency: string | null;
      kind: string | null;
      origin: LineFact['origin'] | null;
      paidOn: string | null;
      lines: number;
      gross: string | null;
      managementFee: string | null;
      otherDeductions: string | null;
      net: string | null;
    }[] = await q.query(
      `WITH l AS (
         SELECT CASE ${yearOf} END AS use_year, d.status, d.mandate_basis AS basis, d.currency, rh.kind,
                CASE WHEN d.rights_holder_id IS NULL THEN 'unidentified' WHEN rh.country IS NULL THEN 'unknown'
                     WHEN rh.country = $2 THEN 'domestic' ELSE 'foreign' END AS origin,
                d.rights_holder_id, d.paid_on, d.gross, d.management_fee, d.other_deductions, d.net
         FROM audit_pinned p
         JOIN distribution_lines d ON d.society_id = p.society_id AND d.submission_id = p.submission_id
         LEFT JOIN rights_holders rh ON rh.id = d.rights_holder_id
         WHERE p.society_id = $1 AND p.active AND p.type = 'distribution-lines' AND d.use_to BETWEEN $3::date AND $4::date
       ),
       g AS (
         SELECT GROUPING(status) AS no_fact, GROUPING(paid_on) AS no_payment, GROUPING(rights_holder_id) AS no_holder,
                use_year, status, basis, currency, kind, origin, paid_on, rights_holder_id,
                count(*) AS lines, sum(gross) AS gross, sum(management_fee) AS fee, sum(other_deductions) AS other, sum(net) AS net
         FROM l
         GROUP BY GROUPING SETS ((use_year, status, basis, currency, kind, origin), (use_year, currency, paid_on), (use_year, basis, rights_holder_id))
       )
       SELECT 'fact' AS section, use_year AS "useYear", status, basis, currency, kind, origin, NULL AS "paidOn", lines::int AS lines,
              trim_scale(gross)::text AS gross, trim_scale(fee)::text AS "managementFee", trim_scale(other)::text AS "otherDeductions", trim_scale(net)::text AS net
       FROM g WHERE no_fact = 0
       UNION ALL
       SELECT 'payment', use_year, NULL, NULL, currency, NULL, NULL, to_char(paid_on, 'YYYY-MM-DD'), lines::int, trim_scale(gross)::text, NULL, NULL, trim_scale(net)::text
       FROM g WHERE no_payment = 0 AND paid_on IS NOT NULL
       UNION ALL
       SELECT 'holders', use_year, NULL, basis, NULL, NULL, NULL, NULL, count(*)::int, NULL, NULL, NULL, NULL
       FROM g WHERE no_holder = 0 AND rights_holder_id IS NOT NULL GROUP BY use_year, basis
       UNION ALL
       SELECT 'holders-all', use_year, NULL, NULL, NULL, NULL, NULL, NULL, count(DISTINCT rights_holder_id)::int, NULL, NULL, NULL, NULL
       FROM g WHERE no_holder = 0 AND rights_holder_id IS NOT NULL GROUP BY use_year`,
      params,
    );
    const pass: LinePass = { facts: [], payments: [], holders: new Map() };
    const holders = (year: number) => {
      let h = pass.holders.get(year);
      if (!h) pass.holders.set(year, (h = { nonContractual: 0, total: 0 }));
      return h;
    };
    for (const r of rows) {
      if (r.section === 'fact') {
        pass.facts.push({ useYear: r.useYear, status: r.status!, basis: r.basis!, currency: r.currency!, kind: r.kind, origin: r.origin!, lines: r.lines, gross: r.gross!, managementFee: r.managementFee!, otherDeductions: r.otherDeductions!, net: r.net! });
      } else if (r.section === 'payment') {
        pass.payments.push({ useYear: r.useYear, currency: r.currency!, paidOn: r.paidOn!, lines: r.lines, gross: r.gross!, net: r.net! });
      } else if (r.section === 'holders') {
        if (r.basis === 'non-contractual') holders(r.useYear).nonContractual = r.lines;
      } else {
        holders(r.useYear).total = r.lines;
      }
    }
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const key = (f: LineFact) => [f.useYear, f.status, f.basis, f.currency, f.kind ?? '', f.origin].join('\u0000');
    pass.facts.sort((a, b) => order(key(a), key(b)));
    pass.payments.sort((a, b) => a.useYear - b.useYear || order(a.currency, b.currency) || order(a.paidOn, b.paidOn));
    return pass;
  }
}
