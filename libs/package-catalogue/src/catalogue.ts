import { csvDocument } from '../../csv/src/index.js';
import type { PackageTypeDefinition } from './definition.js';
import { board } from './types/board.js';
import { cwr } from './types/cwr.js';
import { deductions } from './types/deductions.js';
import { dsr } from './types/dsr.js';
import { distributionLines } from './types/distribution-lines.js';
import { income } from './types/income.js';
import { interSociety } from './types/inter-society.js';
import { mandates } from './types/mandates.js';
import { undistributed } from './types/undistributed.js';

/**
 * Every package type, in the order the API, the docs and the dashboard list them. To add
 * a type: write libs/package-catalogue/src/types/<type>.ts (one definePackageType) and
 * its docs page, then list it here (docs/package-catalogue.md).
 */
export const CATALOGUE = [income, deductions, distributionLines, interSociety, undistributed, board, mandates, cwr, dsr] as const;

/** A package type's name. */
export type PackageType = (typeof CATALOGUE)[number]['type'];
/** A package type's definition (the catalogue's entries, by name: PACKAGES). */
export type PackageDefinition = PackageTypeDefinition<PackageType>;

/**
 * Column names no package type may use: the lines tables' own (society, submission, line
 * number, leaf hash) and the staging table's line of the uploaded file (an input format's).
 */
export const RESERVED_COLUMNS: readonly string[] = ['society_id', 'submission_id', 'line_no', 'leaf_hash', 'ledger_source_line'];

/** The package types' names, in catalogue order. */
export const PACKAGE_TYPES: readonly PackageType[] = CATALOGUE.map((d) => d.type);

/** Each package type's definition by its name. */
export const PACKAGES: Readonly<Record<PackageType, PackageDefinition>> = Object.fromEntries(CATALOGUE.map((d) => [d.type, d])) as Record<PackageType, PackageDefinition>;

/**
 * The types the annual transparency report reads (Directive 2014/26/EU Art. 22 and
 * Annex), in catalogue order: those whose definition says `transparency`. The audit's
 * governance rules expect each of them every quarter.
 */
export const TRANSPARENCY_PACKAGE_TYPES: readonly PackageType[] = CATALOGUE.filter((d) => (d as PackageTypeDefinition).transparency).map((d) => d.type);

/**
 * The types every quarter must have for the transparency report to be complete
 * (`transparencyRequired`), in catalogue order.
 */
export const REQUIRED_TRANSPARENCY_TYPES: readonly PackageType[] = CATALOGUE.filter((d) => (d as PackageTypeDefinition).transparencyRequired).map((d) => d.type);

/** The kinds of journal entry the types post (`<type>` or `<type>:<event>`), in catalogue order. */
export const ENTRY_KINDS: readonly string[] = CATALOGUE.flatMap((d) => (d as PackageTypeDefinition).entryKinds ?? []);

export function isPackageType(value: unknown): value is PackageType {
  return typeof value === 'string' && Object.hasOwn(PACKAGES, value);
}

/** The definition of a package type (throws for a name that is not one). */
export function packageType(name: string): PackageDefinition {
  if (!isPackageType(name)) throw new Error(`not a package type: ${name}`);
  return PACKAGES[name];
}

/** The type whose files come in the input format `format` (InputFormat.name), if any. */
export function typeOfInputFormat(format: string): PackageDefinition | undefined {
  return CATALOGUE.find((d) => (d as PackageTypeDefinition).input?.name === format);
}

/** Whether packages of the type come as the ledger's CSV or JSON Lines (those have templates); a type read only from its own format (cwr, dsr) does not. */
export function takesLedgerFormats(type: PackageType): boolean {
  const input = (PACKAGES[type] as PackageTypeDefinition).input;
  return !input || input.alsoLedgerFormats === true;
}

/** The template: header and the two example rows (RFC 4180). */
export function templateCsv(type: PackageType): string {
  const p = PACKAGES[type];
  return csvDocument([p.columns.map((c) => c.name), ...p.examples]);
}

/** The template as JSON Lines: the two example rows, one object per line, keys in column order. */
export function templateNdjson(type: PackageType): string {
  const p = PACKAGES[type];
  return p.examples.map((row) => JSON.stringify(Object.fromEntries(p.columns.map((c, i) => [c.name, row[i]]))) + '\n').join('');
}

/**
 * The journal SQL of a package type (`journal`), over `linesTable` instead of the type's
 * lines table when given (a submission's partition before it is attached), or
 * undefined for a type that posts nothing.
 */
export function journalSql(type: PackageType, linesTable?: string): string | undefined {
  const { journal: sql, table } = PACKAGES[type];
  if (!sql || !linesTable) return sql;
  if (!/^[a-z_]+(\.[a-z_0-9]+)?$/.test(linesTable)) throw new Error(`not a table name: ${linesTable}`);
  const from = `FROM ${table} `;
  if (!sql.includes(from)) throw new Error(`the ${type} journal does not read ${table}`);
  return sql.split(from).join(`FROM ${linesTable} `);
}
