/**
 * Rights-holder statements (Directive Art. 18): what every society attributed,
 * deducted, paid and still owes a holder, converted by recorded exchange rates without
 * rounding loss, each line provable against the society's signed log; and unclaimed
 * money (unidentified lines a holder can claim). The conversion, figures, rate-table
 * parser and CSV/PDF renderers are plain TypeScript; the services are NestJS.
 */
export { StatementsModule } from './statements.module.js';
export { STATEMENT_FORMATS, StatementsService } from './statements.service.js';
export type { RenderedStatement, StatementFormat, StatementLine, StatementQuery } from './statements.service.js';
export { ExchangeRatesService, MAX_RATE_TABLE_BYTES } from './exchange-rates.service.js';
export type { RateUpload } from './exchange-rates.service.js';
export type { RecordedRate } from './exchange-rates.repository.js';
export { CLAIM_TRANSITIONS, ClaimsService, paymentProblems } from './claims.service.js';
export type { ClaimInput, PaymentInput, RecordOptions } from './claims.service.js';
export { CLAIM_STATUSES } from './claims.repository.js';
export type { Claim, ClaimEvent, ClaimPayment, ClaimStatus, UnclaimedLine } from './claims.repository.js';
export { ClaimUpdates } from './claim-updates.js';
export type { ClaimUpdated, ClaimUpdatedListener } from './claim-updates.js';
export type { AmountsView, SocietyStatement, Statement, StatementMandate, UseAmountsView } from './statement.js';
export { REFERENCE_CURRENCY, MissingRateError, buildFigures, convertLine, rateDayOf, rateNeeds } from './figures.js';
export type { Amounts, ConvertedLine, HolderLine, RateBook, RateNeed, RateUsed, SocietyFigures, StatementFigures } from './figures.js';
export { convertToMinorUnits, divideHalfEven, formatMinorUnits, scaledFromText } from './conversion.js';
export type { CrossRate, Scaled } from './conversion.js';
export { MAX_RATE_ROWS, RATE_COLUMNS, explainRate, parseRatesCsv } from './rates-csv.js';
export type { ParsedRates, RateRow } from './rates-csv.js';
export { STATEMENT_CSV_COLUMNS, statementCsv } from './statement-csv.js';
export { statementPdf } from './statement-pdf.js';
export { CORRECTIONS_LISTED, StatementCorrectionsRepository, correctionText } from './corrections.js';
export type { StatementCorrection, StatementCorrections } from './corrections.js';
