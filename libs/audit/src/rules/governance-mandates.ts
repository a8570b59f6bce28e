import { type ParamValues, param } from './params.js';
import { LINE_KNOWN_AT, packagesKnownAt } from './governance-mandate-status.js';
import type { AuditRule, LineFact, RuleContext, Sql } from './rule.js';
import { asEvidence, dec, exceedsPercent, firstLinesSql, LINE_COLUMNS, money, moneyList, ofYear, percent, plural, sumByCurrency, sumIn } from './support.js';

/**
 * The latest version of each mandate as known at the pinned time (bitemporal: the
 * highest version recorded by then), of the societies `societyFilter` selects over
 * alias v. Parameter $k is the pinned time (null: as known now).
 */
function mandatesKnownAt(societyFilter: string, pinnedAtParam: string): string {
  // Only mandates in force count: a holder's request the society had not accepted (issue 14) manages nothing.
  return `SELECT * FROM (
          SELECT DISTINCT ON (v.society_id, v.mandate_id)
            v.society_id, v.mandate_id, v.rights_holder_id, v.category, v.territories, v.excluded_territories,
            v.valid_from, v.valid_to, v.basis, v.change, v.status
          FROM mandate_versions v
          WHERE ${societyFilter} AND (${pinnedAtParam}::timestamptz IS NULL OR v.recorded_at <= ${pinnedAtParam}::timestamptz)
          ORDER BY v.society_id, v.mandate_id, v.version DESC) known
          WHERE known.status = 'active'`;
}

/**
 * Non-contractual according to the mandate register: the line's derived status is
 * no-mandate or entrusted-elsewhere; a line committed before statuses were derived
 * counts by its declared basis (the evidence says how many).
 */
const verifiedNonContractual = (f: LineFact) => (f.mandateStatus == null ? f.basis === 'non-contractual' : f.mandateStatus === 'no-mandate' || f.mandateStatus === 'entrusted-elsewhere');

/** SQL: mandate alias m covers the territory of line alias l. */
const COVERS = `((m.territories = '{WORLD}' AND NOT (l.territory = ANY(m.excluded_territories))) OR l.territory = ANY(m.territories))`;

/**
 * Non-contractual management made visible (RULES.md, Art. 5 and Civil Code Art. 1244(3)):
 * how much of the year's money and how many rights holders the society manages without
 * their mandate; and whether it collects that way for holders who gave a mandate for the
 * same rights to another society (their choice under Art. 5(2)).
 */
export const nonContractualManagement: AuditRule = {
  id: 'governance.non-contractual-management',
  title: 'Share of income under non-contractual management',
  source: 'Directive 2014/26/EU Art. 5(2); Civil Code of the Russian Federation Part IV Art. 1244(3)',
  severity: 'medium',
  group: 'governance',
  description:
    "The gross of the year's distribution lines managed without a mandate against all of them, and the distinct rights holders concerned, as declared (mandate_basis) " +
    'and as verified (the mandate status derived from the register when each package committed; lines committed before that by their declared basis). ' +
    'Fails when the verified share exceeds the cap (none by default), or when non-contractual lines go to rights holders who held, at the time of use, ' +
    'a contractual mandate for that category and territory with another society (as known when the line\'s package committed).',
  params: [
    { name: 'maxSharePercent', kind: 'decimal', unit: 'percent', default: null, min: '0', max: '100', nullable: true, description: 'A cap on the share of the gross managed without a mandate; null for none (RULES.md asks only that it be visible).' },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const cap = param.decimal(params, 'maxSharePercent');
    const c = ctx.society.currency;
    const inYear = ofYear(ctx);
    const nc = sumIn(ctx.facts, c, (f) => inYear(f) && f.basis === 'non-contractual', 'gross');
    const all = sumIn(ctx.facts, c, inYear, 'gross');
    const share = percent(nc.amount, all.amount);
    // The cap judges the verified share: the mandate register's word, not the society's label.
    const verified = sumIn(ctx.facts, c, (f) => inYear(f) && verifiedNonContractual(f), 'gross');
    const verifiedShare = percent(verified.amount, all.amount);
    const notDerived = sumIn(ctx.facts, c, (f) => inYear(f) && f.mandateStatus == null, 'gross');
    const overCap = cap !== null && !dec(all.amount).isZero() && exceedsPercent(verified.amount, all.amount, cap);

    const chosen = (
      await sql<{ id: string }>(
        `SELECT DISTINCT m.rights_holder_id AS id FROM (${mandatesKnownAt('v.society_id <> $1', '$2')}) m
         WHERE m.basis = 'contractual' AND (m.valid_to IS NULL OR m.valid_to >= m.valid_from) ORDER BY 1`,
        [ctx.society.id, ctx.pinnedAt],
      )
    ).map((r) => r.id);
    let elsewhere: { currency: string; amount: string; lines: number }[] = [];
    let examples: Record<string, unknown>[] = [];
    if (chosen.length > 0) {
      const where = `l.mandate_basis = 'non-contractual' AND l.rights_holder_id = ANY($3::uuid[]) AND l.use_to BETWEEN $4 AND $5
        AND EXISTS (SELECT 1 FROM (${mandatesKnownAt('v.society_id <> $1 AND v.rights_holder_id = l.rights_holder_id', LINE_KNOWN_AT)}) m
                    WHERE m.basis = 'contractual' AND m.category = l.category AND m.valid_from <= l.use_to
                      AND (m.valid_to IS NULL OR m.valid_to >= l.use_from) AND (m.valid_to IS NULL OR m.valid_to >= m.valid_from) AND ${COVERS})`;
      const args = [ctx.society.id, ctx.evidenceLimit, chosen, ctx.year.from, ctx.year.to];
      elsewhere = await sql(
        `SELECT l.currency, trim_scale(sum(l.gross))::text AS amount, count(*)::int AS lines
         FROM audit_pinned p JOIN distribution_lines l ON l.society_id = p.society_id AND l.submission_id = p.submission_id
         WHERE p.society_id = $1 AND p.active AND p.type = 'distribution-lines' AND $2::int > 0 AND ${where}
         GROUP BY l.currency ORDER BY l.currency`,
        args,
      );
      if (elsewhere.length > 0) {
        examples = await sql(
          firstLinesSql(
            'distribution_lines',
            'distribution-lines',
            `${LINE_COLUMNS}, (SELECT string_agg(DISTINCT s.cisac_code, ',' ORDER BY s.cisac_code) FROM (${mandatesKnownAt('v.society_id <> $1 AND v.rights_holder_id = l.rights_holder_id', LINE_KNOWN_AT)}) m
               JOIN societies s ON s.id = m.society_id
               WHERE m.basis = 'contractual' AND m.category = l.category AND m.valid_from <= l.use_to AND (m.valid_to IS NULL OR m.valid_to >= l.use_from)
                 AND (m.valid_to IS NULL OR m.valid_to >= m.valid_from) AND ${COVERS}) AS "mandatedWith"`,
            where,
          ),
          args,
        );
      }
    }
    const elsewhereLines = elsewhere.reduce((n, e) => n + e.lines, 0);
    let details =
      all.lines === 0
        ? `No distribution lines for uses in FY ${ctx.year.year}.`
        : `${verifiedShare ?? '0.00'}% of the gross attributed for uses in FY ${ctx.year.year} (${money(c, verified.amount)} of ${money(c, all.amount)}) was managed without a mandate according to the mandate register, ` +
          `for ${plural((ctx.verifiedHolders ?? ctx.holders).nonContractual, 'rights holder')} of ${ctx.holders.total}; the society declared ${share ?? '0.00'}% (${money(c, nc.amount)}, ${plural(ctx.holders.nonContractual, 'rights holder')}).`;
    if (overCap) details += ` The verified share is above the cap of ${cap}%.`;
    if (elsewhereLines > 0) details += ` ${plural(elsewhereLines, 'line')} (${moneyList(elsewhere)}) were collected without a mandate for rights holders who had given one for those rights to another society.`;
    return {
      passed: !overCap && elsewhereLines === 0,
      details,
      evidence: {
        currency: c,
        nonContractualGross: nc.amount,
        nonContractualLines: nc.lines,
        totalGross: all.amount,
        totalLines: all.lines,
        sharePercent: share,
        declared: { gross: nc.amount, lines: nc.lines, sharePercent: share, rightsHolders: ctx.holders.nonContractual },
        verified: {
          gross: verified.amount, lines: verified.lines, sharePercent: verifiedShare, rightsHolders: (ctx.verifiedHolders ?? ctx.holders).nonContractual,
          linesWithoutDerivedStatus: notDerived.lines, grossWithoutDerivedStatus: notDerived.amount,
        },
        capJudges: 'verified',
        capPercent: cap,
        rightsHolders: ctx.holders,
        byCurrency: sumByCurrency(ctx.facts, (f) => inYear(f) && f.basis === 'non-contractual', 'gross'),
        mandatedElsewhere: elsewhere,
        mandatedElsewhereLines: asEvidence(examples),
        mandatedElsewhereLinesTotal: elsewhereLines,
        asKnownAt: await packagesKnownAt(sql, ctx),
      },
      metrics: { nonContractualSharePercent: share, verifiedNonContractualSharePercent: verifiedShare },
    };
  },
};

/**
 * No activity on a mandate after it ended (Art. 5(4): a rights holder may terminate;
 * only uses before the end are still accounted for, Art. 5(5)): lines attributed for
 * uses after the holder's mandate with the society ended, where no other mandate of the
 * society covers them. Non-contractual lines count after an opt-out (the holder left
 * management under the accreditation too); after a plain termination only lines that
 * still claim a contractual basis do.
 */
export const postTerminationActivity: AuditRule = {
  id: 'governance.post-termination-activity',
  title: 'No activity on mandates after their termination',
  source: 'Directive 2014/26/EU Art. 5(4)-(5)',
  severity: 'high',
  group: 'governance',
  description:
    "Finds the society's mandates that had ended (as known at the pinned time; each line judged on the register as known when its package committed) and the year's distribution lines of the same rights holder, category and territory whose use ended " +
    'after the mandate did (plus the grace days), where no other mandate of the society covers the use. A line fails when it still claims a contractual basis, or, after an opt-out, whatever its basis.',
  params: [
    { name: 'graceDays', kind: 'integer', unit: 'days', default: 0, min: 0, max: 366, description: 'Days after the end of a mandate during which uses are not a finding.' },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const grace = param.integer(params, 'graceDays');
    const ended = await sql<{ mandateId: string; rightsHolderId: string; category: string; validTo: string; change: string }>(
      `SELECT m.mandate_id AS "mandateId", m.rights_holder_id AS "rightsHolderId", m.category, to_char(m.valid_to, 'YYYY-MM-DD') AS "validTo", m.change
       FROM (${mandatesKnownAt('v.society_id = $1', '$2')}) m
       WHERE m.valid_to IS NOT NULL AND m.valid_to >= m.valid_from AND m.valid_to < $3::date
       ORDER BY m.mandate_id`,
      [ctx.society.id, ctx.pinnedAt, ctx.year.to],
    );
    let found: { currency: string; amount: string; lines: number }[] = [];
    let examples: Record<string, unknown>[] = [];
    if (ended.length > 0) {
      // Each line judged on the register as known when its package committed.
      const mine = `(${mandatesKnownAt('v.society_id = $1 AND v.rights_holder_id = l.rights_holder_id', LINE_KNOWN_AT)})`;
      const where = `l.rights_holder_id = ANY($3::uuid[]) AND l.use_to BETWEEN $4 AND $5
        AND EXISTS (SELECT 1 FROM ${mine} m
                    WHERE m.category = l.category AND m.valid_to IS NOT NULL AND m.valid_to >= m.valid_from AND l.use_to > m.valid_to + $6::int AND ${COVERS}
                      AND (l.mandate_basis = 'contractual' OR m.change = 'opted-out'))
        AND NOT EXISTS (SELECT 1 FROM ${mine} m
                    WHERE m.category = l.category AND m.valid_from <= l.use_to AND (m.valid_to IS NULL OR m.valid_to >= l.use_to) AND ${COVERS})`;
      const args = [ctx.society.id, ctx.evidenceLimit, [...new Set(ended.map((e) => e.rightsHolderId))], ctx.year.from, ctx.year.to, grace];
      found = await sql(
        `SELECT l.currency, trim_scale(sum(l.gross))::text AS amount, count(*)::int AS lines
         FROM audit_pinned p JOIN distribution_lines l ON l.society_id = p.society_id AND l.submission_id = p.submission_id
         WHERE p.society_id = $1 AND p.active AND p.type = 'distribution-lines' AND $2::int > 0 AND ${where}
         GROUP BY l.currency ORDER BY l.currency`,
        args,
      );
      if (found.length > 0) {
        examples = await sql(
          firstLinesSql(
            'distribution_lines',
            'distribution-lines',
            `${LINE_COLUMNS}, (SELECT to_char(max(m.valid_to), 'YYYY-MM-DD') FROM ${mine} m WHERE m.category = l.category AND m.valid_to IS NOT NULL AND ${COVERS}) AS "mandateEnded"`,
            where,
          ),
          args,
        );
      }
    }
    const lines = found.reduce((n, f) => n + f.lines, 0);
    return {
      passed: lines === 0,
      details:
        lines === 0
          ? `No line of FY ${ctx.year.year} was attributed under a mandate after it ended (${plural(ended.length, 'ended mandate')} checked).`
          : `${plural(lines, 'line')} of FY ${ctx.year.year} (${moneyList(found)}) were attributed for uses after the rights holder's mandate with the society had ended.`,
      evidence: { graceDays: grace, endedMandates: ended.slice(0, ctx.evidenceLimit), endedMandateCount: ended.length, found, lines: asEvidence(examples), linesTotal: lines, asKnownAt: await packagesKnownAt(sql, ctx) },
      metrics: { postTerminationLines: lines },
    };
  },
};
