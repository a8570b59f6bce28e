import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoService } from '../../libs/demo/src/index.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/** The demo's board entitlement: the RAO-like society's settings and board. */
describe('demo governance', () => {
  let t: TestApp;
  let http: Http;
  let rao: string;

  beforeAll(async () => {
    t = await bootTestApp();
    const demo = t.app.get(DemoService);
    const loaded = await demo.load();
    await demo.load(); // a second start changes nothing
    rao = loaded.societyIds.rao;
    http = new Http(t.baseUrl, t.adminToken);
  });
  afterAll(async () => t?.close());

  it('configures the RAO-like society: a board of 7 by Sainte-Laguë over three years', async () => {
    const res = await http.get(`/v1/societies/${rao}/governance-settings`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ configured: true, boardSize: 7, method: 'sainte-lague', lookbackYears: 3, updatedBy: 'admin: demo loader' });
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM governance_settings WHERE society_id = $1`, [rao]);
    expect(rows[0].n).toBe(1);
  });

  it("keeps settings changed through the API on the next start", async () => {
    expect((await http.request('PUT', `/v1/societies/${rao}/governance-settings`, { boardSize: 9, method: 'dhondt' })).status).toBe(200);
    await t.app.get(DemoService).load();
    expect((await http.get(`/v1/societies/${rao}/governance-settings`)).body).toMatchObject({ boardSize: 9, method: 'dhondt' });
    expect((await http.request('PUT', `/v1/societies/${rao}/governance-settings`, { boardSize: 7, method: 'sainte-lague', lookbackYears: 3 })).status).toBe(200);
  });

  it('sets its board of six authors and composers and one publisher against the money shares', async () => {
    const res = await http.get(`/v1/societies/${rao}/board/entitlement?to=2025-12-31`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ boardSize: 7, boardSizeSource: 'settings', method: 'sainte-lague', board: { kind: 'registry' }, actualBoardSize: 7 });
    const publishers = res.body.constituencies.find((c: { constituency: string }) => c.constituency === 'publishers');
    expect(publishers.actualSeats).toBe(1);
    // The publishers' under-representation shows once the demo has distribution lines
    // in which publishers earn the larger part of the money.
    if (res.body.totals.attributed !== '0.00') expect(publishers.gap).toBeLessThan(0);
  });
});
