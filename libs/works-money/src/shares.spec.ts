import { compareShares, type DistributedShare, type RegisteredShare } from './shares.js';

const reg = (ipi: string, share: string, right: RegisteredShare['right'] = 'PR'): RegisteredShare => ({ ipi, name: `Holder ${ipi}`, right, share, rightsHolderId: null });
const paid = (ipi: string | null, gross: string, o: Partial<DistributedShare> = {}): DistributedShare => ({ ipi, rightsHolderId: null, name: ipi ? `Holder ${ipi}` : 'Unknown', category: 'performing', currency: 'EUR', gross, net: gross, ...o });
const brief = (rows: ReturnType<typeof compareShares>) => rows.map((r) => [r.right, r.currency, r.ipi, r.registeredShare, r.paidShare, r.differencePoints, r.withinTolerance]);

describe('registered shares against the shares paid', () => {
  it('matches a work paid as registered, per right, categories mapped to the register', () => {
    const rows = compareShares([reg('A', '50'), reg('B', '50'), reg('A', '100', 'MR')], [paid('A', '50.00'), paid('B', '49.99', { category: 'making-available' }), paid('A', '10', { category: 'mechanical' })], '0.5');
    expect(brief(rows)).toEqual([
      ['mechanical', 'EUR', 'A', '100.00', '100.00', '0.00', true],
      ['performing', 'EUR', 'A', '50.00', '50.01', '0.01', true],
      ['performing', 'EUR', 'B', '50.00', '49.99', '-0.01', true],
    ]);
  });

  it('finds a share off the register beyond the tolerance, exactly (not from rounded percentages)', () => {
    // 2/3 = 66.666…% against 66.17 registered: 0.4966… points, within 0.5; against 66.16, 0.5066…, beyond.
    expect(compareShares([reg('A', '66.17'), reg('B', '33.83')], [paid('A', '2'), paid('B', '1')], '0.5').every((r) => r.withinTolerance)).toBe(true);
    expect(brief(compareShares([reg('A', '66.16'), reg('B', '33.84')], [paid('A', '2'), paid('B', '1')], '0.5'))).toEqual([
      ['performing', 'EUR', 'A', '66.16', '66.67', '0.51', false],
      ['performing', 'EUR', 'B', '33.84', '33.33', '-0.51', false],
    ]);
  });

  it('a registered holder paid nothing, a holder paid but not registered, unidentified money listed but not judged', () => {
    const rows = compareShares([reg('A', '50'), reg('B', '50')], [paid('A', '80'), paid('C', '10'), paid(null, '10')], '0.5');
    expect(brief(rows)).toEqual([
      ['performing', 'EUR', 'A', '50.00', '80.00', '30.00', false],
      ['performing', 'EUR', 'B', '50.00', '0.00', '-50.00', false],
      ['performing', 'EUR', 'C', null, '10.00', '10.00', false],
      ['performing', 'EUR', null, null, '10.00', null, null],
    ]);
  });

  it('nothing distributed for a right: the registered shares with nothing to compare; categories the register has no right for are left out', () => {
    expect(brief(compareShares([reg('A', '100', 'SR')], [paid('A', '5', { category: 'private-copying' })], '0.5'))).toEqual([['synchronisation', null, 'A', '100.00', null, null, null]]);
  });

  it('compares each currency on its own', () => {
    const rows = compareShares([reg('A', '50'), reg('B', '50')], [paid('A', '5', { currency: 'EUR' }), paid('B', '5', { currency: 'EUR' }), paid('A', '9', { currency: 'USD' }), paid('B', '1', { currency: 'USD' })], '0.5');
    expect(rows.filter((r) => r.withinTolerance === false).map((r) => [r.currency, r.ipi])).toEqual([
      ['USD', 'A'],
      ['USD', 'B'],
    ]);
  });
});
