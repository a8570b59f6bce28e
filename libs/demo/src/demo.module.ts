import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/src/index.js';
import { GovernanceModule } from '../../governance/src/index.js';
import { MandatesModule } from '../../mandates/src/index.js';
import { NotificationSourcesModule } from '../../notification-sources/src/index.js';
import { RegistryModule } from '../../registry/src/index.js';
import { StatementsModule } from '../../statements/src/index.js';
import { SubmissionsModule } from '../../submissions/src/index.js';
import { DemoNotifications } from './demo-notifications.js';
import { DemoService } from './demo.service.js';

@Module({ imports: [AuthModule, RegistryModule, MandatesModule, GovernanceModule, SubmissionsModule, StatementsModule, NotificationSourcesModule], providers: [DemoService, DemoNotifications], exports: [DemoService] })
export class DemoModule {}
