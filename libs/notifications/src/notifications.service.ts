import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/src/index.js';
import { decodeCursor, encodeCursor, invalidCursor, type Page, toPage, UUID_KEY } from '../../database/src/index.js';
import { DomainError, type InputProblem } from '../../errors/src/index.js';
import { type EventType, type Recipient, ROLE_WIDE_ID, titleOf } from './events.js';
import { explainEmail, explainEvents, explainSecret, explainWebhookUrl } from './input.js';
import { type DeliveryView, type EmailSubscriptionView, type InboxItem, NotificationsRepository, type WebhookView } from './notifications.repository.js';
import { DeliveriesService } from './deliveries.service.js';

/** The principal whose inbox, webhooks and e-mail subscriptions a credential reaches. */
export function recipientOf(p: Principal): Recipient {
  if (p.role === 'society' && p.societyId) return { kind: 'society', id: p.societyId };
  if (p.role === 'rights-holder' && p.rightsHolderId) return { kind: 'rights-holder', id: p.rightsHolderId };
  if (p.role === 'regulator') return { kind: 'regulator', id: ROLE_WIDE_ID };
  if (p.role === 'admin') return { kind: 'admin', id: ROLE_WIDE_ID };
  throw DomainError.forbidden(`A ${p.role} credential without its tenant has no inbox`);
}

export interface Notification extends InboxItem {
  title: string;
}

export interface WebhookInput {
  url: unknown;
  events: unknown;
  secret: unknown;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead', 'cancelled'] as const;

/** An inbox key: JSON of [occurredAt, id]. */
const INBOX_KEY = /^\["\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z","[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"\]$/;

const withTitle = (n: InboxItem): Notification => ({ ...n, title: titleOf(n.type, n.data) });

/**
 * Each principal's notifications: its inbox (newest first, marked read), its webhooks
 * and e-mail subscriptions (what it registers, never another's), and its deliveries
 * with the dead-letter list. Another principal's notification, webhook or delivery is
 * a 404, as if it did not exist.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly deliveries: DeliveriesService,
  ) {}

  async inbox(p: Principal, q: { unread?: boolean; limit: number; cursor?: string }): Promise<Page<Notification> & { unread: number }> {
    const r = recipientOf(p);
    const key = decodeCursor(q.cursor, INBOX_KEY);
    let after: { at: string; id: string } | null = null;
    if (key !== null) {
      const [at, id] = JSON.parse(key) as [string, string];
      if (Number.isNaN(Date.parse(at)) || new Date(at).toISOString() !== at) throw invalidCursor();
      after = { at, id };
    }
    const rows = await this.repo.inbox(r, q.unread ?? false, after, q.limit + 1);
    const items = rows.slice(0, q.limit).map(withTitle);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit ? encodeCursor(JSON.stringify([last.at, last.id])) : null, unread: await this.repo.unreadCount(r) };
  }

  async markRead(p: Principal, id: string): Promise<Notification> {
    const r = recipientOf(p);
    if (!(await this.repo.markRead(r, id))) throw DomainError.notFound('Notification', id);
    return withTitle((await this.repo.inboxItem(r, id))!);
  }

  async markAllRead(p: Principal): Promise<{ marked: number; unread: number }> {
    const r = recipientOf(p);
    const marked = await this.repo.markAllRead(r);
    return { marked, unread: await this.repo.unreadCount(r) };
  }

  async createWebhook(p: Principal, input: WebhookInput): Promise<WebhookView> {
    const problems: InputProblem[] = [];
    const url = explainWebhookUrl(input.url);
    if (url) problems.push({ field: 'url', message: url });
    const events = explainEvents(input.events);
    if (events) problems.push({ field: 'events', message: events });
    const secret = explainSecret(input.secret);
    if (secret) problems.push({ field: 'secret', message: secret });
    if (problems.length > 0) throw DomainError.validation('The webhook is invalid', problems);
    return this.repo.insertWebhook(recipientOf(p), { url: input.url as string, events: input.events as EventType[], secret: input.secret as string, createdBy: `${p.role}: ${p.label}` });
  }

  async webhooks(p: Principal, limit: number, cursor?: string): Promise<Page<WebhookView>> {
    const after = decodeCursor(cursor, UUID_KEY);
    return toPage(await this.repo.webhooks(recipientOf(p), after, limit + 1), limit, (w) => w.id);
  }

  async webhook(p: Principal, id: string): Promise<WebhookView> {
    const found = await this.repo.webhook(recipientOf(p), id);
    if (!found) throw DomainError.notFound('Webhook', id);
    return found;
  }

  async deleteWebhook(p: Principal, id: string): Promise<void> {
    if (!(await this.repo.removeTarget(recipientOf(p), 'webhooks', id))) throw DomainError.notFound('Webhook', id);
  }

  async createEmailSubscription(p: Principal, input: { address: unknown; events: unknown }): Promise<EmailSubscriptionView> {
    const problems: InputProblem[] = [];
    const address = explainEmail(input.address);
    if (address) problems.push({ field: 'address', message: address });
    const events = explainEvents(input.events);
    if (events) problems.push({ field: 'events', message: events });
    if (problems.length > 0) throw DomainError.validation('The e-mail subscription is invalid', problems);
    return this.repo.insertEmailSubscription(recipientOf(p), { address: input.address as string, events: input.events as EventType[], createdBy: `${p.role}: ${p.label}` });
  }

  async emailSubscriptions(p: Principal, limit: number, cursor?: string): Promise<Page<EmailSubscriptionView>> {
    const after = decodeCursor(cursor, UUID_KEY);
    return toPage(await this.repo.emailSubscriptions(recipientOf(p), after, limit + 1), limit, (s) => s.id);
  }

  async deleteEmailSubscription(p: Principal, id: string): Promise<void> {
    if (!(await this.repo.removeTarget(recipientOf(p), 'email_subscriptions', id))) throw DomainError.notFound('E-mail subscription', id);
  }

  /** The principal's deliveries (of one status: `dead` is the dead-letter list), of one webhook when given. */
  async deliveriesOf(p: Principal, q: { status?: string; webhookId?: string; limit: number; cursor?: string }): Promise<Page<DeliveryView>> {
    const r = recipientOf(p);
    if (q.webhookId !== undefined && !(await this.repo.webhook(r, q.webhookId))) throw DomainError.notFound('Webhook', q.webhookId);
    const after = decodeCursor(q.cursor, UUID_KEY);
    return toPage(await this.repo.deliveries(r, q.status ?? null, q.webhookId ?? null, after, q.limit + 1), q.limit, (d) => d.id);
  }

  /** Sends a dead delivery again (its attempts start over). 404 when it is not one of the principal's; 409 when it is not dead. */
  async redeliver(p: Principal, id: string): Promise<DeliveryView> {
    const r = recipientOf(p);
    const found = await this.repo.delivery(r, id);
    if (!found) throw DomainError.notFound('Delivery', id);
    const again = await this.repo.redeliver(r, id);
    if (!again) throw DomainError.conflict(`Delivery ${id} is ${found.status}${found.status === 'dead' ? ' to a removed target' : ''}: only a dead delivery to a live target is sent again`, { deliveryStatus: found.status });
    await this.deliveries.poll();
    return (await this.repo.delivery(r, id))!;
  }
}
