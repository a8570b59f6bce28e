import { addMonths } from '../../../mandates/src/index.js';
import { type ParamValues, param } from './params.js';
import type { AuditRule, RuleContext, Sql } from './rule.js';
import { addAll, dec, moneyList, plural, text } from './support.js';

export interface Transfer {
  counterpartyCisac: string;
  transferId: string;
  currency: string;
  amount: string;
  /** The first payment date reported for the transfer; null while it is only reported as due. */
  paidOn: string | null;
  periods: string[];
}

export type TransferState = 'on-time' | 'late' | 'overdue' | 'not-yet-due';

/** A transfer's state against its deadline, judged on `asOf` (null: no date to judge unpaid transfers on). */
export function transferState(t: Transfer, deadline: string, asOf: string | null): TransferState {
  if (t.paidOn !== null) return t.paidOn <= deadline ? 'on-time' : 'late';
  return asOf !== null && asOf > deadline ? 'overdue' : 'not-yet-due';
}

/**
 * Money collected for other societies under representation agreements is paid to them
 * within 9 months of the end of the financial year of collection (Art. 15(3)).
 */
export const interSocietyTransfer: AuditRule = {
  id: 'payout.inter-society-transfer',
  title: 'Amounts due to other societies paid within 9 months',
  source: 'Directive 2014/26/EU Art. 15(3)',
  severity: 'high',
  group: 'payouts',
  description:
    'Outgoing inter-society lines whose year of collection is the audited financial year, in any pinned package (late reports included), grouped by counterparty and transfer id. ' +
    'A transfer paid after the deadline, or still unpaid when the deadline has passed (on the date of the latest pinned head), fails the rule.',
  params: [
    { name: 'monthsAfterYearEnd', kind: 'integer', unit: 'months', default: 9, min: 0, max: 36, description: 'Deadline for paying other societies, from the end of the financial year of collection (RULES.md: 9).' },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const months = param.integer(params, 'monthsAfterYearEnd');
    const deadline = addMonths(ctx.year.to, months);
    const transfers = await sql<Transfer>(
      `SELECT t.counterparty_cisac AS "counterpartyCisac", t.transfer_id AS "transferId", t.currency,
              trim_scale(max(t.amount))::text AS amount, to_char(min(t.paid_on), 'YYYY-MM-DD') AS "paidOn",
              array_agg(DISTINCT p.period ORDER BY p.period) AS periods
       FROM audit_pinned p
       JOIN inter_society_lines t ON t.society_id = p.society_id AND t.submission_id = p.submission_id
       WHERE p.society_id = $1 AND p.active AND p.type = 'inter-society' AND t.direction = 'out' AND t.fy_of_collection = $2
       GROUP BY t.counterparty_cisac, t.transfer_id, t.currency
       ORDER BY t.counterparty_cisac, t.transfer_id, t.currency`,
      [ctx.society.id, ctx.year.year],
    );
    const judged = transfers.map((t) => ({ ...t, state: transferState(t, deadline, ctx.asOf) }));
    const failing = judged.filter((t) => t.state === 'late' || t.state === 'overdue');
    const sums = (state: TransferState) => totals(judged.filter((t) => t.state === state));
    return {
      passed: failing.length === 0,
      details:
        transfers.length === 0
          ? `No money collected in FY ${ctx.year.year} is reported as owed to other societies.`
          : failing.length === 0
            ? `${plural(transfers.length, 'transfer')} to other societies for FY ${ctx.year.year}: none paid late or overdue on ${ctx.asOf ?? 'the audit date'} (deadline ${deadline}).`
            : `${plural(failing.length, 'transfer')} to other societies for FY ${ctx.year.year} missed the deadline of ${deadline}: ` +
              `${sums('late').length > 0 ? `paid late ${moneyList(sums('late'))}` : ''}${sums('late').length > 0 && sums('overdue').length > 0 ? '; ' : ''}` +
              `${sums('overdue').length > 0 ? `unpaid on ${ctx.asOf} ${moneyList(sums('overdue'))}` : ''}.`,
      evidence: {
        deadline,
        asOf: ctx.asOf,
        transfers: transfers.length,
        onTime: sums('on-time'),
        late: sums('late'),
        overdue: sums('overdue'),
        notYetDue: sums('not-yet-due'),
        failing: failing.slice(0, ctx.evidenceLimit),
        failingTotal: failing.length,
      },
      metrics: { failingTransfers: failing.length },
    };
  },
};

function totals(transfers: readonly { currency: string; amount: string }[]): { currency: string; amount: string; transfers: number }[] {
  const by = new Map<string, { amount: ReturnType<typeof dec>; n: number }>();
  for (const t of transfers) {
    const x = by.get(t.currency) ?? { amount: dec('0'), n: 0 };
    x.amount = x.amount.plus(t.amount);
    x.n += 1;
    by.set(t.currency, x);
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, x]) => ({ currency, amount: text(x.amount), transfers: x.n }));
}

export interface Receipt {
  category: string;
  territory: string;
  currency: string;
  received: string;
  firstReceipt: string;
  lastReceipt: string;
  transfers: string[];
}

/**
 * Money received from other societies is paid on to the rights holders they represent
 * within 6 months of receipt (Art. 15(3)). The ledger does not tie a distribution line to
 * the money it came from, so the check is by category, territory and currency: what was
 * received in the year must be matched by net paid on lines of that category, territory
 * and currency between the first receipt and 6 months after the last one (lines whose
 * use ended in the look-back window, from the shared pass over the lines).
 */
export const interSocietyOnward: AuditRule = {
  id: 'payout.inter-society-onward',
  title: 'Money received from other societies paid on within 6 months',
  source: 'Directive 2014/26/EU Art. 15(3)',
  severity: 'medium',
  group: 'payouts',
  description:
    'Incoming inter-society lines received (paid_on) in the financial year, grouped by category, territory and currency. ' +
    'For each group whose last receipt is more than the allowed months before the date of the latest pinned head, net paid on distribution lines of that category, territory and currency ' +
    'from the first receipt to the deadline (lines whose use ended in the look-back window) must reach the amount received; less fails the rule. (A proxy: the ledger does not link a line to the money it distributes.)',
  params: [
    { name: 'monthsAfterReceipt', kind: 'integer', unit: 'months', default: 6, min: 0, max: 36, description: 'Time to pay on money received from another society (RULES.md: 6).' },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const months = param.integer(params, 'monthsAfterReceipt');
    const receipts = await sql<Receipt>(
      `SELECT t.category, t.territory, t.currency, trim_scale(sum(t.amount))::text AS received,
              to_char(min(t.paid_on), 'YYYY-MM-DD') AS "firstReceipt", to_char(max(t.paid_on), 'YYYY-MM-DD') AS "lastReceipt",
              (array_agg(t.counterparty_cisac || ':' || t.transfer_id ORDER BY t.paid_on, t.transfer_id))[1:20] AS transfers
       FROM audit_pinned p
       JOIN inter_society_lines t ON t.society_id = p.society_id AND t.submission_id = p.submission_id
       WHERE p.society_id = $1 AND p.active AND p.type = 'inter-society' AND t.direction = 'in' AND t.paid_on BETWEEN $2 AND $3
       GROUP BY t.category, t.territory, t.currency
       ORDER BY t.category, t.territory, t.currency`,
      [ctx.society.id, ctx.year.from, ctx.year.to],
    );
    if (receipts.length === 0) {
      return { passed: true, details: `No money was received from other societies in FY ${ctx.year.year}.`, evidence: { receipts: [] }, metrics: { shortGroups: 0 } };
    }
    const groups = receipts.map((r) => {
      const deadline = addMonths(r.lastReceipt, months);
      const paidOnward = addAll(
        ctx.paidByPlace.filter((p) => p.currency === r.currency && p.category === r.category && p.territory === r.territory && p.paidOn >= r.firstReceipt && p.paidOn <= deadline).map((p) => p.net),
      );
      const due = ctx.asOf !== null && ctx.asOf > deadline;
      const short = dec(paidOnward).lessThan(r.received);
      return { ...r, deadline, paidOnward, state: !short ? 'paid-on' : due ? 'short' : 'not-yet-due' };
    });
    const shortGroups = groups.filter((g) => g.state === 'short');
    return {
      passed: shortGroups.length === 0,
      details:
        shortGroups.length === 0
          ? `Money received from other societies in FY ${ctx.year.year} (${moneyList(groups.map((g) => ({ currency: g.currency, amount: g.received })))}) was paid on, or is not yet due.`
          : `${plural(shortGroups.length, 'group')} of money received from other societies in FY ${ctx.year.year} was not paid on within ${months} months: ` +
            shortGroups.map((g) => `${g.category}/${g.territory} received ${g.currency} ${g.received}, paid on ${g.currency} ${g.paidOnward} by ${g.deadline}`).join('; ') +
            '.',
      evidence: { monthsAfterReceipt: months, asOf: ctx.asOf, receipts: groups },
      metrics: { shortGroups: shortGroups.length },
    };
  },
};
