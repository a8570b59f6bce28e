import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/src/index.js';
import { StatementsModule } from '../../statements/src/index.js';
import { ClaimNotifications } from './claim-notifications.js';
import { DueEventsRepository } from './due-events.repository.js';
import { DueEventsService } from './due-events.service.js';

/** The events no single domain library raises where it happens: the daily due events, and claim updates (heard through the claims' hook). */
@Module({
  imports: [AuditModule, StatementsModule],
  providers: [DueEventsRepository, DueEventsService, ClaimNotifications],
  exports: [DueEventsService],
})
export class NotificationSourcesModule {}
