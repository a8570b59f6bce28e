import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A submission whose processing failed for reasons not in the package (the ledger's
 * own errors, or a process that ended during each attempt) ends `failed` after a
 * bounded number of attempts, with the reason in `failure`, instead of staying
 * `validating` and being retried at every boot (issue 13).
 */
export class AddFailedSubmissionStatus1765000000000 implements MigrationInterface {
  name = 'AddFailedSubmissionStatus1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions DROP CONSTRAINT submissions_status_check`);
    await q.query(
      `ALTER TABLE submissions ADD CONSTRAINT submissions_status_check CHECK (status IN ('queued', 'validating', 'rejected', 'committed', 'superseded', 'failed'))`,
    );
    await q.query(`ALTER TABLE submissions ADD COLUMN failure text CONSTRAINT submissions_failure_check CHECK ((status = 'failed') = (failure IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions DROP COLUMN failure`);
    await q.query(`UPDATE submissions SET status = 'rejected' WHERE status = 'failed'`);
    await q.query(`ALTER TABLE submissions DROP CONSTRAINT submissions_status_check`);
    await q.query(`ALTER TABLE submissions ADD CONSTRAINT submissions_status_check CHECK (status IN ('queued', 'validating', 'rejected', 'committed', 'superseded'))`);
  }
}
