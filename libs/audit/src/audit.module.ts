import { Module } from '@nestjs/common';
import { GovernanceModule } from '../../governance/src/index.js';
import { LedgerModule } from '../../ledger/src/index.js';
import { RegistryModule } from '../../registry/src/index.js';
import { AuditsRepository } from './audits.repository.js';
import { AuditsService } from './audits.service.js';
import { OverviewService } from './overview/overview.service.js';
import { AuditParametersRepository } from './parameters/audit-parameters.repository.js';
import { AuditParametersService } from './parameters/audit-parameters.service.js';
import { AuditEngine } from './runner/audit-engine.js';
import { PinnedDataRepository } from './runner/pinned-data.repository.js';

@Module({
  imports: [RegistryModule, GovernanceModule, LedgerModule],
  providers: [AuditsRepository, AuditsService, AuditEngine, PinnedDataRepository, AuditParametersRepository, AuditParametersService, OverviewService],
  exports: [AuditsService, AuditEngine, AuditParametersService, OverviewService],
})
export class AuditModule {}
