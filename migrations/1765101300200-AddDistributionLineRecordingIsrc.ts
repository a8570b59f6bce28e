import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A distribution line may name the recording its use came through (issue 16 item 3:
 * unclaimed lines are matched against the works register by ISWC and by ISRC): the
 * optional `recording_isrc` column of distribution-lines packages, stored without
 * hyphens (CC XXX YY NNNNN). Lines committed before it have none (the column is
 * `mayBeAbsent`: their leaves do not change). Added to the partitioned parent, so every
 * partition has it. No CHECK on the parent (a package's partition, made apart and attached,
 * would need it too): the column's check in the package type validates the form.
 */
export class AddDistributionLineRecordingIsrc1765101300200 implements MigrationInterface {
  name = 'AddDistributionLineRecordingIsrc1765101300200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE distribution_lines ADD COLUMN recording_isrc char(12)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE distribution_lines DROP COLUMN recording_isrc`);
  }
}
