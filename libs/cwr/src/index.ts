/**
 * CISAC CWR 2.1 / 2.2 (Common Works Registration): a streaming reader that checks a file
 * the way the specification's edits do (five rejection levels, every problem at a line
 * and column), typed records and a works view of each transaction, and the society's
 * answer, the ACK file. Pure TypeScript: no framework, no database. See docs/cwr.md.
 */
export * from './layouts.js';
export * from './problems.js';
export { type CwrRecord, type CwrValue, NO_BLANKS, formatRecord, parseRecord, renumber } from './records.js';
export * from './reader.js';
export { TIS_CODES, TIS_COUNTRIES, TIS_WORLD, isTisCode, tisCountries, tisEntry, type TisEntry } from './tis.js';
export { TRANSACTION_STATUSES, type TransactionStatus, isTransactionStatus, CHARACTER_SETS } from './lookups.js';
export { SHARE_TOLERANCE, RIGHTS, type Right } from './validate-transaction.js';
export { type AckEntry, type AckMessage, type AckWriterOptions, type AcknowledgeOptions, CwrAckWriter, acknowledge, messagesOf } from './ack.js';
export { type CwrAck, type CwrCollection, type CwrOwnership, type CwrPublisher, type CwrWork, type CwrWriter, type Share, ackOf, workOf, workOfRecords } from './work.js';
export { type SampleFileOptions, type SampleWork, sampleCwrLines, sampleWork, sampleWorkRecords } from './sample.js';
