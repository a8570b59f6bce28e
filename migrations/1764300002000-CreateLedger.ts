import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The journal (double-entry, per society) and the society log (one leaf per committed
 * submission, with signed tree heads). Keys start with society_id.
 */
export class CreateLedger1764300002000 implements MigrationInterface {
  name = 'CreateLedger1764300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE journal_entries (
        society_id    uuid NOT NULL REFERENCES societies (id),
        id            uuid NOT NULL DEFAULT gen_random_uuid(),
        submission_id uuid NOT NULL,
        kind          text NOT NULL,
        entry_date    date NOT NULL,
        description   text NOT NULL,
        reverses      uuid,
        reason        text,
        recorded_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (society_id, id),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`CREATE INDEX journal_entries_by_submission ON journal_entries (society_id, submission_id)`);
    await q.query(`CREATE INDEX journal_entries_by_date ON journal_entries (society_id, entry_date)`);
    await q.query(`
      CREATE TABLE journal_postings (
        society_id uuid NOT NULL,
        entry_id   uuid NOT NULL,
        posting_no integer NOT NULL,
        account    text NOT NULL,
        currency   char(3) NOT NULL,
        amount     numeric(28,8) NOT NULL,
        PRIMARY KEY (society_id, entry_id, posting_no),
        FOREIGN KEY (society_id, entry_id) REFERENCES journal_entries (society_id, id)
      )`);
    await q.query(`CREATE INDEX journal_postings_by_account ON journal_postings (society_id, account)`);
    await q.query(`
      CREATE TABLE log_leaves (
        society_id    uuid NOT NULL REFERENCES societies (id),
        leaf_index    bigint NOT NULL,
        submission_id uuid NOT NULL,
        leaf_hash     bytea NOT NULL CHECK (length(leaf_hash) = 32),
        recorded_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (society_id, leaf_index),
        UNIQUE (society_id, submission_id),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`
      CREATE TABLE tree_heads (
        society_id uuid NOT NULL REFERENCES societies (id),
        tree_size  bigint NOT NULL,
        root_hash  bytea NOT NULL CHECK (length(root_hash) = 32),
        timestamp  text NOT NULL,
        signature  text NOT NULL,
        key_id     text NOT NULL,
        PRIMARY KEY (society_id, tree_size)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tree_heads`);
    await q.query(`DROP TABLE log_leaves`);
    await q.query(`DROP INDEX journal_postings_by_account`);
    await q.query(`DROP TABLE journal_postings`);
    await q.query(`DROP INDEX journal_entries_by_date`);
    await q.query(`DROP INDEX journal_entries_by_submission`);
    await q.query(`DROP TABLE journal_entries`);
  }
}
