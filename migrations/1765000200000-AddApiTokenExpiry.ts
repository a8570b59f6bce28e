import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tokens expire: `expires_at` is when a token stops authenticating (POST /v1/tokens sets
 * it, at most TOKEN_MAX_LIFETIME_DAYS ahead). Tokens issued before this migration keep
 * NULL: they never expire until revoked (DELETE /v1/tokens/{id}).
 */
export class AddApiTokenExpiry1765000200000 implements MigrationInterface {
  name = 'AddApiTokenExpiry1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz, ADD CONSTRAINT api_tokens_expiry_check CHECK (expires_at > created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_expiry_check, DROP COLUMN expires_at`);
  }
}
