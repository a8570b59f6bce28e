import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** An account's balance in one currency: a decimal string, debits positive. */
export interface AccountBalance {
  account: string;
  currency: string;
  balance: string;
}

/** A category's money over a period, by what happened to it (decimal strings). */
export interface CategoryFlows {
  category: string;
  currency: string;
  collected: string;
  deductions: string;
  distributed: string;
  toOtherSocieties: string;
  undistributed: string;
  /** collected − (deductions + distributed + toOtherSocieties + undistributed). */
  difference: string;
}

/** Every SQL statement that reads the journal. Amounts leave the database as exact decimal text. */
@Injectable()
export class BalancesRepository {
  constructor(private readonly db: DataSource) {}

  /** The sum of the postings of every entry dated on or before `asOf`, by account and currency. */
  balances(societyId: string, asOf: string): Promise<AccountBalance[]> {
    return this.db.query(
      `SELECT p.account, p.currency, trim_scale(sum(p.amount))::text AS balance
       FROM journal_postings p
       JOIN journal_entries e ON e.society_id = p.society_id AND e.id = p.entry_id
       WHERE p.society_id = $1 AND e.entry_date <= $2
       GROUP BY p.account, p.currency
       ORDER BY p.account, p.currency`,
      [societyId, asOf],
    );
  }

  /**
   * What moved through each category's pool in the entries dated from `from` to `to`
   * (reversals included, so a corrected quarter counts once), by kind of entry:
   * credits by income (income and dsr packages) and inter-society transfers in are what was collected; debits
   * by deductions, distributions, transfers out and amounts set aside are where it went.
   */
  flows(societyId: string, from: string, to: string): Promise<CategoryFlows[]> {
    return this.db.query(
      `WITH f AS (
         SELECT substr(p.account, length('pool:') + 1) AS category, p.currency,
                COALESCE(-sum(p.amount) FILTER (WHERE e.kind IN ('income', 'dsr', 'inter-society:in')), 0) AS collected,
                COALESCE(sum(p.amount) FILTER (WHERE e.kind = 'deductions'), 0) AS deductions,
                COALESCE(sum(p.amount) FILTER (WHERE e.kind = 'distribution-lines'), 0) AS distributed,
                COALESCE(sum(p.amount) FILTER (WHERE e.kind = 'inter-society:out'), 0) AS to_others,
                COALESCE(sum(p.amount) FILTER (WHERE e.kind = 'undistributed'), 0) AS undistributed
         FROM journal_postings p
         JOIN journal_entries e ON e.society_id = p.society_id AND e.id = p.entry_id
         -- NOT LIKE 'payable:%' says what LIKE 'pool:%' implies, so that the planner may use journal_postings_by_account (which leaves payables out).
         WHERE p.society_id = $1 AND p.account LIKE 'pool:%' AND p.account NOT LIKE 'payable:%' AND e.entry_date BETWEEN $2 AND $3
         GROUP BY 1, 2
       )
       SELECT category, currency,
              trim_scale(collected)::text AS collected, trim_scale(deductions)::text AS deductions,
              trim_scale(distributed)::text AS distributed, trim_scale(to_others)::text AS "toOtherSocieties",
              trim_scale(undistributed)::text AS undistributed,
              trim_scale(collected - (deductions + distributed + to_others + undistributed))::text AS difference
       FROM f ORDER BY category, currency`,
      [societyId, from, to],
    );
  }
}
