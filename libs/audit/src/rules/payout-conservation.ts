import type { CategoryFlows } from '../../../ledger/src/index.js';
import { type ParamValues, param } from './params.js';
import type { AuditRule, RuleContext, Sql } from './rule.js';
import { dec, plural, text } from './support.js';

/** One row of the pinned journal of the year: a kind of entry, an account, a currency, the sum posted. */
export interface JournalSum {
  kind: string;
  account: string;
  currency: string;
  amount: string;
}

/** One category and currency of the conservation check, as the journal's reconciliation gives it. */
export type CategoryFlow = CategoryFlows;

/** Where a currency's money went in the year: the money-flow chart. */
export interface MoneyFlow {
  currency: string;
  collected: string;
  management: string;
  socialCultural: string;
  otherDeductions: string;
  toOtherSocieties: string;
  undistributed: string;
  /** Net attributed to rights holders (paid + outstanding). */
  distributed: string;
  paid: string;
  outstanding: string;
  /** collected − everything accounted for: money nobody accounted for. */
  difference: string;
}

/**
 * Per category and currency, the conservation identity of the ledger's reconciliation
 * (libs/ledger balances.repository flows): credits to a pool by income and money
 * received from other societies are collected; debits by deductions, distributions,
 * transfers out and amounts set aside are where it went.
 */
export function categoryFlows(rows: readonly JournalSum[]): CategoryFlow[] {
  const by = new Map<string, Record<'collected' | 'deductions' | 'distributed' | 'toOtherSocieties' | 'undistributed', ReturnType<typeof dec>>>();
  for (const r of rows) {
    if (!r.account.startsWith('pool:')) continue;
    const key = `${r.account.slice('pool:'.length)}\u0000${r.currency}`;
    const f = by.get(key) ?? { collected: dec('0'), deductions: dec('0'), distributed: dec('0'), toOtherSocieties: dec('0'), undistributed: dec('0') };
    const a = dec(r.amount);
    if (r.kind === 'income' || r.kind === 'dsr' || r.kind === 'inter-society:in') f.collected = f.collected.minus(a);
    else if (r.kind === 'deductions') f.deductions = f.deductions.plus(a);
    else if (r.kind === 'distribution-lines') f.distributed = f.distributed.plus(a);
    else if (r.kind === 'inter-society:out') f.toOtherSocieties = f.toOtherSocieties.plus(a);
    else if (r.kind === 'undistributed') f.undistributed = f.undistributed.plus(a);
    by.set(key, f);
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, f]) => {
      const [category, currency] = key.split('\u0000');
      const difference = f.collected.minus(f.deductions).minus(f.distributed).minus(f.toOtherSocieties).minus(f.undistributed);
      return {
        category,
        currency,
        collected: text(f.collected),
        deductions: text(f.deductions),
        distributed: text(f.distributed),
        toOtherSocieties: text(f.toOtherSocieties),
        undistributed: text(f.undistributed),
        difference: text(difference),
      };
    });
}

/** The money flow of one currency: collected → deductions by kind, other societies, undistributed, attributed → paid / outstanding. */
export function moneyFlow(rows: readonly JournalSum[], currency: string): MoneyFlow {
  const flows = categoryFlows(rows).filter((f) => f.currency === currency);
  const total = (field: keyof CategoryFlow) => text(flows.reduce((s, f) => s.plus(f[field]), dec('0')));
  const posted = (match: (r: JournalSum) => boolean) => rows.filter((r) => r.currency === currency && match(r)).reduce((s, r) => s.plus(r.amount), dec('0'));
  // Deduction accounts are credited (negative); payments credit cash (negative).
  const deduction = (kind: string) => text(posted((r) => r.kind === 'deductions' && r.account === `deductions:${kind}`).negated());
  const distributed = total('distributed');
  const paid = posted((r) => r.kind === 'distribution-lines:payment' && r.account === 'cash').negated();
  return {
    currency,
    collected: total('collected'),
    management: deduction('management'),
    socialCultural: deduction('social-cultural'),
    otherDeductions: deduction('other'),
    toOtherSocieties: total('toOtherSocieties'),
    undistributed: total('undistributed'),
    distributed,
    paid: text(paid),
    outstanding: text(dec(distributed).minus(paid)),
    difference: total('difference'),
  };
}

/**
 * Conservation (Art. 11: rights revenue is used only for distribution, authorised
 * deductions and investments): for each category and currency of the financial year,
 * collected = deductions + distributed + paid to other societies + held undistributed.
 */
export const conservation: AuditRule = {
  id: 'payout.conservation',
  title: 'Collected money is all accounted for (conservation)',
  source: 'Directive 2014/26/EU Art. 11(2)-(4)',
  severity: 'high',
  group: 'payouts',
  description:
    "Reads the journal entries of the pinned submissions dated in the financial year (the ledger's own reconciliation, pinned): for each category of rights and currency, " +
    'collected (income and money received from other societies) must equal deductions + net distributed + paid to other societies + set aside as undistributed. ' +
    'Any difference beyond the tolerance fails. The evidence gives every category and the money flow from collected to paid.',
  params: [
    { name: 'tolerance', kind: 'decimal', unit: 'amount', default: '0', min: '0', max: '1000000', nullable: false, description: 'Largest difference per category and currency that is not a finding (RULES.md: any difference is one).' },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const tolerance = dec(param.decimal(params, 'tolerance') ?? '0');
    // Every logged submission counts, current or superseded: a correction's reversal
    // entries belong to the correcting submission, so the sum is that of the pinned state.
    const rows = await sql<JournalSum>(
      `SELECT e.kind, jp.account, jp.currency, trim_scale(sum(jp.amount))::text AS amount
       FROM audit_pinned p
       JOIN journal_entries e ON e.society_id = p.society_id AND e.submission_id = p.submission_id
       JOIN journal_postings jp ON jp.society_id = e.society_id AND jp.entry_id = e.id
       WHERE p.society_id = $1 AND e.entry_date BETWEEN $2 AND $3
         AND (jp.account LIKE 'pool:%' OR jp.account LIKE 'deductions:%' OR (e.kind = 'distribution-lines:payment' AND jp.account = 'cash'))
         -- Implied by the line above; written out so that the planner may use journal_postings_by_account (which leaves payables out).
         AND jp.account NOT LIKE 'payable:%'
       GROUP BY e.kind, jp.account, jp.currency
       ORDER BY e.kind, jp.account, jp.currency`,
      [ctx.society.id, ctx.year.from, ctx.year.to],
    );
    const categories = categoryFlows(rows);
    const differences = categories.filter((c) => dec(c.difference).abs().greaterThan(tolerance));
    const currencies = [...new Set([ctx.society.currency, ...categories.map((c) => c.currency)])].sort();
    const flows = currencies.map((c) => moneyFlow(rows, c)).filter((f) => f.currency === ctx.society.currency || !dec(f.collected).isZero() || !dec(f.distributed).isZero());
    return {
      passed: differences.length === 0,
      details:
        differences.length === 0
          ? `Every category of FY ${ctx.year.year} balances: ${plural(categories.length, 'category and currency', 'categories and currencies')} reconciled.`
          : `${plural(differences.length, 'category does', 'categories do')} not balance in FY ${ctx.year.year}: ` +
            differences.map((d) => (dec(d.difference).isNegative() ? `${d.category}: ${d.currency} ${dec(d.difference).negated().toFixed()} more accounted for than collected` : `${d.category}: ${d.currency} ${d.difference} collected and not accounted for`)).join('; ') +
            '.',
      evidence: { from: ctx.year.from, to: ctx.year.to, tolerance: text(tolerance), categories, differences, moneyFlow: flows },
      metrics: { differences: differences.length },
    };
  },
};
