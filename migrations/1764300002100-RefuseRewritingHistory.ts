import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose rows, once written, are history: no UPDATE, no DELETE, no TRUNCATE. */
const APPEND_ONLY = [
  'income_lines',
  'deduction_lines',
  'distribution_lines',
  'inter_society_lines',
  'undistributed_lines',
  'board_lines',
  'mandate_lines',
  'journal_entries',
  'journal_postings',
  'log_leaves',
  'tree_heads',
];

/**
 * The database itself refuses to rewrite history: corrections are new entries that
 * reverse old ones. (A superuser can still disable triggers; `verify` then finds the
 * change against the signed log.) Submissions may change status, never disappear.
 */
export class RefuseRewritingHistory1764300002100 implements MigrationInterface {
  name = 'RefuseRewritingHistory1764300002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % is refused: the ledger is append-only (record a correction instead)', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of APPEND_ONLY) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
    }
    await q.query(`CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`CREATE TRIGGER submissions_no_truncate BEFORE TRUNCATE ON submissions FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER submissions_no_truncate ON submissions`);
    await q.query(`DROP TRIGGER submissions_no_delete ON submissions`);
    for (const table of [...APPEND_ONLY].reverse()) {
      await q.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
    }
    await q.query(`DROP FUNCTION ledger_refuse_rewrite()`);
  }
}
