/**
 * DDEX DSR (Digital Sales Reporting) flat files: a streaming reader of the tab-separated
 * sales/usage reports DSPs send (Basic Audio and UGC profiles at least; gzip and multi-file
 * reports), checking every line and cell, reconciling summary records against sales
 * records, and turning the usage and revenue per work and recording into licence income
 * lines. Pure TypeScript: no framework, no database. See docs/dsr.md.
 */
export * from './problems.js';
export * from './reader.js';
export * from './income.js';
export { DsrRecord, type DsrFooter, type DsrHeader, type DsrRecording, type DsrRelease, type DsrSummary, type DsrWork } from './records.js';
export { PROFILES, RECORD_ID, RECORD_KINDS, knownRecordIds, layoutFor, type CellSpec, type CellType, type RecordKind, type RecordLayout } from './layouts.js';
export { cellValues, escapeValue, splitCells, splitValues, unescapeValue } from './cells.js';
export { type ByteChunks } from './input.js';
export { ConcatenatedReport, DSR_CATEGORY_POLICY, categoryOf, describeUploadProblem, readDsrUpload, type DsrCategory, type DsrCategoryPolicy, type DsrLedgerRow, type DsrUploadEvent, type DsrUploadOptions, type DsrUploadProblem } from './upload.js';
