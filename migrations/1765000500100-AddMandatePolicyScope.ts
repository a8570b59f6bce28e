import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a society's mandate policy adds to its notice: the categories of rights it manages
 * (`managed_categories`, null: all of them; a mandate outside them is refused) and the
 * days it takes to answer a rights holder's request (`response_days`, null: the ledger's
 * default of 30 — the Directive sets no time).
 */
export class AddMandatePolicyScope1765000500100 implements MigrationInterface {
  name = 'AddMandatePolicyScope1765000500100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mandate_policies ADD COLUMN managed_categories text[] CONSTRAINT mandate_policies_managed_categories_check CHECK (cardinality(managed_categories) >= 1)`);
    await q.query(`ALTER TABLE mandate_policies ADD COLUMN response_days smallint CONSTRAINT mandate_policies_response_days_check CHECK (response_days BETWEEN 1 AND 366)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mandate_policies DROP COLUMN response_days`);
    await q.query(`ALTER TABLE mandate_policies DROP COLUMN managed_categories`);
  }
}
