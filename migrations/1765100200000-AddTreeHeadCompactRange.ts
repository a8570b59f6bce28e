import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each signed tree head keeps its tree's compact range: the roots of the maximal
 * complete subtrees of its leaves, left to right (one per set bit of tree_size). The
 * next commit appends its leaf to them and folds the new root, instead of reading every
 * leaf of the society's log again (libs/ledger LedgerService.recordCommit); before
 * using them it folds them and compares with the head's signed root_hash. Not signed
 * and not served: the signed fields are unchanged. Heads written before carry none
 * (NULL): the first commit after reads the leaves once, as before.
 */
export class AddTreeHeadCompactRange1765100200000 implements MigrationInterface {
  name = 'AddTreeHeadCompactRange1765100200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tree_heads ADD COLUMN compact_range bytea[] CHECK (compact_range IS NULL OR cardinality(compact_range) <= 64)`);
    await q.query(
      `COMMENT ON COLUMN tree_heads.compact_range IS 'Roots of the maximal complete subtrees of the first tree_size leaves, left to right: what the next append needs (checked against root_hash before use)'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tree_heads DROP COLUMN compact_range`);
  }
}
