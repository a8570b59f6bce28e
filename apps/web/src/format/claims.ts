import type { Claim, ClaimStatus } from '../api/types';
import { formatDate, formatMoney, msg, t } from '../i18n';
import { daysBetween } from './dates';

/**
 * The days to answer a claim an audit allows unless a jurisdiction sets others (the rule
 * payout.claims-answered's default `answerDays`: a policy, the Directive sets none).
 */
export const DEFAULT_CLAIM_ANSWER_DAYS = 60;

/** What each status is called on the pages. */
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  open: msg('open'),
  accepted: msg('accepted'),
  refused: msg('refused'),
  paid: msg('paid'),
};

export function claimStatusLabel(status: ClaimStatus): string {
  return t(CLAIM_STATUS_LABELS[status]);
}

/** Whole days a claim has waited for an answer (or waited before it), by UTC calendar day. */
export function daysWaited(claim: Pick<Claim, 'claimedAt' | 'answeredAt'>, today: string): number {
  return daysBetween(claim.claimedAt.slice(0, 10), (claim.answeredAt ?? today).slice(0, 10));
}

/**
 * The society's answer in a sentence, for the holder and the society alike: waiting (for
 * how long), accepted (payment to follow), refused (with the reason), paid (by which line
 * of which package, on which day, how much).
 */
export function describeAnswer(claim: Claim, today: string): string {
  switch (claim.status) {
    case 'open': {
      const days = daysWaited(claim, today);
      const waiting = t.plural(days, 'Awaiting the society’s answer for {n} day.', 'Awaiting the society’s answer for {n} days.');
      return days > DEFAULT_CLAIM_ANSWER_DAYS ? `${waiting} ${t('That is more than the {days} days an audit allows by default.', { days: DEFAULT_CLAIM_ANSWER_DAYS })}` : waiting;
    }
    case 'accepted':
      return t('Accepted on {date}; the society pays it in a later package.', { date: formatDate(claim.answeredAt!.slice(0, 10)) });
    case 'refused':
      return t('Refused on {date}: {reason}', { date: formatDate(claim.answeredAt!.slice(0, 10)), reason: claim.reason ?? '' });
    case 'paid': {
      const p = claim.payment!;
      return t('Paid {amount} on {date}: line {lineId} of the {period} package.', { amount: formatMoney(p.net, p.currency), date: formatDate(p.paidOn), lineId: p.lineId, period: p.period });
    }
  }
}
