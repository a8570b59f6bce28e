import { Module } from '@nestjs/common';
import { LedgerModule } from '../../ledger/src/index.js';
import { RegistryModule } from '../../registry/src/index.js';
import { TransparencyRepository } from './transparency.repository.js';
import { TransparencyService } from './transparency.service.js';

@Module({
  imports: [RegistryModule, LedgerModule],
  providers: [TransparencyRepository, TransparencyService],
  exports: [TransparencyService],
})
export class TransparencyModule {}
