import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { IdentifiedTerms } from './terms.js';
import { SOME_CATEGORIES, SOME_WORK_TYPES, UNIVERSE_COUNTRIES, arbTerms, day } from './test-support/arbitraries.js';
import { cellKey, cellsOf } from './test-support/brute-force.js';
import { countries, worldExcept } from './territory-set.js';
import { whoManages } from './who-manages.js';

describe('who manages', () => {
  it('answers for a holder split across two societies by territory', () => {
    const ms: IdentifiedTerms[] = [
      { mandateId: 'a', societyId: 'rao', category: 'performing', workType: 'musical', territories: countries(['RU']), period: { from: '2020-01-01', to: null }, basis: 'contractual', exclusive: true },
      { mandateId: 'b', societyId: 'stim', category: 'performing', workType: 'musical', territories: worldExcept(['RU']), period: { from: '2020-01-01', to: '2025-12-31' }, basis: 'contractual', exclusive: true },
    ];
    const q = { category: 'performing' as const, workType: 'musical' as const, at: '2025-06-01' };
    expect(whoManages(ms, { ...q, territory: 'RU' }).map((m) => m.mandateId)).toEqual(['a']);
    expect(whoManages(ms, { ...q, territory: 'SE' }).map((m) => m.mandateId)).toEqual(['b']);
    expect(whoManages(ms, { ...q, territory: 'SE', at: '2026-01-01' })).toEqual([]);
    expect(whoManages(ms, { ...q, territory: 'SE', category: 'mechanical' })).toEqual([]);
  });

  it('agrees with a brute-force look-up of every cell (property)', () => {
    const query = fc.record({
      category: fc.constantFrom(...SOME_CATEGORIES),
      workType: fc.constantFrom(...SOME_WORK_TYPES),
      territory: fc.constantFrom(...UNIVERSE_COUNTRIES),
      at: fc.integer({ min: -1, max: 520 }).map(day),
    });
    fc.assert(
      fc.property(fc.array(arbTerms, { maxLength: 8 }), query, (terms, q) => {
        const ms = terms.map((t, i) => ({ ...t, mandateId: `m${i}` }));
        const cell = cellKey(q.category, q.workType, q.territory, q.at);
        const expected = ms.filter((m) => cellsOf(m).has(cell)).map((m) => m.mandateId).sort();
        expect(whoManages(ms, q).map((m) => m.mandateId).sort()).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
