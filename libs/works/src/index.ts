/**
 * @module works — the works register (issue 16 item 1; docs/cwr.md): the works publishers
 * register with a society in CISAC CWR files, each registration a version (append-only),
 * with ISWC, titles, recordings, writers and publishers by IPI and their shares per right
 * (PR, MR, SR) and CISAC TIS territory; conflicts between registrations of one work
 * found and answered CO. `recordRegistration` writes (in a CWR package's commit);
 * `WorksService` reads, scoped to the caller.
 */
export { WorksModule } from './works.module.js';
export { WorksService, partiesOf } from './works.service.js';
export type { Work, WorkConflict, WorkParty, WorkSummary, WorkVersionSummary, WorksQuery } from './works.service.js';
export { CwrAcksService } from './cwr-acks.service.js';
export type { AckFile } from './cwr-acks.service.js';
export { WorksRepository } from './works.repository.js';
export type { WorksScope } from './works.repository.js';
export * from './pure.js';
