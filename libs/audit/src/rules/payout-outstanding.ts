import { addMonths } from '../../../mandates/src/index.js';
import { type ParamValues, param } from './params.js';
import type { AuditRule, JsonObject, RuleContext, Sql } from './rule.js';
import { LINE_COLUMNS, asEvidence, firstLinesSql, moneyList, ofYear, percent, plural, sumByCurrency, sumIn } from './support.js';

/**
 * Amounts attributed but still outstanding (Art. 13(1), reported to holders under
 * Art. 18(1)(g)): lines of identified rights holders left unpaid once the distribution
 * deadline has passed fail; money of unidentified holders is shown (it is held for
 * claims, reported as undistributed, and judged by payout.undistributed-over-3-years).
 */
export const outstanding: AuditRule = {
  id: 'payout.outstanding',
  title: 'Attributed but unpaid amounts after the distribution deadline',
  source: 'Directive 2014/26/EU Art. 13(1), Art. 18(1)(g)',
  severity: 'high',
  group: 'payouts',
  description:
    'Money attributed to identified rights holders must be paid within the distribution deadline. ' +
    'Distribution lines for uses ending in the financial year that are still unpaid when the deadline has passed (judged on the date of the latest pinned head) fail the rule. ' +
    'Unidentified money is listed with its share but does not fail this rule.',
  params: [
    { name: 'monthsAfterYearEnd', kind: 'integer', unit: 'months', default: 9, min: 0, max: 36, description: 'Deadline after which attributed money must have been paid (RULES.md: 9).' },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const months = param.integer(params, 'monthsAfterYearEnd');
    const deadline = addMonths(ctx.year.to, months);
    const inYear = ofYear(ctx);
    const attributed = sumByCurrency(ctx.facts, inYear, 'net');
    const unpaid = sumByCurrency(ctx.facts, (f) => inYear(f) && f.status === 'unpaid', 'net');
    const unidentified = sumByCurrency(ctx.facts, (f) => inYear(f) && f.status === 'unidentified', 'net');
    const due = ctx.asOf !== null && ctx.asOf > deadline;
    const unpaidLines = unpaid.reduce((n, u) => n + u.lines, 0);
    const own = ctx.society.currency;
    const attributedOwn = sumIn(ctx.facts, own, inYear, 'net').amount;
    const evidence: JsonObject = {
      deadline,
      asOf: ctx.asOf,
      deadlinePassed: due,
      attributed,
      unpaid,
      unidentified,
      unpaidSharePercent: percent(sumIn(ctx.facts, own, (f) => inYear(f) && f.status === 'unpaid', 'net').amount, attributedOwn),
      unidentifiedSharePercent: percent(sumIn(ctx.facts, own, (f) => inYear(f) && f.status === 'unidentified', 'net').amount, attributedOwn),
      shareCurrency: own,
    };
    const failing = due && unpaidLines > 0;
    if (failing) {
      evidence.unpaidLines = asEvidence(
        await sql(firstLinesSql('distribution_lines', 'distribution-lines', LINE_COLUMNS, `l.status = 'unpaid' AND l.use_to BETWEEN $3 AND $4`), [ctx.society.id, ctx.evidenceLimit, ctx.year.from, ctx.year.to]),
      );
      evidence.unpaidLinesTotal = unpaidLines;
    }
    let details: string;
    if (failing) details = `${plural(unpaidLines, 'line')} attributed to identified rights holders for uses in FY ${ctx.year.year} were still unpaid on ${ctx.asOf}, after the deadline of ${deadline}: ${moneyList(unpaid)}.`;
    else if (unpaidLines > 0) details = `${plural(unpaidLines, 'line')} (${moneyList(unpaid)}) are unpaid, but their deadline (${deadline}) had not passed on ${ctx.asOf ?? 'the audit date (no signed head)'}.`;
    else details = `Nothing attributed to identified rights holders for uses in FY ${ctx.year.year} is unpaid.`;
    const unidentifiedLines = unidentified.reduce((n, u) => n + u.lines, 0);
    if (unidentifiedLines > 0) details += ` ${plural(unidentifiedLines, 'line')} of unidentified holders hold ${moneyList(unidentified)}.`;
    return { passed: !failing, details, evidence, metrics: { unpaidLines, unpaidSharePercent: evidence.unpaidSharePercent } };
  },
};
