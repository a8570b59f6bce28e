import type { AuditRule, JsonObject, RuleContext, Sql } from './rule.js';
import { LINE_COLUMNS, asEvidence, firstLinesSql, moneyList, plural } from './support.js';

/**
 * Rules on the mandate status each distribution line was given when its package
 * committed (derived from the mandate register as known at that moment: CONTRACT.md,
 * "Facts checked against the other party's record"). A payment is judged on what was
 * known when its package committed, so a notice recorded later never turns it into a
 * finding; every finding states the moment (`asKnownAt`) of each package judged.
 */

/** SQL: the moment whose mandate register judged line alias `l`: its package's derivation moment, else when it entered the log. */
export const LINE_KNOWN_AT = `(SELECT COALESCE(s.mandates_known_at, a.committed_at) FROM audit_pinned a JOIN submissions s ON s.society_id = a.society_id AND s.id = a.submission_id
  WHERE a.society_id = l.society_id AND a.submission_id = l.submission_id)`;

/** The audited society's current pinned distribution-lines packages and the moment each was judged on (its mandates' asKnownAt). */
export async function packagesKnownAt(sql: Sql, ctx: RuleContext): Promise<JsonObject[]> {
  return sql(
    `SELECT p.submission_id AS "submissionId", p.period,
            to_char(COALESCE(s.mandates_known_at, p.committed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "asKnownAt",
            s.mandates_known_at IS NOT NULL AS derived
     FROM audit_pinned p JOIN submissions s ON s.society_id = p.society_id AND s.id = p.submission_id
     WHERE p.society_id = $1 AND p.active AND p.type = 'distribution-lines' ORDER BY p.leaf_index`,
    [ctx.society.id],
  );
}

/** Finds the year's lines of the audited society in `where` (alias l): totals per currency, holders, example lines. */
async function linesWhere(sql: Sql, ctx: RuleContext, where: string, extraColumns = '') {
  const args = [ctx.society.id, ctx.evidenceLimit, ctx.year.from, ctx.year.to];
  const scope = `l.use_to BETWEEN $3::date AND $4::date AND (${where})`;
  // Totals from the audit's grouped lines (`audit_line_groups`: the current pinned packages' lines, per holder), not a scan of the lines.
  const totals = await sql<{ currency: string; amount: string; lines: number; holders: number }>(
    `SELECT l.currency, trim_scale(sum(l.gross))::text AS amount, sum(l.lines)::int AS lines, count(DISTINCT l.rights_holder_id)::int AS holders
     FROM audit_line_groups l
     WHERE $1::uuid IS NOT NULL AND $2::int >= 0 AND ${scope}
     GROUP BY l.currency ORDER BY l.currency`,
    args,
  );
  const examples = totals.length === 0 || ctx.evidenceLimit === 0
    ? []
    : await sql(firstLinesSql('distribution_lines', 'distribution-lines', `${LINE_COLUMNS}, l.mandate_status AS "mandateStatus", l.mandate_ids::text[] AS "mandateIds",
        to_char(${LINE_KNOWN_AT} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "asKnownAt"${extraColumns}`, scope), args);
  const [undetermined] = await sql<{ lines: number }>(
    `SELECT coalesce(sum(l.lines), 0)::int AS lines
     FROM audit_line_groups l
     WHERE $1::uuid IS NOT NULL AND $2::int >= 0 AND l.use_to BETWEEN $3::date AND $4::date AND l.mandate_status IS NULL`,
    args,
  );
  const lines = totals.reduce((n, t) => n + t.lines, 0);
  const holders = totals.reduce((n, t) => Math.max(n, t.holders), 0);
  return { totals, lines, holders, examples: asEvidence(examples), notDerivedLines: undetermined?.lines ?? 0 };
}

/**
 * Lines the society labelled contractual although no mandate of the holder at the
 * society covered them when the package committed: non-contractual management passed
 * off as ordinary management (RULES.md: judged from the register, not the label).
 */
export const mandateDeclaredWithoutMandate: AuditRule = {
  id: 'governance.mandate-declared-without-mandate',
  title: 'Lines declared contractual without a mandate',
  source: 'Directive 2014/26/EU Art. 5(2) and 5(7) (a mandate is the holder\'s choice, consent recorded per category)',
  severity: 'high',
  group: 'governance',
  description:
    "The year's distribution lines whose declared mandate_basis is contractual but whose mandate status, derived from the mandate register as known when their package committed, " +
    'is no-mandate (no contractual mandate of the holder at the society covered the category, work type, territory and whole period of use). Lines committed before statuses were derived are not judged (counted in the evidence).',
  params: [],
  async run(sql: Sql, ctx: RuleContext) {
    const found = await linesWhere(sql, ctx, `l.mandate_basis = 'contractual' AND l.mandate_status = 'no-mandate'`);
    const packages = await packagesKnownAt(sql, ctx);
    return {
      passed: found.lines === 0,
      details:
        found.lines === 0
          ? `No line of FY ${ctx.year.year} was declared contractual without a mandate of the holder at the society (as known when each package committed).`
          : `${plural(found.lines, 'line')} of FY ${ctx.year.year} (${moneyList(found.totals)}) were declared contractual, but no mandate of the rights holder at the society covered them when their package committed.`,
      evidence: { found: found.totals, lines: found.lines, examples: found.examples, examplesTotal: found.lines, notDerivedLines: found.notDerivedLines, asKnownAt: packages },
      metrics: { declaredWithoutMandateLines: found.lines },
    };
  },
};

/**
 * Lines for rights the holder had entrusted exclusively to another society (as known
 * when the package committed): the graver case of collecting without a mandate
 * (RULES.md), whatever the line declares.
 */
export const mandateEntrustedElsewhere: AuditRule = {
  id: 'governance.mandate-entrusted-elsewhere',
  title: 'Lines for rights entrusted exclusively to another society',
  source: 'Directive 2014/26/EU Art. 5(2) (the holder chooses the society for each right and territory)',
  severity: 'high',
  group: 'governance',
  description:
    "The year's distribution lines whose mandate status, derived from the mandate register as known when their package committed, is entrusted-elsewhere: an exclusive mandate of the holder " +
    'at another society covered some of the category, work type, territory and period of use, and none of the society\'s own contractual mandates covered it all. Each finding names the mandates and societies.',
  params: [],
  async run(sql: Sql, ctx: RuleContext) {
    const found = await linesWhere(
      sql,
      ctx,
      `l.mandate_status = 'entrusted-elsewhere'`,
      `, (SELECT string_agg(DISTINCT so.cisac_code, ',' ORDER BY so.cisac_code) FROM mandates m JOIN societies so ON so.id = m.society_id
           WHERE m.id = ANY(l.mandate_ids)) AS "entrustedTo"`,
    );
    const packages = await packagesKnownAt(sql, ctx);
    return {
      passed: found.lines === 0,
      details:
        found.lines === 0
          ? `No line of FY ${ctx.year.year} was for rights the holder had entrusted exclusively to another society (as known when each package committed).`
          : `${plural(found.lines, 'line')} of FY ${ctx.year.year} (${moneyList(found.totals)}) were for rights their holders had entrusted exclusively to another society when the package committed.`,
      evidence: { found: found.totals, lines: found.lines, examples: found.examples, examplesTotal: found.lines, notDerivedLines: found.notDerivedLines, asKnownAt: packages },
      metrics: { entrustedElsewhereLines: found.lines },
    };
  },
};
