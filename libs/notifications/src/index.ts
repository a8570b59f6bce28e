/**
 * Notifications (issue 17 item 5): events raised where they happen, each principal's
 * inbox, webhooks signed with HMAC-SHA256 and e-mail (SMTP_URL), delivered by the job
 * queue with retries, exponential backoff and a dead-letter list. The vocabulary,
 * signature, backoff and input checks are plain TypeScript; the services are NestJS.
 */
export { NotificationsModule } from './notifications.module.js';
export { Notifier } from './notifier.service.js';
export type { RaisedEvent } from './notifier.service.js';
export { DeliveriesService, CHANGED_LINES_SAMPLE } from './deliveries.service.js';
export { NotificationsService, DELIVERY_STATUSES, recipientOf } from './notifications.service.js';
export type { Notification, WebhookInput } from './notifications.service.js';
export { NotificationsRepository } from './notifications.repository.js';
export type { DeliveryView, EmailSubscriptionView, InboxItem, Sql, WebhookView } from './notifications.repository.js';
export { NOTIFY_DELIVERY_JOB, NOTIFY_FANOUT_JOB } from './notifications.jobs.js';
export type { DeliveryJobPayload, FanOutJobPayload } from './notifications.jobs.js';
export { DEADLINE_KINDS, EVENT_TYPES, RECIPIENT_KINDS, ROLE_WIDE_ID, SUPERVISOR_EVENTS, isEventType, moneyText, recipientsOf, titleOf } from './events.js';
export type { DeadlineKind, EventType, NewEvent, Recipient, RecipientKind } from './events.js';
export { SIGNATURE_HEADER, signBody, verifySignature } from './signature.js';
export { retryDelayMs } from './backoff.js';
export { MAX_URL_LENGTH, SECRET_LENGTH, explainEmail, explainEvents, explainSecret, explainWebhookUrl } from './input.js';
export { deliveryBody, emailText } from './senders.js';
