/**
 * A party that takes part in the allocation (it passed the threshold), with its
 * votes as an exact integer of 10^-8 units.
 */
export interface Contender {
  /** Position in the caller's input, to write the result back in input order. */
  readonly index: number;
  readonly name: string;
  readonly votes: bigint;
}

/** Seat bounds per party, as BigInts; `max` null means no cap. */
export interface SeatBounds {
  readonly min: bigint;
  readonly max: bigint | null;
}

/** What an allocation method returns: seats per contender (same order) and the ties that decided seats. */
export interface Allocation {
  readonly seats: bigint[];
  readonly ties: { seat: number; parties: string[]; winner: string }[];
}

/**
 * The documented tie-break order, independent of input order: more votes first,
 * then the party name in UTF-16 code-unit order (plain `<` on strings). Names are
 * unique, so this is a total order. Negative when `a` wins over `b`.
 */
export function compareTieOrder(a: Contender, b: Contender): number {
  if (a.votes !== b.votes) return a.votes > b.votes ? -1 : 1;
  if (a.name === b.name) return 0;
  return a.name < b.name ? -1 : 1;
}

/**
 * Most seats the contenders can hold together: a capped party at most `max`; a
 * party without votes only ever holds its minimum (no method gives a seat for
 * zero votes beyond what the bounds force).
 */
export function seatCapacity(contenders: readonly Contender[], bounds: SeatBounds): bigint | null {
  let capacity = 0n;
  for (const c of contenders) {
    if (c.votes === 0n) capacity += bounds.min;
    else if (bounds.max === null) return null;
    else capacity += bounds.max;
  }
  return capacity;
}

/**
 * Builds the tie reports for `seatsLeft` seats that go to the first members of
 * `group` (already in tie-break order), all of which are exactly level.
 * `firstSeat` is the ordinal of the first of those seats.
 */
export function reportTies(
  group: readonly Contender[],
  seatsLeft: number,
  firstSeat: number,
): { seat: number; parties: string[]; winner: string }[] {
  const ties = [];
  for (let k = 0; k < seatsLeft; k++) {
    ties.push({
      seat: firstSeat + k,
      parties: group.slice(k).map((c) => c.name),
      winner: group[k]!.name,
    });
  }
  return ties;
}
