import type { PackageType } from '../../submissions/src/package-types/package-types.js';

/**
 * What a committed package posts, as SQL returning (account, currency, amount) over
 * its lines (`$1` society, `$2` submission). Positive amounts are debits, negative
 * credits; each set sums to zero per currency.
 *
 * The rights-revenue pool of a category (`pool:<category>`) is credited with what is
 * collected and debited with what leaves it: deductions, net amounts attributed to rights
 * holders (`payable:<holder>`, or `payable:unidentified`), amounts due to other societies,
 * and amounts set aside as undistributed or non-distributable. A pool balance left over
 * is money nobody accounted for: the conservation check reports it.
 */
export const JOURNAL_SQL: Partial<Record<PackageType, string>> = {
  income: `
    SELECT 'cash' AS account, currency, sum(amount) AS amount FROM income_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY currency
    UNION ALL
    SELECT 'pool:' || category, currency, -sum(amount) FROM income_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY category, currency`,
  deductions: `
    SELECT 'pool:' || category, currency, sum(amount) FROM deduction_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY category, currency
    UNION ALL
    SELECT 'deductions:' || kind, currency, -sum(amount) FROM deduction_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY kind, currency`,
  'distribution-lines': `
    SELECT 'pool:' || category, currency, sum(net) FROM distribution_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY category, currency
    UNION ALL
    SELECT 'payable:' || COALESCE(rights_holder_id::text, 'unidentified'), currency, -sum(net)
      FROM distribution_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY rights_holder_id, currency
    UNION ALL
    SELECT 'payable:' || rights_holder_id::text, currency, sum(net)
      FROM distribution_lines WHERE society_id = $1 AND submission_id = $2 AND status = 'paid' GROUP BY rights_holder_id, currency
    UNION ALL
    SELECT 'cash', currency, -sum(net) FROM distribution_lines WHERE society_id = $1 AND submission_id = $2 AND status = 'paid' GROUP BY currency`,
  'inter-society': `
    SELECT CASE direction WHEN 'out' THEN 'pool:' || category ELSE CASE WHEN paid_on IS NULL THEN 'due-from:' || counterparty_cisac ELSE 'cash' END END,
           currency, sum(amount) FROM inter_society_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY 1, currency
    UNION ALL
    SELECT CASE direction WHEN 'out' THEN CASE WHEN paid_on IS NULL THEN 'due-to:' || counterparty_cisac ELSE 'cash' END ELSE 'pool:' || category END,
           currency, -sum(amount) FROM inter_society_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY 1, currency`,
  undistributed: `
    SELECT 'pool:' || category, currency, sum(amount) FROM undistributed_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY category, currency
    UNION ALL
    SELECT CASE WHEN non_distributable THEN 'non-distributable:' ELSE 'undistributed:' END || category, currency, -sum(amount)
      FROM undistributed_lines WHERE society_id = $1 AND submission_id = $2 GROUP BY 1, currency`,
};
