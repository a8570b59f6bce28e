import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every alarm a witness of a society's log ever raised (a checkpoint refused as
 * inconsistent with what it cosigned before: a split view, or a log rewritten or rolled
 * back), append-only. log_witness_states keeps the standing alarm, which an operator
 * clears to resume sending; this table keeps the record, which the audit rule
 * governance.log-consistency reads, so clearing an alarm never erases it.
 */
export class CreateLogWitnessAlarms1765100000000 implements MigrationInterface {
  name = 'CreateLogWitnessAlarms1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE log_witness_alarms (
        society_id   uuid NOT NULL REFERENCES societies (id),
        witness      text NOT NULL,
        raised_at    timestamptz NOT NULL,
        tree_size    bigint NOT NULL CHECK (tree_size >= 0),
        root_hash    text NOT NULL,
        old_size     bigint,
        witness_size bigint,
        status       integer,
        alarm        text NOT NULL,
        PRIMARY KEY (society_id, witness, raised_at)
      )`);
    await q.query(`CREATE TRIGGER log_witness_alarms_append_only BEFORE UPDATE OR DELETE ON log_witness_alarms FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`CREATE TRIGGER log_witness_alarms_no_truncate BEFORE TRUNCATE ON log_witness_alarms FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER log_witness_alarms_no_truncate ON log_witness_alarms`);
    await q.query(`DROP TRIGGER log_witness_alarms_append_only ON log_witness_alarms`);
    await q.query(`DROP TABLE log_witness_alarms`);
  }
}
