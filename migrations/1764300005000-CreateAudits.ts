import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audits of a society's financial year against the rule catalogue (libs/audit). A row is
 * the request and, once the job has run, the report: the signed tree heads it was pinned
 * to (`heads`), the report itself (`report`, served as RFC 8785 canonical JSON) and the
 * SHA-256 of those canonical bytes. society_id leads the key and every index (the Citus
 * distribution column).
 */
export class CreateAudits1764300005000 implements MigrationInterface {
  name = 'CreateAudits1764300005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audits (
        society_id     uuid NOT NULL REFERENCES societies (id),
        id             uuid NOT NULL DEFAULT gen_random_uuid(),
        financial_year integer NOT NULL CHECK (financial_year BETWEEN 1900 AND 9999),
        rules          text[] NOT NULL CHECK (cardinality(rules) >= 1),
        status         text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        heads          jsonb,
        report         jsonb,
        report_sha256  bytea CHECK (length(report_sha256) = 32),
        requested_by   text NOT NULL,
        attempts       integer NOT NULL DEFAULT 0,
        created_at     timestamptz NOT NULL DEFAULT now(),
        started_at     timestamptz,
        finished_at    timestamptz,
        error          text,
        PRIMARY KEY (society_id, id),
        CHECK ((status = 'done') = (report IS NOT NULL AND report_sha256 IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX audits_by_year ON audits (society_id, financial_year, created_at)`);
    await q.query(`CREATE INDEX audits_unfinished ON audits (society_id, status) WHERE status IN ('queued', 'running')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audits_unfinished`);
    await q.query(`DROP INDEX audits_by_year`);
    await q.query(`DROP TABLE audits`);
  }
}
