import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The roots of each committed submission's lines in chunks of 1,024 (the last one
 * shorter), written at commit time, so that a line's inclusion proof reads one chunk
 * of leaf hashes and the chunk roots instead of every line. Append-only like the lines.
 */
export class CreateSubmissionChunks1764300002200 implements MigrationInterface {
  name = 'CreateSubmissionChunks1764300002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE submission_chunks (
        society_id    uuid NOT NULL,
        submission_id uuid NOT NULL,
        chunk_index   integer NOT NULL CHECK (chunk_index >= 0),
        first_line_no integer NOT NULL,
        leaf_count    integer NOT NULL CHECK (leaf_count > 0),
        root          bytea NOT NULL CHECK (length(root) = 32),
        PRIMARY KEY (society_id, submission_id, chunk_index),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`CREATE TRIGGER submission_chunks_append_only BEFORE UPDATE OR DELETE ON submission_chunks FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`CREATE TRIGGER submission_chunks_no_truncate BEFORE TRUNCATE ON submission_chunks FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER submission_chunks_no_truncate ON submission_chunks`);
    await q.query(`DROP TRIGGER submission_chunks_append_only ON submission_chunks`);
    await q.query(`DROP TABLE submission_chunks`);
  }
}
