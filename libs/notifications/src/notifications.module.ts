import { Global, Module } from '@nestjs/common';
import { DeliveriesService } from './deliveries.service.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { Notifier } from './notifier.service.js';
import { MailSender, WebhookSender } from './senders.js';

/**
 * Notifications: global, so every domain module raises events through the Notifier
 * without importing this module (and without an import cycle).
 */
@Global()
@Module({
  providers: [NotificationsRepository, Notifier, WebhookSender, MailSender, DeliveriesService, NotificationsService],
  exports: [Notifier, DeliveriesService, NotificationsService, NotificationsRepository],
})
export class NotificationsModule {}
