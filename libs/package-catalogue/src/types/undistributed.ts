import { amount, bool, currency, oneOf, text, year } from '../columns.js';
import { definePackageType } from '../definition.js';
import { CATEGORIES } from '../vocabularies.js';

/** Amounts held undistributed (or declared non-distributable): moved from the category's pool. */
export const undistributed = definePackageType({
  type: 'undistributed',
  table: 'undistributed_lines',
  describe: 'Amounts collected but not (yet) distributed, with the reason and, if non-distributable, their use.',
  docs: 'docs/packages/undistributed.md',
  transparency: true,
  columns: [
    oneOf('category', CATEGORIES),
    year('fy_of_collection'),
    currency('currency'),
    amount('amount'),
    text('reason', { max: 1000 }),
    bool('non_distributable'),
    text('decided_use', { optional: true, max: 1000 }),
  ],
  rules: [],
  examples: [
    ['performing', '2024', 'RUB', '310000.00', 'Rights holders not identified (cue sheets missing)', 'false', ''],
    ['performing', '2021', 'RUB', '95000.00', 'Unclaimed after 3 years of documented searches', 'true', 'Social and cultural fund (GA 2025-06-10)'],
  ],
  entryKinds: ['undistributed'],
  journal: `
    SELECT 'undistributed', 'pool:' || category, currency, sum(amount) FROM undistributed_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY category, currency
    UNION ALL
    SELECT 'undistributed', CASE WHEN non_distributable THEN 'non-distributable:' ELSE 'undistributed:' END || category, currency, -sum(amount)
      FROM undistributed_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY 2, currency`,
});
