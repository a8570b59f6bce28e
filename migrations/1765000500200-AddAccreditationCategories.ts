import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The categories of rights an accreditation covers (Civil Code Art. 1244(1) lists them
 * per sphere). Accreditations recorded before this column were recorded without them:
 * null, read as covering every category.
 */
export class AddAccreditationCategories1765000500200 implements MigrationInterface {
  name = 'AddAccreditationCategories1765000500200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accreditations ADD COLUMN categories text[] CONSTRAINT accreditations_categories_check CHECK (cardinality(categories) >= 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accreditations DROP COLUMN categories`);
  }
}
