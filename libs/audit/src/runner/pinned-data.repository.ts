import { Injectable } from '@nestjs/common';
import { DecimalValue } from '../../../money/src/index.js';
import { DataSource, type QueryRunner } from 'typeorm';
import type { LineFact, PaidByPlace, PaymentDay, PinnedHead, YearWindow } from '../rules/rule.js';

/** The facts of the audited society's distribution lines, read in one grouped pass. */
export interface LinePass {
  facts: LineFact[];
  payments: PaymentDay[];
  paidByPlace: PaidByPlace[];
  /** Distinct identified rights holders per financial year of use: under non-contractual management and all. */
  holders: Map<number, { nonContractual: number; total: number }>;
  /** The same, non-contractual as verified against the mandate register (lines without a derived status: by their declared basis). */
  verifiedHolders: Map<number, { nonContractual: number; total: number }>;
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

  /**
   * Income of a society's pinned packages of the quarters ending in a financial year, per
   * currency: income packages and DSR licence income (dsr packages, issue 16: collected
   * money, as the journal books it).
   */
  income(q: QueryRunner, societyId: string, year: YearWindow): Promise<{ currency: string; amount: string }[]> {
    return q.query(
      `SELECT currency, trim_scale(sum(amount))::text AS amount FROM (
         SELECT i.currency, i.amount
         FROM audit_pinned p JOIN income_lines i ON i.society_id = p.society_id AND i.submission_id = p.submission_id
         WHERE p.society_id = $1 AND p.active AND p.type = 'income' AND p.quarter_end BETWEEN $2 AND $3
         UNION ALL
         SELECT d.currency, round(d.amount, 8)
         FROM audit_pinned p JOIN dsr_lines d ON d.society_id = p.society_id AND d.submission_id = p.submission_id
         WHERE p.society_id = $1 AND p.active AND p.type = 'dsr' AND p.quarter_end BETWEEN $2 AND $3
       ) x
       GROUP BY currency ORDER BY currency`,
      [societyId, year.from, year.to],
    );
  }

  /**
   * The facts every payout and governance rule shares, from the society's current pinned
   * distribution lines whose use ended in one of `years`, in two grouped scans with no
   * join on the lines (the pinned submissions are a list the scan filters by):
   *   1. per year of use, status, basis, currency and rights holder: counts and sums;
   *      only then are the holders' kinds and countries joined, to the groups (one per
   *      holder, not per line), and folded into the line facts and the holder counts;
   *   2. the paid lines per year of use, currency, category, territory and day of
   *      payment: the delays and the money paid on.
   * (One GROUPING SETS statement reads the lines once but measured slower: its hashed
   * aggregate computes every sum for every set.)
   */
  async linePass(q: QueryRunner, societyId: string, country: string, years: readonly YearWindow[]): Promise<LinePass> {
    const submissions: { id: string }[] = await q.query(
      `SELECT submission_id AS id FROM audit_pinned WHERE society_id = $1 AND active AND type = 'distribution-lines' ORDER BY leaf_index`,
      [societyId],
    );
    const pass: LinePass = { facts: [], payments: [], paidByPlace: [], holders: new Map(), verifiedHolders: new Map() };
    const params: unknown[] = [societyId, submissions.map((s) => s.id), years[0]!.from, years.at(-1)!.to];
    const lines = `FROM distribution_lines d WHERE d.society_id = $1 AND d.submission_id = ANY($2::uuid[]) AND d.use_to BETWEEN $3::date AND $4::date`;
    // `audit_line_groups`: the lines grouped once, per day of use, status, basis, mandate
    // status, currency, category and rights holder (the columns keep the lines' names; `lines`
    // counts them). The facts below and the rules that judge lines by these columns read these
    // groups (a few per holder) instead of scanning the lines again. Dropped with the transaction.
    await q.query(
      `CREATE TEMP TABLE audit_line_groups ON COMMIT DROP AS
       SELECT d.use_to, d.status, d.mandate_basis, d.mandate_status, d.currency, d.category, d.rights_holder_id, d.rights_holder_ipi,
              count(*) AS lines, sum(d.gross) AS gross, sum(d.management_fee) AS management_fee, sum(d.net) AS net
       ${lines}
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
      params,
    );
    await q.query(`ANALYZE audit_line_groups`);
    if (submissions.length === 0) return pass;
    // The financial year of a use end date, applied to the groups (few distinct dates), not to every line.
    // (`first`: the number of the parameter the years' (from, to, year) triples start at.)
    const yearOf = (column: string, first = 5) =>
      `CASE ${years.map((y, i) => `WHEN ${column} BETWEEN $${first + 3 * i}::date AND $${first + 1 + 3 * i}::date THEN $${first + 2 + 3 * i}::int`).join(' ')} END`;
    const yearParams = years.flatMap((y) => [y.from, y.to, y.year]);
    params.push(...yearParams);

    const facts: {
      section: 'fact' | 'holders' | 'holders-all' | 'holders-verified';
      useYear: number;
      status: LineFact['status'] | null;
      basis: LineFact['basis'] | null;
      mandateStatus: LineFact['mandateStatus'];
      currency: string | null;
      kind: string | null;
      origin: LineFact['origin'] | null;
      lines: number;
      gross: string | null;
      managementFee: string | null;
      net: string | null;
    }[] = await q.query(
      `WITH per_holder AS (
         SELECT g.use_to, g.status, g.mandate_basis AS basis, g.mandate_status, g.currency, g.rights_holder_id,
                sum(g.lines) AS lines, sum(g.gross) AS gross, sum(g.management_fee) AS fee, sum(g.net) AS net
         FROM audit_line_groups g
         GROUP BY 1, 2, 3, 4, 5, 6
       ),
       holders AS (
         SELECT h.*, ${yearOf('h.use_to', 1)} AS use_year, rh.kind,
                CASE WHEN h.rights_holder_id IS NULL THEN 'unidentified' WHEN rh.country IS NULL THEN 'unknown'
                     WHEN rh.country = $${yearParams.length + 1} THEN 'domestic' ELSE 'foreign' END AS origin
         FROM per_holder h LEFT JOIN rights_holders rh ON rh.id = h.rights_holder_id
       )
       SELECT 'fact' AS section, use_year AS "useYear", status, basis, mandate_status AS "mandateStatus", currency, kind, origin, sum(lines)::int AS lines,
              trim_scale(sum(gross))::text AS gross, trim_scale(sum(fee))::text AS "managementFee", trim_scale(sum(net))::text AS net
       FROM holders GROUP BY use_year, status, basis, mandate_status, currency, kind, origin
       UNION ALL
       SELECT 'holders', use_year, NULL, basis, NULL, NULL, NULL, NULL, count(DISTINCT rights_holder_id)::int, NULL, NULL, NULL
       FROM holders WHERE rights_holder_id IS NOT NULL GROUP BY use_year, basis
       UNION ALL
       SELECT 'holders-verified', use_year, NULL, NULL, NULL, NULL, NULL, NULL, count(DISTINCT rights_holder_id)::int, NULL, NULL, NULL
       FROM holders WHERE rights_holder_id IS NOT NULL
         AND CASE WHEN mandate_status IS NULL THEN basis = 'non-contractual' ELSE mandate_status IN ('no-mandate', 'entrusted-elsewhere') END
       GROUP BY use_year
       UNION ALL
       SELECT 'holders-all', use_year, NULL, NULL, NULL, NULL, NULL, NULL, count(DISTINCT rights_holder_id)::int, NULL, NULL, NULL
       FROM holders WHERE rights_holder_id IS NOT NULL GROUP BY use_year`,
      [...yearParams, country],
    );
    const holders = (year: number) => {
      let h = pass.holders.get(year);
      if (!h) pass.holders.set(year, (h = { nonContractual: 0, total: 0 }));
      return h;
    };
    const verified = (year: number) => {
      let h = pass.verifiedHolders.get(year);
      if (!h) pass.verifiedHolders.set(year, (h = { nonContractual: 0, total: 0 }));
      return h;
    };
    for (const r of facts) {
      if (r.section === 'fact') {
        pass.facts.push({
          useYear: r.useYear, status: r.status!, basis: r.basis!, mandateStatus: r.mandateStatus ?? null, currency: r.currency!, kind: r.kind, origin: r.origin!,
          lines: r.lines, gross: r.gross!, managementFee: r.managementFee!, net: r.net!,
        });
      } else if (r.section === 'holders') {
        if (r.basis === 'non-contractual') holders(r.useYear).nonContractual = r.lines;
      } else if (r.section === 'holders-verified') {
        verified(r.useYear).nonContractual = r.lines;
      } else {
        holders(r.useYear).total = r.lines;
        verified(r.useYear).total = r.lines;
      }
    }

    pass.paidByPlace = await q.query(
      `SELECT ${yearOf('p.use_to')} AS "useYear", p.currency, p.category, p.territory, to_char(p.paid_on, 'YYYY-MM-DD') AS "paidOn",
              sum(p.lines)::int AS lines, trim_scale(sum(p.net))::text AS net
       FROM (
         SELECT d.use_to, d.currency, d.category, d.territory, d.paid_on, count(*) AS lines, sum(d.net) AS net
         ${lines} AND d.status = 'paid'
         GROUP BY 1, 2, 3, 4, 5
       ) p
       GROUP BY 1, 2, 3, 4, p.paid_on
       ORDER BY 1, 2, 3, 4, p.paid_on`,
      params,
    );
    // The days of payment per year of use: the places of one day folded together.
    const payments = new Map<string, PaymentDay>();
    for (const r of pass.paidByPlace) {
      const key = `${r.useYear} ${r.currency} ${r.paidOn}`;
      const day = payments.get(key);
      if (day) payments.set(key, { ...day, lines: day.lines + r.lines, net: addDecimals(day.net, r.net) });
      else payments.set(key, { useYear: r.useYear, currency: r.currency, paidOn: r.paidOn, lines: r.lines, net: r.net });
    }
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const key = (f: LineFact) => [f.useYear, f.status, f.basis, f.mandateStatus ?? '', f.currency, f.kind ?? '', f.origin].join('\u0000');
    pass.facts.sort((a, b) => order(key(a), key(b)));
    pass.payments = [...payments.values()].sort((a, b) => a.useYear - b.useYear || order(a.currency, b.currency) || order(a.paidOn, b.paidOn));
    return pass;
  }
}

function addDecimals(a: string, b: string): string {
  const sum = new DecimalValue(a).plus(b);
  return sum.isZero() ? '0' : sum.toFixed();
}
