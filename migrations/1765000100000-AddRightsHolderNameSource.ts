import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who a rights holder's name comes from (issue 13): `admin` (registered or corrected by
 * an admin), `holder` (corrected by the holder), or `society` (registered from a
 * distribution line of `registered_by_society_id`: provisional, and confirmed or
 * replaced by an admin's registration of the same IPI). Holders registered before this
 * change without a country (only a package's lines register a holder so) are marked
 * `society`, the society unrecorded.
 */
export class AddRightsHolderNameSource1765000100000 implements MigrationInterface {
  name = 'AddRightsHolderNameSource1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE rights_holders
         ADD COLUMN name_source text NOT NULL DEFAULT 'admin' CONSTRAINT rights_holders_name_source_check CHECK (name_source IN ('admin', 'holder', 'society')),
         ADD COLUMN registered_by_society_id uuid CONSTRAINT rights_holders_registered_by_society_id_fkey REFERENCES societies (id)`,
    );
    await q.query(`UPDATE rights_holders SET name_source = 'society' WHERE country IS NULL AND kind = 'other'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rights_holders DROP COLUMN registered_by_society_id, DROP COLUMN name_source`);
  }
}
