import { amount, currency, date, oneOf, territory, text } from '../columns.js';
import { definePackageType } from '../definition.js';
import { dateBefore, dateOk } from '../row-rules.js';
import { CATEGORIES, USE_TYPES } from '../vocabularies.js';

/** Rights revenue collected in the quarter: cash in, credited to the category's pool. */
export const income = definePackageType({
  type: 'income',
  table: 'income_lines',
  describe: 'Rights revenue collected from a licensee in the quarter.',
  docs: 'docs/packages/income.md',
  idColumn: 'income_id',
  transparency: true,
  transparencyRequired: true,
  columns: [
    text('income_id', { max: 100, kind: 'id' }),
    oneOf('category', CATEGORIES),
    oneOf('use_type', USE_TYPES),
    territory('territory'),
    text('licensee', { max: 300 }),
    date('period_from', { rule: 'not-after-quarter' }),
    date('period_to', { rule: 'not-after-quarter' }),
    currency('currency'),
    amount('amount'),
    date('received_on', { rule: 'in-quarter' }),
  ],
  rules: [
    {
      column: 'period_to',
      guard: `${dateOk('period_from')} AND ${dateOk('period_to')}`,
      breaks: dateBefore('period_to', 'period_from'),
      message: 'is before period_from',
    },
  ],
  examples: [
    ['INC-0001', 'performing', 'radio', 'RU', 'Radio Volna LLC', '2025-01-01', '2025-03-31', 'RUB', '1250000.00', '2025-03-28'],
    ['INC-0002', 'communication', 'tv', 'RU', 'Channel Nine JSC', '2024-10-01', '2024-12-31', 'RUB', '830500.50', '2025-02-14'],
  ],
  entryKinds: ['income'],
  journal: `
    SELECT 'income', 'cash', currency, sum(amount) FROM income_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY currency
    UNION ALL
    SELECT 'income', 'pool:' || category, currency, -sum(amount) FROM income_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY category, currency`,
});
