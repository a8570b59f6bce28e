import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The committed lines of a `type=cwr` package (issue 16 item 1): one row per transaction
 * that passed the CWR edits (a rejected transaction is no line; it is answered RJ in the
 * ACK), in file order; `line` is the file line of its header record. The columns are
 * text as the package's cells are (a line's leaf is its cells' JSON strings). `registration` is the
 * transaction's works view as JSON text (libs/cwr `workOf`: titles, ISWC, writers and
 * publishers by IPI, shares per right and territory), so the line's Merkle leaf covers
 * the whole registration; `field_defaults` lists the fields replaced by their default
 * (FR edits) and records left out (RR) as the ACK's MSG records name them (JSON, or null). Append-only like every lines table.
 */
export class CreateCwrLines1765101200200 implements MigrationInterface {
  name = 'CreateCwrLines1765101200200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cwr_lines (
        society_id            uuid NOT NULL,
        submission_id         uuid NOT NULL,
        line_no               integer NOT NULL CHECK (line_no >= 1),
        line                  text NOT NULL,
        group_id              text NOT NULL,
        transaction_sequence  text NOT NULL,
        transaction_type      text NOT NULL,
        submitter_work_number text NOT NULL,
        iswc                  text,
        title                 text NOT NULL,
        registration          text NOT NULL,
        field_defaults        text,
        leaf_hash             bytea NOT NULL,
        PRIMARY KEY (society_id, submission_id, line_no),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`COMMENT ON TABLE cwr_lines IS 'Committed CWR transactions (one per transaction that passed the edits), by the line of their header record'`);
    await q.query(`CREATE TRIGGER cwr_lines_append_only BEFORE UPDATE OR DELETE ON cwr_lines FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`CREATE TRIGGER cwr_lines_no_truncate BEFORE TRUNCATE ON cwr_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cwr_lines`);
  }
}
