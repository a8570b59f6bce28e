import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The format a package was sent in: `csv` (RFC 4180 with a header row) or `ndjson`
 * (JSON Lines, one object per line). The stored bytes are kept as received, so the
 * worker needs to know how to read them. Every earlier submission was CSV.
 */
export class AddSubmissionFormat1764400000000 implements MigrationInterface {
  name = 'AddSubmissionFormat1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions ADD COLUMN format text NOT NULL DEFAULT 'csv' CONSTRAINT submissions_format_check CHECK (format IN ('csv', 'ndjson'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions DROP COLUMN format`);
  }
}
