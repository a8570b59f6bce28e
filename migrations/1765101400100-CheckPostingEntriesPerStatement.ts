import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A journal posting's entry is checked once per statement, not once per row.
 *
 * The foreign key from journal_postings (society_id, entry_id) to journal_entries checked
 * each posting on its own: one index probe and one row lock (FOR KEY SHARE) per posting.
 * A clerk's 1,000-line distribution package posts about 2,000 postings, so the foreign
 * key cost 7 ms of a commit of about 90 ms (issue 19, item 2; measured with
 * bench:small-ingest and EXPLAIN ANALYZE: "Trigger for constraint … calls=2000").
 *
 * An AFTER INSERT trigger now checks every posting a statement inserted, in one anti-join
 * of the statement's new rows against journal_entries. It refuses the statement as the
 * foreign key did: SQLSTATE 23503 (foreign_key_violation), with the constraint's name and
 * the missing key. The foreign key's other task, refusing to delete an entry that still
 * has postings, is covered already: journal_entries refuses DELETE and TRUNCATE
 * (migration RefuseRewritingHistory), and journal_postings refuses UPDATE.
 *
 * On a Citus cluster, both tables are distributed by society_id and co-located. The
 * trigger compares rows of one society, as the foreign key did.
 */
export class CheckPostingEntriesPerStatement1765101400100 implements MigrationInterface {
  name = 'CheckPostingEntriesPerStatement1765101400100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION journal_postings_check_entries() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        missing record;
      BEGIN
        SELECT p.society_id, p.entry_id INTO missing
        FROM new_postings p
        WHERE NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.society_id = p.society_id AND e.id = p.entry_id)
        LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'insert on table "journal_postings" violates foreign key constraint "journal_postings_society_id_entry_id_fkey"'
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (society_id, entry_id)=(%s, %s) is not present in table "journal_entries".', missing.society_id, missing.entry_id),
                  TABLE = 'journal_postings',
                  CONSTRAINT = 'journal_postings_society_id_entry_id_fkey';
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER journal_postings_entry_exists AFTER INSERT ON journal_postings
      REFERENCING NEW TABLE AS new_postings
      FOR EACH STATEMENT EXECUTE FUNCTION journal_postings_check_entries()`);
    await q.query(`ALTER TABLE journal_postings DROP CONSTRAINT journal_postings_society_id_entry_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE journal_postings ADD CONSTRAINT journal_postings_society_id_entry_id_fkey FOREIGN KEY (society_id, entry_id) REFERENCES journal_entries (society_id, id)`);
    await q.query(`DROP TRIGGER journal_postings_entry_exists ON journal_postings`);
    await q.query(`DROP FUNCTION journal_postings_check_entries()`);
  }
}
