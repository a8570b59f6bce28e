/**
 * The annual transparency report (Directive 2014/26/EU Art. 22 and Annex): a society's
 * figures for a financial year, computed from the packages in its signed log up to one
 * tree head, as canonical JSON, CSV and PDF. The report builder and the renderers are
 * plain TypeScript; the service and repository are NestJS.
 */
export { TransparencyModule } from './transparency.module.js';
export { TransparencyRepository } from './transparency.repository.js';
export { PUBLICATION_MONTHS, REPORT_YEAR_RANGE, TRANSPARENCY_FORMATS, TransparencyService, transparencyJsonBytes } from './transparency.service.js';
export type { RenderedTransparencyReport, TransparencyFormat, TransparencyQuery } from './transparency.service.js';
export { LEGAL_BASIS, NOT_COVERED, REQUIRED_TYPES, SOURCE_TYPES, TRANSPARENCY_REPORT_FORMAT, boardCandidates, buildReport, currentSubmissions, managementCostRatio, packageStates } from './report.js';
export type { Coverage, ReportInput, SourceType, TransparencyReport } from './report.js';
export { TRANSPARENCY_CSV_COLUMNS, transparencyCsv, transparencyRows } from './report-csv.js';
export { transparencyPdf } from './report-pdf.js';
