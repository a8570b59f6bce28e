import { describe, expect, it } from '@jest/globals';
import { type SampleWork, sampleWork, sampleWorkRecords, workOfRecords, type CwrWork } from '../../cwr/src/index.js';
import { makeIpi } from '../../identifiers/src/index.js';
import { conflictsOf, controlledCollection, describeConflict } from './conflicts.js';

const workOf = (w: SampleWork): CwrWork => workOfRecords(sampleWorkRecords(w, 0, 'NWR', '2.2'))!;

describe('conflicts between registrations of one work', () => {
  const base = sampleWork(7);

  it('counts each controlled party’s collection per right and country (2136 WORLD covers every country)', () => {
    const c = controlledCollection(workOf(base));
    // The sample: the publisher collects 50 % PR and the writers 25 % each; MR/SR the same split.
    expect(c.PR.get('0826')).toBe(10000);
    expect(c.MR.get('0643')).toBe(10000);
    expect(c.PR.size).toBeGreaterThan(200);
  });

  it('finds none with the submitter’s own earlier registration (a REV replaces it)', () => {
    expect(conflictsOf({ submitter: 'A', work: workOf(base) }, [{ version: 1, submitter: 'A', work: workOf(base) }])).toEqual([]);
  });

  it('finds shares over 100 % when two submitters both collect the whole work, per right, in WORLD', () => {
    const found = conflictsOf({ submitter: 'B', work: workOf(base) }, [{ version: 1, submitter: 'A', work: workOf(base) }]);
    const over = found.filter((c) => c.reason === 'shares-over-100');
    expect(over.map((c) => [c.right, c.tis, c.total, c.otherVersions])).toEqual([
      ['PR', '2136', '200.00', [1]],
      ['MR', '2136', '200.00', [1]],
      ['SR', '2136', '200.00', [1]],
    ]);
    expect(describeConflict(over[0]!)).toContain('200.00%');
    expect(found.some((c) => c.reason === 'writers-differ')).toBe(false);
  });

  it('finds writers that differ by IPI name number', () => {
    const other: SampleWork = { ...base, writers: [base.writers[0]!, { ...base.writers[1]!, ipiNameNumber: makeIpi('012345678') }] };
    const found = conflictsOf({ submitter: 'B', work: workOf(other) }, [{ version: 3, submitter: 'A', work: workOf(base) }]);
    const differ = found.find((c) => c.reason === 'writers-differ');
    expect(differ?.otherVersions).toEqual([3]);
  });

  it('stays within the tolerance of 0.06 %', () => {
    const a = workOf(base);
    // The second submitter collects nothing for the writers and 0.06 % for the publisher.
    const b: CwrWork = {
      ...a,
      writers: a.writers.map((w) => ({ ...w, territories: [] })),
      publishers: a.publishers.map((p) => ({ ...p, territories: p.territories.map((t) => ({ ...t, shares: { PR: '0.06', MR: '0.06', SR: '0.06' } })) })),
    };
    expect(conflictsOf({ submitter: 'B', work: b }, [{ version: 1, submitter: 'A', work: a }])).toEqual([]);
    const c: CwrWork = { ...b, publishers: b.publishers.map((p) => ({ ...p, territories: p.territories.map((t) => ({ ...t, shares: { PR: '0.07', MR: '0.00', SR: '0.00' } })) })) };
    expect(conflictsOf({ submitter: 'B', work: c }, [{ version: 1, submitter: 'A', work: a }]).map((x) => [x.right, x.total])).toEqual([['PR', '100.07']]);
  });

  it('applies a party’s exclusions: WORLD less the United Kingdom does not collide with another submitter’s UK share', () => {
    const a = workOf(base);
    const exclude = (w: CwrWork): CwrWork => ({
      ...w,
      publishers: w.publishers.map((p) => ({ ...p, territories: [...p.territories, { ...p.territories[0]!, tis: '0826', include: false }] })),
      writers: w.writers.map((x) => ({ ...x, territories: [...x.territories, { ...x.territories[0]!, tis: '0826', include: false }] })),
    });
    const onlyUk = (w: CwrWork): CwrWork => ({
      ...w,
      publishers: w.publishers.map((p) => ({ ...p, territories: p.territories.map((t) => ({ ...t, tis: '0826' })) })),
      writers: w.writers.map((x) => ({ ...x, territories: x.territories.map((t) => ({ ...t, tis: '0826' })) })),
    });
    expect(conflictsOf({ submitter: 'B', work: onlyUk(a) }, [{ version: 1, submitter: 'A', work: exclude(a) }])).toEqual([]);
    expect(conflictsOf({ submitter: 'B', work: onlyUk(a) }, [{ version: 1, submitter: 'A', work: a }]).map((x) => [x.right, x.tis])).toEqual([
      ['PR', '0826'],
      ['MR', '0826'],
      ['SR', '0826'],
    ]);
  });
});
