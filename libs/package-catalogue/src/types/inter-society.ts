import { amount, cisac, currency, date, oneOf, territory, text, year } from '../columns.js';
import { definePackageType } from '../definition.js';
import { CATEGORIES } from '../vocabularies.js';

/**
 * Money collected for or received from another society under a representation
 * agreement: two events (out, in), each between the category's pool and the society
 * owed or owing (or cash, once paid).
 */
export const interSociety = definePackageType({
  type: 'inter-society',
  table: 'inter_society_lines',
  describe: 'Money collected for or received from another society under a representation agreement.',
  docs: 'docs/packages/inter-society.md',
  idColumn: 'transfer_id',
  transparency: true,
  columns: [
    text('transfer_id', { max: 100, kind: 'id' }),
    cisac('counterparty_cisac'),
    oneOf('direction', ['in', 'out']),
    oneOf('category', CATEGORIES),
    territory('territory'),
    year('fy_of_collection'),
    currency('currency'),
    amount('amount'),
    date('paid_on', { optional: true, rule: 'in-quarter' }),
  ],
  rules: [],
  examples: [
    ['TR-0001', '904', 'out', 'performing', 'SE', '2024', 'RUB', '54000.00', '2025-02-20'],
    ['TR-0002', '904', 'in', 'performing', 'RU', '2024', 'SEK', '12000.00', ''],
  ],
  entryKinds: ['inter-society:out', 'inter-society:in'],
  journal: `
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
});
