import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims of rights holders on unidentified distribution lines ("unclaimed money"),
 * recorded for the society whose line it is to act on. One claim per holder and line;
 * society_id leads every key and index (the Citus distribution column).
 */
export class CreateClaims1764300006010 implements MigrationInterface {
  name = 'CreateClaims1764300006010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE claims (
        society_id       uuid NOT NULL REFERENCES societies (id),
        id               uuid NOT NULL DEFAULT gen_random_uuid(),
        rights_holder_id uuid NOT NULL REFERENCES rights_holders (id),
        submission_id    uuid NOT NULL,
        line_no          integer NOT NULL,
        line_id          text NOT NULL,
        status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
        claimed_at       timestamptz NOT NULL DEFAULT now(),
        note             text CHECK (length(note) <= 2000),
        recorded_by      text NOT NULL,
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, submission_id, line_no, rights_holder_id),
        FOREIGN KEY (society_id, submission_id, line_no) REFERENCES distribution_lines (society_id, submission_id, line_no)
      )`);
    await q.query(`CREATE INDEX claims_by_holder ON claims (society_id, rights_holder_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claims_by_holder`);
    await q.query(`DROP TABLE claims`);
  }
}
