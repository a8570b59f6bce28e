import { type BoardMember, CONSTITUENCIES, type Constituency } from './api/types';
import { t } from './i18n';

/** Seats per constituency, every constituency present (zero where none). */
export function seatsByConstituency(members: readonly BoardMember[]): Record<Constituency, number> {
  const seats = Object.fromEntries(CONSTITUENCIES.map((c) => [c, 0])) as Record<Constituency, number>;
  for (const m of members) seats[m.constituency] = (seats[m.constituency] ?? 0) + 1;
  return seats;
}

/** "authors 3, composers 3, publishers 1" (constituencies with seats, in the fixed order). */
export function describeSeats(seats: Record<Constituency, number>): string {
  const parts = CONSTITUENCIES.filter((c) => seats[c] > 0).map((c) => `${t(c)} ${seats[c]}`);
  return parts.length > 0 ? parts.join(', ') : t('no seats recorded');
}

/** A constituency's gap (actual − entitled seats) in words: "under-represented by 4", "as entitled", … */
export function describeGap(gap: number | null): string {
  if (gap === null) return t('no money in the window');
  if (gap === 0) return t('as entitled');
  return gap < 0 ? t('under-represented by {n}', { n: -gap }) : t('over-represented by {n}', { n: gap });
}

/** The constituency each rights-holder kind is in when the society has not grouped kinds (docs/governance.md). */
const DEFAULT_CONSTITUENCY: Record<string, string> = { author: 'authors', composer: 'composers', publisher: 'publishers', performer: 'performers', producer: 'producers', other: 'other' };

/** True when a constituency is one kind under its default name, so naming its kinds adds nothing. */
export function isDefaultConstituency(c: { constituency: string; kinds: readonly string[] }): boolean {
  return c.kinds.length === 1 && DEFAULT_CONSTITUENCY[c.kinds[0]] === c.constituency;
}
