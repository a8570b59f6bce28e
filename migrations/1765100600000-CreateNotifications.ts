import type { MigrationInterface, QueryRunner } from 'typeorm';

const EVENT_TYPES = [
  'submission.committed',
  'submission.rejected',
  'audit.finished',
  'claim.updated',
  'mandate.requested',
  'mandate.answered',
  'notice.effective-soon',
  'deadline.approaching',
  'deadline.missed',
  'money.overdue',
  'line.changed',
];
const RECIPIENT_KINDS = ['society', 'rights-holder', 'regulator', 'admin'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Notifications (issue 17 item 5): the events the ledger raises and each principal's
 * inbox.
 * - `notification_events`: one row per event, about one society (every event is:
 *   a package, an audit, a claim, a mandate, a deadline of that society). `key` is its
 *   idempotency key: raising the same fact twice (a retried job, the daily job run
 *   twice) finds the row already there. `recipients` lists who is told; the fan-out
 *   job writes their inbox rows and deliveries, then sets `fanned_out_at`.
 * - `notifications`: the inbox, one row per event and recipient (unique: an event
 *   reaches a recipient's inbox once). A recipient is a principal: a society, a rights
 *   holder, or every regulator (every admin) together, whose id is the nil UUID.
 * society_id leads every key and index (the Citus distribution column).
 */
export class CreateNotifications1765100600000 implements MigrationInterface {
  name = 'CreateNotifications1765100600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_events (
        society_id    uuid NOT NULL REFERENCES societies (id),
        id            uuid NOT NULL DEFAULT gen_random_uuid(),
        type          text NOT NULL CHECK (type IN (${list(EVENT_TYPES)})),
        key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 400),
        occurred_at   timestamptz NOT NULL,
        data          jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
        recipients    jsonb NOT NULL CHECK (jsonb_typeof(recipients) = 'array'),
        created_at    timestamptz NOT NULL DEFAULT now(),
        fanned_out_at timestamptz,
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, key)
      )`);
    await q.query(`CREATE INDEX notification_events_to_fan_out ON notification_events (society_id, created_at) WHERE fanned_out_at IS NULL`);
    await q.query(`
      CREATE TABLE notifications (
        society_id     uuid NOT NULL,
        id             uuid NOT NULL DEFAULT gen_random_uuid(),
        event_id       uuid NOT NULL,
        recipient_kind text NOT NULL CHECK (recipient_kind IN (${list(RECIPIENT_KINDS)})),
        recipient_id   uuid NOT NULL,
        type           text NOT NULL,
        occurred_at    timestamptz NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        read_at        timestamptz,
        PRIMARY KEY (society_id, id),
        UNIQUE (society_id, event_id, recipient_kind, recipient_id),
        FOREIGN KEY (society_id, event_id) REFERENCES notification_events (society_id, id)
      )`);
    await q.query(`CREATE INDEX notifications_by_recipient ON notifications (society_id, recipient_kind, recipient_id, occurred_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_by_recipient`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP INDEX notification_events_to_fan_out`);
    await q.query(`DROP TABLE notification_events`);
  }
}
