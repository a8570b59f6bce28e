import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The name of the file a package was uploaded as (the `filename` of a multipart part,
 * without a `.gz` it travelled under), so that `GET /v1/submissions/{id}/package` gives
 * the bytes back under the name they were sent with (issue 17 item 3). Null for a package
 * sent as a plain request body, which has no name. Nullable without a default: adding it
 * rewrites nothing.
 */
export class AddSubmissionFileName1765100800000 implements MigrationInterface {
  name = 'AddSubmissionFileName1765100800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions ADD COLUMN file_name text CHECK (length(file_name) BETWEEN 1 AND 255)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions DROP COLUMN file_name`);
  }
}
