import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['mandates', 'mandate_versions', 'mandate_policies'];

/**
 * The database itself refuses to rewrite mandate history: UPDATE, DELETE and TRUNCATE on
 * mandates, their versions and the societies' notice policies raise an error. A change
 * is a new version; an end is a version with a valid_to.
 */
export class MakeMandateHistoryAppendOnly1764300000510 implements MigrationInterface {
  name = 'MakeMandateHistoryAppendOnly1764300000510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION refuse_mandate_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'mandate history is append-only: % on % is refused (record a new version instead)', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation';
      END
      $$`);
    for (const table of TABLES) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_mandate_history_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_mandate_history_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await q.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
    }
    await q.query(`DROP FUNCTION refuse_mandate_history_change()`);
  }
}
