import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A claim row keeps only its current status, and the status is always its history's
 * latest (claim_events): an UPDATE may change nothing but `status`, and only to the
 * status of the claim's latest event; DELETE and TRUNCATE are refused; and a claim
 * recorded without its first event (`open`, seq 1) is refused when its transaction
 * commits (a deferred constraint trigger, since the event references the claim).
 */
export class MakeClaimsFollowTheirHistory1765100400200 implements MigrationInterface {
  name = 'MakeClaimsFollowTheirHistory1765100400200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION claims_follow_history() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        latest text;
      BEGIN
        IF TG_OP <> 'UPDATE' THEN
          RAISE EXCEPTION 'claims are never removed: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
        END IF;
        IF (NEW.society_id, NEW.id, NEW.rights_holder_id, NEW.submission_id, NEW.line_no, NEW.line_id, NEW.claimed_at, NEW.note, NEW.recorded_by)
           IS DISTINCT FROM (OLD.society_id, OLD.id, OLD.rights_holder_id, OLD.submission_id, OLD.line_no, OLD.line_id, OLD.claimed_at, OLD.note, OLD.recorded_by) THEN
          RAISE EXCEPTION 'a claim changes only its status' USING ERRCODE = 'restrict_violation';
        END IF;
        SELECT e.status INTO latest FROM claim_events e WHERE e.society_id = NEW.society_id AND e.claim_id = NEW.id ORDER BY e.seq DESC LIMIT 1;
        IF latest IS DISTINCT FROM NEW.status THEN
          RAISE EXCEPTION 'claim %: status % is not its latest event''s (%)', NEW.id, NEW.status, coalesce(latest, 'none') USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await q.query(`CREATE TRIGGER claims_follow_history BEFORE UPDATE OR DELETE ON claims FOR EACH ROW EXECUTE FUNCTION claims_follow_history()`);
    await q.query(`CREATE TRIGGER claims_no_truncate BEFORE TRUNCATE ON claims FOR EACH STATEMENT EXECUTE FUNCTION claims_follow_history()`);
    await q.query(`
      CREATE FUNCTION claims_start_open() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM claim_events e WHERE e.society_id = NEW.society_id AND e.claim_id = NEW.id AND e.seq = 1 AND e.status = 'open') THEN
          RAISE EXCEPTION 'claim % was recorded without its first event (open)', NEW.id USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER claims_start_open AFTER INSERT ON claims DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION claims_start_open()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER claims_start_open ON claims`);
    await q.query(`DROP FUNCTION claims_start_open()`);
    await q.query(`DROP TRIGGER claims_no_truncate ON claims`);
    await q.query(`DROP TRIGGER claims_follow_history ON claims`);
    await q.query(`DROP FUNCTION claims_follow_history()`);
  }
}
