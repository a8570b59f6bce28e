import { DecimalValue } from '../../../money/src/index.js';
import { type ParamValues, param } from './params.js';
import type { AuditRule, RuleContext, Sql } from './rule.js';
import { dec, exceedsPercent, firstLinesSql, money, moneyList, percent, plural, text } from './support.js';

/** One society's money collected and deducted in its financial year, in its own currency. */
export interface SocietyRatio {
  societyId: string;
  income: string;
  management: string;
  socialCultural: string;
}

/**
 * Collected income and management / social-cultural deductions of each society in its
 * own currency over its own financial year of the audited number, from the pinned
 * packages of the quarters ending in it.
 */
async function ratios(sql: Sql, ctx: RuleContext): Promise<SocietyRatio[]> {
  if (ctx.peers.length === 0) return [];
  return sql<SocietyRatio>(
    `WITH w AS (SELECT * FROM unnest($1::uuid[], $2::date[], $3::date[], $4::text[]) AS w(society_id, from_date, to_date, currency)),
     inc AS (
       SELECT society_id, sum(amount) AS amount FROM (
         SELECT w.society_id, i.amount
         FROM w JOIN audit_pinned p ON p.society_id = w.society_id AND p.active AND p.type = 'income' AND p.quarter_end BETWEEN w.from_date AND w.to_date
         JOIN income_lines i ON i.society_id = p.society_id AND i.submission_id = p.submission_id AND i.currency = w.currency
         UNION ALL
         -- DSR licence income (issue 16) is collected income too, at the journal's 8 decimals.
         SELECT w.society_id, round(d.amount, 8)
         FROM w JOIN audit_pinned p ON p.society_id = w.society_id AND p.active AND p.type = 'dsr' AND p.quarter_end BETWEEN w.from_date AND w.to_date
         JOIN dsr_lines d ON d.society_id = p.society_id AND d.submission_id = p.submission_id AND d.currency = w.currency
       ) x
       GROUP BY society_id
     ),
     ded AS (
       SELECT w.society_id,
              sum(d.amount) FILTER (WHERE d.kind = 'management') AS management,
              sum(d.amount) FILTER (WHERE d.kind = 'social-cultural') AS social
       FROM w JOIN audit_pinned p ON p.society_id = w.society_id AND p.active AND p.type = 'deductions' AND p.quarter_end BETWEEN w.from_date AND w.to_date
       JOIN deduction_lines d ON d.society_id = p.society_id AND d.submission_id = p.submission_id AND d.currency = w.currency
       GROUP BY w.society_id
     )
     SELECT w.society_id AS "societyId", trim_scale(COALESCE(inc.amount, 0))::text AS income,
            trim_scale(COALESCE(ded.management, 0))::text AS management, trim_scale(COALESCE(ded.social, 0))::text AS "socialCultural"
     FROM w LEFT JOIN inc USING (society_id) LEFT JOIN ded USING (society_id)
     ORDER BY w.society_id`,
    [ctx.peers.map((p) => p.societyId), ctx.peers.map((p) => p.year.from), ctx.peers.map((p) => p.year.to), ctx.peers.map((p) => p.currency)],
  );
}

/** The median of decimal strings (the mean of the middle two for an even count); null for none. */
export function median(values: readonly string[]): string | null {
  if (values.length === 0) return null;
  const sorted = [...values].map((v) => dec(v)).sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(sorted.length / 2);
  return text(sorted.length % 2 === 1 ? sorted[mid]! : sorted[mid - 1]!.plus(sorted[mid]!).dividedBy(2));
}

/** Management costs against income, the society's own ratio and the peers' median (exact, 6 places for the comparison). */
export function costRatioJudgement(
  own: SocietyRatio,
  all: readonly SocietyRatio[],
  p: { maxPercent: string | null; peerFactor: string | null; minPeers: number },
): { ratio: string | null; median: string | null; peers: number; overCap: boolean; overPeers: boolean; withoutIncome: boolean } {
  const exact = (r: SocietyRatio) => dec(r.management).times(100).dividedBy(r.income).toFixed(6, DecimalValue.ROUND_HALF_UP);
  const withIncome = all.filter((r) => !dec(r.income).isZero());
  const ratio = dec(own.income).isZero() ? null : exact(own);
  const med = median(withIncome.map(exact));
  const overCap = ratio !== null && p.maxPercent !== null && exceedsPercent(own.management, own.income, p.maxPercent);
  const overPeers = ratio !== null && med !== null && p.peerFactor !== null && withIncome.length >= p.minPeers && dec(ratio).greaterThan(dec(med).times(p.peerFactor));
  return { ratio, median: med, peers: withIncome.length, overCap, overPeers, withoutIncome: dec(own.income).isZero() && !dec(own.management).isZero() };
}

const round2 = (v: string | null) => (v === null ? null : dec(v).toFixed(2, DecimalValue.ROUND_HALF_UP));

/**
 * Management costs (Art. 12(1)-(2); reported in the transparency report, Annex 2(b)):
 * management deductions as a share of the rights revenue collected, against a cap the
 * jurisdiction may set and against the median of every society in the ledger.
 */
export const managementCostRatio: AuditRule = {
  id: 'payout.management-cost-ratio',
  title: 'Management costs against collected income, with the peer median',
  source: 'Directive 2014/26/EU Art. 12(1)-(2); Annex 2(b)',
  severity: 'medium',
  group: 'payouts',
  description:
    "Management deductions of the financial year's deduction packages as a percentage of the income collected in its quarters (in the society's currency), " +
    'set against the median ratio of every society with income in its financial year of the same number (pinned to each one\'s head). ' +
    'Fails above the cap (none by default), above the peer median times the peer factor when enough societies have income, or when management fees are deducted with no income at all.',
  params: [
    { name: 'maxPercent', kind: 'decimal', unit: 'percent', default: null, min: '0', max: '100', nullable: true, description: 'A cap on management costs as a percentage of income; null for none (RULES.md names no number: "reasonable").' },
    { name: 'peerFactor', kind: 'decimal', unit: 'factor', default: '1.5', min: '1', max: '100', nullable: true, description: 'Fails above the peer median times this factor; null to ignore the peers (policy default, not from RULES.md).' },
    { name: 'minPeers', kind: 'integer', unit: 'societies', default: 3, min: 1, max: 1000, description: 'How many societies with income the peer comparison needs.' },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const all = await ratios(sql, ctx);
    const own = all.find((r) => r.societyId === ctx.society.id) ?? { societyId: ctx.society.id, income: '0', management: '0', socialCultural: '0' };
    const p = { maxPercent: param.decimal(params, 'maxPercent'), peerFactor: param.decimal(params, 'peerFactor'), minPeers: param.integer(params, 'minPeers') };
    const j = costRatioJudgement(own, all, p);
    const failed = j.overCap || j.overPeers || j.withoutIncome;
    const c = ctx.society.currency;
    let details: string;
    if (j.withoutIncome) details = `Management fees of ${money(c, own.management)} were deducted in FY ${ctx.year.year} with no income collected.`;
    else if (j.ratio === null) details = `No income was collected in FY ${ctx.year.year}: there is no cost ratio.`;
    else {
      details = `Management costs were ${round2(j.ratio)}% of the income collected (${money(c, own.management)} of ${money(c, own.income)})`;
      details += j.median === null ? '.' : `; the median of ${plural(j.peers, 'society', 'societies')} is ${round2(j.median)}%.`;
      if (j.overCap) details += ` That is above the cap of ${p.maxPercent}%.`;
      if (j.overPeers) details += ` That is above ${p.peerFactor} times the peer median.`;
    }
    return {
      passed: !failed,
      details,
      evidence: {
        currency: c,
        income: own.income,
        management: own.management,
        ratioPercent: round2(j.ratio),
        peerMedianPercent: round2(j.median),
        peersWithIncome: j.peers,
        capPercent: p.maxPercent,
        peerFactor: p.peerFactor,
      },
      metrics: { costRatioPercent: round2(j.ratio), peerMedianPercent: round2(j.median) },
    };
  },
};

/**
 * Deductions for social, cultural and educational purposes (Art. 12(4); decided by the
 * general assembly, Art. 8(5)(d); special report, Annex 3): their share of the income.
 */
export const socialCulturalDeductions: AuditRule = {
  id: 'payout.social-cultural-deductions',
  title: 'Social, cultural and educational deductions within their limit',
  source: 'Directive 2014/26/EU Art. 12(4), Art. 8(5)(d); Annex 3',
  severity: 'medium',
  group: 'payouts',
  description:
    "Social-cultural deductions of the financial year's deduction packages as a percentage of the income collected in its quarters (in the society's currency). " +
    'Fails above the limit, or when such deductions are made with no income collected. The evidence lists the deduction lines.',
  params: [
    { name: 'maxPercent', kind: 'decimal', unit: 'percent', default: '10', min: '0', max: '100', nullable: true, description: 'The limit as a percentage of income; null for none (default 10, the CISAC Professional Rules limit; RULES.md names none).' },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const limit = param.decimal(params, 'maxPercent');
    const c = ctx.society.currency;
    const lines = await sql<Record<string, unknown>>(
      firstLinesSql('deduction_lines', 'deductions', `l.deduction_id AS "deductionId", l.category, l.currency, trim_scale(l.amount)::text AS amount, l.description`, `l.kind = 'social-cultural' AND p.quarter_end BETWEEN $3 AND $4`),
      [ctx.society.id, ctx.evidenceLimit, ctx.year.from, ctx.year.to],
    );
    const totals = await sql<{ currency: string; amount: string; lines: number }>(
      `SELECT d.currency, trim_scale(sum(d.amount))::text AS amount, count(*)::int AS lines
       FROM audit_pinned p JOIN deduction_lines d ON d.society_id = p.society_id AND d.submission_id = p.submission_id
       WHERE p.society_id = $1 AND p.active AND p.type = 'deductions' AND p.quarter_end BETWEEN $2 AND $3 AND d.kind = 'social-cultural'
       GROUP BY d.currency ORDER BY d.currency`,
      [ctx.society.id, ctx.year.from, ctx.year.to],
    );
    const deducted = totals.find((t) => t.currency === c)?.amount ?? '0';
    const income = ctx.income.find((i) => i.currency === c)?.amount ?? '0';
    const share = percent(deducted, income);
    const withoutIncome = !dec(deducted).isZero() && dec(income).isZero();
    const over = limit !== null && !dec(income).isZero() && exceedsPercent(deducted, income, limit);
    const count = totals.reduce((n, t) => n + t.lines, 0);
    let details: string;
    if (withoutIncome) details = `Social-cultural deductions of ${money(c, deducted)} were made in FY ${ctx.year.year} with no income collected.`;
    else if (count === 0) details = `No social-cultural deductions were made in FY ${ctx.year.year}.`;
    else details = `Social-cultural deductions were ${share}% of the income collected (${moneyList(totals)} in ${plural(count, 'line')})${limit === null ? '' : over ? `, above the limit of ${limit}%` : `, within the limit of ${limit}%`}.`;
    return {
      passed: !over && !withoutIncome,
      details,
      evidence: { currency: c, income, deducted: totals, sharePercent: share, limitPercent: limit, lines: lines.map((l) => ({ ...l })), linesTotal: count },
      metrics: { socialCulturalPercent: share },
    };
  },
};
