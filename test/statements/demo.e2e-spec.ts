import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoService } from '../../libs/demo/src/index.js';
import { Http } from '../support/http.js';
import { loadDemoAndSettle } from '../support/demo.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/** The demo: the first holder has mandates and lines at three societies, and one line of unclaimed money. */
describe('demo statement', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<DemoService['load']>>;
  let holder: Http;

  beforeAll(async () => {
    t = await bootTestApp();
    world = await loadDemoAndSettle(t);
    const token = world.tokens.find((x) => x.label === 'demo: rights holder 1')!.token;
    holder = new Http(t.baseUrl, token);
  });
  afterAll(async () => t?.close());

  it('shows the first holder what three societies collected for it, converted with the demo rates', async () => {
    const [first] = world.holderIds;
    const res = await holder.get(`/v1/rights-holders/${first}/statement?year=2025&currency=EUR`);
    expect(res.status).toBe(200);
    const { rao, rsp, foreign } = world.societyIds;
    expect(res.body.societies.map((s: { societyId: string }) => s.societyId).sort()).toEqual([rao, rsp, foreign].sort());
    for (const s of res.body.societies) {
      expect(s.lines).toBeGreaterThan(0);
      expect(s.mandates.length).toBeGreaterThan(0);
      expect(s.head.treeSize).toBeGreaterThan(0);
      expect(s.rates.length).toBeGreaterThan(0);
    }
    expect(res.body.rates.map((r: { currency: string }) => r.currency)).toEqual(expect.arrayContaining(['RUB', 'SEK']));
    expect(res.body.rates.every((r: { rateDate: string }) => /^2025-\d\d-01$/.test(r.rateDate))).toBe(true);
  });

  it('shows the first holder the money overdue to it under Art. 13 (issue 14)', async () => {
    const [first] = world.holderIds;
    const res = await holder.get(`/v1/rights-holders/${first}/statement?year=2024&currency=EUR`);
    expect(res.status).toBe(200);
    expect(res.body.overdue.lines).toBeGreaterThan(0);
    // Unpaid lines of 2024 were due by nine months after each society's financial year (30 June or 31 December 2024).
    expect(['2025-03-30', '2025-09-30']).toContain(res.body.overdue.oldestDeadline);
    expect(res.body.societies.some((s: { overdue: { lines: number } }) => s.overdue.lines > 0)).toBe(true);
  });

  it('finds the unclaimed line in its name at the Nordic bureau', async () => {
    const [first] = world.holderIds;
    const res = await holder.get(`/v1/rights-holders/${first}/unclaimed?year=2025`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ societyId: world.societyIds.foreign, lineId: 'FOREIGN-2025Q2-U001', matchedBy: ['name'] })]);
  });

  it("shows rights holder 2's claims in each state, the paid one by the RAO-like society's 2025Q1 line (issue 17)", async () => {
    const second = world.holderIds[1];
    const token = world.tokens.find((x) => x.label === 'demo: rights holder 2')!.token;
    const res = await new Http(t.baseUrl, token).get(`/v1/rights-holders/${second}/claims`);
    expect(res.status).toBe(200);
    const byLine = Object.fromEntries(res.body.items.map((c: { lineId: string }) => [c.lineId, c]));
    expect(Object.keys(byLine).sort()).toEqual(['RAO-2024Q2-U001', 'RAO-2025Q1-U001', 'RAO-2025Q3-U001', 'VOIS-2024Q4-U001']);
    expect(byLine['RAO-2024Q2-U001']).toMatchObject({ status: 'paid', claimedAt: '2024-08-05T10:00:00.000Z', payment: { period: '2025Q1', lineId: 'RAO-2025Q1-C001', paidOn: '2025-03-28' } });
    expect(byLine['RAO-2024Q2-U001'].payment.net).toBe(byLine['RAO-2024Q2-U001'].line.net);
    expect(byLine['RAO-2025Q1-U001']).toMatchObject({ status: 'accepted', answeredAt: '2025-05-12T14:00:00.000Z' });
    expect(byLine['VOIS-2024Q4-U001']).toMatchObject({ status: 'refused', reason: expect.stringMatching(/Igor Volkov/) });
    expect(byLine['RAO-2025Q3-U001']).toMatchObject({ status: 'open', answeredAt: null });
    // Three of the lines bear his name written another way: his unclaimed money lists them, claimed.
    const unclaimed = (await new Http(t.baseUrl, token).get(`/v1/rights-holders/${second}/unclaimed`)).body.items;
    const named = unclaimed.filter((l: { matchedBy: string[] }) => l.matchedBy.includes('name')).map((l: { lineId: string; claim: { status: string } }) => [l.lineId, l.claim.status]);
    expect(named.sort()).toEqual([
      ['RAO-2024Q2-U001', 'paid'],
      ['RAO-2025Q1-U001', 'accepted'],
      ['RAO-2025Q3-U001', 'open'],
    ]);
  });

  it('records the rate table once', async () => {
    const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM exchange_rates`))[0].n;
    expect(await count()).toBe(48);
    await t.app.get(DemoService).load();
    expect(await count()).toBe(48);
  });
});
