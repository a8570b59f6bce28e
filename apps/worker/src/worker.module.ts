import { type DynamicModule, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type AppConfig, ConfigModule } from '../../../libs/config/src/index.js';
import { DatabaseModule } from '../../../libs/database/src/index.js';
import { JobsModule } from '../../../libs/jobs/src/index.js';
import { INGEST_JOB, SubmissionsModule } from '../../../libs/submissions/src/index.js';
import { IngestProcessor, IngestRecovery } from './processors/ingest/ingest.processor.js';
import { AUDIT_JOB, AuditModule } from '../../../libs/audit/src/index.js';
import { AuditProcessor, AuditRecovery } from './processors/audit/audit.processor.js';
import { LOG_WITNESS_JOB, LedgerModule } from '../../../libs/ledger/src/index.js';
import { LogWitnessProcessor, LogWitnessRecovery } from './processors/witness/witness.processor.js';
import { NOTIFY_DELIVERY_JOB, NOTIFY_FANOUT_JOB, NotificationsModule } from '../../../libs/notifications/src/index.js';
import { DUE_EVENTS_JOB, NotificationSourcesModule } from '../../../libs/notification-sources/src/index.js';
import { DueEventsProcessor, NotificationDeliveryProcessor, NotificationFanOutProcessor, NotificationsPoll } from './processors/notifications/notifications.processor.js';

/**
 * Every job name the system runs; each must have exactly one @JobHandler among the
 * processors below, or the worker refuses to boot.
 */
export const JOB_NAMES: readonly string[] = [INGEST_JOB, AUDIT_JOB, LOG_WITNESS_JOB, NOTIFY_FANOUT_JOB, NOTIFY_DELIVERY_JOB, DUE_EVENTS_JOB];

/** The queue edge: one folder per queue under processors/, each a thin handler. */
@Module({
  imports: [SubmissionsModule, AuditModule, LedgerModule, NotificationSourcesModule],
  providers: [IngestProcessor, IngestRecovery, AuditProcessor, AuditRecovery, LogWitnessProcessor, LogWitnessRecovery, NotificationFanOutProcessor, NotificationDeliveryProcessor, DueEventsProcessor, NotificationsPoll],
})
export class WorkerProcessorsModule {}

export interface WorkerModuleOptions {
  config: AppConfig;
  dataSource: DataSource;
  queuePrefix?: string;
}

/** The worker process: the processors and what they need, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(options.config),
        DatabaseModule.forRoot(options.dataSource),
        NotificationsModule,
        JobsModule.forRoot({
          redisUrl: options.config.REDIS_URL,
          prefix: options.queuePrefix,
          runWorkers: true,
          names: JOB_NAMES,
          concurrency: options.config.JOBS_CONCURRENCY,
          perSociety: options.config.JOBS_PER_SOCIETY,
        }),
        WorkerProcessorsModule,
      ],
    };
  }
}
