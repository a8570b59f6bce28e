import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Unidentified distribution lines found by the name written on them, in either script
 * (issue 17, docs/search.md): a partial GIN index (unidentified lines only, a small share
 * of the lines) leading with society_id (btree_gin), with the name's search key as
 * trigrams and as words. Each submission's partition gets it when its lines are written
 * (libs/submissions line-partitions: every index of the parent is built there).
 */
export class IndexUnidentifiedLineNamesForSearch1765100500400 implements MigrationInterface {
  name = 'IndexUnidentifiedLineNamesForSearch1765100500400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX distribution_lines_unidentified_search ON distribution_lines USING gin (society_id, ledger_search_key(rights_holder_name) gin_trgm_ops, to_tsvector('simple', ledger_search_key(rights_holder_name))) WHERE status = 'unidentified'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX distribution_lines_unidentified_search`);
  }
}
