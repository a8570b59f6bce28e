import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed tree heads name their log (`origin`, part of the signed fields), so a head of
 * one society's log cannot pass for another's. Heads signed before carry none (NULL).
 */
export class AddTreeHeadOrigin1764300002300 implements MigrationInterface {
  name = 'AddTreeHeadOrigin1764300002300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tree_heads ADD COLUMN origin text CHECK (origin <> '' AND position(E'\\n' IN origin) = 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tree_heads DROP COLUMN origin`);
  }
}
