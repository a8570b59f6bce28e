import { type BoardMember, CONSTITUENCIES, type Constituency } from './api/types';

/** Seats per constituency, every constituency present (zero where none). */
export function seatsByConstituency(members: readonly BoardMember[]): Record<Constituency, number> {
  const seats = Object.fromEntries(CONSTITUENCIES.map((c) => [c, 0])) as Record<Constituency, number>;
  for (const m of members) seats[m.constituency] = (seats[m.constituency] ?? 0) + 1;
  return seats;
}

/** "authors 3, composers 3, publishers 1" (constituencies with seats, in the fixed order). */
export function describeSeats(seats: Record<Constituency, number>): string {
  const parts = CONSTITUENCIES.filter((c) => seats[c] > 0).map((c) => `${c} ${seats[c]}`);
  return parts.length > 0 ? parts.join(', ') : 'no seats recorded';
}
