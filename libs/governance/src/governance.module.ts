import { Module } from '@nestjs/common';
import { RegistryModule } from '../../registry/src/index.js';
import { ApportionmentService } from './apportionment.service.js';
import { BoardSeatsRepository } from './board-seats.repository.js';
import { BoardDeclarationsRepository } from './declarations/board-declarations.repository.js';
import { BoardDeclarationsService } from './declarations/board-declarations.service.js';
import { EntitlementService } from './entitlement.service.js';
import { MarketShareRepository } from './market-share.repository.js';
import { MarketShareService } from './market-share.service.js';
import { GovernanceSettingsRepository } from './settings/governance-settings.repository.js';
import { GovernanceSettingsService } from './settings/governance-settings.service.js';

@Module({
  imports: [RegistryModule],
  providers: [
    ApportionmentService,
    GovernanceSettingsRepository,
    GovernanceSettingsService,
    MarketShareRepository,
    MarketShareService,
    BoardSeatsRepository,
    EntitlementService,
    BoardDeclarationsRepository,
    BoardDeclarationsService,
  ],
  exports: [ApportionmentService, GovernanceSettingsService, MarketShareService, EntitlementService, BoardDeclarationsService],
})
export class GovernanceModule {}
