import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bearer credentials. Only the SHA-256 of a token is stored; the token itself is shown
 * once. A society or rights-holder token is bound to exactly that tenant.
 */
export class CreateApiTokens1764300000200 implements MigrationInterface {
  name = 'CreateApiTokens1764300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_tokens (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash       bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
        role             text NOT NULL CHECK (role IN ('admin', 'regulator', 'society', 'rights-holder')),
        society_id       uuid REFERENCES societies (id),
        rights_holder_id uuid REFERENCES rights_holders (id),
        label            text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        revoked_at       timestamptz,
        CHECK ((role = 'society') = (society_id IS NOT NULL)),
        CHECK ((role = 'rights-holder') = (rights_holder_id IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_tokens`);
  }
}
