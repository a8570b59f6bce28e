import type { MigrationInterface, QueryRunner } from 'typeorm';

const MONEY = 'numeric(26,8)';

/**
 * Quarterly submissions and the lines of each package type. A submission row carries
 * its processing status; its lines, once committed, are never changed (see the
 * append-only migration). Keys start with society_id (the Citus distribution column).
 */
export class CreateSubmissions1764300001000 implements MigrationInterface {
  name = 'CreateSubmissions1764300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA staging`);
    await q.query(`
      CREATE TABLE submissions (
        society_id     uuid NOT NULL REFERENCES societies (id),
        id             uuid NOT NULL DEFAULT gen_random_uuid(),
        type           text NOT NULL CHECK (type IN ('income', 'deductions', 'distribution-lines', 'inter-society', 'undistributed', 'board', 'mandates')),
        period         char(6) NOT NULL CHECK (period ~ '^[0-9]{4}Q[1-4]$'),
        status         text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'validating', 'rejected', 'committed', 'superseded')),
        sha256         bytea NOT NULL CHECK (length(sha256) = 32),
        byte_size      bigint NOT NULL,
        storage_path   text NOT NULL,
        rows           bigint,
        progress       smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        phase          text,
        error_count    bigint NOT NULL DEFAULT 0,
        errors         jsonb NOT NULL DEFAULT '[]',
        root           bytea,
        log_index      bigint,
        supersedes     uuid,
        attempts       integer NOT NULL DEFAULT 0,
        received_at    timestamptz NOT NULL DEFAULT now(),
        finished_at    timestamptz,
        PRIMARY KEY (society_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX submissions_same_bytes ON submissions (society_id, type, period, sha256)`);
    await q.query(`CREATE INDEX submissions_by_period ON submissions (society_id, type, period, status)`);
    await q.query(`CREATE INDEX submissions_unfinished ON submissions (society_id, status) WHERE status IN ('queued', 'validating')`);

    await q.query(`
      CREATE TABLE income_lines (
        society_id uuid NOT NULL, submission_id uuid NOT NULL, line_no integer NOT NULL,
        income_id text NOT NULL, category text NOT NULL, use_type text NOT NULL, territory text NOT NULL,
        licensee text NOT NULL, period_from date NOT NULL, period_to date NOT NULL, currency char(3) NOT NULL,
        amount ${MONEY} NOT NULL, received_on date NOT NULL, leaf_hash bytea NOT NULL,
        PRIMARY KEY (society_id, submission_id, line_no),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`
      CREATE TABLE deduction_lines (
        society_id uuid NOT NULL, submission_id uuid NOT NULL, line_no integer NOT NULL,
        deduction_id text NOT NULL, kind text NOT NULL, category text NOT NULL, currency char(3) NOT NULL,
        amount ${MONEY} NOT NULL, description text NOT NULL, leaf_hash bytea NOT NULL,
        PRIMARY KEY (society_id, submission_id, line_no),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`
      CREATE TABLE distribution_lines (
        society_id uuid NOT NULL, submission_id uuid NOT NULL, line_no integer NOT NULL,
        line_id text NOT NULL, rights_holder_id uuid, rights_holder_ipi char(11), rights_holder_name text NOT NULL,
        work_iswc char(11), work_title text NOT NULL, category text NOT NULL, use_type text NOT NULL,
        territory text NOT NULL, use_from date NOT NULL, use_to date NOT NULL, currency char(3) NOT NULL,
        gross ${MONEY} NOT NULL, management_fee ${MONEY} NOT NULL, other_deductions ${MONEY} NOT NULL,
        net ${MONEY} NOT NULL, status text NOT NULL, paid_on date, mandate_basis text NOT NULL,
        leaf_hash bytea NOT NULL,
        PRIMARY KEY (society_id, submission_id, line_no),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`CREATE INDEX distribution_lines_by_holder ON distribution_lines (society_id, rights_holder_id)`);
    await q.query(`CREATE INDEX distribution_lines_by_line_id ON distribution_lines (society_id, submission_id, line_id)`);
    await q.query(`
      CREATE TABLE inter_society_lines (
        society_id uuid NOT NULL, submission_id uuid NOT NULL, line_no integer NOT NULL,
        transfer_id text NOT NULL, counterparty_cisac char(3) NOT NULL, direction text NOT NULL,
        category text NOT NULL, territory text NOT NULL, fy_of_collection integer NOT NULL,
        currency char(3) NOT NULL, amount ${MONEY} NOT NULL, paid_on date, leaf_hash bytea NOT NULL,
        PRIMARY KEY (society_id, submission_id, line_no),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`
      CREATE TABLE undistributed_lines (
        society_id uuid NOT NULL, submission_id uuid NOT NULL, line_no integer NOT NULL,
        category text NOT NULL, fy_of_collection integer NOT NULL, currency char(3) NOT NULL,
        amount ${MONEY} NOT NULL, reason text NOT NULL, non_distributable boolean NOT NULL,
        decided_use text, leaf_hash bytea NOT NULL,
        PRIMARY KEY (society_id, submission_id, line_no),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`
      CREATE TABLE board_lines (
        society_id uuid NOT NULL, submission_id uuid NOT NULL, line_no integer NOT NULL,
        member_id text NOT NULL, name text NOT NULL, constituency text NOT NULL,
        seat_from date NOT NULL, seat_to date, leaf_hash bytea NOT NULL,
        PRIMARY KEY (society_id, submission_id, line_no),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
    await q.query(`
      CREATE TABLE mandate_lines (
        society_id uuid NOT NULL, submission_id uuid NOT NULL, line_no integer NOT NULL,
        mandate_id text NOT NULL, rights_holder_ipi char(11) NOT NULL, category text NOT NULL,
        work_type text NOT NULL, territory text NOT NULL, valid_from date NOT NULL, valid_to date,
        basis text NOT NULL, exclusive boolean NOT NULL, leaf_hash bytea NOT NULL,
        PRIMARY KEY (society_id, submission_id, line_no),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['mandate_lines', 'board_lines', 'undistributed_lines', 'inter_society_lines']) await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP INDEX distribution_lines_by_line_id`);
    await q.query(`DROP INDEX distribution_lines_by_holder`);
    for (const t of ['distribution_lines', 'deduction_lines', 'income_lines']) await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP INDEX submissions_unfinished`);
    await q.query(`DROP INDEX submissions_by_period`);
    await q.query(`DROP INDEX submissions_same_bytes`);
    await q.query(`DROP TABLE submissions`);
    await q.query(`DROP SCHEMA staging`);
  }
}
