import { COUNTRY_CODES } from '../../../identifiers/src/index.js';
import { LINE_MANDATE_STATUSES } from '../../../package-catalogue/src/index.js';

/**
 * The mandate status of distribution lines, derived from the mandate register as known
 * at one moment (CONTRACT.md, "Facts checked against the other party's record"; RULES.md,
 * Art. 5). Set-based SQL over every line of a package at once.
 *
 * A line asks about the cells (category, work type, country, day) of its use: its
 * category; its work type, or any work type when it has none; its territory (one
 * country, or every country for WORLD); every day from use_from to use_to. A mandate
 * covers the cells of its category, work type, territory set (a list, or WORLD minus
 * exclusions) and period, exactly as `whoManages` answers for one cell. Then, in this
 * order:
 *   - `unidentified`: the line names no rights holder;
 *   - `mandated`: contractual mandates of the holder at the line's society together cover
 *     every cell of the line (a mandate split by a partial withdrawal still covers a use
 *     that spans the split); decided by those of them that cover any of its cells;
 *   - `entrusted-elsewhere`: an exclusive mandate of the holder at another society covers
 *     some cell of the line; decided by every such mandate;
 *   - `no-mandate`: otherwise (non-contractual management, whatever the line declares);
 *     the mandates named are the society's own that cover some of its cells (a
 *     non-contractual record, or contractual ones that cover only part of it), if any.
 * A non-contractual mandate at the society is the register's record of management
 * without consent, so it never makes a line `mandated`. A mandate asked for by a holder
 * but not (yet) accepted, or refused, covers nothing (`active` versions only).
 * The statuses are the catalogue's vocabulary (a distribution line's `mandate_status`,
 * which the lines API filters by: libs/package-catalogue/src/types/distribution-lines.ts).
 */
export { LINE_MANDATE_STATUSES };
export type LineMandateStatus = (typeof LINE_MANDATE_STATUSES)[number];

export function isLineMandateStatus(value: unknown): value is LineMandateStatus {
  return typeof value === 'string' && (LINE_MANDATE_STATUSES as readonly string[]).includes(value);
}

const COUNTRIES = `'{${COUNTRY_CODES.join(',')}}'::text[]`;

/** SQL: the mandate row `m` covers country `code`. */
const covers = (m: string, code: string) => `((${m}.territories = '{WORLD}' AND NOT (${code} = ANY(${m}.excluded_territories))) OR ${code} = ANY(${m}.territories))`;

export interface StatusSqlOptions {
  /**
   * A relation (table name or parenthesised SELECT) with the text columns
   * `rights_holder_ipi` ('' for none), `category`, `work_type` ('' for none),
   * `territory`, `use_from`, `use_to` (YYYY-MM-DD): a package's staged lines.
   */
  lines: string;
  /** SQL of the society whose lines they are (a parameter such as `$1::uuid`). */
  society: string;
  /** SQL of the moment whose register is read (a parameter such as `$2::timestamptz`). */
  knownAt: string;
}

/**
 * A SELECT of `(rights_holder_ipi, category, work_type, territory, use_from, use_to,
 * mandate_status, mandate_ids)`, one row per distinct such key of the lines whose holder
 * has any mandate in the register as known then. A key it does not list is
 * `unidentified` (no holder) or `no-mandate` with no mandate named: see
 * `statusOfUnlistedSql`. (Most lines of a package are of holders nobody holds a
 * mandate for; they cost one hash probe.)
 */
export function mandateStatusSql(o: StatusSqlOptions): string {
  // The register is read for the package's holders only, never whole: `holders` finds
  // them by IPI (the unique index: the staged text is cast to the column's char(11), or
  // the comparison would be text and the index of no use), `mandated` their mandates
  // at every society (the index (society_id, rights_holder_id) probed per society, or
  // one pass when the package names most of the register), `known` their versions.
  // A mandate's versions all name its holder (their foreign key to mandates includes
  // it), so taking the latest version of each after filtering by holder gives what
  // filtering after would.
  return `
    WITH holders AS (
      SELECT DISTINCT rh.ipi, rh.id
      FROM (SELECT DISTINCT s.rights_holder_ipi FROM ${o.lines} s WHERE s.rights_holder_ipi <> '') s
      JOIN rights_holders rh ON rh.ipi = s.rights_holder_ipi::char(11)
    ), mandated AS (
      SELECT m.society_id, m.id FROM societies so JOIN mandates m ON m.society_id = so.id JOIN holders h ON m.rights_holder_id = h.id
    ), known AS (
      SELECT DISTINCT ON (v.society_id, v.mandate_id)
             v.society_id, v.mandate_id, v.rights_holder_id, v.category, v.work_type, v.territories, v.excluded_territories,
             v.valid_from, v.valid_to, v.basis, v.exclusive, v.status
      FROM mandated m JOIN mandate_versions v ON v.society_id = m.society_id AND v.mandate_id = m.id
      WHERE v.recorded_at <= ${o.knownAt}
      ORDER BY v.society_id, v.mandate_id, v.version DESC
    ), register AS (
      SELECT v.*, CASE WHEN v.valid_to IS NULL THEN daterange(v.valid_from, NULL)
                       WHEN v.valid_to < v.valid_from THEN 'empty'::daterange
                       ELSE daterange(v.valid_from, v.valid_to + 1) END AS valid
      FROM known v WHERE v.status = 'active'
    ), keys AS (
      SELECT d.*, daterange(d.use_from::date, d.use_to::date + 1) AS used, row_number() OVER () AS k
      FROM (SELECT s.rights_holder_ipi, s.category, s.work_type, s.territory, s.use_from, s.use_to, h.id AS holder
            FROM ${o.lines} s JOIN holders h ON h.ipi = s.rights_holder_ipi::char(11)
            WHERE EXISTS (SELECT 1 FROM register r WHERE r.rights_holder_id = h.id)
            GROUP BY 1, 2, 3, 4, 5, 6, 7) d
    ), candidates AS (
      SELECT k.k, k.territory, k.used, r.mandate_id, r.society_id = ${o.society} AS own, r.basis, r.exclusive,
             r.territories, r.excluded_territories, r.valid
      FROM keys k JOIN register r ON r.rights_holder_id = k.holder AND r.category = k.category
        AND (k.work_type = '' OR r.work_type = k.work_type) AND r.valid && k.used
        AND CASE WHEN k.territory = 'WORLD' THEN EXISTS (SELECT 1 FROM unnest(${COUNTRIES}) x(code) WHERE ${covers('r', 'x.code')})
                 ELSE ${covers('r', 'k.territory')} END
    ), own_contractual AS (
      SELECT * FROM candidates WHERE own AND basis = 'contractual'
    ), gaps AS (
      SELECT DISTINCT c.k
      FROM (SELECT DISTINCT k, territory, used FROM own_contractual) c
      CROSS JOIN LATERAL unnest(CASE WHEN c.territory = 'WORLD' THEN ${COUNTRIES} ELSE ARRAY[c.territory] END) AS x(code)
      WHERE NOT COALESCE((SELECT range_agg(o.valid) FROM own_contractual o WHERE o.k = c.k AND ${covers('o', 'x.code')}) @> c.used, false)
    ), decided AS (
      SELECT k,
             array_agg(mandate_id ORDER BY mandate_id) FILTER (WHERE own AND basis = 'contractual') AS own_contractual,
             array_agg(mandate_id ORDER BY mandate_id) FILTER (WHERE NOT own AND exclusive) AS elsewhere,
             array_agg(mandate_id ORDER BY mandate_id) FILTER (WHERE own) AS own_any
      FROM candidates GROUP BY k
    )
    SELECT k.rights_holder_ipi, k.category, k.work_type, k.territory, k.use_from, k.use_to,
           CASE WHEN d.own_contractual IS NOT NULL AND NOT EXISTS (SELECT 1 FROM gaps g WHERE g.k = k.k) THEN 'mandated'
                WHEN d.elsewhere IS NOT NULL THEN 'entrusted-elsewhere'
                ELSE 'no-mandate' END AS mandate_status,
           CASE WHEN d.own_contractual IS NOT NULL AND NOT EXISTS (SELECT 1 FROM gaps g WHERE g.k = k.k) THEN d.own_contractual
                WHEN d.elsewhere IS NOT NULL THEN d.elsewhere
                ELSE COALESCE(d.own_any, '{}'::uuid[]) END AS mandate_ids
    FROM keys k LEFT JOIN decided d ON d.k = k.k`;
}

/** The status of a line `mandateStatusSql` does not list (alias `s`: its staged text). */
export const statusOfUnlistedSql = (s: string) => `CASE WHEN ${s}.rights_holder_ipi = '' THEN 'unidentified' ELSE 'no-mandate' END`;

/** The join of a line (alias `s`) to its row of `mandateStatusSql` (alias `d`). */
export const statusJoinSql = (s: string, d: string) =>
  ['rights_holder_ipi', 'category', 'work_type', 'territory', 'use_from', 'use_to'].map((c) => `${d}.${c} = ${s}.${c}`).join(' AND ');
