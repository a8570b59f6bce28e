import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Witnesses of the society logs (c2sp.org/tlog-witness): the cosignatures they returned
 * for a signed head (append-only, the signed-note line as received), and, per society and
 * witness, what the ledger knows of it: the largest size it cosigned, the last error and
 * an alarm (a witness refusing a checkpoint as inconsistent with what it cosigned before).
 */
export class CreateLogCosignatures1765000700100 implements MigrationInterface {
  name = 'CreateLogCosignatures1765000700100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE log_cosignatures (
        society_id  uuid NOT NULL,
        tree_size   bigint NOT NULL,
        witness     text NOT NULL,
        key_id      char(8) NOT NULL CHECK (key_id ~ '^[0-9a-f]{8}$'),
        cosigned_at bigint NOT NULL CHECK (cosigned_at > 0),
        line        text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (society_id, tree_size, witness, key_id),
        FOREIGN KEY (society_id, tree_size) REFERENCES tree_heads (society_id, tree_size)
      )`);
    await q.query(`CREATE TRIGGER log_cosignatures_append_only BEFORE UPDATE OR DELETE ON log_cosignatures FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`CREATE TRIGGER log_cosignatures_no_truncate BEFORE TRUNCATE ON log_cosignatures FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`
      CREATE TABLE log_witness_states (
        society_id    uuid NOT NULL REFERENCES societies (id),
        witness       text NOT NULL,
        cosigned_size bigint,
        last_error    text,
        attempted_at  timestamptz,
        alarm         text,
        alarm_at      timestamptz,
        PRIMARY KEY (society_id, witness)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE log_witness_states`);
    await q.query(`DROP TRIGGER log_cosignatures_no_truncate ON log_cosignatures`);
    await q.query(`DROP TRIGGER log_cosignatures_append_only ON log_cosignatures`);
    await q.query(`DROP TABLE log_cosignatures`);
  }
}
