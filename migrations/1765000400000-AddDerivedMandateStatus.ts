import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each distribution line's mandate status as derived from the mandate register when its
 * package committed (issue 14; CONTRACT.md "Facts checked against the other party's
 * record"), beside the society's declared `mandate_basis`:
 *   - `work_type`: the optional package column (mandates' vocabulary); null: the line
 *     matched mandates of any work type;
 *   - `mandate_status`: mandated | entrusted-elsewhere | no-mandate | unidentified; null
 *     for lines committed before the derivation existed (nothing was derived for them);
 *   - `mandate_ids`: the mandates that decided it.
 * `submissions.mandates_known_at` is the moment whose register the derivation read (the
 * register as known then: bitemporal). Nullable columns without defaults: adding them
 * rewrites no partition. (No CHECK on the status: a submission's partition is created
 * LIKE the parent, which copies no CHECK, and attaching it would then fail; the values
 * come only from the derivation.)
 */
export class AddDerivedMandateStatus1765000400000 implements MigrationInterface {
  name = 'AddDerivedMandateStatus1765000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE distribution_lines ADD COLUMN work_type text, ADD COLUMN mandate_status text, ADD COLUMN mandate_ids uuid[]`);
    await q.query(`ALTER TABLE submissions ADD COLUMN mandates_known_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions DROP COLUMN mandates_known_at`);
    await q.query(`ALTER TABLE distribution_lines DROP COLUMN mandate_ids, DROP COLUMN mandate_status, DROP COLUMN work_type`);
  }
}
