import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_CHANGES = ['created', 'terminated', 'withdrawn', 'opted-out', 'split-off', 'amended'];
const NEW_CHANGES = [...OLD_CHANGES, 'accepted', 'refused'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Two-sided mandates (Directive 2014/26/EU Art. 5(2), 6(2)): a mandate a rights holder
 * asks for is `requested` until the society accepts it (a version `accepted`, status
 * `active`) or refuses it with a reason (a version `refused`, status `refused`, its period
 * empty). Every earlier version was recorded by an admin, a society or a package: active.
 * `ended` is not stored: it is an active mandate whose period is over.
 */
export class AddMandateRequestStatus1765000500000 implements MigrationInterface {
  name = 'AddMandateRequestStatus1765000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mandate_versions ADD COLUMN status text NOT NULL DEFAULT 'active' CONSTRAINT mandate_versions_status_check CHECK (status IN ('requested', 'active', 'refused'))`);
    await q.query(`ALTER TABLE mandate_versions DROP CONSTRAINT mandate_versions_change_check`);
    await q.query(`ALTER TABLE mandate_versions ADD CONSTRAINT mandate_versions_change_check CHECK (change IN (${list(NEW_CHANGES)}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mandate_versions DROP CONSTRAINT mandate_versions_change_check`);
    await q.query(`ALTER TABLE mandate_versions ADD CONSTRAINT mandate_versions_change_check CHECK (change IN (${list(OLD_CHANGES)}))`);
    await q.query(`ALTER TABLE mandate_versions DROP COLUMN status`);
  }
}
