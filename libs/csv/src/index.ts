/**
 * Writing CSV: one cell writer (RFC 4180 quoting and the formula-injection guard) for
 * every CSV the ledger writes. Pure TypeScript, no dependency.
 */
export { PLAIN_DECIMAL, csvCell, csvDocument, csvField, csvRow, looksLikeFormula } from './csv.js';
