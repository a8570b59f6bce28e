import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rights holders found by name (issue 17, docs/search.md): the name's search key kept
 * beside it (a stored generated column: computed once when the name is written, read by
 * every search that checks a candidate instead of computed again), and one GIN index on
 * it with trigrams (word similarity, substrings, equality) and its words for full-text
 * prefix queries (configuration `simple`: the key is already romanised and folded, so no
 * stemming). rights_holders is shared reference data, without society_id.
 */
export class AddRightsHolderSearchKey1765100500200 implements MigrationInterface {
  name = 'AddRightsHolderSearchKey1765100500200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rights_holders ADD COLUMN search_key text GENERATED ALWAYS AS (ledger_search_key(name)) STORED`);
    await q.query(`CREATE INDEX rights_holders_search ON rights_holders USING gin (search_key gin_trgm_ops, to_tsvector('simple', search_key))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rights_holders_search`);
    await q.query(`ALTER TABLE rights_holders DROP COLUMN search_key`);
  }
}
