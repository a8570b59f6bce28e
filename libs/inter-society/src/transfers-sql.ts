/**
 * The SQL that reads transfer reports (TransferReport) from inter-society lines: each
 * society's lines for one transfer id, counterparty and currency grouped (the largest
 * amount reported, the first date: a transfer reported as due, then as paid, is one
 * transfer), of one financial year of collection. `$1` is the year, `$2` a society id
 * (null: every society) whose own transfers and those naming it are read.
 */
export function transferReportsSql(source: 'committed' | 'pinned'): string {
  const from =
    source === 'committed'
      ? `JOIN submissions s ON s.society_id = t.society_id AND s.id = t.submission_id AND s.status = 'committed' AND s.type = 'inter-society'`
      : `JOIN audit_pinned p ON p.society_id = t.society_id AND p.submission_id = t.submission_id AND p.active AND p.type = 'inter-society'`;
  return `
    SELECT t.society_id AS "societyId", so.cisac_code AS "cisacCode", t.direction, t.counterparty_cisac AS "counterpartyCisac", cp.id AS "counterpartyId",
           t.transfer_id AS "transferId", t.currency, trim_scale(max(t.amount))::text AS amount,
           to_char(min(t.paid_on), 'YYYY-MM-DD') AS "paidOn", t.fy_of_collection AS "fyOfCollection"
    FROM inter_society_lines t
    ${from}
    JOIN societies so ON so.id = t.society_id
    LEFT JOIN societies cp ON cp.cisac_code = t.counterparty_cisac
    WHERE t.fy_of_collection = $1::int AND ($2::uuid IS NULL OR t.society_id = $2::uuid OR cp.id = $2::uuid)
    GROUP BY t.society_id, so.cisac_code, t.direction, t.counterparty_cisac, cp.id, t.transfer_id, t.currency, t.fy_of_collection
    ORDER BY t.society_id, t.direction, t.counterparty_cisac, t.transfer_id, t.currency`;
}
