import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change of an API token (revocation above all) is announced on the channel
 * `ledger_api_tokens` with the token's id ('*' for a TRUNCATE), at commit: each API
 * process drops that token from its token cache (libs/auth TokenCache) before the
 * revoking request is answered. A trigger rather than the service, so a revocation made
 * any way (the API, the CLI, SQL) reaches every process.
 */
export class NotifyApiTokenChanges1765100100200 implements MigrationInterface {
  name = 'NotifyApiTokenChanges1765100100200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION api_tokens_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('ledger_api_tokens', CASE WHEN TG_LEVEL = 'STATEMENT' THEN '*' ELSE OLD.id::text END);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER api_tokens_notify_change AFTER UPDATE OR DELETE ON api_tokens FOR EACH ROW EXECUTE FUNCTION api_tokens_notify_change()`);
    await q.query(`CREATE TRIGGER api_tokens_notify_truncate AFTER TRUNCATE ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION api_tokens_notify_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER api_tokens_notify_truncate ON api_tokens`);
    await q.query(`DROP TRIGGER api_tokens_notify_change ON api_tokens`);
    await q.query(`DROP FUNCTION api_tokens_notify_change()`);
  }
}
