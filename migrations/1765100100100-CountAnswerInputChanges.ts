import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The row of answer_cache_changes that counts changes of the whole ledger (every cached answer depends on it). */
export const LEDGER_WIDE = '00000000-0000-0000-0000-000000000000';

/**
 * Tables that cached answers read and that change without a new signed head (registers,
 * settings, audits, cosignatures, exchange rates): the rows they hold per society, whose
 * changes are counted per society.
 */
const SOCIETY_TABLES = [
  'accreditations',
  'audits',
  'board_declarations',
  'board_members',
  'claims',
  'governance_settings',
  'log_cosignatures',
  'log_witness_alarms',
  'log_witness_states',
  'mandate_policies',
  'mandate_versions',
  'mandates',
] as const;

/** Tables without a society: a change of theirs counts for the whole ledger. */
const LEDGER_TABLES = ['exchange_rates', 'audit_parameters', 'ref_countries', 'ref_currencies'] as const;

/**
 * What a cached answer was computed from, beyond the signed heads (docs/answer-cache.md):
 * triggers append one row per changing statement and society to answer_cache_changes, and
 * an answer's fingerprint holds, per society it depends on, the sum of `changes` (plus the
 * whole ledger's). Appending never waits for another transaction (no counter row to lock,
 * so a package commit holding its society is never waited on, nor waits); the sum only
 * grows as changes commit, and compaction (many rows into one with their sum, in one
 * statement) keeps it. Lines, journal and log rows are not counted: they come with a new
 * head, which the fingerprint holds itself; nor are new rights holders a package registers
 * (answers join holders by id, through lines that come with their head).
 */
export class CountAnswerInputChanges1765100100100 implements MigrationInterface {
  name = 'CountAnswerInputChanges1765100100100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE answer_cache_changes (
        society_id uuid NOT NULL,
        id         uuid NOT NULL DEFAULT gen_random_uuid(),
        changes    bigint NOT NULL DEFAULT 1 CHECK (changes > 0),
        CONSTRAINT answer_cache_changes_pkey PRIMARY KEY (society_id, id)
      )`);
    // Rows of a society's own (society_id), of the society register itself (id), and of the whole ledger.
    await q.query(`
      CREATE FUNCTION answer_cache_count_society_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO answer_cache_changes (society_id) SELECT DISTINCT society_id FROM changed_rows WHERE society_id IS NOT NULL;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION answer_cache_count_society_register_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO answer_cache_changes (society_id) SELECT DISTINCT id FROM changed_rows;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION answer_cache_count_ledger_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO answer_cache_changes (society_id) VALUES ('${LEDGER_WIDE}');
        RETURN NULL;
      END $$`);
    // A rights holder registered by a society's package counts for that society; by an admin, for the ledger.
    await q.query(`
      CREATE FUNCTION answer_cache_count_holder_registrations() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO answer_cache_changes (society_id)
        SELECT DISTINCT COALESCE(registered_by_society_id, '${LEDGER_WIDE}'::uuid) FROM changed_rows;
        RETURN NULL;
      END $$`);
    for (const table of SOCIETY_TABLES) await this.countPerRow(q, table, 'answer_cache_count_society_changes');
    await this.countPerRow(q, 'societies', 'answer_cache_count_society_register_changes');
    for (const table of LEDGER_TABLES) {
      await q.query(
        `CREATE TRIGGER answer_cache_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION answer_cache_count_ledger_changes()`,
      );
    }
    await q.query(
      `CREATE TRIGGER answer_cache_inserts AFTER INSERT ON rights_holders REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION answer_cache_count_holder_registrations()`,
    );
    await q.query(
      `CREATE TRIGGER answer_cache_changes AFTER UPDATE OR DELETE OR TRUNCATE ON rights_holders FOR EACH STATEMENT EXECUTE FUNCTION answer_cache_count_ledger_changes()`,
    );
  }

  /** Inserts, updates and deletes counted per society of the rows (a trigger per event: each has its transition table); TRUNCATE for the ledger. */
  private async countPerRow(q: QueryRunner, table: string, fn: string): Promise<void> {
    await q.query(`CREATE TRIGGER answer_cache_inserts AFTER INSERT ON ${table} REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    await q.query(`CREATE TRIGGER answer_cache_updates AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    await q.query(`CREATE TRIGGER answer_cache_deletes AFTER DELETE ON ${table} REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    await q.query(`CREATE TRIGGER answer_cache_truncates AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION answer_cache_count_ledger_changes()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...SOCIETY_TABLES, 'societies']) {
      for (const t of ['inserts', 'updates', 'deletes', 'truncates']) await q.query(`DROP TRIGGER answer_cache_${t} ON ${table}`);
    }
    for (const table of LEDGER_TABLES) await q.query(`DROP TRIGGER answer_cache_changes ON ${table}`);
    await q.query(`DROP TRIGGER answer_cache_inserts ON rights_holders`);
    await q.query(`DROP TRIGGER answer_cache_changes ON rights_holders`);
    await q.query(`DROP FUNCTION answer_cache_count_holder_registrations()`);
    await q.query(`DROP FUNCTION answer_cache_count_ledger_changes()`);
    await q.query(`DROP FUNCTION answer_cache_count_society_register_changes()`);
    await q.query(`DROP FUNCTION answer_cache_count_society_changes()`);
    await q.query(`DROP TABLE answer_cache_changes`);
  }
}
