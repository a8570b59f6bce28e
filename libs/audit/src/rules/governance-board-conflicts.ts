/**
 * Conflicts of interest on the board (issue 18; docs/governance.md): who sits on it as
 * the pinned data says, their annual declarations (Directive 2014/26/EU Art. 10(2)),
 * their organisations among the society's licensees, and whether their own lines are
 * treated better than everyone else's.
 */
import { organisationKey } from '../../../governance/src/organisation-names.js';
import { type ParamValues, param } from './params.js';
import type { AuditRule, JsonObject, RuleContext, Sql } from './rule.js';
import { dec, moneyList, plural, text } from './support.js';

/** A member seated at some time in the audited year, as the board packages (else the registry) say. */
export interface YearBoardMember {
  memberId: string;
  name: string;
  constituency: string;
  rightsHolderIpi: string | null;
  organisation: string | null;
  source: 'board-package' | 'registry';
}

/**
 * The members seated at any time in the audited financial year: from the society's current
 * pinned board packages (a member on several, as the latest one gives them), else from the
 * registry's board members recorded by the pinned time (their IPI through their rights holder).
 */
export async function boardMembersOfYear(sql: Sql, ctx: RuleContext): Promise<YearBoardMember[]> {
  const packaged = await sql<YearBoardMember>(
    `SELECT DISTINCT ON (b.member_id) b.member_id AS "memberId", b.name, b.constituency, b.rights_holder_ipi::text AS "rightsHolderIpi", b.organisation, 'board-package' AS source
     FROM audit_pinned p JOIN board_lines b ON b.society_id = p.society_id AND b.submission_id = p.submission_id
     WHERE p.society_id = $1 AND p.active AND p.type = 'board' AND b.seat_from <= $3::date AND (b.seat_to IS NULL OR b.seat_to >= $2::date)
     ORDER BY b.member_id, p.period DESC, p.leaf_index DESC`,
    [ctx.society.id, ctx.year.from, ctx.year.to],
  );
  if (packaged.length > 0) return packaged;
  return sql<YearBoardMember>(
    `SELECT DISTINCT ON (m.member_id) m.member_id AS "memberId", m.name, m.constituency, rh.ipi::text AS "rightsHolderIpi", m.organisation, 'registry' AS source
     FROM board_members m LEFT JOIN rights_holders rh ON rh.id = m.rights_holder_id
     WHERE m.society_id = $1 AND m.seat_from <= $3::date AND (m.seat_to IS NULL OR m.seat_to >= $2::date)
       AND ($4::timestamptz IS NULL OR m.recorded_at <= $4::timestamptz)
     ORDER BY m.member_id, m.recorded_at DESC`,
    [ctx.society.id, ctx.year.from, ctx.year.to, ctx.pinnedAt],
  );
}

interface DeclarationRow {
  memberId: string;
  version: number;
  remuneration: string;
  currency: string;
  amountsAsRightholder: string;
  conflicts: string;
  interests: string;
  recordedAt: string;
}

/** Each member's current declaration for the audited year, as recorded by the pinned time. */
export async function declarationsOfYear(sql: Sql, ctx: RuleContext): Promise<Map<string, DeclarationRow>> {
  const rows = await sql<DeclarationRow>(
    `SELECT DISTINCT ON (d.member_id) d.member_id AS "memberId", d.version, trim_scale(d.remuneration)::text AS remuneration, d.currency,
            trim_scale(d.amounts_as_rightholder)::text AS "amountsAsRightholder", d.conflicts, d.interests,
            to_char(d.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt"
     FROM board_declarations d
     WHERE d.society_id = $1 AND d.year = $2 AND ($3::timestamptz IS NULL OR d.recorded_at <= $3::timestamptz)
     ORDER BY d.member_id, d.version DESC`,
    [ctx.society.id, ctx.year.year, ctx.pinnedAt],
  );
  return new Map(rows.map((r) => [r.memberId, r]));
}

const MEMBER = (m: YearBoardMember) => `${m.name} (${m.memberId})`;

/**
 * Art. 10(2): each director declares, every year, their interests, remuneration, amounts
 * received as a rights holder and conflicts. A member seated in the year without a
 * declaration for it fails; so does one whose declaration leaves out money the ledger
 * paid them as a rights holder in the year (their IPI on the society's paid lines).
 */
export const boardDeclarations: AuditRule = {
  id: 'governance.board-declarations',
  title: 'Annual declarations of board members, with the money paid to them as rights holders',
  source: 'Directive 2014/26/EU Art. 10(2) (individual annual statement; Art. 9(3) for the supervisory function)',
  severity: 'medium',
  group: 'governance',
  description:
    'Lists the members seated at any time in the audited financial year (current pinned board packages, else the registry) and their current declaration for the year ' +
    '(the latest version recorded by the pinned time). Fails for a member without one, and for a member with an IPI whose declared amounts received as a rights holder ' +
    "are less, by more than the tolerance, than the net the society's pinned distribution lines paid to that IPI with paid_on in the year (in the declaration's currency; " +
    'money paid in another currency is money the declaration leaves out). The tolerance is a parameter: the Directive sets none.',
  params: [
    { name: 'tolerance', kind: 'decimal', unit: 'amount', default: '0', min: '0', max: '999999999999', nullable: false, description: "Money paid as a rights holder that a declaration may leave out, in the declaration's currency (the Directive sets none)." },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const tolerance = dec(param.decimal(params, 'tolerance'));
    const members = await boardMembersOfYear(sql, ctx);
    const declared = await declarationsOfYear(sql, ctx);
    const ipis = members.map((m) => m.rightsHolderIpi).filter((x): x is string => x !== null);
    const paid = ipis.length === 0 ? [] : await sql<{ ipi: string; currency: string; amount: string; lines: number }>(
      `SELECT l.rights_holder_ipi::text AS ipi, l.currency, trim_scale(sum(l.net))::text AS amount, count(*)::int AS lines
       FROM audit_pinned p JOIN distribution_lines l ON l.society_id = p.society_id AND l.submission_id = p.submission_id
       WHERE p.society_id = $1 AND p.active AND p.type = 'distribution-lines' AND l.status = 'paid' AND l.paid_on BETWEEN $2::date AND $3::date
         AND l.rights_holder_ipi = ANY($4::text[])
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [ctx.society.id, ctx.year.from, ctx.year.to, ipis],
    );
    const rows: JsonObject[] = [];
    const missing: string[] = [];
    const understated: string[] = [];
    for (const m of members) {
      const d = declared.get(m.memberId) ?? null;
      const paidTo = m.rightsHolderIpi === null ? [] : paid.filter((p) => p.ipi === m.rightsHolderIpi).map(({ currency, amount, lines }) => ({ currency, amount, lines }));
      let leftOut: { currency: string; amount: string }[] = [];
      if (d) {
        leftOut = paidTo
          .map((p) => ({ currency: p.currency, amount: p.currency === d.currency ? dec(p.amount).minus(d.amountsAsRightholder) : dec(p.amount) }))
          .filter((x) => x.amount.greaterThan(x.currency === d.currency ? tolerance : 0))
          .map((x) => ({ currency: x.currency, amount: text(x.amount) }));
      } else missing.push(MEMBER(m));
      if (leftOut.length > 0) understated.push(`${MEMBER(m)} declared ${d!.currency} ${d!.amountsAsRightholder} received as a rights holder; the ledger paid ${moneyList(paidTo)} (${moneyList(leftOut)} left out)`);
      rows.push({
        memberId: m.memberId,
        name: m.name,
        constituency: m.constituency,
        rightsHolderIpi: m.rightsHolderIpi,
        organisation: m.organisation,
        declaration: d ? { version: d.version, currency: d.currency, remuneration: d.remuneration, amountsAsRightholder: d.amountsAsRightholder, conflicts: d.conflicts, recordedAt: d.recordedAt } : null,
        paidAsRightsHolder: paidTo,
        leftOut,
      });
    }
    const passed = missing.length === 0 && understated.length === 0;
    let details: string;
    if (members.length === 0) details = `No board member is on record for FY ${ctx.year.year}: there is no declaration to expect.`;
    else if (passed) details = `Each of the ${plural(members.length, 'board member')} seated in FY ${ctx.year.year} has a declaration for it that covers what the ledger paid them as a rights holder.`;
    else {
      const parts = [];
      if (missing.length > 0) parts.push(`${plural(missing.length, 'board member')} seated in FY ${ctx.year.year} made no declaration for it: ${missing.join('; ')}`);
      if (understated.length > 0) parts.push(understated.join('; '));
      details = `${parts.join('. ')}.`;
    }
    return {
      passed,
      details,
      evidence: { financialYear: ctx.year, tolerance: text(tolerance), members: rows, missing: missing.length, understated: understated.length },
      metrics: { boardMembers: members.length, declared: members.length - missing.length, missingDeclarations: missing.length, understatedDeclarations: understated.length },
    };
  },
};

/**
 * A member's organisation among the society's licensees: the member sits on both sides of
 * a licence. Names are matched after folding case, punctuation and legal-form words
 * (libs/governance organisation-names.ts); the finding shows both names as written for a
 * person to confirm.
 */
export const boardMemberLicensee: AuditRule = {
  id: 'governance.board-member-licensee',
  title: "Board members' organisations licensing from the society",
  source: 'Directive 2014/26/EU Art. 10(2) (identify, manage and disclose conflicts of interest); Art. 16(2) (licences on objective, non-discriminatory terms)',
  severity: 'medium',
  group: 'governance',
  description:
    "Compares the organisation of each member seated in the audited year (board packages' organisation column, else the registry) with the licensees of the society's " +
    'pinned income packages of the quarters ending in the year, both folded (Unicode compatibility forms, case, punctuation, legal-form words such as LLC, Ltd, GmbH, ООО/OOO, АО/AO, ZAO, PAO, SA, SARL, Inc ' +
    'at either end). Fails on any match, listing the member, the organisation and the licensee as written, the key they share, the income lines and their amounts, ' +
    "and what the member declared as conflicts: a candidate for a person to confirm, not a proof that they are one company.",
  params: [],
  async run(sql: Sql, ctx: RuleContext) {
    const members = (await boardMembersOfYear(sql, ctx)).filter((m) => m.organisation !== null && organisationKey(m.organisation) !== '');
    const declared = await declarationsOfYear(sql, ctx);
    const licensees = members.length === 0 ? [] : await sql<{ licensee: string; currency: string; amount: string; lines: number; incomeIds: string[] }>(
      `SELECT i.licensee, i.currency, trim_scale(sum(i.amount))::text AS amount, count(*)::int AS lines, (array_agg(i.income_id ORDER BY p.leaf_index, i.line_no))[1:$4] AS "incomeIds"
       FROM audit_pinned p JOIN income_lines i ON i.society_id = p.society_id AND i.submission_id = p.submission_id
       WHERE p.society_id = $1 AND p.active AND p.type = 'income' AND p.quarter_end BETWEEN $2::date AND $3::date
       GROUP BY i.licensee, i.currency ORDER BY i.licensee, i.currency`,
      [ctx.society.id, ctx.year.from, ctx.year.to, Math.max(ctx.evidenceLimit, 1)],
    );
    const matches: JsonObject[] = [];
    for (const m of members) {
      const key = organisationKey(m.organisation!);
      for (const l of licensees) {
        if (organisationKey(l.licensee) !== key) continue;
        matches.push({
          memberId: m.memberId,
          name: m.name,
          organisation: m.organisation,
          licensee: l.licensee,
          matchedAs: key,
          exact: l.licensee === m.organisation,
          currency: l.currency,
          amount: l.amount,
          lines: l.lines,
          incomeIds: l.incomeIds.slice(0, ctx.evidenceLimit),
          declaredConflicts: declared.get(m.memberId)?.conflicts ?? null,
        });
      }
    }
    const seen = new Set(matches.map((x) => x.memberId));
    return {
      passed: matches.length === 0,
      details:
        matches.length === 0
          ? members.length === 0
            ? `No member seated in FY ${ctx.year.year} has an organisation on record: none can be compared with the licensees.`
            : `No organisation of the ${plural(members.length, 'board member')} with one on record appears among the licensees of FY ${ctx.year.year}.`
          : `${plural(seen.size, 'board member')}'s organisation appears among the licensees of FY ${ctx.year.year} (to confirm): ` +
            matches.map((x) => `${x.name} (${x.memberId}) works for "${x.organisation}", which reads as the licensee "${x.licensee}" (${x.currency} ${x.amount}, ${plural(x.lines as number, 'income line')})`).join('; ') + '.',
      evidence: { financialYear: ctx.year, membersWithOrganisation: members.length, matches, confirm: 'names matched after folding case, punctuation and legal-form words: a person confirms they are one organisation' },
      metrics: { matches: matches.length },
    };
  },
};

interface Side {
  gross: string;
  fee: string;
  paidNet: string;
  lines: number;
}

/**
 * Self-dealing: board members' own lines treated better than everyone else's: a lower
 * management-fee rate, or a larger share of what was paid than their share of the money
 * attributed. The test and its thresholds are policy the Directive does not set.
 */
export const boardSelfDealing: AuditRule = {
  id: 'governance.board-self-dealing',
  title: "Board members' lines: management-fee rate and share of payments against everyone else's",
  source:
    'Directive 2014/26/EU Art. 12(2) (deductions reasonable, on objective criteria) and 13(1) (distribution per the general policy); Art. 10(2) (conflicts of interest); the test and its thresholds are parameters the Directive does not set',
  severity: 'high',
  group: 'governance',
  description:
    "Splits the audited year's pinned distribution lines of identified rights holders (use ended in the year) in the society's currency into those of board members (their IPI from the board packages or registry) and all others. " +
    "Fee rate = management_fee / gross of each side. Fails when the members' rate is lower than the others' by more than feeRateGapPercent of the others' rate " +
    "(10: members may pay 90% of the others' rate), or when the members' share of the net paid exceeds their share of the gross attributed by more than shareExcessPercent of it. " +
    'Both thresholds are policy parameters: the Directive sets none.',
  params: [
    { name: 'feeRateGapPercent', kind: 'decimal', unit: 'percent', default: '10', min: '0', max: '100', nullable: false, description: "How much lower than everyone else's (relative, in % of their rate) board members' management-fee rate may be (the Directive sets no figure)." },
    { name: 'shareExcessPercent', kind: 'decimal', unit: 'percent', default: '10', min: '0', max: '1000', nullable: false, description: "How much larger than their share of the gross attributed (relative, in % of it) board members' share of the net paid may be (the Directive sets no figure)." },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const gap = dec(param.decimal(params, 'feeRateGapPercent'));
    const excess = dec(param.decimal(params, 'shareExcessPercent'));
    const c = ctx.society.currency;
    const members = (await boardMembersOfYear(sql, ctx)).filter((m) => m.rightsHolderIpi !== null);
    const ipis = members.map((m) => m.rightsHolderIpi!);
    const sides = await sql<Side & { board: boolean }>(
      `SELECT l.rights_holder_ipi = ANY($5::text[]) AS board, trim_scale(sum(l.gross))::text AS gross, trim_scale(sum(l.management_fee))::text AS fee,
              coalesce(trim_scale(sum(l.net) FILTER (WHERE l.status = 'paid')), 0)::text AS "paidNet", sum(l.lines)::int AS lines
       -- the audit's grouped lines (per holder, IPI, status…), not a scan of the lines
       FROM audit_line_groups l
       WHERE $1::uuid IS NOT NULL AND l.use_to BETWEEN $2::date AND $3::date AND l.currency = $4
         AND l.rights_holder_ipi IS NOT NULL
       GROUP BY 1`,
      [ctx.society.id, ctx.year.from, ctx.year.to, c, ipis],
    );
    const zero: Side = { gross: '0', fee: '0', paidNet: '0', lines: 0 };
    const board = sides.find((s) => s.board) ?? zero;
    const others = sides.find((s) => !s.board) ?? zero;
    const rate = (s: Side) => (dec(s.gross).isZero() ? null : dec(s.fee).dividedBy(s.gross));
    const boardRate = rate(board);
    const othersRate = rate(others);
    const totalGross = dec(board.gross).plus(others.gross);
    const totalPaid = dec(board.paidNet).plus(others.paidNet);
    const grossShare = totalGross.isZero() ? null : dec(board.gross).dividedBy(totalGross);
    const paidShare = totalPaid.isZero() ? null : dec(board.paidNet).dividedBy(totalPaid);
    const lowerFee = boardRate !== null && othersRate !== null && boardRate.lessThan(othersRate.times(dec('100').minus(gap)).dividedBy(100));
    const largerShare = grossShare !== null && paidShare !== null && paidShare.greaterThan(grossShare.times(dec('100').plus(excess)).dividedBy(100));
    const pct = (d: ReturnType<typeof dec> | null) => (d === null ? null : d.times(100).toFixed(2));
    const side = (s: Side, r: ReturnType<typeof dec> | null) => ({ ...s, feeRatePercent: pct(r) });
    const evidence: JsonObject = {
      financialYear: ctx.year,
      currency: c,
      boardMembers: members.map((m) => ({ memberId: m.memberId, name: m.name, rightsHolderIpi: m.rightsHolderIpi })),
      board: side(board, boardRate),
      others: side(others, othersRate),
      grossSharePercent: pct(grossShare),
      paidSharePercent: pct(paidShare),
      feeRateGapPercent: text(gap),
      shareExcessPercent: text(excess),
      test:
        "lower fee: board rate < others' rate × (100 − feeRateGapPercent) / 100; larger share: board share of net paid > board share of gross × (100 + shareExcessPercent) / 100",
    };
    const metrics = { boardFeeRatePercent: pct(boardRate), othersFeeRatePercent: pct(othersRate), boardGrossSharePercent: pct(grossShare), boardPaidSharePercent: pct(paidShare) };
    if (members.length === 0 || board.lines === 0) {
      return {
        passed: true,
        details:
          members.length === 0
            ? `No member seated in FY ${ctx.year.year} is linked to a rights holder (IPI): there are no board members' lines to compare.`
            : `No ${c} line of FY ${ctx.year.year} pays a board member as a rights holder: there is nothing to compare.`,
        evidence,
        metrics,
      };
    }
    const parts: string[] = [];
    if (lowerFee) parts.push(`board members' lines carry a management-fee rate of ${pct(boardRate)}% against ${pct(othersRate)}% on everyone else's (more than ${text(gap)}% lower)`);
    if (largerShare) parts.push(`board members received ${pct(paidShare)}% of the net paid for ${pct(grossShare)}% of the gross attributed (more than ${text(excess)}% above it)`);
    return {
      passed: !lowerFee && !largerShare,
      details:
        parts.length === 0
          ? `In FY ${ctx.year.year} board members' lines (${plural(board.lines, 'line')}) carry a management-fee rate of ${pct(boardRate) ?? '-'}% against ${pct(othersRate) ?? '-'}% on everyone else's, and they received ${pct(paidShare) ?? '-'}% of the net paid for ${pct(grossShare) ?? '-'}% of the gross: within the thresholds.`
          : `In FY ${ctx.year.year} ${parts.join('; and ')}.`,
      evidence,
      metrics,
    };
  },
};
