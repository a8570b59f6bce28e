import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A package may be sent in its type's own format (issue 16: an input format of the
 * package catalogue, e.g. CISAC CWR, DDEX DSR), whose name the submission keeps as its
 * `format`: the column takes any such name (lowercase letters, digits and '-', as
 * libs/package-catalogue InputFormat.name), no longer only csv and ndjson. Which formats
 * a type takes is the catalogue's to say, checked on upload.
 */
export class AllowInputFormats1765101100000 implements MigrationInterface {
  name = 'AllowInputFormats1765101100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions DROP CONSTRAINT submissions_format_check, ADD CONSTRAINT submissions_format_check CHECK (format ~ '^[a-z0-9-]{1,40}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions DROP CONSTRAINT submissions_format_check, ADD CONSTRAINT submissions_format_check CHECK (format IN ('csv', 'ndjson'))`);
  }
}
