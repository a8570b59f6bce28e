import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoService } from '../../libs/demo/src/index.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/** The demo world's mandates: a split holder, non-contractual management, a pending termination. */
describe('demo mandates', () => {
  let t: TestApp;
  let admin: Http;
  let world: Awaited<ReturnType<DemoService['load']>>;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    world = await t.app.get(DemoService).load();
  });
  afterAll(async () => t?.close());

  const who = (holder: string, category: string, workType: string, territory: string, at: string) =>
    admin.get(`/v1/who-manages?rightsHolderId=${holder}&category=${category}&workType=${workType}&territory=${territory}&at=${at}`).then((r) => r.body.societies);

  it('splits the first holder across two societies by territory', async () => {
    const [first] = world.holderIds;
    expect((await who(first, 'performing', 'musical', 'RU', '2025-01-01')).map((s: { societyId: string }) => s.societyId)).toEqual([world.societyIds.rao]);
    expect((await who(first, 'performing', 'musical', 'SE', '2025-01-01')).map((s: { societyId: string }) => s.societyId)).toEqual([world.societyIds.foreign]);
  });

  it("keeps the second holder's request for its mechanical rights awaiting the RAO-like society's answer (issue 14)", async () => {
    const requests = await admin.get(`/v1/societies/${world.societyIds.rao}/mandates?status=requested`);
    expect(requests.body.items).toEqual([expect.objectContaining({ rightsHolderId: world.holderIds[1], category: 'mechanical', status: 'requested' })]);
    expect(await who(world.holderIds[1], 'mechanical', 'musical', 'FR', '2026-06-01')).toEqual([]);
  });

  it('shows the second holder under non-contractual management, counted in the society report', async () => {
    const second = world.holderIds[1];
    expect(await who(second, 'performing', 'musical', 'RU', '2025-01-01')).toEqual([expect.objectContaining({ societyId: world.societyIds.rao, basis: 'non-contractual', exclusive: false })]);
    const report = await admin.get(`/v1/societies/${world.societyIds.rao}/non-contractual?at=2025-01-01`);
    expect(report.body.rightsHolders).toEqual({ nonContractual: 7, total: 11 });
  });

  it('has one termination pending until the financial-year end, and loads only once', async () => {
    const third = world.holderIds[2];
    const [mandate] = (await admin.get(`/v1/rights-holders/${third}/mandates`)).body.items;
    expect(mandate).toMatchObject({ societyId: world.societyIds.vois, change: 'terminated', validTo: expect.stringMatching(/^\d{4}-12-31$/) });
    expect(mandate.validTo > new Date().toISOString().slice(0, 10)).toBe(true);
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM mandate_versions`))[0].n;
    await t.app.get(DemoService).load();
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM mandate_versions`))[0].n).toBe(before);
  });
});
