import type { IdentifiedTerms } from '../../rules/terms.js';
import { ALL_DAYS, cellKey, cellsOf, daysOf } from '../../rules/test-support/brute-force.js';
import { SOME_WORK_TYPES, UNIVERSE_COUNTRIES } from '../../rules/test-support/arbitraries.js';
import type { LineMandateStatus } from '../mandate-status-sql.js';

/** A distribution line as the derivation sees it ('' for no holder, no work type). */
export interface StatusLine {
  holder: string;
  category: string;
  workType: string;
  /** A country of the test universe, or WORLD (the universe: OUTSIDER stands for every country no mandate names). */
  territory: string;
  useFrom: string;
  useTo: string;
}

/**
 * Reference for mandateStatusSql by enumeration of cells, independent of the SQL's
 * range and set algebra: the line's cells are its category × (its work type, or each
 * work type) × its countries × its days; a mandate covers its cellsOf.
 */
export function bruteForceStatus(line: StatusLine, known: readonly (IdentifiedTerms & { holder: string })[], society: string): { status: LineMandateStatus; mandateIds: string[] } {
  if (line.holder === '') return { status: 'unidentified', mandateIds: [] };
  const countries = line.territory === 'WORLD' ? UNIVERSE_COUNTRIES : [line.territory];
  const days = daysOf({ from: line.useFrom, to: line.useTo }, ALL_DAYS);
  const workTypes = line.workType === '' ? SOME_WORK_TYPES : [line.workType];
  const mine = known.filter((m) => m.holder === line.holder && m.category === line.category);
  const cells = mine.map((m) => ({ m, cells: cellsOf(m) }));
  const coversCell = (c: { cells: Set<string> }, country: string, day: string) => workTypes.some((w) => c.cells.has(cellKey(line.category, w, country, day)));
  const touches = (c: { cells: Set<string> }) => countries.some((country) => days.some((d) => coversCell(c, country, d)));
  const ids = (list: typeof cells) => list.filter(touches).map((c) => c.m.mandateId).sort();
  const ownContractual = cells.filter((c) => c.m.societyId === society && c.m.basis === 'contractual');
  const everyCell = countries.every((country) => days.every((d) => ownContractual.some((c) => coversCell(c, country, d))));
  if (days.length > 0 && everyCell && ids(ownContractual).length > 0) return { status: 'mandated', mandateIds: ids(ownContractual) };
  const elsewhere = ids(cells.filter((c) => c.m.societyId !== society && c.m.exclusive));
  if (elsewhere.length > 0) return { status: 'entrusted-elsewhere', mandateIds: elsewhere };
  return { status: 'no-mandate', mandateIds: ids(cells.filter((c) => c.m.societyId === society)) };
}
