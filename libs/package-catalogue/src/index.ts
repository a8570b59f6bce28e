/**
 * The package catalogue (issue 16): every package type in one file of its own
 * (src/types/<type>.ts) — columns, row rules, leaf, journal postings, commit hooks,
 * template, docs page, and an input format for files that are not the ledger's CSV or
 * JSON Lines. Pure: no NestJS, no database driver. See docs/package-catalogue.md.
 */
export * from './definition.js';
export { CATALOGUE, ENTRY_KINDS, PACKAGE_TYPES, PACKAGES, REQUIRED_TRANSPARENCY_TYPES, RESERVED_COLUMNS, TRANSPARENCY_PACKAGE_TYPES, isPackageType, journalSql, packageType, takesLedgerFormats, templateCsv, templateNdjson, typeOfInputFormat } from './catalogue.js';
export type { PackageDefinition, PackageType } from './catalogue.js';
export { amount, bool, cisac, currency, date, type DateRule, ipi, isrc, iswc, oneOf, territory, text, year } from './columns.js';
export { amountOk, dateBefore, dateOk } from './row-rules.js';
export { CATEGORIES, LINE_MANDATE_STATUSES, USE_TYPES, WORK_TYPES } from './vocabularies.js';
export { leafHashSql, leafJsonSql, leafKeys } from './leaf-sql.js';
export { changeColumns, changedFieldsJsonSql, fieldName, linesDifferSql } from './line-changes.js';
