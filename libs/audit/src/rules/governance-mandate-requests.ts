import { DEFAULT_RESPONSE_DAYS } from '../../../mandates/src/index.js';
import type { AuditRule, RuleContext, Sql } from './rule.js';
import { LINE_COLUMNS, asEvidence, firstLinesSql, moneyList, plural } from './support.js';

interface RequestRow {
  mandateId: string;
  rightsHolderId: string;
  category: string;
  requestedOn: string;
  answerDueBy: string;
  answeredOn: string | null;
  answer: 'accepted' | 'refused' | null;
}

/**
 * Two-sided mandates (Directive 2014/26/EU Art. 5(2), 6(2)): a society answers a rights
 * holder's request — accepts, or refuses on objective grounds stated in writing. The
 * Directive sets no time; the society's policy does (default 30 days, a parameter).
 */
export const mandateRequestsAnswered: AuditRule = {
  id: 'governance.mandate-requests-answered',
  title: "Rights holders' mandate requests answered in time",
  source: 'Directive 2014/26/EU Art. 5(2), 6(2) (the time to answer is the society\'s policy: the Directive sets none)',
  severity: 'medium',
  group: 'governance',
  description:
    'The mandate requests rights holders made to the society in the financial year, as known at the pinned time. Each is due by its request day plus the days the society\'s policy gave to answer when it was made ' +
    '(default 30: the law sets none). A request still unanswered after that day (judged on the date of the latest pinned head), or answered after it, fails the rule.',
  params: [],
  async run(sql: Sql, ctx: RuleContext) {
    const requests = await sql<RequestRow>(
      `WITH req AS (
         SELECT v.mandate_id, v.rights_holder_id, v.category, v.recorded_at,
                COALESCE((v.change_detail->>'answerDueBy')::date, (v.recorded_at AT TIME ZONE 'UTC')::date + $5::int) AS due
         FROM mandate_versions v
         WHERE v.society_id = $1 AND v.version = 1 AND v.status = 'requested'
           AND ($2::timestamptz IS NULL OR v.recorded_at <= $2::timestamptz)
           AND (v.recorded_at AT TIME ZONE 'UTC')::date BETWEEN $3::date AND $4::date
       )
       SELECT r.mandate_id AS "mandateId", r.rights_holder_id AS "rightsHolderId", r.category,
              to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "requestedOn", to_char(r.due, 'YYYY-MM-DD') AS "answerDueBy",
              to_char(a.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "answeredOn", a.change AS answer
       FROM req r
       LEFT JOIN LATERAL (
         SELECT v.recorded_at, v.change FROM mandate_versions v
         WHERE v.society_id = $1 AND v.mandate_id = r.mandate_id AND v.change IN ('accepted', 'refused')
           AND ($2::timestamptz IS NULL OR v.recorded_at <= $2::timestamptz)
         ORDER BY v.version LIMIT 1
       ) a ON true
       ORDER BY r.recorded_at, r.mandate_id`,
      [ctx.society.id, ctx.pinnedAt, ctx.year.from, ctx.year.to, DEFAULT_RESPONSE_DAYS],
    );
    const asOf = ctx.asOf;
    const unanswered = requests.filter((r) => r.answeredOn === null && asOf !== null && asOf > r.answerDueBy);
    const late = requests.filter((r) => r.answeredOn !== null && r.answeredOn > r.answerDueBy);
    const pending = requests.filter((r) => r.answeredOn === null && !unanswered.includes(r));
    const failing = [...unanswered, ...late];
    return {
      passed: failing.length === 0,
      details:
        requests.length === 0
          ? `No rights holder asked the society for a mandate in FY ${ctx.year.year}.`
          : failing.length === 0
            ? `${plural(requests.length, 'mandate request')} in FY ${ctx.year.year}: every one answered in time or not yet due (${pending.length} pending) on ${asOf ?? 'the audit date'}.`
            : `${plural(requests.length, 'mandate request')} in FY ${ctx.year.year}: ${unanswered.length} still unanswered past the day due on ${asOf}, ${late.length} answered late.`,
      evidence: {
        asOf,
        asKnownAt: ctx.pinnedAt,
        requests: requests.length,
        accepted: requests.filter((r) => r.answer === 'accepted').length,
        refused: requests.filter((r) => r.answer === 'refused').length,
        pending: pending.length,
        unanswered: asEvidence(unanswered.slice(0, ctx.evidenceLimit) as unknown as Record<string, unknown>[]),
        unansweredTotal: unanswered.length,
        answeredLate: asEvidence(late.slice(0, ctx.evidenceLimit) as unknown as Record<string, unknown>[]),
        answeredLateTotal: late.length,
      },
      metrics: { unansweredRequests: unanswered.length, lateAnswers: late.length },
    };
  },
};

/**
 * Management without a mandate is what an accreditation allows, and only in the spheres
 * (categories of rights) it covers (Civil Code of the Russian Federation Part IV Art.
 * 1244(1), (3)): non-contractual lines of a category no valid accreditation covered on the
 * day the use ended are a finding.
 */
export const accreditationCategories: AuditRule = {
  id: 'governance.accreditation-categories',
  title: "Non-contractual management within the accreditation's categories",
  source: 'Civil Code of the Russian Federation Part IV Art. 1244(1), (3)',
  severity: 'high',
  group: 'governance',
  description:
    "The year's distribution lines managed without a mandate — declared non-contractual, or (where the ledger derived it) with no mandate in the register — whose category no accreditation of the society " +
    'covered on the day the use ended (accreditations as recorded by the pinned time; one recorded without categories covers all). Any such line fails the rule.',
  params: [],
  async run(sql: Sql, ctx: RuleContext) {
    const where = `l.use_to BETWEEN $3::date AND $4::date AND (l.mandate_basis = 'non-contractual' OR l.mandate_status = 'no-mandate')
      AND NOT EXISTS (SELECT 1 FROM accreditations a WHERE a.society_id = $1 AND a.valid_from <= l.use_to AND a.valid_to >= l.use_to
                        AND ($5::timestamptz IS NULL OR a.recorded_at <= $5::timestamptz) AND (a.categories IS NULL OR l.category = ANY(a.categories)))`;
    const args = [ctx.society.id, ctx.evidenceLimit, ctx.year.from, ctx.year.to, ctx.pinnedAt];
    const found = await sql<{ category: string; currency: string; amount: string; lines: number; holders: number }>(
      // From the audit's grouped lines (`audit_line_groups`, per day, category and holder): the accreditations are looked up per group, not per line.
      `SELECT l.category, l.currency, trim_scale(sum(l.gross))::text AS amount, sum(l.lines)::int AS lines, count(DISTINCT l.rights_holder_id)::int AS holders
       FROM audit_line_groups l
       WHERE $2::int > 0 AND ${where}
       GROUP BY l.category, l.currency ORDER BY l.category, l.currency`,
      args,
    );
    const accreditations = await sql<{ authority: string; categories: string[] | null; validFrom: string; validTo: string }>(
      `SELECT authority, categories, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
       FROM accreditations WHERE society_id = $1 AND valid_from <= $3::date AND valid_to >= $2::date AND ($4::timestamptz IS NULL OR recorded_at <= $4::timestamptz)
       ORDER BY valid_from, authority`,
      [ctx.society.id, ctx.year.from, ctx.year.to, ctx.pinnedAt],
    );
    const examples = found.length > 0 ? await sql(firstLinesSql('distribution_lines', 'distribution-lines', LINE_COLUMNS, where), args) : [];
    const lines = found.reduce((n, f) => n + f.lines, 0);
    const categories = [...new Set(found.map((f) => f.category))];
    return {
      passed: lines === 0,
      details:
        lines === 0
          ? `Every line of FY ${ctx.year.year} managed without a mandate falls within the categories of an accreditation valid on its day.`
          : `${plural(lines, 'line')} of FY ${ctx.year.year} (${moneyList(found)}) were managed without a mandate in ${categories.join(', ')}, which no valid accreditation of the society covered.`,
      evidence: { asKnownAt: ctx.pinnedAt, judgedOn: 'declared basis and derived mandate status', accreditations, outside: found, lines: asEvidence(examples), linesTotal: lines },
      metrics: { linesOutsideAccreditation: lines },
    };
  },
};
