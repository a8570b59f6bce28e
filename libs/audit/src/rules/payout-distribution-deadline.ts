import { addMonths } from '../../../mandates/src/index.js';
import { type ParamValues, param } from './params.js';
import type { AuditRule, JsonObject, PaymentDay, RuleContext, Sql } from './rule.js';
import { LINE_COLUMNS, asEvidence, daysBetween, dec, firstLinesSql, moneyList, plural, sumByCurrency, text } from './support.js';

/** The delay histogram's buckets: when a line of the year was paid, counted from the year's end. */
export const DELAY_BUCKETS = ['by year end', '0-3 months', '3-6 months', '6-9 months', '9-12 months', 'over 12 months'] as const;

/** Which bucket a payment on `paidOn` falls in for a year ending on `yearEnd`. */
export function delayBucket(paidOn: string, yearEnd: string): (typeof DELAY_BUCKETS)[number] {
  if (paidOn <= yearEnd) return DELAY_BUCKETS[0];
  for (let i = 1; i <= 4; i++) if (paidOn <= addMonths(yearEnd, 3 * i)) return DELAY_BUCKETS[i];
  return DELAY_BUCKETS[5];
}

export interface DelayHistogramBar {
  bucket: string;
  lines: number;
  net: string;
}

/**
 * The delay histogram of one currency's payments for uses ending in the audited year,
 * plus the lines still unpaid and unidentified (from the line facts).
 */
export function delayHistogram(payments: readonly PaymentDay[], ctx: RuleContext, currency: string): DelayHistogramBar[] {
  const bars = new Map<string, { lines: number; net: ReturnType<typeof dec> }>(DELAY_BUCKETS.map((b) => [b, { lines: 0, net: dec('0') }]));
  for (const p of payments) {
    if (p.useYear !== ctx.year.year || p.currency !== currency) continue;
    const bar = bars.get(delayBucket(p.paidOn, ctx.year.to))!;
    bar.lines += p.lines;
    bar.net = bar.net.plus(p.net);
  }
  const result: DelayHistogramBar[] = [...bars.entries()].map(([bucket, b]) => ({ bucket, lines: b.lines, net: text(b.net) }));
  for (const status of ['unpaid', 'unidentified'] as const) {
    const open = sumByCurrency(ctx.facts, (f) => f.useYear === ctx.year.year && f.status === status && f.currency === currency, 'net')[0];
    result.push({ bucket: status, lines: open?.lines ?? 0, net: open?.amount ?? '0' });
  }
  return result;
}

/**
 * The day by which half of the money paid (net, in `currency`) for uses ending in the
 * audited year had been paid, as days after the year's end (negative: before it); null
 * when nothing was paid.
 */
export function medianDelayDays(payments: readonly PaymentDay[], ctx: RuleContext, currency: string): number | null {
  const days = payments.filter((p) => p.useYear === ctx.year.year && p.currency === currency).sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0));
  const total = days.reduce((sum, p) => sum.plus(p.net), dec('0'));
  if (days.length === 0 || total.isZero()) return null;
  let running = dec('0');
  for (const p of days) {
    running = running.plus(p.net);
    if (running.times(2).greaterThanOrEqualTo(total)) return daysBetween(ctx.year.to, p.paidOn);
  }
  return daysBetween(ctx.year.to, days.at(-1)!.paidOn);
}

/**
 * Distribution within 9 months of the end of the financial year (Art. 13(1)). The
 * money of a year is that of the lines whose use ended in it; a line paid after the
 * deadline is late. (Lines still unpaid are judged by payout.outstanding.)
 */
export const distributionDeadline: AuditRule = {
  id: 'payout.distribution-deadline',
  title: 'Distribution within 9 months of the financial year end',
  source: 'Directive 2014/26/EU Art. 13(1)',
  severity: 'high',
  group: 'payouts',
  description:
    'Rights revenue is distributed and paid no later than 9 months after the end of the financial year in which it was collected. ' +
    "The money of a financial year is taken to be that of the distribution lines whose use period ends in it; a line paid after the year's end plus the deadline fails the rule. " +
    "The evidence gives the delay histogram (paid by the year's end, then in 3-month steps) and the amount-weighted median delay.",
  params: [
    { name: 'monthsAfterYearEnd', kind: 'integer', unit: 'months', default: 9, min: 0, max: 36, description: "Deadline for paying a year's money, counted from the end of the financial year (RULES.md: 9)." },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const months = param.integer(params, 'monthsAfterYearEnd');
    const deadline = addMonths(ctx.year.to, months);
    const year = ctx.payments.filter((p) => p.useYear === ctx.year.year);
    const late = year.filter((p) => p.paidOn > deadline);
    const lateByCurrency = groupPayments(late);
    const paidByCurrency = groupPayments(year);
    const lateLines = late.reduce((n, p) => n + p.lines, 0);
    const currency = ctx.society.currency;
    const evidence: JsonObject = {
      yearEnd: ctx.year.to,
      deadline,
      paid: paidByCurrency,
      late: lateByCurrency,
      histogram: delayHistogram(ctx.payments, ctx, currency),
      histogramCurrency: currency,
      medianDelayDays: medianDelayDays(ctx.payments, ctx, currency),
    };
    if (lateLines > 0) {
      evidence.lateLines = asEvidence(
        await sql(firstLinesSql('distribution_lines', 'distribution-lines', LINE_COLUMNS, `l.status = 'paid' AND l.use_to BETWEEN $3 AND $4 AND l.paid_on > $5`), [
          ctx.society.id,
          ctx.evidenceLimit,
          ctx.year.from,
          ctx.year.to,
          deadline,
        ]),
      );
      evidence.lateLinesTotal = lateLines;
    }
    const paidLines = year.reduce((n, p) => n + p.lines, 0);
    return {
      passed: lateLines === 0,
      details:
        lateLines === 0
          ? `All ${plural(paidLines, 'line')} paid for uses in FY ${ctx.year.year} were paid by ${deadline} (${months} months after the year end).`
          : `${plural(lateLines, 'line')} for uses in FY ${ctx.year.year} were paid after ${deadline} (${months} months after the year end): ${moneyList(lateByCurrency)}.`,
      evidence,
      metrics: { medianDelayDays: evidence.medianDelayDays, lateLines },
    };
  },
};

function groupPayments(days: readonly PaymentDay[]): { currency: string; amount: string; lines: number }[] {
  const by = new Map<string, { amount: ReturnType<typeof dec>; lines: number }>();
  for (const p of days) {
    const t = by.get(p.currency) ?? { amount: dec('0'), lines: 0 };
    t.amount = t.amount.plus(p.net);
    t.lines += p.lines;
    by.set(p.currency, t);
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, t]) => ({ currency, amount: text(t.amount), lines: t.lines }));
}
