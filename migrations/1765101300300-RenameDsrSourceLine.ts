import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * dsr_lines.source_line becomes upload_line: the package catalogue's ingest stages every
 * row an input reader makes with a `source_line` column of its own (where the row's
 * problems are reported), so a type's column may not have that name. Nothing was written
 * to dsr_lines before (the type was listed after this).
 */
export class RenameDsrSourceLine1765101300300 implements MigrationInterface {
  name = 'RenameDsrSourceLine1765101300300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dsr_lines RENAME COLUMN source_line TO upload_line`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dsr_lines RENAME COLUMN upload_line TO source_line`);
  }
}
