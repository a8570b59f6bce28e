import { type ParamValues, param } from './params.js';
import type { AuditRule, RuleContext, Sql } from './rule.js';
import { asEvidence, plural } from './support.js';

/**
 * Days a society has to answer a rights holder's claim to an unidentified line (accept it,
 * refuse it with its reasons, or pay it). The law sets no number: Directive 2014/26/EU
 * Art. 33(1) asks for "effective and timely" complaint procedures (complaints about "the
 * collection of amounts due to rightholders, deductions and distributions" among them) and
 * Art. 33(2) for a written answer, with reasons when the complaint is rejected. 60 days is
 * this ledger's policy default: twice the 30 days it gives a society to answer a mandate
 * request (libs/mandates DEFAULT_RESPONSE_DAYS, also a policy), since a claim needs the
 * line's cue sheet or work checked against the claimant. A jurisdiction sets its own.
 */
export const DEFAULT_CLAIM_ANSWER_DAYS = 60;

interface ClaimRow {
  claimId: string;
  rightsHolderId: string;
  submissionId: string;
  lineId: string;
  claimedOn: string;
  answerDueBy: string;
  answeredOn: string | null;
  answer: 'accepted' | 'refused' | 'paid' | null;
  status: 'open' | 'accepted' | 'refused' | 'paid';
}

/**
 * Claims to unidentified money answered in time (Art. 33; the money is held for such
 * claims under Art. 13(2)-(4)): each claim made on the society's lines in the audited year
 * is due an answer within the policy's days.
 */
export const claimsAnswered: AuditRule = {
  id: 'payout.claims-answered',
  title: "Rights holders' claims to unidentified money answered in time",
  source: 'Directive 2014/26/EU Art. 33(1)-(2), Art. 13(3) (the time to answer is a policy parameter: the Directive sets none)',
  severity: 'medium',
  group: 'payouts',
  description:
    "The claims rights holders made in the financial year on the society's unidentified lines, as recorded by the pinned time (each claim's history is append-only). " +
    'Each is due an answer — accepted, refused with its reasons, or paid by a line of a later package — by its claim day plus `answerDays`. ' +
    'A claim still unanswered after that day (judged on the date of the latest pinned head), or answered after it, fails the rule. Claims accepted and not yet paid are counted in the evidence.',
  params: [
    {
      name: 'answerDays',
      kind: 'integer',
      unit: 'days',
      default: DEFAULT_CLAIM_ANSWER_DAYS,
      min: 1,
      max: 366,
      description:
        "Days to answer a claim, from the day it was made. A policy, not law: Art. 33 asks for timely procedures and a reasoned written answer but sets no time; the default (60) is twice the ledger's 30 days for a mandate request.",
    },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const days = param.integer(params, 'answerDays');
    const claims = await sql<ClaimRow>(
      `SELECT c.id AS "claimId", c.rights_holder_id AS "rightsHolderId", c.submission_id AS "submissionId", c.line_id AS "lineId",
              to_char(o.at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "claimedOn",
              to_char((o.at AT TIME ZONE 'UTC')::date + $5::int, 'YYYY-MM-DD') AS "answerDueBy",
              to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "answeredOn", a.status AS answer, coalesce(k.status, 'open') AS status
       FROM claims c
       JOIN claim_events o ON o.society_id = c.society_id AND o.claim_id = c.id AND o.seq = 1
       LEFT JOIN LATERAL (
         SELECT e.at, e.status FROM claim_events e
         WHERE e.society_id = c.society_id AND e.claim_id = c.id AND e.seq > 1 AND ($2::timestamptz IS NULL OR e.at <= $2::timestamptz)
         ORDER BY e.seq LIMIT 1
       ) a ON true
       LEFT JOIN LATERAL (
         SELECT e.status FROM claim_events e
         WHERE e.society_id = c.society_id AND e.claim_id = c.id AND ($2::timestamptz IS NULL OR e.at <= $2::timestamptz)
         ORDER BY e.seq DESC LIMIT 1
       ) k ON true
       WHERE c.society_id = $1 AND ($2::timestamptz IS NULL OR o.at <= $2::timestamptz)
         AND (o.at AT TIME ZONE 'UTC')::date BETWEEN $3::date AND $4::date
       ORDER BY o.at, c.id`,
      [ctx.society.id, ctx.pinnedAt, ctx.year.from, ctx.year.to, days],
    );
    const asOf = ctx.asOf;
    const unanswered = claims.filter((c) => c.answeredOn === null && asOf !== null && asOf > c.answerDueBy);
    const late = claims.filter((c) => c.answeredOn !== null && c.answeredOn > c.answerDueBy);
    const pending = claims.filter((c) => c.answeredOn === null && !unanswered.includes(c));
    const failing = unanswered.length + late.length;
    const count = (status: ClaimRow['status']) => claims.filter((c) => c.status === status).length;
    return {
      passed: failing === 0,
      details:
        claims.length === 0
          ? `No rights holder claimed an unidentified line of the society in FY ${ctx.year.year}.`
          : failing === 0
            ? `${plural(claims.length, 'claim')} in FY ${ctx.year.year}: every one answered within ${days} days or not yet due (${pending.length} pending) on ${asOf ?? 'the audit date'}.`
            : `${plural(claims.length, 'claim')} in FY ${ctx.year.year}: ${unanswered.length} still unanswered more than ${days} days later on ${asOf}, ${late.length} answered late.`,
      evidence: {
        asOf,
        asKnownAt: ctx.pinnedAt,
        answerDays: days,
        claims: claims.length,
        byStatus: { open: count('open'), accepted: count('accepted'), refused: count('refused'), paid: count('paid') },
        pending: pending.length,
        unanswered: asEvidence(unanswered.slice(0, ctx.evidenceLimit) as unknown as Record<string, unknown>[]),
        unansweredTotal: unanswered.length,
        answeredLate: asEvidence(late.slice(0, ctx.evidenceLimit) as unknown as Record<string, unknown>[]),
        answeredLateTotal: late.length,
      },
      metrics: { unansweredClaims: unanswered.length, lateClaimAnswers: late.length },
    };
  },
};
