import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { changedFieldsJsonSql, linesDifferSql, PACKAGES, type PackageType } from '../../package-catalogue/src/index.js';
import type { EventType, Recipient, RecipientKind } from './events.js';

/** Anything that runs SQL: the DataSource, or the EntityManager of a caller's transaction. */
export type Sql = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

const ts = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface InboxItem {
  id: string;
  eventId: string;
  type: EventType;
  societyId: string;
  societyName: string;
  at: string;
  readAt: string | null;
  data: Record<string, unknown>;
}

export interface WebhookView {
  id: string;
  url: string;
  events: EventType[];
  createdAt: string;
  createdBy: string;
}

export interface EmailSubscriptionView {
  id: string;
  address: string;
  events: EventType[];
  createdAt: string;
  createdBy: string;
}

export interface DeliveryView {
  id: string;
  societyId: string;
  eventId: string;
  event: EventType;
  channel: 'webhook' | 'email';
  targetId: string;
  status: 'pending' | 'delivered' | 'dead' | 'cancelled';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** A delivery due now, locked for one attempt, with what sending it needs. */
export interface DueDelivery {
  societyId: string;
  id: string;
  channel: 'webhook' | 'email';
  attempts: number;
  eventId: string;
  type: EventType;
  at: string;
  data: Record<string, unknown>;
  /** The webhook's URL and secret, or the address; null when the target was removed. */
  url: string | null;
  secret: string | null;
  address: string | null;
}

export interface EventRow {
  societyId: string;
  id: string;
  type: EventType;
  key: string;
  at: string;
  data: Record<string, unknown>;
  recipients: Recipient[];
}

const DELIVERY_VIEW = `d.id, d.society_id AS "societyId", d.event_id AS "eventId", e.type AS event, d.channel, d.target_id AS "targetId", d.status, d.attempts,
  CASE WHEN d.status = 'pending' THEN ${ts('d.next_attempt_at')} END AS "nextAttemptAt", ${ts('d.last_attempt_at')} AS "lastAttemptAt",
  d.last_status AS "lastStatus", d.last_error AS "lastError", ${ts('d.delivered_at')} AS "deliveredAt", ${ts('d.created_at')} AS "createdAt"`;

/** Every SQL statement about notification events, inboxes, subscriptions and deliveries. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  // ---- events ----

  /** Records an event unless its key is known for the society; its id, or null when it was. */
  async insertEvent(sql: Sql, e: { societyId: string; type: EventType; key: string; at: string | null; data: Record<string, unknown>; recipients: Recipient[] }): Promise<string | null> {
    const rows: { id: string }[] = await sql.query(
      `INSERT INTO notification_events (society_id, type, key, occurred_at, data, recipients)
       VALUES ($1, $2, $3, COALESCE($4::timestamptz, now()), $5::jsonb, $6::jsonb)
       ON CONFLICT (society_id, key) DO NOTHING RETURNING id`,
      [e.societyId, e.type, e.key, e.at, JSON.stringify(e.data), JSON.stringify(e.recipients)],
    );
    return rows[0]?.id ?? null;
  }

  /** The event, locked, while it is not fanned out yet. */
  async lockUnfannedEvent(sql: Sql, societyId: string, id: string): Promise<EventRow | undefined> {
    const rows: EventRow[] = await sql.query(
      `SELECT society_id AS "societyId", id, type, key, ${ts('occurred_at')} AS at, data, recipients
       FROM notification_events WHERE society_id = $1 AND id = $2 AND fanned_out_at IS NULL FOR UPDATE SKIP LOCKED`,
      [societyId, id],
    );
    return rows[0];
  }

  /**
   * Writes the event's inbox rows and its deliveries to every live webhook (and, with
   * `email`, every e-mail subscription) of its recipients that takes its type, each
   * once; marks it fanned out. Returns the deliveries created.
   */
  async fanOut(sql: Sql, e: EventRow, email: boolean): Promise<{ societyId: string; id: string }[]> {
    await sql.query(
      `INSERT INTO notifications (society_id, event_id, recipient_kind, recipient_id, type, occurred_at)
       SELECT e.society_id, e.id, r.kind, r.id, e.type, e.occurred_at
       FROM notification_events e CROSS JOIN jsonb_to_recordset(e.recipients) AS r(kind text, id uuid)
       WHERE e.society_id = $1 AND e.id = $2
       ON CONFLICT (society_id, event_id, recipient_kind, recipient_id) DO NOTHING`,
      [e.societyId, e.id],
    );
    const deliveries: { societyId: string; id: string }[] = await sql.query(
      `WITH r AS (SELECT kind, id FROM jsonb_to_recordset($3::jsonb) AS r(kind text, id uuid)),
       targets AS (
         SELECT 'webhook' AS channel, w.id, w.owner_kind, w.owner_id FROM r JOIN webhooks w ON w.owner_kind = r.kind AND w.owner_id = r.id
         WHERE w.deleted_at IS NULL AND $4::text = ANY(w.events)
         UNION ALL
         SELECT 'email', s.id, s.owner_kind, s.owner_id FROM r JOIN email_subscriptions s ON s.owner_kind = r.kind AND s.owner_id = r.id
         WHERE $5::boolean AND s.deleted_at IS NULL AND $4::text = ANY(s.events)
       )
       INSERT INTO notification_deliveries (society_id, event_id, channel, target_id, owner_kind, owner_id)
       SELECT $1, $2, channel, id, owner_kind, owner_id FROM targets
       ON CONFLICT (society_id, event_id, channel, target_id) DO NOTHING
       RETURNING society_id AS "societyId", id`,
      [e.societyId, e.id, JSON.stringify(e.recipients), e.type, email],
    );
    await sql.query(`UPDATE notification_events SET fanned_out_at = now() WHERE society_id = $1 AND id = $2`, [e.societyId, e.id]);
    return deliveries;
  }

  /** Events raised but not fanned out yet (a crash, or raised in a transaction whose kick did not come). */
  unfannedEvents(limit: number): Promise<{ societyId: string; id: string }[]> {
    return this.db.query(
      `SELECT society_id AS "societyId", id FROM notification_events WHERE fanned_out_at IS NULL ORDER BY created_at LIMIT $1`,
      [limit],
    );
  }

  /**
   * The rights holders whose lines a correction changed (a type with a `holderColumn`:
   * distribution lines): lines of the new submission and the one it superseded, matched
   * by the type's id column; a line added, removed, or changed counts for its holder
   * (both holders, when the holder changed). "Changed" is
   * the package diff's definition, read from the catalogue (changeColumns: every column
   * of the type but its id, compared by leaf value; work_type and recording_isrc too).
   * With up to `sample` changed lines each (the line id and each changed field's from and
   * to, as the diff names and writes them: amounts as the leaf's decimal strings).
   */
  changedHolders(sql: Sql, type: PackageType, societyId: string, submissionId: string, previousId: string, sample: number): Promise<{ rightsHolderId: string; changedLines: number; lines: { lineId: string; change: string; fields: Record<string, { from: string | null; to: string | null }> }[] }[]> {
    const { table, idColumn: id, holderColumn: holder } = PACKAGES[type];
    if (!id || !holder) throw new Error(`${type} lines have no id or no holder to tell`);
    return sql.query(
      `WITH n AS (SELECT * FROM ${table} WHERE society_id = $1 AND submission_id = $2),
            o AS (SELECT * FROM ${table} WHERE society_id = $1 AND submission_id = $3),
            changed AS (
              SELECT COALESCE(n.${id}, o.${id}) AS line_id, n.${holder} AS new_holder, o.${holder} AS old_holder,
                     CASE WHEN o.${id} IS NULL THEN 'added' WHEN n.${id} IS NULL THEN 'removed' ELSE 'changed' END AS change,
                     CASE WHEN o.${id} IS NULL OR n.${id} IS NULL THEN '{}'::jsonb ELSE (${changedFieldsJsonSql(type, 'o', 'n')})::jsonb END AS fields
              FROM n FULL JOIN o ON o.${id} = n.${id}
              WHERE ${linesDifferSql('o', 'n')}
            ),
            per_holder AS (
              SELECT new_holder AS holder, line_id, change, fields FROM changed WHERE new_holder IS NOT NULL
              UNION
              SELECT old_holder, line_id, change, fields FROM changed WHERE old_holder IS NOT NULL
            ),
            ranked AS (SELECT *, row_number() OVER (PARTITION BY holder ORDER BY line_id) AS k, count(*) OVER (PARTITION BY holder) AS total FROM per_holder)
       SELECT holder AS "rightsHolderId", max(total)::int AS "changedLines",
              COALESCE(jsonb_agg(jsonb_build_object('lineId', line_id, 'change', change, 'fields', fields) ORDER BY line_id) FILTER (WHERE k <= $4), '[]') AS lines
       FROM ranked GROUP BY holder ORDER BY holder`,
      [societyId, submissionId, previousId, sample],
    );
  }

  // ---- inbox ----

  /** A recipient's inbox, newest first, after the (occurredAt, id) key `after`; unread only with `unread`. */
  inbox(r: Recipient, unread: boolean, after: { at: string; id: string } | null, limit: number): Promise<InboxItem[]> {
    return this.db.query(
      `SELECT n.id, n.event_id AS "eventId", n.type, n.society_id AS "societyId", s.name AS "societyName", ${ts('n.occurred_at')} AS at, ${ts('n.read_at')} AS "readAt", e.data
       FROM notifications n JOIN notification_events e ON e.society_id = n.society_id AND e.id = n.event_id JOIN societies s ON s.id = n.society_id
       WHERE n.recipient_kind = $1 AND n.recipient_id = $2 AND (NOT $3::boolean OR n.read_at IS NULL)
         AND ($4::timestamptz IS NULL OR (n.occurred_at, n.id) < ($4::timestamptz, $5::uuid))
       ORDER BY n.occurred_at DESC, n.id DESC LIMIT $6`,
      [r.kind, r.id, unread, after?.at ?? null, after?.id ?? null, limit],
    );
  }

  async unreadCount(r: Recipient): Promise<number> {
    const rows: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient_kind = $1 AND recipient_id = $2 AND read_at IS NULL`,
      [r.kind, r.id],
    );
    return rows[0].n;
  }

  /** Marks one of the recipient's notifications read (once: the first reading is kept); false when it is not theirs. */
  async markRead(r: Recipient, id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH u AS (UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE recipient_kind = $1 AND recipient_id = $2 AND id = $3 RETURNING id) SELECT id FROM u`,
      [r.kind, r.id, id],
    );
    return rows.length > 0;
  }

  async markAllRead(r: Recipient): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `WITH u AS (UPDATE notifications SET read_at = now() WHERE recipient_kind = $1 AND recipient_id = $2 AND read_at IS NULL RETURNING id) SELECT id FROM u`,
      [r.kind, r.id],
    );
    return rows.length;
  }

  async inboxItem(r: Recipient, id: string): Promise<InboxItem | undefined> {
    const rows: InboxItem[] = await this.db.query(
      `SELECT n.id, n.event_id AS "eventId", n.type, n.society_id AS "societyId", s.name AS "societyName", ${ts('n.occurred_at')} AS at, ${ts('n.read_at')} AS "readAt", e.data
       FROM notifications n JOIN notification_events e ON e.society_id = n.society_id AND e.id = n.event_id JOIN societies s ON s.id = n.society_id
       WHERE n.recipient_kind = $1 AND n.recipient_id = $2 AND n.id = $3`,
      [r.kind, r.id, id],
    );
    return rows[0];
  }

  // ---- webhooks and e-mail subscriptions ----

  async insertWebhook(owner: Recipient, w: { url: string; events: string[]; secret: string; createdBy: string }): Promise<WebhookView> {
    const rows: WebhookView[] = await this.db.query(
      `INSERT INTO webhooks (owner_kind, owner_id, url, events, secret, created_by) VALUES ($1, $2, $3, $4::text[], $5, $6)
       RETURNING id, url, events, ${ts('created_at')} AS "createdAt", created_by AS "createdBy"`,
      [owner.kind, owner.id, w.url, w.events, w.secret, w.createdBy],
    );
    return rows[0];
  }

  webhooks(owner: Recipient, after: string | null, limit: number): Promise<WebhookView[]> {
    return this.db.query(
      `SELECT id, url, events, ${ts('created_at')} AS "createdAt", created_by AS "createdBy" FROM webhooks
       WHERE owner_kind = $1 AND owner_id = $2 AND deleted_at IS NULL AND ($3::uuid IS NULL OR id > $3::uuid) ORDER BY id LIMIT $4`,
      [owner.kind, owner.id, after, limit],
    );
  }

  async webhook(owner: Recipient, id: string): Promise<WebhookView | undefined> {
    const rows: WebhookView[] = await this.db.query(
      `SELECT id, url, events, ${ts('created_at')} AS "createdAt", created_by AS "createdBy" FROM webhooks
       WHERE owner_kind = $1 AND owner_id = $2 AND id = $3 AND deleted_at IS NULL`,
      [owner.kind, owner.id, id],
    );
    return rows[0];
  }

  /** Removes a webhook (or an e-mail subscription): its pending deliveries are cancelled. False when it is not the owner's. */
  async removeTarget(owner: Recipient, table: 'webhooks' | 'email_subscriptions', id: string): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const rows: unknown[] = await m.query(
        `WITH u AS (UPDATE ${table} SET deleted_at = now() WHERE owner_kind = $1 AND owner_id = $2 AND id = $3 AND deleted_at IS NULL RETURNING id) SELECT id FROM u`,
        [owner.kind, owner.id, id],
      );
      if (rows.length === 0) return false;
      await m.query(
        `UPDATE notification_deliveries SET status = 'cancelled', last_error = 'its target was removed'
         WHERE owner_kind = $1 AND owner_id = $2 AND target_id = $3 AND status = 'pending'`,
        [owner.kind, owner.id, id],
      );
      return true;
    });
  }

  async insertEmailSubscription(owner: Recipient, s: { address: string; events: string[]; createdBy: string }): Promise<EmailSubscriptionView> {
    const rows: EmailSubscriptionView[] = await this.db.query(
      `INSERT INTO email_subscriptions (owner_kind, owner_id, address, events, created_by) VALUES ($1, $2, $3, $4::text[], $5)
       RETURNING id, address, events, ${ts('created_at')} AS "createdAt", created_by AS "createdBy"`,
      [owner.kind, owner.id, s.address, s.events, s.createdBy],
    );
    return rows[0];
  }

  emailSubscriptions(owner: Recipient, after: string | null, limit: number): Promise<EmailSubscriptionView[]> {
    return this.db.query(
      `SELECT id, address, events, ${ts('created_at')} AS "createdAt", created_by AS "createdBy" FROM email_subscriptions
       WHERE owner_kind = $1 AND owner_id = $2 AND deleted_at IS NULL AND ($3::uuid IS NULL OR id > $3::uuid) ORDER BY id LIMIT $4`,
      [owner.kind, owner.id, after, limit],
    );
  }

  // ---- deliveries ----

  /** The owner's deliveries of one status (`dead`: the dead-letter list), of one target if given, by id. */
  deliveries(owner: Recipient, status: string | null, targetId: string | null, after: string | null, limit: number): Promise<DeliveryView[]> {
    return this.db.query(
      `SELECT ${DELIVERY_VIEW}
       FROM notification_deliveries d JOIN notification_events e ON e.society_id = d.society_id AND e.id = d.event_id
       WHERE d.owner_kind = $1 AND d.owner_id = $2 AND ($3::text IS NULL OR d.status = $3::text) AND ($4::uuid IS NULL OR d.target_id = $4::uuid)
         AND ($5::uuid IS NULL OR d.id > $5::uuid)
       ORDER BY d.id LIMIT $6`,
      [owner.kind, owner.id, status, targetId, after, limit],
    );
  }

  /** Puts one of the owner's dead deliveries back on the queue (attempts start over); undefined when it is not a dead one of theirs. */
  async redeliver(owner: Recipient, id: string): Promise<{ societyId: string; id: string } | undefined> {
    const rows: { societyId: string; id: string }[] = await this.db.query(
      `WITH u AS (
         UPDATE notification_deliveries d SET status = 'pending', attempts = 0, next_attempt_at = now()
         WHERE d.owner_kind = $1 AND d.owner_id = $2 AND d.id = $3 AND d.status = 'dead'
           AND NOT EXISTS (SELECT 1 FROM webhooks w WHERE d.channel = 'webhook' AND w.id = d.target_id AND w.deleted_at IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM email_subscriptions s WHERE d.channel = 'email' AND s.id = d.target_id AND s.deleted_at IS NOT NULL)
         RETURNING d.society_id, d.id
       ) SELECT society_id AS "societyId", id FROM u`,
      [owner.kind, owner.id, id],
    );
    return rows[0];
  }

  async delivery(owner: Recipient, id: string): Promise<DeliveryView | undefined> {
    const rows: DeliveryView[] = await this.db.query(
      `SELECT ${DELIVERY_VIEW} FROM notification_deliveries d JOIN notification_events e ON e.society_id = d.society_id AND e.id = d.event_id
       WHERE d.owner_kind = $1 AND d.owner_id = $2 AND d.id = $3`,
      [owner.kind, owner.id, id],
    );
    return rows[0];
  }

  /** Pending deliveries whose time has come, oldest first. */
  dueDeliveries(limit: number): Promise<{ societyId: string; id: string; attempts: number }[]> {
    return this.db.query(
      `SELECT society_id AS "societyId", id, attempts FROM notification_deliveries
       WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1`,
      [limit],
    );
  }

  /** The delivery, locked for this attempt, if it is pending and due (another worker's attempt skips it). */
  async lockDue(sql: Sql, societyId: string, id: string): Promise<DueDelivery | undefined> {
    const rows: DueDelivery[] = await sql.query(
      `SELECT d.society_id AS "societyId", d.id, d.channel, d.attempts, e.id AS "eventId", e.type, ${ts('e.occurred_at')} AS at, e.data,
              w.url, w.secret, s.address
       FROM notification_deliveries d
       JOIN notification_events e ON e.society_id = d.society_id AND e.id = d.event_id
       LEFT JOIN webhooks w ON d.channel = 'webhook' AND w.id = d.target_id AND w.deleted_at IS NULL
       LEFT JOIN email_subscriptions s ON d.channel = 'email' AND s.id = d.target_id AND s.deleted_at IS NULL
       WHERE d.society_id = $1 AND d.id = $2 AND d.status = 'pending' AND d.next_attempt_at <= now()
       FOR UPDATE OF d SKIP LOCKED`,
      [societyId, id],
    );
    return rows[0];
  }

  async recordAttempt(
    sql: Sql,
    societyId: string,
    id: string,
    outcome: { status: 'delivered' | 'pending' | 'dead' | 'cancelled'; httpStatus: number | null; error: string | null; retryInMs: number | null },
  ): Promise<void> {
    await sql.query(
      `UPDATE notification_deliveries SET status = $3, attempts = attempts + CASE WHEN $3 = 'cancelled' THEN 0 ELSE 1 END, last_attempt_at = now(),
              last_status = $4, last_error = $5,
              next_attempt_at = CASE WHEN $6::bigint IS NULL THEN next_attempt_at ELSE now() + make_interval(secs => $6::bigint / 1000.0) END,
              delivered_at = CASE WHEN $3 = 'delivered' THEN now() END
       WHERE society_id = $1 AND id = $2`,
      [societyId, id, outcome.status, outcome.httpStatus, outcome.error === null ? null : outcome.error.slice(0, 2000), outcome.retryInMs],
    );
  }

  // ---- the daily run ----

  /** Whether the due-events job has run (or is running) for `day`. */
  async dueRunStarted(day: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM due_event_runs WHERE day = $1`, [day]);
    return rows.length > 0;
  }

  /** Records the start of a day's run; false when it was started before. */
  async startDueRun(day: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`WITH i AS (INSERT INTO due_event_runs (day) VALUES ($1) ON CONFLICT (day) DO NOTHING RETURNING day) SELECT day FROM i`, [day]);
    return rows.length > 0;
  }

  async finishDueRun(day: string, raised: number): Promise<void> {
    await this.db.query(`UPDATE due_event_runs SET finished_at = now(), raised = $2 WHERE day = $1`, [day, raised]);
  }

  /** Forgets a day's run that did not finish (its job failed), so that it is started again. */
  async forgetUnfinishedRun(day: string): Promise<void> {
    await this.db.query(`DELETE FROM due_event_runs WHERE day = $1 AND finished_at IS NULL`, [day]);
  }
}

export type { RecipientKind };
