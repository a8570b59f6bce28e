import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `('open', 'accepted', 'refused', 'paid')`;

/**
 * The history of each claim, append-only: one event per change of status, numbered from
 * 1 (the claim made, `open`), with when (the ledger's Clock), who, and what the answer
 * rests on — the reason of a refusal, the paying line of a payment (a distribution line
 * of the same society, hence the foreign key; one line pays at most one claim). The
 * database refuses UPDATE, DELETE and TRUNCATE. Claims recorded before this history
 * existed get their first event from the claim itself. society_id leads every key.
 */
export class CreateClaimEvents1765100400100 implements MigrationInterface {
  name = 'CreateClaimEvents1765100400100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE claim_events (
        society_id            uuid NOT NULL,
        claim_id              uuid NOT NULL,
        seq                   integer NOT NULL CHECK (seq >= 1),
        status                text NOT NULL CHECK (status IN ${STATUSES}),
        previous_status       text CHECK (previous_status IN ${STATUSES}),
        at                    timestamptz NOT NULL,
        recorded_by           text NOT NULL,
        reason                text CHECK (length(reason) BETWEEN 1 AND 2000),
        payment_submission_id uuid,
        payment_line_no       integer,
        payment_line_id       text,
        PRIMARY KEY (society_id, claim_id, seq),
        FOREIGN KEY (society_id, claim_id) REFERENCES claims (society_id, id),
        FOREIGN KEY (society_id, payment_submission_id, payment_line_no) REFERENCES distribution_lines (society_id, submission_id, line_no),
        CHECK ((seq = 1) = (previous_status IS NULL)),
        CHECK (status <> 'refused' OR reason IS NOT NULL),
        CHECK ((status = 'paid') = (payment_line_no IS NOT NULL)),
        CHECK ((payment_submission_id IS NULL) = (payment_line_no IS NULL) AND (payment_line_no IS NULL) = (payment_line_id IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX claim_events_paying_line ON claim_events (society_id, payment_submission_id, payment_line_no) WHERE payment_line_no IS NOT NULL`,
    );
    await q.query(`
      CREATE FUNCTION refuse_claim_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'claim history is append-only: % on % is refused (record a new event instead)', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation';
      END
      $$`);
    await q.query(`CREATE TRIGGER claim_events_append_only BEFORE UPDATE OR DELETE ON claim_events FOR EACH ROW EXECUTE FUNCTION refuse_claim_history_change()`);
    await q.query(`CREATE TRIGGER claim_events_no_truncate BEFORE TRUNCATE ON claim_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_claim_history_change()`);
    await q.query(`
      INSERT INTO claim_events (society_id, claim_id, seq, status, previous_status, at, recorded_by)
      SELECT society_id, id, 1, 'open', NULL, claimed_at, recorded_by FROM claims`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER claim_events_no_truncate ON claim_events`);
    await q.query(`DROP TRIGGER claim_events_append_only ON claim_events`);
    await q.query(`DROP FUNCTION refuse_claim_history_change()`);
    await q.query(`DROP TABLE claim_events`);
  }
}
