import { type ParamValues, param } from './params.js';
import type { AuditRule, LineFact, RuleContext, Sql } from './rule.js';
import { dec, money, ofYear, percent, sumIn } from './support.js';

export interface OriginShare {
  origin: string;
  lines: number;
  gross: string;
  paidGross: string;
  managementFee: string;
  /** Paid gross as a percentage of attributed gross. */
  paidSharePercent: string | null;
  /** Management fee as a percentage of gross. */
  feeRatePercent: string | null;
}

/** Attributed, paid and fees per origin of the rights holders (domestic, foreign, unknown, unidentified), in one currency. */
export function originShares(facts: readonly LineFact[], inYear: (f: LineFact) => boolean, currency: string): OriginShare[] {
  return (['domestic', 'foreign', 'unknown', 'unidentified'] as const).map((origin) => {
    const mine = (f: LineFact) => inYear(f) && f.origin === origin;
    const gross = sumIn(facts, currency, mine, 'gross');
    const paid = sumIn(facts, currency, (f) => mine(f) && f.status === 'paid', 'gross').amount;
    const fee = sumIn(facts, currency, mine, 'managementFee').amount;
    return { origin, lines: gross.lines, gross: gross.amount, paidGross: paid, managementFee: fee, paidSharePercent: percent(paid, gross.amount), feeRatePercent: percent(fee, gross.amount) };
  });
}

/** Percentage points by which `b` trails `a` (a − b), exact; null when either is undefined. */
function gapPoints(a: { num: string; den: string }, b: { num: string; den: string }): ReturnType<typeof dec> | null {
  if (dec(a.den).isZero() || dec(b.den).isZero()) return null;
  return dec(a.num).times(100).dividedBy(a.den).minus(dec(b.num).times(100).dividedBy(b.den));
}

/**
 * The share paid to foreign rights holders and to other societies, and whether foreign
 * holders are treated like domestic ones (Art. 14: no discrimination against rights
 * holders represented under a representation agreement; amounts to and from other
 * societies in the transparency report, Annex 2(d), and to them, Art. 19).
 */
export const foreignShare: AuditRule = {
  id: 'payout.foreign-share',
  title: 'Share paid to foreign rights holders and societies, without discrimination',
  source: 'Directive 2014/26/EU Art. 14, Art. 19; Annex 2(d)',
  severity: 'medium',
  group: 'payouts',
  description:
    "Splits the year's distribution lines (society currency) by the rights holder's country against the society's: domestic, foreign, unknown (no country on record), unidentified. " +
    'Fails when foreign holders get a smaller part of what they were attributed paid than domestic holders, or pay a higher management fee rate, by more than the allowed percentage points. ' +
    "The evidence also gives the money collected in the year that was passed to other societies.",
  params: [
    { name: 'maxPaidShareGapPoints', kind: 'decimal', unit: 'percentage points', default: '10', min: '0', max: '100', nullable: false, description: 'How far the paid share of foreign holders may trail that of domestic holders (policy default).' },
    { name: 'maxFeeRateGapPoints', kind: 'decimal', unit: 'percentage points', default: '2', min: '0', max: '100', nullable: false, description: 'How far the management fee rate of foreign holders may exceed that of domestic holders (policy default).' },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const c = ctx.society.currency;
    const inYear = ofYear(ctx);
    const shares = originShares(ctx.facts, inYear, c);
    const domestic = shares.find((s) => s.origin === 'domestic')!;
    const foreign = shares.find((s) => s.origin === 'foreign')!;
    const paidGap = gapPoints({ num: domestic.paidGross, den: domestic.gross }, { num: foreign.paidGross, den: foreign.gross });
    const feeGap = gapPoints({ num: foreign.managementFee, den: foreign.gross }, { num: domestic.managementFee, den: domestic.gross });
    const maxPaid = param.decimal(params, 'maxPaidShareGapPoints') ?? '0';
    const maxFee = param.decimal(params, 'maxFeeRateGapPoints') ?? '0';
    const paidWorse = paidGap !== null && paidGap.greaterThan(maxPaid);
    const feeWorse = feeGap !== null && feeGap.greaterThan(maxFee);
    const [societies] = await sql<{ out: string; paid: string; transfers: number }>(
      `SELECT trim_scale(COALESCE(sum(t.amount), 0))::text AS out, trim_scale(COALESCE(sum(t.amount) FILTER (WHERE t.paid_on IS NOT NULL), 0))::text AS paid, count(*)::int AS transfers
       FROM audit_pinned p JOIN inter_society_lines t ON t.society_id = p.society_id AND t.submission_id = p.submission_id
       WHERE p.society_id = $1 AND p.active AND p.type = 'inter-society' AND t.direction = 'out' AND t.fy_of_collection = $2 AND t.currency = $3`,
      [ctx.society.id, ctx.year.year, c],
    );
    const attributed = sumIn(ctx.facts, c, inYear, 'gross').amount;
    const collected = ctx.income.find((i) => i.currency === c)?.amount ?? '0';
    const foreignHoldersSharePercent = percent(foreign.gross, attributed);
    const toOtherSocietiesSharePercent = percent(societies!.out, collected);
    // Two places, half up, and never "-0.00".
    const fmt = (d: ReturnType<typeof dec> | null) => (d === null ? null : d.toFixed(2, 4).replace(/^-(0\.00)$/, '$1'));
    let details =
      foreign.lines === 0
        ? `No lines of FY ${ctx.year.year} went to foreign rights holders`
        : `Foreign rights holders were attributed ${foreignHoldersSharePercent}% of the gross (${money(c, foreign.gross)}); ${foreign.paidSharePercent}% of it was paid against ${domestic.paidSharePercent ?? '-'}% for domestic holders`;
    details += `; ${toOtherSocietiesSharePercent ?? '0'}% of the income collected went to other societies (${money(c, societies!.out)}).`;
    if (paidWorse) details += ` Foreign holders' paid share trails by ${fmt(paidGap)} points (allowed ${maxPaid}).`;
    if (feeWorse) details += ` Their management fee rate is ${fmt(feeGap)} points higher (allowed ${maxFee}).`;
    const unknown = shares.find((s) => s.origin === 'unknown')!;
    if (unknown.lines > 0) details += ` ${unknown.lines} lines go to holders with no country on record.`;
    return {
      passed: !paidWorse && !feeWorse,
      details,
      evidence: {
        currency: c,
        byOrigin: shares,
        paidShareGapPoints: fmt(paidGap),
        feeRateGapPoints: fmt(feeGap),
        foreignHoldersSharePercent,
        otherSocieties: { collected, owed: societies!.out, paid: societies!.paid, transfers: societies!.transfers, sharePercent: toOtherSocietiesSharePercent },
      },
      metrics: { foreignHoldersSharePercent, toOtherSocietiesSharePercent },
    };
  },
};
