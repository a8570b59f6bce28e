import { type ApportionmentMethod, type TieReport, apportion } from '../../apportionment/src/index.js';
import { type Constituency, type HolderKind, kindOfBoardConstituency } from './constituencies.js';
import { type Indices, MONEY_FRACTION_DIGITS, disproportionality, formatUnits, percentOf } from './exact.js';

/**
 * The board a society's constituencies are entitled to from their market share, set
 * against the board it has. Pure: the service feeds it sums from the database.
 */

export interface EntitlementInput {
  method: ApportionmentMethod;
  /** Seats to apportion. */
  boardSize: number;
  constituencies: readonly Constituency[];
  /** Money attributed per kind of rights holder, in 10⁻⁸ units (kinds without money may be absent). */
  attributedByKind: Readonly<Partial<Record<HolderKind, bigint>>>;
  /** Seats actually held per board constituency (`authors`, …). */
  actualByBoardConstituency: Readonly<Record<string, number>>;
  /** Minor units of the society's currency, for formatting amounts. */
  minorUnits: number;
}

export interface ConstituencyEntitlement {
  constituency: string;
  kinds: HolderKind[];
  /** Money attributed to its rights holders, a decimal string in the society's currency. */
  attributed: string;
  /** Its share of all attributed money in percent, 6 places; null when nothing was attributed. */
  sharePercent: string | null;
  /** Seats its share entitles it to; null when nothing was attributed. */
  entitledSeats: number | null;
  /** Floor and ceiling of its exact quota share × board size; null when nothing was attributed. */
  lowerQuota: number | null;
  upperQuota: number | null;
  /** Seats it holds on the board. */
  actualSeats: number;
  /** actualSeats − entitledSeats: negative when under-represented; null when nothing was attributed. */
  gap: number | null;
}

export interface Entitlement {
  constituencies: ConstituencyEntitlement[];
  /** Seats on the actual board (all constituencies). */
  actualBoardSize: number;
  /** Disproportionality of the actual board against the money shares; null without money or seats. */
  indices: Indices | null;
  /** Disproportionality of the entitled seats against the money shares (the apportionment's own). */
  entitledIndices: Indices | null;
  /** Exact ties that decided an entitled seat. */
  ties: TieReport[];
}

export function computeEntitlement(input: EntitlementInput): Entitlement {
  const votes = input.constituencies.map((c) => c.kinds.reduce((sum, k) => sum + (input.attributedByKind[k] ?? 0n), 0n));
  const actual = actualSeatsByConstituency(input.constituencies, input.actualByBoardConstituency);
  const total = votes.reduce((a, b) => a + b, 0n);
  const actualBoardSize = actual.reduce((a, b) => a + b, 0);

  const result =
    total > 0n
      ? apportion({
          method: input.method,
          seats: input.boardSize,
          parties: input.constituencies.map((c, i) => ({ name: c.name, votes: formatUnits(votes[i]!, MONEY_FRACTION_DIGITS) })),
        })
      : null;

  const constituencies = input.constituencies.map((c, i): ConstituencyEntitlement => {
    const row = result?.seats[i];
    return {
      constituency: c.name,
      kinds: [...c.kinds],
      attributed: formatUnits(votes[i]!, input.minorUnits),
      sharePercent: percentOf(votes[i]!, total),
      entitledSeats: row?.seats ?? null,
      lowerQuota: row?.lowerQuota ?? null,
      upperQuota: row?.upperQuota ?? null,
      actualSeats: actual[i]!,
      gap: row ? actual[i]! - row.seats : null,
    };
  });

  return {
    constituencies,
    actualBoardSize,
    indices: disproportionality(votes, actual.map(BigInt)),
    entitledIndices: result?.indices ?? null,
    ties: result?.ties ?? [],
  };
}

/** Seats per constituency: each board constituency's seats go to the constituency its kind maps to. */
function actualSeatsByConstituency(constituencies: readonly Constituency[], byBoardConstituency: Readonly<Record<string, number>>): number[] {
  const seats = constituencies.map(() => 0);
  for (const [boardConstituency, count] of Object.entries(byBoardConstituency)) {
    const kind = kindOfBoardConstituency(boardConstituency);
    const index = kind === undefined ? -1 : constituencies.findIndex((c) => c.kinds.includes(kind));
    if (index < 0) throw new RangeError(`no constituency represents board constituency ${boardConstituency}`);
    seats[index]! += count;
  }
  return seats;
}
