export { LedgerModule } from './ledger.module.js';
export { LedgerService } from './ledger.service.js';
export type { CommitRecord } from './ledger.service.js';
export { LogRepository } from './log.repository.js';
export { SigningKeyService } from './signing-key.service.js';
