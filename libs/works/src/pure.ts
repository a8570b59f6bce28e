/**
 * The framework-free part of the works register: what a CWR package's commit hooks
 * (libs/package-catalogue/src/types/cwr.ts, a pure library) use to write the register
 * and the ACK. No NestJS, no database driver: SQL runs through the `query` handed over.
 */
export { recordRegistration, recordRegistrations, excRecordsOf, registrationRecordsOf } from './register.js';
export type { Query, RegistrationDecision, RegistrationInput } from './register.js';
export { CONFLICT_REASONS, conflictsOf, controlledCollection, describeConflict } from './conflicts.js';
export type { ConflictReason, FoundConflict, Registration } from './conflicts.js';
export { comparableOf, hundredths, iswcOf, percentText, rowsOf, shareText, writerName } from './registration.js';
export type { RecordingRow, RegistrationRows, ShareRow, TitleRow } from './registration.js';
export { ackBytes, ackFileName } from './ack-file.js';
