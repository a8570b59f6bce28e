import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import { AnswerCacheModule } from '../../../libs/answer-cache/src/index.js';
import { AuthModule } from '../../../libs/auth/src/index.js';
import { type AppConfig, ConfigModule } from '../../../libs/config/src/index.js';
import { DatabaseModule } from '../../../libs/database/src/index.js';
import { JobsModule } from '../../../libs/jobs/src/index.js';
import { RegistryModule } from '../../../libs/registry/src/index.js';
import { MandatesModule } from '../../../libs/mandates/src/index.js';
import { DemoModule } from '../../../libs/demo/src/index.js';
import { GovernanceModule } from '../../../libs/governance/src/index.js';
import { JOB_NAMES, WorkerProcessorsModule } from '../../worker/src/worker.module.js';
import { ProblemFilter } from './common/problem.filter.js';
import { ApportionmentController } from './governance/apportionment.controller.js';
import { GovernanceController } from './governance/governance.controller.js';
import { BoardDeclarationsController } from './governance/board-declarations.controller.js';
import { HealthController } from './health/health.controller.js';
import { MandatesController } from './mandates/mandates.controller.js';
import { SocietyMandatesController } from './mandates/society-mandates.controller.js';
import { RightsHoldersController } from './registry/rights-holders.controller.js';
import { SocietiesController } from './registry/societies.controller.js';
import { MeController } from './tokens/me.controller.js';
import { TokensController } from './tokens/tokens.controller.js';
import { WebModule } from './web/web.module.js';
import { JournalController } from './ledger/journal.controller.js';
import { LogController } from './ledger/log.controller.js';
import { TilesController } from './ledger/tiles.controller.js';
import { PublicController } from './ledger/public.controller.js';
import { LedgerModule } from '../../../libs/ledger/src/index.js';
import { SubmissionsController } from './submissions/submissions.controller.js';
import { SubmissionLinesController } from './submissions/submission-lines.controller.js';
import { SubmissionsModule } from '../../../libs/submissions/src/index.js';
import { StatementsModule } from '../../../libs/statements/src/index.js';
import { StatementsController } from './statements/statements.controller.js';
import { ClaimsController } from './statements/claims.controller.js';
import { ExchangeRatesController } from './statements/exchange-rates.controller.js';
import { AuditModule } from '../../../libs/audit/src/index.js';
import { AuditsController } from './audit/audits.controller.js';
import { RegulatorController } from './audit/regulator.controller.js';
import { TransparencyModule } from '../../../libs/transparency/src/index.js';
import { InterSocietyModule } from '../../../libs/inter-society/src/index.js';
import { InterSocietyController } from './inter-society/inter-society.controller.js';
import { TransparencyController } from './transparency/transparency.controller.js';
import { SearchModule } from '../../../libs/search/src/index.js';
import { SearchController } from './search/search.controller.js';
import { NotificationsModule } from '../../../libs/notifications/src/index.js';
import { NotificationSourcesModule } from '../../../libs/notification-sources/src/index.js';
import { WorksMoneyModule } from '../../../libs/works-money/src/index.js';
import { WorkMoneyController } from './works-money/work-money.controller.js';
import { NotificationsController, WebhooksController } from './notifications/notifications.controller.js';
import { WorksModule } from '../../../libs/works/src/index.js';
import { WorksController } from './works/works.controller.js';

export interface AppModuleOptions {
  config: AppConfig;
  dataSource: DataSource;
  /** Consume jobs in this process too (`npm start`, tests); false for a pure API process. */
  runWorkers: boolean;
  /** Redis key prefix for the queues (tests use their own). */
  queuePrefix?: string;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(options.dataSource),
        JobsModule.forRoot({ redisUrl: config.REDIS_URL, prefix: options.queuePrefix, runWorkers: options.runWorkers, names: JOB_NAMES, concurrency: config.JOBS_CONCURRENCY, perSociety: config.JOBS_PER_SOCIETY }),
        TerminusModule,
        AnswerCacheModule.forRoot({ mode: config.answerCacheMode, redisUrl: config.REDIS_URL, prefix: options.queuePrefix ?? config.QUEUE_PREFIX, maxEntries: config.ANSWER_CACHE_MAX_ENTRIES }),
        AuthModule,
        RegistryModule,
        MandatesModule,
        GovernanceModule,
        DemoModule,
        WebModule,
        LedgerModule,
        SubmissionsModule,
        StatementsModule,
        AuditModule,
        TransparencyModule,
        InterSocietyModule,
        SearchModule,
        NotificationsModule,
        NotificationSourcesModule,
        WorksModule,
        WorksMoneyModule,
        ...(options.runWorkers ? [WorkerProcessorsModule] : []),
      ],
      controllers: [HealthController, TokensController, MeController, SocietiesController, RightsHoldersController, MandatesController, SocietyMandatesController, ApportionmentController, GovernanceController, BoardDeclarationsController, LogController, TilesController, PublicController, JournalController, SubmissionsController, SubmissionLinesController, StatementsController, ClaimsController, ExchangeRatesController, AuditsController, RegulatorController, TransparencyController, InterSocietyController, NotificationsController, WebhooksController, SearchController, WorksController, WorkMoneyController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
