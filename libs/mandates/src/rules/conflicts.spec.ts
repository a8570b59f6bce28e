import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findConflicts, overlapOf } from './conflicts.js';
import type { IdentifiedTerms, MandateTerms } from './terms.js';
import { countries, worldExcept } from './territory-set.js';
import { arbTerms } from './test-support/arbitraries.js';
import { cellsOf } from './test-support/brute-force.js';

const base: MandateTerms = {
  societyId: 's1',
  category: 'performing',
  workType: 'musical',
  territories: countries(['FR', 'DE']),
  period: { from: '2024-01-01', to: null },
  basis: 'contractual',
  exclusive: true,
};
const at = (id: string, t: Partial<MandateTerms>): IdentifiedTerms => ({ ...base, mandateId: id, ...t });

describe('mandate conflicts', () => {
  it('finds an exclusive mandate of another society overlapping in every dimension, with the overlap', () => {
    const existing = [at('m1', { societyId: 's2', territories: worldExcept(['DE']), period: { from: '2023-01-01', to: '2024-06-30' } })];
    expect(findConflicts(base, existing)).toEqual([
      { mandate: existing[0], overlap: { category: 'performing', workType: 'musical', territories: countries(['FR']), period: { from: '2024-01-01', to: '2024-06-30' } } },
    ]);
  });

  it('lets a holder split by territory, period, category or work type, and share non-exclusively', () => {
    const existing = [
      at('t', { societyId: 's2', territories: countries(['SE']) }),
      at('p', { societyId: 's2', period: { from: '2020-01-01', to: '2023-12-31' } }),
      at('c', { societyId: 's2', category: 'mechanical' }),
      at('w', { societyId: 's2', workType: 'audiovisual' }),
      at('n', { societyId: 's2', exclusive: false }),
      at('same', { societyId: 's1' }),
      at('empty', { societyId: 's2', period: { from: '2024-05-01', to: '2024-04-30' } }),
    ];
    expect(findConflicts(base, existing)).toEqual([]);
    expect(findConflicts({ ...base, exclusive: false }, [at('x', { societyId: 's2' })])).toEqual([]);
  });

  it('reports a conflict exactly when two exclusive mandates at two societies share a cell (property, brute force)', () => {
    fc.assert(
      fc.property(arbTerms, arbTerms, (a, b) => {
        const cellsA = cellsOf(a);
        const cellsB = cellsOf(b);
        const sharedCells = [...cellsA].filter((c) => cellsB.has(c)).sort();
        const shared = sharedCells.length > 0;
        const expected = shared && a.exclusive && b.exclusive && a.societyId !== b.societyId;
        const conflicts = findConflicts(a, [{ ...b, mandateId: 'b' }]);
        expect(conflicts.length > 0).toBe(expected);
        expect(overlapOf(a, b) !== null).toBe(shared);
        // The overlap reported is exactly the shared cells.
        const o = overlapOf(a, b);
        if (o) {
          const cells = cellsOf({ ...a, territories: o.territories, period: o.period });
          expect([...cells].sort()).toEqual(sharedCells);
        }
      }),
      { numRuns: 150 },
    );
  });
});
