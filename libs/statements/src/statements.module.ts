import { Module } from '@nestjs/common';
import { RegistryModule } from '../../registry/src/index.js';
import { ClaimUpdates } from './claim-updates.js';
import { ClaimsRepository } from './claims.repository.js';
import { ClaimsService } from './claims.service.js';
import { StatementCorrectionsRepository } from './corrections.js';
import { ExchangeRatesRepository } from './exchange-rates.repository.js';
import { ExchangeRatesService } from './exchange-rates.service.js';
import { HolderScopeService } from './holder-scope.js';
import { StatementsRepository } from './statements.repository.js';
import { StatementsService } from './statements.service.js';

@Module({
  imports: [RegistryModule],
  providers: [StatementsRepository, HolderScopeService, ExchangeRatesRepository, ExchangeRatesService, ClaimsRepository, ClaimsService, ClaimUpdates, StatementsService, StatementCorrectionsRepository],
  exports: [StatementsService, ExchangeRatesService, ClaimsService, ClaimUpdates],
})
export class StatementsModule {}
