import { type ParamValues, param } from './params.js';
import type { AuditRule, RuleContext, Sql } from './rule.js';
import { ofYear, plural, sumByCurrency } from './support.js';

/**
 * A valid state accreditation for the whole financial year (Civil Code Part IV
 * Art. 1244: ten-year terms; it is what allows managing rights without a mandate).
 */
export const accreditation: AuditRule = {
  id: 'governance.accreditation',
  title: 'Accreditation valid for the whole financial year',
  source: 'Civil Code of the Russian Federation Part IV Art. 1244; Directive 2014/26/EU Art. 36 (supervision)',
  severity: 'high',
  group: 'governance',
  description:
    'Covers the financial year with the accreditations recorded by the pinned time and lists every day no accreditation was valid. ' +
    "By default an accreditation is required when the society manages rights without a mandate (non-contractual lines in the year); 'always' requires one in any case, 'never' only reports.",
  params: [
    {
      name: 'required',
      kind: 'choice',
      default: 'when-non-contractual',
      values: ['always', 'when-non-contractual', 'never'],
      description: 'When an accreditation is required (RULES.md: non-contractual management happens under an accreditation).',
    },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const required = param.choice(params, 'required');
    const accreditations = await sql<{ authority: string; scope: string; validFrom: string; validTo: string }>(
      `SELECT authority, scope, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
       FROM accreditations
       WHERE society_id = $1 AND valid_from <= $3::date AND valid_to >= $2::date AND ($4::timestamptz IS NULL OR recorded_at <= $4::timestamptz)
       ORDER BY valid_from, valid_to, authority, scope`,
      [ctx.society.id, ctx.year.from, ctx.year.to, ctx.pinnedAt],
    );
    const gaps = await sql<{ from: string; to: string }>(
      `WITH covered AS (
         SELECT range_agg(daterange(valid_from, valid_to, '[]')) AS r FROM accreditations
         WHERE society_id = $1 AND ($4::timestamptz IS NULL OR recorded_at <= $4::timestamptz)
       )
       SELECT to_char(lower(g), 'YYYY-MM-DD') AS "from", to_char(upper(g) - 1, 'YYYY-MM-DD') AS "to"
       FROM covered, unnest(datemultirange(daterange($2::date, $3::date, '[]')) - COALESCE(covered.r, '{}'::datemultirange)) AS g
       ORDER BY lower(g)`,
      [ctx.society.id, ctx.year.from, ctx.year.to, ctx.pinnedAt],
    );
    const inYear = ofYear(ctx);
    const nonContractual = sumByCurrency(ctx.facts, (f) => inYear(f) && f.basis === 'non-contractual', 'gross');
    const ncLines = nonContractual.reduce((n, x) => n + x.lines, 0);
    const needed = required === 'always' || (required === 'when-non-contractual' && ncLines > 0);
    const passed = !needed || gaps.length === 0;
    const uncovered = gaps.map((g) => (g.from === g.to ? g.from : `${g.from} to ${g.to}`)).join(', ');
    let details: string;
    if (gaps.length === 0) details = `An accreditation was valid on every day of FY ${ctx.year.year} (${plural(accreditations.length, 'accreditation')}).`;
    else if (needed)
      details = `No accreditation was valid from ${uncovered}${ncLines > 0 ? `, yet ${plural(ncLines, 'line')} of FY ${ctx.year.year} were managed without a mandate` : ''}.`;
    else details = `No accreditation was valid from ${uncovered}; none is required (${required === 'never' ? 'not checked' : 'no non-contractual management in the year'}).`;
    return {
      passed,
      details,
      evidence: { from: ctx.year.from, to: ctx.year.to, required, accreditations, uncovered: gaps, nonContractualLines: ncLines, nonContractualGross: nonContractual },
      metrics: { uncoveredPeriods: gaps.length },
    };
  },
};
