import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries of notifications to webhooks and e-mail addresses (issue 17 item 5): one
 * row per event and target (unique: an event goes to a webhook or an address once),
 * sent by the job queue. A failed attempt waits `next_attempt_at` (exponential backoff)
 * and is tried again; after the last attempt the row is `dead` (the dead-letter list,
 * read through the API and sent again on request). `cancelled`: its webhook or address
 * was removed before it went out. society_id (the event's society) leads every key and
 * index (the Citus distribution column).
 */
export class CreateNotificationDeliveries1765100600200 implements MigrationInterface {
  name = 'CreateNotificationDeliveries1765100600200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_deliveries (
        society_id      uuid NOT NULL,
        id              uuid NOT NULL DEFAULT gen_random_uuid(),
        event_id        uuid NOT NULL,
        channel         text NOT NULL CHECK (channel IN ('webhook', 'email')),
        target_id       uuid NOT NULL,
        owner_kind      text NOT NULL,
        owner_id        uuid NOT NULL,
        status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead', 'cancelled')),
        attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        last_status     integer,
        last_error      text CHECK (length(last_error) <= 2000),
        delivered_at    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, event_id, channel, target_id),
        FOREIGN KEY (society_id, event_id) REFERENCES notification_events (society_id, id)
      )`);
    await q.query(`CREATE INDEX notification_deliveries_due ON notification_deliveries (society_id, next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX notification_deliveries_by_owner ON notification_deliveries (society_id, owner_kind, owner_id, status, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_deliveries_by_owner`);
    await q.query(`DROP INDEX notification_deliveries_due`);
    await q.query(`DROP TABLE notification_deliveries`);
  }
}
