import { addMonths } from '../../../mandates/src/index.js';
import { REQUIRED_TRANSPARENCY_TYPES, TRANSPARENCY_PACKAGE_TYPES } from '../../../package-catalogue/src/index.js';
import { type ParamValues, param } from './params.js';
import type { AuditRule, RuleContext, Sql, YearWindow } from './rule.js';
import { plural } from './support.js';

/** The quarters (`YYYYQn`) whose last day falls in the financial year: the packages that make up its data. */
export function quartersOf(year: YearWindow): string[] {
  const quarters: string[] = [];
  for (let y = Number(year.from.slice(0, 4)); y <= Number(year.to.slice(0, 4)); y++) {
    (['03-31', '06-30', '09-30', '12-31'] as const).forEach((end, i) => {
      const last = `${y}-${end}`;
      if (last >= year.from && last <= year.to) quarters.push(`${y}Q${i + 1}`);
    });
  }
  return quarters;
}

export type PackageState = 'on-time' | 'late' | 'missing' | 'not-yet-due';

/** A required package's state: first committed (ISO timestamp) by the deadline's end, later, or not at all. */
export function packageState(firstCommitted: string | null, deadline: string, asOf: string | null): PackageState {
  const endOfDeadline = `${deadline}T23:59:59.999Z`;
  if (firstCommitted !== null) return firstCommitted <= endOfDeadline ? 'on-time' : 'late';
  return asOf !== null && asOf > deadline ? 'missing' : 'not-yet-due';
}

/**
 * The annual transparency report is published within 8 months of the end of the
 * financial year (Art. 22(1)); its figures (Annex) come from the year's quarterly
 * packages, so every required package must be in the log by then.
 */
export const transparencyReport: AuditRule = {
  id: 'governance.transparency-report',
  title: 'Transparency report data complete within 8 months',
  source: 'Directive 2014/26/EU Art. 22(1) and Annex',
  severity: 'high',
  group: 'governance',
  description:
    "For each quarter ending in the financial year and each required package type, the first time a package of that type and quarter entered the society's log (pinned). " +
    "Fails when one entered after the year's end plus the deadline, or had not entered when the deadline had passed (on the date of the latest pinned head). A rejected package is no package.",
  params: [
    { name: 'monthsAfterYearEnd', kind: 'integer', unit: 'months', default: 8, min: 1, max: 24, description: 'Deadline for the annual transparency report, from the end of the financial year (RULES.md: 8).' },
    {
      name: 'requiredTypes',
      kind: 'list',
      default: [...REQUIRED_TRANSPARENCY_TYPES],
      values: TRANSPARENCY_PACKAGE_TYPES,
      description: 'Package types every quarter must have: revenue, deductions and amounts attributed and paid are the Annex figures no year can lack.',
    },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const months = param.integer(params, 'monthsAfterYearEnd');
    const types = param.list(params, 'requiredTypes');
    const deadline = addMonths(ctx.year.to, months);
    const quarters = quartersOf(ctx.year);
    const committed = await sql<{ type: string; period: string; firstCommitted: string; submissions: number }>(
      `SELECT p.type, p.period, to_char(min(p.committed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "firstCommitted", count(*)::int AS submissions
       FROM audit_pinned p
       WHERE p.society_id = $1 AND p.type = ANY($2::text[]) AND p.period = ANY($3::text[])
       GROUP BY p.type, p.period`,
      [ctx.society.id, types, quarters],
    );
    const packages = quarters.flatMap((period) =>
      types.map((type) => {
        const c = committed.find((r) => r.type === type && r.period === period);
        return { type, period, firstCommitted: c?.firstCommitted ?? null, state: packageState(c?.firstCommitted ?? null, deadline, ctx.asOf) };
      }),
    );
    const late = packages.filter((p) => p.state === 'late');
    const missing = packages.filter((p) => p.state === 'missing');
    const pending = packages.filter((p) => p.state === 'not-yet-due');
    // "income (2025Q1, 2025Q2), deductions (2025Q1)": by type, in the order the types were required.
    const list = (ps: typeof packages) => types.filter((t) => ps.some((p) => p.type === t)).map((t) => `${t} (${ps.filter((p) => p.type === t).map((p) => p.period).join(', ')})`).join(', ');
    let details: string;
    if (late.length === 0 && missing.length === 0) {
      details = pending.length === 0 ? `All ${plural(packages.length, 'required package')} of FY ${ctx.year.year} were in the log by ${deadline}.` : `${plural(pending.length, 'required package')} of FY ${ctx.year.year} are not in the log yet; the deadline is ${deadline}.`;
    } else {
      details = `The data of the FY ${ctx.year.year} transparency report was not complete by ${deadline}:`;
      if (missing.length > 0) details += ` missing ${list(missing)}${late.length > 0 ? ';' : '.'}`;
      if (late.length > 0) details += ` late ${list(late)}.`;
    }
    return {
      passed: late.length === 0 && missing.length === 0,
      details,
      evidence: { deadline, asOf: ctx.asOf, requiredTypes: [...types], quarters, packages },
      metrics: { missingPackages: missing.length, latePackages: late.length },
    };
  },
};
