import type { ApportionmentMethod } from '../../../apportionment/src/index.js';
// The governance library's pure core (no database): the same entitlement the board
// endpoint computes, here fed with sums read from the pinned data.
import { type ConstituencyMap, HOLDER_KINDS, type HolderKind, constituenciesOf } from '../../../governance/src/constituencies.js';
import { type Entitlement, computeEntitlement } from '../../../governance/src/entitlement.js';
import { toUnits } from '../../../governance/src/exact.js';
import { currencyMinorUnits } from '../../../governance/src/attributed.js';
import { type ParamValues, param } from './params.js';
import type { AuditRule, BoardSettings, LineFact, RuleContext, Sql } from './rule.js';
import { dec, plural, text } from './support.js';

export interface BoardSeats {
  source: { kind: 'board-package'; submissionId: string; period: string } | { kind: 'registry' } | { kind: 'none' };
  seats: Record<string, number>;
}

/**
 * The board seated on `date` as the pinned data says: the latest current board package
 * (by period) whose quarter began by then and that seats someone on it, else the
 * registry's board members recorded by the pinned time.
 */
export async function boardOn(sql: Sql, ctx: RuleContext, date: string): Promise<BoardSeats> {
  const packaged = await sql<{ submissionId: string; period: string; constituency: string; seats: number }>(
    `SELECT p.submission_id AS "submissionId", p.period, b.constituency, count(*)::int AS seats
     FROM (
       SELECT ap.* FROM audit_pinned ap
       WHERE ap.society_id = $1 AND ap.active AND ap.type = 'board' AND date_trunc('quarter', ap.quarter_end)::date <= $2::date
         AND EXISTS (SELECT 1 FROM board_lines l WHERE l.society_id = ap.society_id AND l.submission_id = ap.submission_id
                       AND l.seat_from <= $2::date AND (l.seat_to IS NULL OR l.seat_to >= $2::date))
       ORDER BY ap.period DESC, ap.leaf_index DESC
       LIMIT 1
     ) p
     JOIN board_lines b ON b.society_id = p.society_id AND b.submission_id = p.submission_id AND b.seat_from <= $2::date AND (b.seat_to IS NULL OR b.seat_to >= $2::date)
     GROUP BY p.submission_id, p.period, b.constituency
     ORDER BY b.constituency`,
    [ctx.society.id, date],
  );
  if (packaged.length > 0) {
    return { source: { kind: 'board-package', submissionId: packaged[0]!.submissionId, period: packaged[0]!.period }, seats: Object.fromEntries(packaged.map((r) => [r.constituency, r.seats])) };
  }
  const registered = await sql<{ constituency: string; seats: number }>(
    `SELECT m.constituency, count(*)::int AS seats FROM board_members m
     WHERE m.society_id = $1 AND m.seat_from <= $2::date AND (m.seat_to IS NULL OR m.seat_to >= $2::date)
       AND ($3::timestamptz IS NULL OR m.recorded_at <= $3::timestamptz)
     GROUP BY m.constituency ORDER BY m.constituency`,
    [ctx.society.id, date, ctx.pinnedAt],
  );
  if (registered.length > 0) return { source: { kind: 'registry' }, seats: Object.fromEntries(registered.map((r) => [r.constituency, r.seats])) };
  return { source: { kind: 'none' }, seats: {} };
}

/** Gross attributed per kind of rights holder over the look-back years, in the society's currency, in 10⁻⁸ units. */
export function attributedByKind(facts: readonly LineFact[], years: readonly number[], currency: string): Partial<Record<HolderKind, bigint>> {
  const sums: Partial<Record<HolderKind, ReturnType<typeof dec>>> = {};
  for (const f of facts) {
    if (f.currency !== currency || f.kind === null || !years.includes(f.useYear)) continue;
    const kind = HOLDER_KINDS.find((k) => k === f.kind);
    if (!kind) throw new RangeError(`unknown rights-holder kind ${f.kind}`);
    sums[kind] = (sums[kind] ?? dec('0')).plus(f.gross);
  }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, toUnits(text(v!))]));
}

export function boardEntitlement(settings: BoardSettings, byKind: Partial<Record<HolderKind, bigint>>, seats: Record<string, number>, currency: string): { boardSize: number; entitlement: Entitlement } | null {
  const actual = Object.values(seats).reduce((a, b) => a + b, 0);
  const boardSize = settings.boardSize ?? actual;
  if (boardSize === 0) return null;
  return {
    boardSize,
    entitlement: computeEntitlement({
      method: settings.method as ApportionmentMethod,
      boardSize,
      constituencies: constituenciesOf(settings.constituencyMap as unknown as ConstituencyMap),
      attributedByKind: byKind,
      actualByBoardConstituency: seats,
      minorUnits: currencyMinorUnits(currency),
    }),
  };
}

/**
 * Board representation (Art. 9(2): fair and balanced representation of the categories
 * of members; the rights holders' demand: seats in proportion to market share): the
 * seats each constituency's share of the money attributed over the look-back window is
 * worth, against the board seated at the financial year's end.
 */
export const boardRepresentation: AuditRule = {
  id: 'governance.board-representation',
  title: 'Board seats in proportion to market share (entitled against actual)',
  source: 'Directive 2014/26/EU Art. 9(2); RULES.md "Governance": representation in proportion to market share',
  severity: 'medium',
  group: 'governance',
  description:
    "Apportions the board (the society's governance settings: size, method, look-back years, constituency map) among the constituencies by the gross attributed to their rights holders " +
    "on the pinned distribution lines whose use ended in the look-back window ending with the audited year, and compares it with the board seated on the year's last day " +
    '(the latest pinned board package, else the registry). Fails when a constituency holds fewer seats than its entitlement by more than the allowed shortfall, ' +
    'when the Gallagher index exceeds its limit (if set), or when no board is on record.',
  params: [
    { name: 'maxSeatShortfall', kind: 'integer', unit: 'seats', default: 0, min: 0, max: 100, description: 'Seats a constituency may hold below its entitlement without a finding.' },
    { name: 'maxGallagher', kind: 'decimal', unit: 'percentage points', default: null, min: '0', max: '100', nullable: true, description: 'Largest Gallagher disproportionality of the actual board; null for no limit.' },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const shortfall = param.integer(params, 'maxSeatShortfall');
    const maxGallagher = param.decimal(params, 'maxGallagher');
    const c = ctx.society.currency;
    const board = await boardOn(sql, ctx, ctx.year.to);
    const window = { from: ctx.lookback[0]!.from, to: ctx.year.to };
    const byKind = attributedByKind(ctx.facts, ctx.lookback.map((y) => y.year), c);
    const computed = boardEntitlement(ctx.board, byKind, board.seats, c);
    const base = { asOf: ctx.year.to, window, currency: c, method: ctx.board.method, lookbackYears: ctx.board.lookbackYears, board: board.source };
    if (!computed) {
      return {
        passed: false,
        details: `No board is on record on ${ctx.year.to} and no board size is set: representation cannot be judged.`,
        evidence: { ...base, boardSize: 0, seats: board.seats },
        metrics: { maxShortfall: null, gallagher: null },
      };
    }
    const e = computed.entitlement;
    const rows = e.constituencies.map((k) => ({ ...k }));
    const totalAttributed = rows.reduce((s, r) => s.plus(r.attributed), dec('0'));
    if (totalAttributed.isZero()) {
      return {
        passed: true,
        details: `No money in ${c} was attributed to identified rights holders from ${window.from} to ${window.to}: there is no market share to apportion by.`,
        evidence: { ...base, boardSize: computed.boardSize, constituencies: rows, actualBoardSize: e.actualBoardSize },
        metrics: { maxShortfall: null, gallagher: null },
      };
    }
    const under = rows.filter((r) => r.gap !== null && -r.gap > shortfall);
    const maxShortfall = rows.reduce((m, r) => Math.max(m, r.gap === null ? 0 : -r.gap), 0);
    const gallagher = e.indices?.gallagher ?? null;
    const tooDisproportional = maxGallagher !== null && gallagher !== null && dec(gallagher).greaterThan(maxGallagher);
    let details =
      under.length === 0
        ? `On ${ctx.year.to} no constituency holds fewer seats than its market share entitles it to (board of ${computed.boardSize}, ${ctx.board.method})`
        : `On ${ctx.year.to} ${under.map((r) => `${r.constituency} hold ${plural(r.actualSeats, 'seat')} for an entitlement of ${r.entitledSeats} (${r.sharePercent === null ? '-' : dec(r.sharePercent).toFixed(2)}% of the money)`).join('; ')}`;
    details += gallagher === null ? '.' : `; Gallagher index ${gallagher}.`;
    if (tooDisproportional) details += ` That is above the limit of ${maxGallagher}.`;
    return {
      passed: under.length === 0 && !tooDisproportional,
      details,
      evidence: {
        ...base,
        boardSize: computed.boardSize,
        boardSizeSource: ctx.board.boardSize === null ? 'actual-board' : 'settings',
        actualBoardSize: e.actualBoardSize,
        constituencies: rows,
        indices: e.indices,
        entitledIndices: e.entitledIndices,
        maxSeatShortfall: shortfall,
      },
      metrics: { maxShortfall, gallagher },
    };
  },
};
