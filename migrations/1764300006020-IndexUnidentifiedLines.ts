import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finding unclaimed money: unidentified distribution lines by the name written on
 * them and by work. `ledger_name_key` reduces a name to its words, lower-cased and
 * sorted ("Ivanova, Maria", "MARIA  IVANOVA" → "ivanova maria"), so that spelling
 * order, case and punctuation do not hide a holder's money. Case folding follows the
 * database's LC_CTYPE (all of Unicode under a UTF-8 locale, ASCII only under "C").
 * Both indexes are partial (unidentified lines only, a small share) and lead with
 * society_id.
 */
export class IndexUnidentifiedLines1764300006020 implements MigrationInterface {
  name = 'IndexUnidentifiedLines1764300006020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_name_key(name text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT array_to_string(ARRAY(
          SELECT w FROM regexp_split_to_table(lower(name), '[[:space:][:punct:]]+') AS w
          WHERE w <> '' ORDER BY w COLLATE "C"), ' ')
      $$`);
    await q.query(
      `CREATE INDEX distribution_lines_unidentified_by_name ON distribution_lines (society_id, ledger_name_key(rights_holder_name)) WHERE status = 'unidentified'`,
    );
    await q.query(`CREATE INDEX distribution_lines_unidentified_by_work ON distribution_lines (society_id, work_iswc) WHERE status = 'unidentified'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX distribution_lines_unidentified_by_work`);
    await q.query(`DROP INDEX distribution_lines_unidentified_by_name`);
    await q.query(`DROP FUNCTION ledger_name_key(text)`);
  }
}
