import { amount, currency, oneOf, text } from '../columns.js';
import { definePackageType } from '../definition.js';
import { CATEGORIES } from '../vocabularies.js';

/** Deductions from rights revenue: debited to the category's pool, credited to the kind of deduction. */
export const deductions = definePackageType({
  type: 'deductions',
  table: 'deduction_lines',
  describe: 'Deductions from rights revenue: management fees, social-cultural funds, other.',
  docs: 'docs/packages/deductions.md',
  idColumn: 'deduction_id',
  transparency: true,
  transparencyRequired: true,
  columns: [
    text('deduction_id', { max: 100, kind: 'id' }),
    oneOf('kind', ['management', 'social-cultural', 'other']),
    oneOf('category', CATEGORIES),
    currency('currency'),
    amount('amount'),
    text('description', { max: 1000 }),
  ],
  rules: [],
  examples: [
    ['DED-0001', 'management', 'performing', 'RUB', '187500.00', 'Management fee 15% on Q1 performing income'],
    ['DED-0002', 'social-cultural', 'performing', 'RUB', '25000.00', 'Young composers fund (GA decision 2024-06-12)'],
  ],
  entryKinds: ['deductions'],
  journal: `
    SELECT 'deductions', 'pool:' || category, currency, sum(amount) FROM deduction_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY category, currency
    UNION ALL
    SELECT 'deductions', 'deductions:' || kind, currency, -sum(amount) FROM deduction_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY kind, currency`,
});
