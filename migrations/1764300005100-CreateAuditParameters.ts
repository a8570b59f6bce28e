import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit rule parameters set for a jurisdiction (ISO 3166-1 alpha-2 country of the
 * society), overriding the defaults in the rule catalogue (libs/audit) one parameter at
 * a time. Reference data shared by every society of the jurisdiction, not one society's
 * data: no society_id (a Citus reference table).
 */
export class CreateAuditParameters1764300005100 implements MigrationInterface {
  name = 'CreateAuditParameters1764300005100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_parameters (
        jurisdiction char(2) NOT NULL REFERENCES ref_countries (code),
        rule_id      text NOT NULL CHECK (rule_id ~ '^[a-z]+[.][a-z0-9-]+$'),
        params       jsonb NOT NULL CHECK (jsonb_typeof(params) = 'object'),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        updated_by   text NOT NULL,
        PRIMARY KEY (jurisdiction, rule_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_parameters`);
  }
}
