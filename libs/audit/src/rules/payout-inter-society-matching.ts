import { DEFAULT_TOLERANCE_DAYS, type MatchItem, type TransferReport, isSideOf, matchTransfers, transferReportsSql } from '../../../inter-society/src/index.js';
import { addMonths } from '../../../mandates/src/index.js';
import { type ParamValues, param } from './params.js';
import type { AuditRule, RuleContext, Sql } from './rule.js';
import { plural } from './support.js';

const brief = (it: MatchItem) => ({
  status: it.status,
  outgoing: it.outgoing ? { society: it.outgoing.cisacCode, to: it.outgoing.counterpartyCisac, transferId: it.outgoing.transferId, currency: it.outgoing.currency, amount: it.outgoing.amount, paidOn: it.outgoing.paidOn } : null,
  incoming: it.incoming ? { society: it.incoming.cisacCode, from: it.incoming.counterpartyCisac, transferId: it.incoming.transferId, currency: it.incoming.currency, amount: it.incoming.amount, paidOn: it.incoming.paidOn } : null,
  difference: it.difference,
});

/**
 * What one society reports paying another must match what the other reports receiving
 * (Directive 2014/26/EU Art. 15, 19; RULES.md): an unmatched transfer is a finding for
 * both sides once the Art. 15(3) deadline has passed.
 */
export const interSocietyMatching: AuditRule = {
  id: 'payout.inter-society-matching',
  title: "Transfers between societies match the other society's record",
  source: 'Directive 2014/26/EU Art. 15, 19',
  severity: 'high',
  group: 'payouts',
  description:
    "The society's inter-society transfers of the financial year of collection, in and out, matched against the counterparties' own reports in their pinned packages: same pair of CISAC codes, currency, exact amount, " +
    'dates within the tolerance, the same transfer id when both use it. Past the deadline (months after the year end, on the date of the latest pinned head), a transfer the other side did not report, or reported with another amount, fails the rule; ' +
    'transfers with societies not on the ledger are listed, not judged.',
  params: [
    { name: 'monthsAfterYearEnd', kind: 'integer', unit: 'months', default: 9, min: 0, max: 36, description: 'When an unmatched transfer becomes a finding: months after the end of the financial year of collection (Art. 15(3): 9).' },
    { name: 'toleranceDays', kind: 'integer', unit: 'days', default: DEFAULT_TOLERANCE_DAYS, min: 0, max: 366, description: 'Days the payment and the receipt may be apart (a parameter: no law sets it).' },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const months = param.integer(params, 'monthsAfterYearEnd');
    const toleranceDays = param.integer(params, 'toleranceDays');
    const deadline = addMonths(ctx.year.to, months);
    const due = ctx.asOf !== null && ctx.asOf > deadline;
    const reports = await sql<TransferReport>(transferReportsSql('pinned'), [ctx.year.year, ctx.society.id]);
    const mine = matchTransfers(reports, { toleranceDays }).filter((it) => isSideOf(it, ctx.society.id));
    const count = (s: MatchItem['status']) => mine.filter((it) => it.status === s).length;
    const problems = mine.filter((it) => it.status === 'amount-differs' || it.status === 'unmatched-out' || it.status === 'unmatched-in');
    const failing = due ? problems : [];
    return {
      passed: failing.length === 0,
      details:
        mine.length === 0
          ? `No transfer between the society and another for FY ${ctx.year.year} is reported.`
          : problems.length === 0
            ? `${plural(mine.length, 'transfer')} with other societies for FY ${ctx.year.year}: ${count('matched')} matched by the other side's record${count('counterparty-not-on-ledger') > 0 ? `, ${count('counterparty-not-on-ledger')} with societies not on the ledger` : ''}.`
            : `${plural(problems.length, 'transfer')} with other societies for FY ${ctx.year.year} do not match the other side's record ` +
              `(${count('unmatched-out')} paid but not reported received, ${count('unmatched-in')} received but not reported paid, ${count('amount-differs')} with another amount)` +
              (due ? `, past the deadline of ${deadline}.` : `; the deadline of ${deadline} has not passed on ${ctx.asOf ?? 'the audit date'}.`),
      evidence: {
        deadline,
        asOf: ctx.asOf,
        toleranceDays,
        matched: count('matched'),
        amountDiffers: count('amount-differs'),
        unmatchedOut: count('unmatched-out'),
        unmatchedIn: count('unmatched-in'),
        counterpartyNotOnLedger: count('counterparty-not-on-ledger'),
        failing: failing.slice(0, ctx.evidenceLimit).map(brief),
        failingTotal: failing.length,
        notJudged: mine.filter((it) => it.status === 'counterparty-not-on-ledger').slice(0, ctx.evidenceLimit).map(brief),
        notJudgedTotal: count('counterparty-not-on-ledger'),
      },
      metrics: { unmatchedTransfers: failing.length },
    };
  },
};
