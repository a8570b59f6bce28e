import { type ParamValues, param } from './params.js';
import type { AuditRule, RuleContext, Sql } from './rule.js';
import { addAll, dec, moneyList, percent, plural, text } from './support.js';

export interface UndistributedLine {
  submissionId: string;
  period: string;
  lineNo: number;
  category: string;
  fyOfCollection: number;
  currency: string;
  amount: string;
  reason: string;
  nonDistributable: boolean;
  decidedUse: string | null;
}

export type UndistributedProblem = 'held-past-limit' | 'declared-too-early' | 'no-decided-use';

/** What is wrong with one reported undistributed amount in financial year `year`, if anything. */
export function undistributedProblem(line: UndistributedLine, year: number, limitYears: number): UndistributedProblem | null {
  const age = year - line.fyOfCollection;
  if (!line.nonDistributable) return age >= limitYears ? 'held-past-limit' : null;
  if (age < limitYears) return 'declared-too-early';
  return line.decidedUse === null || line.decidedUse.trim() === '' ? 'no-decided-use' : null;
}

const PROBLEM_TEXT: Record<UndistributedProblem, string> = {
  'held-past-limit': 'still held as undistributed after the limit instead of being declared non-distributable',
  'declared-too-early': 'declared non-distributable before the limit',
  'no-decided-use': 'declared non-distributable with no use decided by the general assembly',
};

/**
 * Undistributed amounts and their use (Art. 13(4)-(6)): amounts that cannot be
 * distributed become non-distributable 3 years after the end of the financial year of
 * collection, and the general assembly decides their use.
 */
export const undistributedOver3Years: AuditRule = {
  id: 'payout.undistributed-over-3-years',
  title: 'Undistributed amounts over 3 years and their use',
  source: 'Directive 2014/26/EU Art. 13(4)-(6)',
  severity: 'medium',
  group: 'payouts',
  description:
    "Reads the undistributed packages of the financial year's quarters. An amount collected 3 or more financial years earlier that is still reported as undistributed " +
    '(not declared non-distributable) fails, as does an amount declared non-distributable before the limit or without a use decided by the general assembly. ' +
    'The evidence gives the amounts by year of collection and the undistributed share of the money collected in the year.',
  params: [
    { name: 'yearsUntilNonDistributable', kind: 'integer', unit: 'years', default: 3, min: 1, max: 10, description: 'Years after the financial year of collection after which undistributable money is declared non-distributable (RULES.md: 3).' },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const limit = param.integer(params, 'yearsUntilNonDistributable');
    const lines = await sql<UndistributedLine>(
      `SELECT p.submission_id AS "submissionId", p.period, u.line_no AS "lineNo", u.category, u.fy_of_collection AS "fyOfCollection", u.currency,
              trim_scale(u.amount)::text AS amount, u.reason, u.non_distributable AS "nonDistributable", NULLIF(u.decided_use, '') AS "decidedUse"
       FROM audit_pinned p
       JOIN undistributed_lines u ON u.society_id = p.society_id AND u.submission_id = p.submission_id
       WHERE p.society_id = $1 AND p.active AND p.type = 'undistributed' AND p.quarter_end BETWEEN $2 AND $3
       ORDER BY p.leaf_index, u.line_no`,
      [ctx.society.id, ctx.year.from, ctx.year.to],
    );
    const problems = lines.map((l) => ({ line: l, problem: undistributedProblem(l, ctx.year.year, limit) })).filter((x) => x.problem !== null);
    const byAge = new Map<string, ReturnType<typeof dec>>();
    for (const l of lines) {
      const key = `${l.currency} ${l.fyOfCollection} ${l.nonDistributable ? 'non-distributable' : 'undistributed'}`;
      byAge.set(key, (byAge.get(key) ?? dec('0')).plus(l.amount));
    }
    const own = ctx.society.currency;
    const heldOwn = addAll(lines.filter((l) => l.currency === own && !l.nonDistributable).map((l) => l.amount));
    const collectedOwn = ctx.income.find((i) => i.currency === own)?.amount ?? '0';
    const undistributedSharePercent = percent(heldOwn, collectedOwn);
    const shown = problems.slice(0, ctx.evidenceLimit).map(({ line, problem }) => ({ ...line, problem }));
    return {
      passed: problems.length === 0,
      details:
        problems.length === 0
          ? `${plural(lines.length, 'undistributed amount')} reported in FY ${ctx.year.year}; none is held past ${limit} years or declared non-distributable irregularly.`
          : `${plural(problems.length, 'undistributed amount')} reported in FY ${ctx.year.year} break the ${limit}-year rule: ` +
            [...new Set(problems.map((p) => p.problem!))].map((p) => PROBLEM_TEXT[p]).join('; ') +
            ` (${moneyList(problems.map((p) => ({ currency: p.line.currency, amount: p.line.amount })))}).`,
      evidence: {
        limitYears: limit,
        reported: lines.length,
        amounts: [...byAge.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, amount]) => {
          const [currency, fyOfCollection, state] = key.split(' ');
          return { currency, fyOfCollection: Number(fyOfCollection), state, amount: text(amount) };
        }),
        heldUndistributed: heldOwn,
        collected: collectedOwn,
        undistributedSharePercent,
        shareCurrency: own,
        problems: problems.length,
        problemLines: shown,
        problemLinesTotal: problems.length,
      },
      metrics: { undistributedSharePercent },
    };
  },
};
