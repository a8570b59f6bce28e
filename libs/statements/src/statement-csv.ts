/**
 * A statement as CSV: one row per society × category of rights × type of use, with
 * the Art. 18 amounts in the statement currency, the society's period of use, the
 * signed log head the statement was built from and the rates it used. A society
 * listed only for its mandates (no line in the year) gets one row with empty category
 * and use type and zero amounts. `corrections` lists, on each of a society's rows, the
 * holder's lines its corrections changed ("L-2 changed by package … (2025Q1): gross 1000
 * → 1200"; issue 17 item 4). Pure TypeScript.
 */
import { csvDocument } from '../../csv/src/index.js';
import { correctionText } from './corrections.js';
import type { Statement } from './statement.js';

export const STATEMENT_CSV_COLUMNS = [
  'rights_holder_id',
  'year',
  'society_id',
  'society_name',
  'category',
  'use_type',
  'currency',
  'revenue_attributed',
  'management_fees',
  'other_deductions',
  'paid',
  'outstanding',
  'lines',
  'period_from',
  'period_to',
  'head_tree_size',
  'head_root_hash',
  'rates',
  'corrections',
] as const;

/** The shared cell writer (libs/csv: RFC 4180 quoting and the formula-injection guard, `-` included). */
export { csvCell } from '../../csv/src/index.js';

export function statementCsv(s: Statement): string {
  const rows: (string | number | null)[][] = [];
  for (const society of s.societies) {
    const common = [s.rightsHolderId, s.year, society.societyId, society.societyName];
    const tail = [
      society.periodOfUse?.from ?? null,
      society.periodOfUse?.to ?? null,
      society.head?.treeSize ?? null,
      society.head?.rootHash ?? null,
      society.rates.map((r) => `${r.currency} ${r.rateDate} ${r.rateToEur}`).join('; '),
      (s.corrections?.items ?? [])
        .filter((c) => c.societyId === society.societyId)
        .map((c) => `${c.lineId} ${c.change} by package ${c.submissionId} (${c.period}, ${c.currency}): ${correctionText(c)}`)
        .join('; '),
    ];
    if (society.byUse.length === 0) {
      const zero = society.revenueAttributed; // "0.00" in the statement currency
      rows.push([...common, '', '', s.currency, zero, zero, zero, zero, zero, 0, ...tail]);
    }
    for (const u of society.byUse) {
      rows.push([...common, u.category, u.useType, s.currency, u.revenueAttributed, u.managementFees, u.otherDeductions, u.paid, u.outstanding, u.lines, ...tail]);
    }
  }
  return csvDocument([[...STATEMENT_CSV_COLUMNS], ...rows]);
}
