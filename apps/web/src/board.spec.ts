import { describe, expect, it } from '@jest/globals';
import type { BoardMember } from './api/types';
import { describeGap, describeSeats, isDefaultConstituency, seatsByConstituency } from './board';

describe('board', () => {
  it('counts seats per constituency and describes them', () => {
    const seat = (constituency: BoardMember['constituency']) => ({ constituency }) as BoardMember;
    const seats = seatsByConstituency([seat('authors'), seat('publishers'), seat('authors')]);
    expect(seats).toEqual({ authors: 2, composers: 0, publishers: 1, performers: 0, producers: 0, other: 0 });
    expect(describeSeats(seats)).toBe('authors 2, publishers 1');
  });

  it('describes a gap in words, with its sign', () => {
    expect(describeGap(-4)).toBe('under-represented by 4');
    expect(describeGap(2)).toBe('over-represented by 2');
    expect(describeGap(0)).toBe('as entitled');
    expect(describeGap(null)).toBe('no money in the window');
  });

  it('names the kinds of a constituency only when the society grouped or renamed them', () => {
    expect(isDefaultConstituency({ constituency: 'authors', kinds: ['author'] })).toBe(true);
    expect(isDefaultConstituency({ constituency: 'other', kinds: ['other'] })).toBe(true);
    expect(isDefaultConstituency({ constituency: 'authors and composers', kinds: ['author', 'composer'] })).toBe(false);
    expect(isDefaultConstituency({ constituency: 'writers', kinds: ['author'] })).toBe(false);
  });
});
