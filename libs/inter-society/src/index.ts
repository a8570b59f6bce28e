/**
 * Inter-society matching (Directive 2014/26/EU Art. 15, 19): each society's outgoing
 * transfers against the counterparty's incoming ones. The matching is pure (./matching);
 * the SQL reads the reports from committed packages or from an audit's pinned ones.
 */
export { DEFAULT_TOLERANCE_DAYS, MATCH_STATUSES, isSideOf, matchTransfers, matrixOf } from './matching.js';
export type { MatchItem, MatchStatus, MatrixCell, TransferReport } from './matching.js';
export { transferReportsSql } from './transfers-sql.js';
export { InterSocietyModule } from './inter-society.module.js';
export { InterSocietyMatchingService } from './matching.service.js';
export type { MatchesAnswer, MatchesQuery, MatrixAnswer } from './matching.service.js';
