import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../../../../libs/config/src/index.js';
import { DUE_EVENTS_JOB, type DueEventsJobPayload, DueEventsService } from '../../../../../libs/notification-sources/src/index.js';
import { JobHandler, type JobContext, type JobRunner } from '../../../../../libs/jobs/src/index.js';
import {
  type DeliveryJobPayload,
  DeliveriesService,
  type FanOutJobPayload,
  NOTIFY_DELIVERY_JOB,
  NOTIFY_FANOUT_JOB,
} from '../../../../../libs/notifications/src/index.js';

/** Writes an event's inbox rows and deliveries. */
@JobHandler(NOTIFY_FANOUT_JOB)
export class NotificationFanOutProcessor implements JobRunner<FanOutJobPayload> {
  constructor(private readonly deliveries: DeliveriesService) {}

  run(payload: FanOutJobPayload, _context: JobContext): Promise<void> {
    return this.deliveries.fanOut(payload.societyId, payload.eventId);
  }
}

/** One attempt at one delivery (webhook or e-mail). */
@JobHandler(NOTIFY_DELIVERY_JOB)
export class NotificationDeliveryProcessor implements JobRunner<DeliveryJobPayload> {
  constructor(private readonly deliveries: DeliveriesService) {}

  run(payload: DeliveryJobPayload, _context: JobContext): Promise<void> {
    return this.deliveries.deliver(payload.societyId, payload.deliveryId);
  }
}

/** The daily due-events run of one day. */
@JobHandler(DUE_EVENTS_JOB)
export class DueEventsProcessor implements JobRunner<DueEventsJobPayload> {
  constructor(private readonly due: DueEventsService) {}

  async run(payload: DueEventsJobPayload, _context: JobContext): Promise<void> {
    await this.due.run(payload.day);
  }
}

/**
 * Every NOTIFY_POLL_MS, in each process that runs workers: queues the fan-out of events
 * not fanned out yet, the deliveries whose retry time has come, and the day's due-events
 * run when it has not started (PostgreSQL says what is due; several workers polling
 * queue the same job ids, and each job re-checks under a lock).
 */
@Injectable()
export class NotificationsPoll implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationsPoll');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly due: DueEventsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running ??= this.round()
        .catch((e: Error) => this.logger.error(`poll: ${e.message}`))
        .finally(() => (this.running = null));
    };
    tick();
    this.timer = setInterval(tick, this.config.NOTIFY_POLL_MS);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    await this.deliveries.poll();
    await this.due.scheduleToday();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
