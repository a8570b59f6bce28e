import { Module } from '@nestjs/common';
import { RegistryModule } from '../../registry/src/index.js';
import { BalancesRepository } from './balances.repository.js';
import { BalancesService } from './balances.service.js';
import { LedgerService } from './ledger.service.js';
import { LinesRepository } from './lines.repository.js';
import { LogRepository } from './log.repository.js';
import { ProofsService } from './proofs.service.js';
import { SigningKeyService } from './signing-key.service.js';
import { LogTilesService } from './tiles.service.js';
import { VerifyService } from './verify.service.js';
import { LogWitnessingService } from './witnessing.service.js';

@Module({
  imports: [RegistryModule],
  providers: [LedgerService, LogRepository, LinesRepository, SigningKeyService, ProofsService, VerifyService, BalancesRepository, BalancesService, LogTilesService, LogWitnessingService],
  exports: [LedgerService, LogRepository, SigningKeyService, ProofsService, VerifyService, BalancesService, LogTilesService, LogWitnessingService],
})
export class LedgerModule {}
