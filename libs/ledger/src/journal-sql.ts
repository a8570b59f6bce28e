import type { PackageType } from '../../submissions/src/package-types/package-types.js';

/**
 * The kinds of journal entry a committed package posts: its package type, or
 * `<type>:<event>` for a package that records two events (a distribution package
 * attributes money and pays part of it; an inter-society package records money
 * going out and coming in). Each kind is one economic event, so the reconciliation
 * reads "what was collected, deducted, distributed…" from the entries of a kind.
 */
export const ENTRY_KINDS = ['income', 'deductions', 'distribution-lines', 'distribution-lines:payment', 'inter-society:out', 'inter-society:in', 'undistributed'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * The accounts of a society's journal (positive amounts are debits, negative credits):
 *
 * | account                       | what it holds                                          |
 * | ----------------------------- | ------------------------------------------------------ |
 * | `cash`                        | rights revenue received and not yet paid out           |
 * | `pool:<category>`             | revenue of a category not yet accounted for            |
 * | `deductions:<kind>`           | deductions by kind (management, social-cultural, other)|
 * | `payable:<holder id>`         | attributed to a rights holder, not yet paid            |
 * | `payable:unidentified`        | attributed to rights holders not identified yet        |
 * | `due-to:<CISAC code>`         | owed to another society                                |
 * | `due-from:<CISAC code>`       | owed by another society                                |
 * | `undistributed:<category>`    | held undistributed                                     |
 * | `non-distributable:<category>`| declared non-distributable                             |
 *
 * The pool of a category is credited with what is collected and debited with what
 * leaves it; a pool left with a balance is money nobody accounted for, which the
 * reconciliation lists as a difference.
 *
 * For each package type: SQL returning (kind, account, currency, amount) over the
 * submission's lines (`$1` society, `$2` submission). The rows of each kind sum to
 * zero per currency: each kind becomes one balanced entry.
 */
export const JOURNAL_SQL: Partial<Record<PackageType, string>> = {
  income: `
    SELECT 'income', 'cash', currency, sum(amount) FROM income_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY currency
    UNION ALL
    SELECT 'income', 'pool:' || category, currency, -sum(amount) FROM income_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY category, currency`,
  deductions: `
    SELECT 'deductions', 'pool:' || category, currency, sum(amount) FROM deduction_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY category, currency
    UNION ALL
    SELECT 'deductions', 'deductions:' || kind, currency, -sum(amount) FROM deduction_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY kind, currency`,
  // One scan of the lines (a package may hold millions): aggregated once by everything
  // the four postings group by, then each posting sums that small aggregate.
  'distribution-lines': `
    WITH d AS MATERIALIZED (
      SELECT category, rights_holder_id, currency, status = 'paid' AS paid, sum(net) AS net
      FROM distribution_lines WHERE society_id = $1 AND submission_id = $2
      GROUP BY category, rights_holder_id, currency, status = 'paid'
    )
    SELECT 'distribution-lines', 'pool:' || category, currency, sum(net) FROM d GROUP BY category, currency
    UNION ALL
    SELECT 'distribution-lines', 'payable:' || COALESCE(rights_holder_id::text, 'unidentified'), currency, -sum(net) FROM d GROUP BY rights_holder_id, currency
    UNION ALL
    SELECT 'distribution-lines:payment', 'payable:' || COALESCE(rights_holder_id::text, 'unidentified'), currency, sum(net) FROM d WHERE paid GROUP BY rights_holder_id, currency
    UNION ALL
    SELECT 'distribution-lines:payment', 'cash', currency, -sum(net) FROM d WHERE paid GROUP BY currency`,
  'inter-society': `
    SELECT 'inter-society:out', 'pool:' || category, currency, sum(amount)
      FROM inter_society_lines WHERE society_id = $1 AND submission_id = $2 AND direction = 'out' GROUP BY category, currency
    UNION ALL
    SELECT 'inter-society:out', CASE WHEN paid_on IS NULL THEN 'due-to:' || counterparty_cisac ELSE 'cash' END, currency, -sum(amount)
      FROM inter_society_lines WHERE society_id = $1 AND submission_id = $2 AND direction = 'out' GROUP BY 2, currency
    UNION ALL
    SELECT 'inter-society:in', CASE WHEN paid_on IS NULL THEN 'due-from:' || counterparty_cisac ELSE 'cash' END, currency, sum(amount)
      FROM inter_society_lines WHERE society_id = $1 AND submission_id = $2 AND direction = 'in' GROUP BY 2, currency
    UNION ALL
    SELECT 'inter-society:in', 'pool:' || category, currency, -sum(amount)
      FROM inter_society_lines WHERE society_id = $1 AND submission_id = $2 AND direction = 'in' GROUP BY category, currency`,
  undistributed: `
    SELECT 'undistributed', 'pool:' || category, currency, sum(amount) FROM undistributed_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY category, currency
    UNION ALL
    SELECT 'undistributed', CASE WHEN non_distributable THEN 'non-distributable:' ELSE 'undistributed:' END || category, currency, -sum(amount)
      FROM undistributed_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY 2, currency`,
};

/**
 * The journal SQL of a package type over `linesTable` instead of the type's lines table
 * (a submission's partition before it is attached), or undefined for a type that posts
 * nothing.
 */
export function journalSql(type: PackageType, table: string, linesTable?: string): string | undefined {
  const sql = JOURNAL_SQL[type];
  if (!sql || !linesTable) return sql;
  if (!/^[a-z_]+(\.[a-z_0-9]+)?$/.test(linesTable)) throw new Error(`not a table name: ${linesTable}`);
  const from = `FROM ${table} `;
  if (!sql.includes(from)) throw new Error(`the ${type} journal does not read ${table}`);
  return sql.split(from).join(`FROM ${linesTable} `);
}
