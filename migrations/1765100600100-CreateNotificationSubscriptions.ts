import type { MigrationInterface, QueryRunner } from 'typeorm';

const OWNER_KINDS = ['society', 'rights-holder', 'regulator', 'admin'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Where a principal wants its notifications sent besides its inbox (issue 17 item 5):
 * - `webhooks`: a URL, the events it takes, and the secret each delivery is signed with
 *   (HMAC-SHA256). The secret is kept as given, since signing needs it; the API never
 *   returns it.
 * - `email_subscriptions`: an address and the events it takes (sent when SMTP_URL is set).
 * Both belong to a principal, as credentials do (api_tokens), not to one society's
 * data: the owner (kind, id: a society, a rights holder, or the nil UUID for all
 * regulators or all admins) leads the key, so a society's own rows lead with its id.
 * A removed one keeps its row (deliveries name it) with `deleted_at`. On Citus both are
 * reference tables (libs/database/src/distribution.ts says why).
 */
export class CreateNotificationSubscriptions1765100600100 implements MigrationInterface {
  name = 'CreateNotificationSubscriptions1765100600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhooks (
        owner_kind  text NOT NULL CHECK (owner_kind IN (${list(OWNER_KINDS)})),
        owner_id    uuid NOT NULL,
        id          uuid NOT NULL DEFAULT gen_random_uuid(),
        url         text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
        events      text[] NOT NULL CHECK (cardinality(events) >= 1),
        secret      text NOT NULL CHECK (length(secret) BETWEEN 16 AND 256),
        created_at  timestamptz NOT NULL DEFAULT now(),
        created_by  text NOT NULL,
        deleted_at  timestamptz,
        PRIMARY KEY (owner_kind, owner_id, id),
        UNIQUE (id)
      )`);
    await q.query(`
      CREATE TABLE email_subscriptions (
        owner_kind  text NOT NULL CHECK (owner_kind IN (${list(OWNER_KINDS)})),
        owner_id    uuid NOT NULL,
        id          uuid NOT NULL DEFAULT gen_random_uuid(),
        address     text NOT NULL CHECK (length(address) BETWEEN 3 AND 254 AND address ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
        events      text[] NOT NULL CHECK (cardinality(events) >= 1),
        created_at  timestamptz NOT NULL DEFAULT now(),
        created_by  text NOT NULL,
        deleted_at  timestamptz,
        PRIMARY KEY (owner_kind, owner_id, id),
        UNIQUE (id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_subscriptions`);
    await q.query(`DROP TABLE webhooks`);
  }
}
