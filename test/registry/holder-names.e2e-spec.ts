import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeIpi } from '../../libs/identifiers/src/index.js';
import { csv, distribution } from '../ledger/support.js';
import { givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 13: any society registered global rights holders under any name (formulas,
 * right-to-left overrides) and the first writer of an IPI won. Names are now checked
 * at POST /v1/rights-holders and in distribution lines; a society's registration is
 * provisional (nameSource "society", who registered it recorded), never renamed by
 * another society's line, confirmed or replaced by an admin, corrected by the holder.
 */
describe('rights holders: names are checked, a society registers provisionally, admin and holder correct', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let admin: Http;
  let societyA: Http;
  let societyB: Http;
  let regulator: Http;
  let n = 0;
  const freshIpi = () => makeIpi(String(700_000_000 + ((process.pid * 97 + ++n) % 200_000_000)).padStart(9, '0'));
  const holderByIpi = async (ipi: string) => (await t.dataSource.query(`SELECT id, name, name_source, registered_by_society_id FROM rights_holders WHERE ipi = $1`, [ipi]))[0] as
    | { id: string; name: string; name_source: string; registered_by_society_id: string | null }
    | undefined;
  const holders = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM rights_holders`))[0].n as number;
  const lines = (society: Http, societyId: string, period: string, rows: Record<string, string>[]) => submitAndWait(society, societyId, 'distribution-lines', period, csv(rows));

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    societyA = admin.as(cast.tokens.societyA);
    societyB = admin.as(cast.tokens.societyB);
    regulator = admin.as(cast.tokens.regulator);
  });
  afterAll(async () => t?.close());

  it('refuses a name with a formula start, a bidi override, a zero-width or a control character at POST /v1/rights-holders (400, nothing written)', async () => {
    const before = await holders();
    for (const name of ['=HYPERLINK("http://x","y")', '-1+cmd|calc', '@SUM(A1)', 'Anna\u202Egnp.exe', '\u2067Anna', 'An\u200Bna', 'Anna\u0007', '\uFEFFAnna']) {
      const res = await admin.post('/v1/rights-holders', { name, ipi: freshIpi(), kind: 'author', country: 'FR' });
      expect({ name, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ name, status: 400, fields: ['name'] });
    }
    expect(await holders()).toBe(before);
  });

  it('rejects a distribution line whose holder name is hostile, naming line and column, and registers nobody', async () => {
    const ipi = freshIpi();
    const { final } = await lines(societyA, cast.societyA.id, '2025Q1', [
      distribution({ line_id: 'L-1', rights_holder_ipi: ipi, rights_holder_name: '=cmd|\' /C calc\'!A0' }),
      distribution({ line_id: 'L-2', rights_holder_ipi: ipi, rights_holder_name: 'Mallory\u202Eyrollam' }),
    ]);
    expect(final.status).toBe('rejected');
    expect(final.errors).toEqual([
      { line: 2, column: 'rights_holder_name', message: expect.stringMatching(/^must not start with "=" /) },
      { line: 3, column: 'rights_holder_name', message: expect.stringMatching(/^contains U\+202E, a control, bidirectional or invisible character/) },
    ]);
    expect(await holderByIpi(ipi)).toBeUndefined();
  });

  it("registers a new IPI from a society's line provisionally, and another society's line never renames it", async () => {
    const ipi = freshIpi();
    expect((await lines(societyA, cast.societyA.id, '2025Q2', [distribution({ line_id: 'L-1', rights_holder_ipi: ipi, rights_holder_name: 'Mallory (as society A has it)', use_from: '2025-04-01', use_to: '2025-06-30', paid_on: '2025-06-30' })])).final.status).toBe('committed');
    const registered = await holderByIpi(ipi);
    expect(registered).toMatchObject({ name: 'Mallory (as society A has it)', name_source: 'society', registered_by_society_id: cast.societyA.id });
    expect((await lines(societyB, cast.societyB.id, '2025Q2', [distribution({ line_id: 'L-1', rights_holder_ipi: ipi, rights_holder_name: 'Alice', use_from: '2025-04-01', use_to: '2025-06-30', paid_on: '2025-06-30' })])).final.status).toBe('committed');
    expect(await holderByIpi(ipi)).toMatchObject({ id: registered!.id, name: 'Mallory (as society A has it)', name_source: 'society' });
    const seen = (await regulator.get(`/v1/rights-holders/${registered!.id}`)).body;
    expect(seen).toMatchObject({ name: 'Mallory (as society A has it)', nameSource: 'society', registeredBySocietyId: cast.societyA.id });

    // An admin's registration of the same IPI confirms it: same id, the admin's name; a second one is a conflict.
    const confirmed = await admin.post('/v1/rights-holders', { name: 'Alice Martin', ipi, kind: 'composer', country: 'FR' });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ id: registered!.id, name: 'Alice Martin', nameSource: 'admin', kind: 'composer', country: 'FR' });
    expect((await admin.post('/v1/rights-holders', { name: 'Someone Else', ipi, kind: 'composer', country: 'FR' })).status).toBe(409);
  });

  it('lets the holder correct its own name and an admin any name; nobody else (PATCH /v1/rights-holders/{id})', async () => {
    const holderA = admin.as(cast.tokens.holderA);
    const own = await holderA.request('PATCH', `/v1/rights-holders/${cast.holderA.id}`, { name: 'Anna Holder' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: cast.holderA.id, name: 'Anna Holder', nameSource: 'holder' });
    expect((await holderA.request('PATCH', `/v1/rights-holders/${cast.holderB.id}`, { name: 'Not Mine' })).status).toBe(404);
    expect((await societyA.request('PATCH', `/v1/rights-holders/${cast.holderA.id}`, { name: 'Society Says' })).status).toBe(403);
    const bad = await holderA.request('PATCH', `/v1/rights-holders/${cast.holderA.id}`, { name: 'Anna\u202E' });
    expect(bad.status).toBe(400);
    expect((await holderByIpi(cast.holderA.ipi))!.name).toBe('Anna Holder');
    const byAdmin = await admin.request('PATCH', `/v1/rights-holders/${cast.holderB.id}`, { name: 'Boris Holder' });
    expect(byAdmin.body).toMatchObject({ name: 'Boris Holder', nameSource: 'admin' });
    const other = await tokenFor(admin, 'rights-holder', { rightsHolderId: cast.holderB.id });
    expect((await admin.as(other).get(`/v1/rights-holders/${cast.holderB.id}`)).body).toMatchObject({ name: 'Boris Holder', registeredBySocietyId: null });
  });
});
