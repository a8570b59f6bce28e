import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * journal_postings_by_account covers only the accounts that reads look up: not the
 * `payable:<holder>` accounts.
 *
 * Two reads find postings by account: the reconciliation (`pool:%`,
 * BalancesRepository.flows) and the audit's conservation rule (`pool:%`, `deductions:%`,
 * `cash`). No read looks up a holder's `payable:` account by index: the balances sum
 * every account of a society, and statements read the lines. Yet a 1,000-line
 * distribution package adds about 2,000 `payable:<holder>` postings to the index, at
 * random places in it, because holder ids are random. That cost 4 ms of a clerk's commit
 * of about 90 ms (issue 19, item 2: "keep only the indexes that reads need"). With this
 * predicate, such a package adds a handful of index entries.
 *
 * The predicate is written out in those two reads (`account NOT LIKE 'payable:%'`), so
 * the planner can use the index there.
 */
export class IndexPostingsByAccountButPayables1765101400200 implements MigrationInterface {
  name = 'IndexPostingsByAccountButPayables1765101400200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX journal_postings_by_account`);
    await q.query(`CREATE INDEX journal_postings_by_account ON journal_postings (society_id, account) WHERE account NOT LIKE 'payable:%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX journal_postings_by_account`);
    await q.query(`CREATE INDEX journal_postings_by_account ON journal_postings (society_id, account)`);
  }
}
