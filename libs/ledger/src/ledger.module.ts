import { Module } from '@nestjs/common';
import { LedgerService } from './ledger.service.js';
import { LogRepository } from './log.repository.js';
import { SigningKeyService } from './signing-key.service.js';

@Module({
  providers: [LedgerService, LogRepository, SigningKeyService],
  exports: [LedgerService, LogRepository, SigningKeyService],
})
export class LedgerModule {}
