import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { commit, transfer } from '../ledger/support.js';
import { givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/** Issue 14 item 4: what one society reports paying another against what the other reports receiving (Art. 15, 19). */
describe('inter-society matching', () => {
  let t: TestApp;
  let admin: Http;
  let a: { id: string; cisacCode: string };
  let b: { id: string; cisacCode: string };
  let c: { id: string; cisacCode: string };
  let asA: Http;
  let asC: Http;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    a = await givenSociety(admin);
    b = await givenSociety(admin);
    c = await givenSociety(admin);
    asA = admin.as(await tokenFor(admin, 'society', { societyId: a.id }));
    asC = admin.as(await tokenFor(admin, 'society', { societyId: c.id }));
    const out = (o: Record<string, string>) => transfer({ counterparty_cisac: b.cisacCode, fy_of_collection: '2024', currency: 'EUR', ...o });
    // A pays B four times and a society not on the ledger once.
    await commit(admin, a.id, 'inter-society', '2025Q1', [
      out({ transfer_id: 'A-EXACT', amount: '100.00', paid_on: '2025-02-10' }),
      out({ transfer_id: 'A-DIFF', amount: '200.00', paid_on: '2025-03-01' }),
      out({ transfer_id: 'A-MISSING', amount: '300.00', paid_on: '2025-03-20' }),
      out({ transfer_id: 'A-REF', amount: '55.00', paid_on: '2025-01-05' }),
      transfer({ transfer_id: 'A-FOREIGN', counterparty_cisac: '999', fy_of_collection: '2024', currency: 'EUR', amount: '70.00', paid_on: '2025-01-15' }),
    ]);
    // B books the exact one three days later under its own id, the second with another amount, the referenced one late; and one nobody paid.
    const inc = (o: Record<string, string>) => transfer({ direction: 'in', counterparty_cisac: a.cisacCode, fy_of_collection: '2024', currency: 'EUR', territory: 'RU', ...o });
    await commit(admin, b.id, 'inter-society', '2025Q1', [
      inc({ transfer_id: 'B-1', amount: '100.00', paid_on: '2025-02-13' }),
      inc({ transfer_id: 'B-2', amount: '190.00', paid_on: '2025-03-02' }),
      inc({ transfer_id: 'A-REF', amount: '55.00', paid_on: '2025-03-30' }),
      inc({ transfer_id: 'B-UNPAID-BY-A', amount: '40.00', paid_on: '2025-01-25' }),
    ]);
  });
  afterAll(async () => t?.close());

  const byStatus = (items: { status: string; outgoing: { transferId: string } | null; incoming: { transferId: string } | null }[]) =>
    items.map((i) => `${i.status}:${i.outgoing?.transferId ?? '-'}>${i.incoming?.transferId ?? '-'}`).sort();

  it('matches exact, differing, missing and foreign counterparties', async () => {
    const res = await asA.get('/v1/inter-society/matches?financialYear=2024');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ financialYear: 2024, societyId: a.id, toleranceDays: 14 });
    expect(byStatus(res.body.items)).toEqual([
      'amount-differs:A-DIFF>B-2',
      'counterparty-not-on-ledger:A-FOREIGN>-',
      'matched:A-EXACT>B-1',
      'matched:A-REF>A-REF',
      'unmatched-in:->B-UNPAID-BY-A',
      'unmatched-out:A-MISSING>-',
    ]);
    const diff = res.body.items.find((i: { status: string }) => i.status === 'amount-differs');
    expect(diff.difference).toEqual({ currency: 'EUR', amount: '-10', days: 1 });
    expect(res.body.items.find((i: { outgoing: { transferId: string } | null }) => i.outgoing?.transferId === 'A-REF').matchedBy).toBe('reference');
    // Dates further apart than the tolerance do not pair by amount.
    const strict = await asA.get('/v1/inter-society/matches?financialYear=2024&toleranceDays=0');
    expect(byStatus(strict.body.items)).toContain('unmatched-out:A-EXACT>-');
  });

  it('a society sees only the items it is a side of; another society is refused; regulators see all and the matrix', async () => {
    expect((await asC.get('/v1/inter-society/matches?financialYear=2024')).body.items).toEqual([]);
    expect((await asC.get(`/v1/inter-society/matches?financialYear=2024&societyId=${a.id}`)).status).toBe(404);
    expect((await asC.get('/v1/inter-society/matrix?financialYear=2024')).status).toBe(403);
    const regulator = admin.as(await tokenFor(admin, 'regulator'));
    const all = await regulator.get(`/v1/inter-society/matches?financialYear=2024&societyId=${b.id}`);
    expect(all.body.items).toHaveLength(5);
    const matrix = await regulator.get('/v1/inter-society/matrix?financialYear=2024');
    expect(matrix.status).toBe(200);
    const cell = matrix.body.cells.find((x: { fromSocietyId: string; toSocietyId: string }) => x.fromSocietyId === a.id && x.toSocietyId === b.id);
    expect(cell).toMatchObject({ currency: 'EUR', reportedOut: '655', reportedIn: '385', difference: '-270' });
    expect(cell.counts).toMatchObject({ matched: 2, 'amount-differs': 1, 'unmatched-out': 1, 'unmatched-in': 1 });
    expect((await regulator.get('/v1/inter-society/matches')).status).toBe(400);
    expect((await regulator.get('/v1/inter-society/matches?financialYear=2024&societyId=nope')).status).toBe(400);
  });
});
