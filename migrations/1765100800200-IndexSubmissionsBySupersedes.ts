import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A submission's `supersededBy` is the submission whose `supersedes` names it (issue 17
 * item 4): this index finds it for each submission a list shows, instead of reading
 * the society's submissions once per row.
 */
export class IndexSubmissionsBySupersedes1765100800200 implements MigrationInterface {
  name = 'IndexSubmissionsBySupersedes1765100800200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX submissions_by_supersedes ON submissions (society_id, supersedes) WHERE supersedes IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX submissions_by_supersedes`);
  }
}
