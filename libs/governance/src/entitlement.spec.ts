import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CONSTITUENCIES, RIGHTS_HOLDER_KINDS } from '../../registry/src/index.js';
import {
  BOARD_CONSTITUENCY_OF_KIND,
  DEFAULT_CONSTITUENCY_MAP,
  HOLDER_KINDS,
  type HolderKind,
  constituenciesOf,
  explainConstituencyMap,
} from './constituencies.js';
import { computeEntitlement } from './entitlement.js';
import { toUnits } from './exact.js';

const RUB = 2;
const units = (m: Partial<Record<HolderKind, string>>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, toUnits(v)]));

describe('constituencies', () => {
  it('uses the kinds and board constituencies of the registry', () => {
    expect([...HOLDER_KINDS]).toEqual([...RIGHTS_HOLDER_KINDS]);
    expect(HOLDER_KINDS.map((k) => BOARD_CONSTITUENCY_OF_KIND[k])).toEqual([...CONSTITUENCIES]);
  });

  it('groups kinds mapped to one name, in kind order', () => {
    const merged = { ...DEFAULT_CONSTITUENCY_MAP, author: 'authors and composers', composer: 'authors and composers' };
    expect(constituenciesOf(merged)).toEqual([
      { name: 'authors and composers', kinds: ['author', 'composer'] },
      { name: 'publishers', kinds: ['publisher'] },
      { name: 'performers', kinds: ['performer'] },
      { name: 'producers', kinds: ['producer'] },
      { name: 'other', kinds: ['other'] },
    ]);
  });

  it('names every problem of a constituency map by its field', () => {
    expect(explainConstituencyMap(DEFAULT_CONSTITUENCY_MAP)).toEqual([]);
    expect(explainConstituencyMap(['authors'])).toEqual([{ field: 'constituencyMap', message: expect.stringContaining('must be an object') }]);
    const { producer: _omitted, ...withoutProducer } = DEFAULT_CONSTITUENCY_MAP;
    const problems = explainConstituencyMap({ ...withoutProducer, publisher: '  ', author: 7, lyricist: 'x', other: ' other' });
    expect(problems.map((p) => p.field).sort()).toEqual(
      ['constituencyMap.author', 'constituencyMap.lyricist', 'constituencyMap.other', 'constituencyMap.producer', 'constituencyMap.publisher'].sort(),
    );
    expect(explainConstituencyMap({ ...DEFAULT_CONSTITUENCY_MAP, other: 'x'.repeat(101) })).toEqual([
      { field: 'constituencyMap.other', message: 'must be at most 100 characters' },
    ]);
  });
});

describe('computeEntitlement', () => {
  const constituencies = constituenciesOf(DEFAULT_CONSTITUENCY_MAP);

  it('apportions the board by money share and sets it against the actual board', () => {
    // Publishers earn 60 %, authors 25 %, composers 15 %: Sainte-Laguë gives 4/2/1 of 7.
    const e = computeEntitlement({
      method: 'sainte-lague',
      boardSize: 7,
      constituencies,
      attributedByKind: units({ author: '2500000', composer: '1500000', publisher: '6000000' }),
      actualByBoardConstituency: { authors: 3, composers: 3, publishers: 1 },
      minorUnits: RUB,
    });
    const row = (name: string) => e.constituencies.find((c) => c.constituency === name)!;
    expect(row('publishers')).toEqual({
      constituency: 'publishers',
      kinds: ['publisher'],
      attributed: '6000000.00',
      sharePercent: '60.000000',
      entitledSeats: 4,
      lowerQuota: 4,
      upperQuota: 5,
      actualSeats: 1,
      gap: -3,
    });
    expect([row('authors').entitledSeats, row('authors').gap]).toEqual([2, 1]);
    expect([row('composers').entitledSeats, row('composers').gap]).toEqual([1, 2]);
    expect(row('performers')).toMatchObject({ attributed: '0.00', sharePercent: '0.000000', entitledSeats: 0, actualSeats: 0, gap: 0 });
    expect(e.actualBoardSize).toBe(7);
    // Actual seat shares 3/7, 3/7, 1/7 against 25 %, 15 %, 60 %: LH = ½(17.857…+27.857…+45.714…) = 45.714286.
    expect(e.indices).toEqual({ gallagher: '39.904222', loosemoreHanby: '45.714286' });
    expect(e.entitledIndices).toEqual({ gallagher: '3.273268', loosemoreHanby: '3.571429' });
    expect(e.ties).toEqual([]);
  });

  it('counts seats of board constituencies for the merged constituency', () => {
    const merged = constituenciesOf({ ...DEFAULT_CONSTITUENCY_MAP, author: 'authors and composers', composer: 'authors and composers' });
    const e = computeEntitlement({
      method: 'dhondt',
      boardSize: 5,
      constituencies: merged,
      attributedByKind: units({ author: '10', composer: '30', publisher: '60' }),
      actualByBoardConstituency: { authors: 2, composers: 2, publishers: 1 },
      minorUnits: 0,
    });
    expect(e.constituencies[0]).toMatchObject({ constituency: 'authors and composers', attributed: '40', sharePercent: '40.000000', entitledSeats: 2, actualSeats: 4, gap: 2 });
    expect(e.constituencies[1]).toMatchObject({ constituency: 'publishers', entitledSeats: 3, actualSeats: 1, gap: -2 });
  });

  it('has no entitlement, only the actual board, when no money was attributed', () => {
    const e = computeEntitlement({ method: 'hamilton', boardSize: 3, constituencies, attributedByKind: {}, actualByBoardConstituency: { authors: 2 }, minorUnits: 2 });
    expect(e.constituencies[0]).toEqual({
      constituency: 'authors', kinds: ['author'], attributed: '0.00', sharePercent: null, entitledSeats: null, lowerQuota: null, upperQuota: null, actualSeats: 2, gap: null,
    });
    expect(e.indices).toBeNull();
    expect(e.entitledIndices).toBeNull();
    expect(e.actualBoardSize).toBe(2);
  });

  it('has no actual-board index when nobody is seated', () => {
    const e = computeEntitlement({ method: 'hamilton', boardSize: 3, constituencies, attributedByKind: units({ author: '1' }), actualByBoardConstituency: {}, minorUnits: 2 });
    expect(e.indices).toBeNull();
    expect(e.constituencies[0]).toMatchObject({ entitledSeats: 3, actualSeats: 0, gap: -3 });
  });

  it('always hands out the whole board, and gaps sum to the difference in board sizes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('dhondt', 'sainte-lague', 'hamilton', 'adams', 'huntington-hill', 'droop', 'modified-sainte-lague' as const),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 14n }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }),
        (method, boardSize, money, seats) => {
          fc.pre(money.some((m) => m > 0n));
          const attributedByKind = Object.fromEntries(HOLDER_KINDS.map((k, i) => [k, money[i]!]));
          const actualByBoardConstituency = Object.fromEntries(HOLDER_KINDS.map((k, i) => [BOARD_CONSTITUENCY_OF_KIND[k], seats[i]!]));
          const e = computeEntitlement({ method, boardSize, constituencies, attributedByKind, actualByBoardConstituency, minorUnits: 2 });
          const entitled = e.constituencies.reduce((s, c) => s + c.entitledSeats!, 0);
          const actual = seats.reduce((a, b) => a + b, 0);
          expect(entitled).toBe(boardSize);
          expect(e.actualBoardSize).toBe(actual);
          expect(e.constituencies.reduce((s, c) => s + c.gap!, 0)).toBe(actual - boardSize);
        },
      ),
      { numRuns: 150 },
    );
  });
});
