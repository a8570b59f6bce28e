import { Module } from '@nestjs/common';
import { RegistryModule } from '../../registry/src/index.js';
import { MandatesRepository } from './mandates/mandates.repository.js';
import { MandatesService } from './mandates/mandates.service.js';
import { NonContractualRepository } from './non-contractual/non-contractual.repository.js';
import { NonContractualService } from './non-contractual/non-contractual.service.js';
import { MandatePoliciesRepository } from './policies/mandate-policies.repository.js';
import { MandatePoliciesService } from './policies/mandate-policies.service.js';
import { TerminationsService } from './terminations/terminations.service.js';

@Module({
  imports: [RegistryModule],
  providers: [
    MandatesRepository,
    MandatesService,
    MandatePoliciesRepository,
    MandatePoliciesService,
    TerminationsService,
    NonContractualRepository,
    NonContractualService,
  ],
  exports: [MandatesService, MandatePoliciesService, TerminationsService, NonContractualService],
})
export class MandatesModule {}
