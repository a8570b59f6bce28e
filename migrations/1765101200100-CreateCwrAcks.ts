import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The society's answer to each CWR package (issue 16 item 1): the ACK file (CISAC CWR
 * §6.3: HDR, GRH ACK, an ACK with its MSG records per transaction of the package, GRT,
 * TRL), written once when the package is committed (each transaction's CISAC status: AS
 * accepted, CO conflict, RJ rejected…) or rejected (the file-level rejection), and served
 * by `GET /v1/submissions/{id}/ack` as the latin-1 text it is. The counts summarise the
 * statuses. Append-only like the submission it answers; society_id leads the key.
 */
export class CreateCwrAcks1765101200100 implements MigrationInterface {
  name = 'CreateCwrAcks1765101200100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cwr_acks (
        society_id    uuid NOT NULL,
        submission_id uuid NOT NULL,
        file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        ack           text NOT NULL,
        transactions  integer NOT NULL CHECK (transactions >= 0),
        accepted      integer NOT NULL CHECK (accepted >= 0),
        conflicts     integer NOT NULL CHECK (conflicts >= 0),
        rejected      integer NOT NULL CHECK (rejected >= 0),
        created_at    timestamptz NOT NULL,
        PRIMARY KEY (society_id, submission_id),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`COMMENT ON TABLE cwr_acks IS 'The CWR ACK file answering each CWR package, with its counts of transactions by status'`);
    await q.query(`CREATE TRIGGER cwr_acks_append_only BEFORE UPDATE OR DELETE ON cwr_acks FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`CREATE TRIGGER cwr_acks_no_truncate BEFORE TRUNCATE ON cwr_acks FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cwr_acks`);
  }
}
