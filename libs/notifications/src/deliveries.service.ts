import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/src/index.js';
import { JobQueue } from '../../jobs/src/index.js';
import { isPackageType, PACKAGES } from '../../package-catalogue/src/index.js';
import { retryDelayMs } from './backoff.js';
import type { NewEvent } from './events.js';
import { type DeliveryJobPayload, type FanOutJobPayload, NOTIFY_DELIVERY_JOB, NOTIFY_FANOUT_JOB } from './notifications.jobs.js';
import { type EventRow, NotificationsRepository, type Sql } from './notifications.repository.js';
import { Notifier, type RaisedEvent } from './notifier.service.js';
import { MailSender, type SendOutcome, WebhookSender, deliveryBody } from './senders.js';

/** Changed lines listed in one line.changed event (the count says how many there are in all). */
export const CHANGED_LINES_SAMPLE = 20;

/** Events and deliveries the poll queues at most per round. */
const POLL_BATCH = 500;

/**
 * The queue side of notifications: the fan-out of an event (inbox rows, deliveries to
 * the webhooks and e-mail addresses of its recipients that take it), one attempt at a
 * delivery with its retry or dead letter, and the poll that queues what is due.
 */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly db: DataSource,
    private readonly repo: NotificationsRepository,
    private readonly notifier: Notifier,
    private readonly queue: JobQueue,
    private readonly webhooks: WebhookSender,
    private readonly mail: MailSender,
    private readonly config: AppConfig,
  ) {}

  /**
   * Fans an event out, once (the event row is locked and marked in the same
   * transaction). A committed correction (`submission.committed` with `supersedes`) of a
   * type whose lines are holders' (`holderColumn` in its definition: distribution lines)
   * also raises `line.changed` for each rights holder whose lines it changed.
   */
  async fanOut(societyId: string, eventId: string): Promise<void> {
    const derived: (RaisedEvent | null)[] = [];
    const deliveries = await this.db.transaction(async (m) => {
      const event = await this.repo.lockUnfannedEvent(m, societyId, eventId);
      if (!event) return [];
      if (event.type === 'submission.committed') derived.push(...(await this.raiseLineChanges(m, event)));
      return this.repo.fanOut(m, event, this.mail.enabled);
    });
    await this.notifier.dispatch(...derived);
    for (const d of deliveries) await this.enqueueDelivery(d.societyId, d.id, `delivery-${d.id}-0`);
  }

  private async raiseLineChanges(m: Sql, event: EventRow): Promise<(RaisedEvent | null)[]> {
    const data = event.data as { submissionId?: string; supersedes?: string | null; type?: string; period?: string };
    // A type whose lines are holders' lines (its definition names the holder column: distribution-lines).
    if (!isPackageType(data.type) || !PACKAGES[data.type].holderColumn || !data.supersedes || !data.submissionId) return [];
    const holders = await this.repo.changedHolders(m, data.type, event.societyId, data.submissionId, data.supersedes, CHANGED_LINES_SAMPLE);
    const raised: (RaisedEvent | null)[] = [];
    for (const h of holders) {
      const e: NewEvent = {
        type: 'line.changed',
        societyId: event.societyId,
        key: `line.changed:${data.submissionId}:${h.rightsHolderId}`,
        at: event.at,
        data: { submissionId: data.submissionId, supersedes: data.supersedes, period: data.period, rightsHolderId: h.rightsHolderId, changedLines: h.changedLines, lines: h.lines },
        to: { rightsHolders: [h.rightsHolderId] },
      };
      raised.push(await this.notifier.raise(m, e));
    }
    return raised;
  }

  /**
   * One attempt at a delivery, if it is still pending and due (the row stays locked
   * while it is sent, so two workers never send it twice at once). A failure is tried
   * again after an exponential backoff (NOTIFY_RETRY_MS, doubled each time); after
   * NOTIFY_MAX_ATTEMPTS attempts it is dead (the dead-letter list). Never throws for a
   * failed send: the outcome is recorded.
   */
  async deliver(societyId: string, deliveryId: string): Promise<void> {
    let retry: number | null = null;
    let attemptsAfter = 0;
    await this.db.transaction(async (m) => {
      const d = await this.repo.lockDue(m, societyId, deliveryId);
      if (!d) return;
      if ((d.channel === 'webhook' && (d.url === null || d.secret === null)) || (d.channel === 'email' && d.address === null)) {
        await this.repo.recordAttempt(m, societyId, deliveryId, { status: 'cancelled', httpStatus: null, error: 'its target was removed', retryInMs: null });
        return;
      }
      const event = { eventId: d.eventId, type: d.type, at: d.at, data: d.data };
      let outcome: SendOutcome;
      if (d.channel === 'webhook') outcome = await this.webhooks.send(d.url!, d.secret!, deliveryBody(event), { event: d.type, delivery: d.id });
      else if (!this.mail.enabled) outcome = { ok: false, status: null, error: 'SMTP_URL is not set in this process' };
      else outcome = await this.mail.send(d.address!, event, d.id);
      attemptsAfter = d.attempts + 1;
      if (outcome.ok) {
        await this.repo.recordAttempt(m, societyId, deliveryId, { status: 'delivered', httpStatus: outcome.status, error: null, retryInMs: null });
        return;
      }
      const dead = attemptsAfter >= this.config.NOTIFY_MAX_ATTEMPTS;
      retry = dead ? null : retryDelayMs(attemptsAfter, this.config.NOTIFY_RETRY_MS);
      await this.repo.recordAttempt(m, societyId, deliveryId, { status: dead ? 'dead' : 'pending', httpStatus: outcome.status, error: outcome.error, retryInMs: retry });
      if (dead) this.logger.warn(`delivery ${deliveryId} (${d.type} by ${d.channel}) is dead after ${attemptsAfter} attempts: ${outcome.error}`);
    });
    // A short wait is kept in this process; a long one is left to the poll (which also survives a restart).
    if (retry !== null && retry <= this.config.NOTIFY_POLL_MS) {
      const timer = setTimeout(() => void this.enqueueDelivery(societyId, deliveryId, `delivery-${deliveryId}-${attemptsAfter}`), retry + 5);
      timer.unref();
    }
  }

  /** Queues the fan-out of events not fanned out yet and every delivery whose time has come. Returns how many of each. */
  async poll(): Promise<{ events: number; deliveries: number }> {
    const round = Math.floor(Date.now() / 60_000);
    const events = await this.repo.unfannedEvents(POLL_BATCH);
    for (const e of events) {
      await this.queue.enqueue(NOTIFY_FANOUT_JOB, { societyId: e.societyId, eventId: e.id } satisfies FanOutJobPayload, { jobId: `fanout-${e.id}-r${round}`, attempts: 1, tenant: e.societyId });
    }
    const due = await this.repo.dueDeliveries(POLL_BATCH);
    for (const d of due) await this.enqueueDelivery(d.societyId, d.id, `delivery-${d.id}-${d.attempts}-r${round}`);
    return { events: events.length, deliveries: due.length };
  }

  private async enqueueDelivery(societyId: string, deliveryId: string, jobId: string): Promise<void> {
    await this.queue
      .enqueue(NOTIFY_DELIVERY_JOB, { societyId, deliveryId } satisfies DeliveryJobPayload, { jobId, attempts: 1, tenant: societyId })
      .catch((e: Error) => this.logger.warn(`delivery ${deliveryId} not queued (the poll will): ${e.message}`));
  }
}
