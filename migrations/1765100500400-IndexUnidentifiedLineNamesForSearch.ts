import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Unidentified distribution lines found by the name written on them, in either script
 * (issue 17, docs/search.md): a partial GIN index (unidentified lines only, a small share
 * of the lines) leading with society_id (btree_gin), with the name's search key as
 * trigrams. Each submission's partition gets it when its lines are written (libs/submissions
 * line-partitions: every index of the parent is built there). Trigrams only, no full-text
 * column as holders and works have: a second column computes the key a second time per
 * line, and the index costs the ingest about a third more (measured: 0.62–0.72 s against
 * 0.92–1.21 s for 3,093 unidentified lines of 300,000).
 */
export class IndexUnidentifiedLineNamesForSearch1765100500400 implements MigrationInterface {
  name = 'IndexUnidentifiedLineNamesForSearch1765100500400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX distribution_lines_unidentified_search ON distribution_lines USING gin (society_id, ledger_search_key(rights_holder_name) gin_trgm_ops) WHERE status = 'unidentified'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX distribution_lines_unidentified_search`);
  }
}
