import type { Statement, StatementLine } from '../api/types';
import { sameAmount, sumDecimals } from './money';

/**
 * Net paid per category of rights, per society: the categories in alphabetical order
 * and, for each society, the exact sum of its paid amounts in each (decimal strings).
 */
export function paidByCategory(statement: Statement): { categories: string[]; societies: { name: string; amounts: string[] }[] } {
  const categories = [...new Set(statement.societies.flatMap((s) => s.paid.map((p) => p.category)))].sort();
  return {
    categories,
    societies: statement.societies.map((s) => ({
      name: s.societyName,
      amounts: categories.map((c) => sumDecimals(s.paid.filter((p) => p.category === c).map((p) => p.amount))),
    })),
  };
}

/** The columns of a proven line (its leaf: the canonical JSON of the package's columns) that the statement line must agree with. */
const COMPARED: [leafColumn: string, what: string, read: (l: StatementLine) => string, amount: boolean][] = [
  ['line_id', 'line id', (l) => l.lineId, false],
  ['currency', 'currency', (l) => l.original.currency, false],
  ['gross', 'gross', (l) => l.original.gross, true],
  ['management_fee', 'management fee', (l) => l.original.managementFee, true],
  ['other_deductions', 'other deductions', (l) => l.original.otherDeductions, true],
  ['net', 'net', (l) => l.original.net, true],
  ['category', 'category', (l) => l.category, false],
  ['use_type', 'type of use', (l) => l.useType, false],
  ['use_from', 'start of use', (l) => l.useFrom, false],
  ['use_to', 'end of use', (l) => l.useTo, false],
];

/**
 * Whether the line a proof proves (its leaf) is the line the statement shows: the same
 * id, currency, amounts (as amounts: the leaf writes `"72"` for `72.00`), rights and
 * period of use. Returns the differences, in words; empty when they agree.
 */
export function differencesFromProvenLine(leaf: string, line: StatementLine): string[] {
  let fields: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(leaf);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return ['the proven line is not a JSON object'];
    fields = parsed as Record<string, unknown>;
  } catch {
    return ['the proven line is not JSON'];
  }
  const differences: string[] = [];
  for (const [column, what, read, amount] of COMPARED) {
    const proven = fields[column];
    const shown = read(line);
    const same = typeof proven === 'string' && (amount ? sameAmount(proven, shown) : proven === shown);
    if (!same) differences.push(`${what}: the statement shows ${shown}, the proof ${proven === undefined ? 'has none' : JSON.stringify(proven)}`);
  }
  return differences;
}
