import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenRightsHolder, givenSociety, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { givenMandate, mandateBody } from './factories.js';

describe('mandates: create, read, conflicts, bad input, tenancy', () => {
  let t: TestApp;
  let admin: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let holderA: Http;
  let holderB: Http;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    holderA = admin.as(cast.tokens.holderA);
    holderB = admin.as(cast.tokens.holderB);
  });
  afterAll(async () => t?.close());

  const countVersions = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM mandate_versions`))[0].n as number;

  it('lets a rights holder entrust a society and records consent for the category', async () => {
    const res = await holderA.post(`/v1/rights-holders/${cast.holderA.id}/mandates`, {
      ...mandateBody(cast.societyA.id, { category: 'mechanical', territories: ['WORLD'], excludedTerritories: ['RU'], validTo: '2030-12-31' }),
      consentEvidence: 'Signed form 2024/7',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      societyId: cast.societyA.id,
      rightsHolderId: cast.holderA.id,
      category: 'mechanical',
      workType: 'musical',
      territories: ['WORLD'],
      excludedTerritories: ['RU'],
      validFrom: '2024-01-01',
      validTo: '2030-12-31',
      basis: 'contractual',
      exclusive: true,
      version: 1,
      change: 'created',
      status: 'requested',
      splitFrom: null,
      consent: { category: 'mechanical', recordedBy: expect.stringContaining('rights-holder'), evidence: 'Signed form 2024/7' },
    });
    expect(res.body.consent.recordedAt).toBe(res.body.recordedAt);
    const read = await holderA.get(`/v1/mandates/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('lets a holder split one right across two societies by territory, and refuses an exclusive overlap with 409 naming the mandates and the overlap', async () => {
    const holder = await givenRightsHolder(admin);
    const rao = await givenMandate(admin, holder.id, cast.societyA.id, { territories: ['RU'] });
    const stim = await givenMandate(admin, holder.id, cast.societyB.id, { territories: ['WORLD'], excludedTerritories: ['RU'], validTo: '2025-12-31' });
    expect(stim.id).not.toBe(rao.id);
    const society3 = await givenSociety(admin);
    const clash = await admin.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(society3.id, { territories: ['RU', 'SE', 'JP'], validFrom: '2025-06-01' }));
    expect(clash.status).toBe(409);
    expect(clash.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(clash.body.detail).toContain(rao.id);
    expect(clash.body.detail).toContain(stim.id);
    const byId = Object.fromEntries(clash.body.conflicts.map((c: { mandateId: string }) => [c.mandateId, c]));
    expect(byId[rao.id]).toMatchObject({ societyId: cast.societyA.id, overlap: { category: 'performing', workType: 'musical', territories: ['RU'], validFrom: '2025-06-01', validTo: null } });
    expect(byId[stim.id]).toMatchObject({ societyId: cast.societyB.id, overlap: { territories: ['JP', 'SE'], validFrom: '2025-06-01', validTo: '2025-12-31' } });
    // Where it does not overlap, or is not exclusive, it is fine.
    expect((await admin.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(society3.id, { territories: ['SE'], validFrom: '2026-01-01' }))).status).toBe(201);
    expect((await admin.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(society3.id, { territories: ['RU'], exclusive: false }))).status).toBe(201);
    expect((await admin.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(society3.id, { territories: ['RU'], basis: 'non-contractual', exclusive: false }))).status).toBe(201);
  });

  it('names the problem of every bad input with a 400 and stores nothing', async () => {
    const before = await countVersions();
    const url = `/v1/rights-holders/${cast.holderA.id}/mandates`;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ territories: ['FR', 'DE', 'FR'] }, 'territories[2]', /FR is listed twice/],
      [{ territories: ['WORLD', 'FR'] }, 'territories', /WORLD already covers every country/],
      [{ territories: [] }, 'territories', /.+/],
      [{ territories: ['fr'] }, 'territories[0]', /upper case/],
      [{ territories: ['XK'] }, 'territories[0]', /not an officially assigned/],
      [{ territories: ['FR'], excludedTerritories: ['DE'] }, 'excludedTerritories', /only applies to \["WORLD"\]/],
      [{ validFrom: '2025-01-01', validTo: '2024-12-31' }, 'validTo', /must not be before validFrom/],
      [{ validFrom: '2025-02-29' }, 'validFrom', /not a calendar date/],
      [{ category: 'singing' }, 'category', /must be one of: performing, mechanical/],
      [{ workType: 'poem' }, 'workType', /must be one of/],
      [{ basis: 'implied' }, 'basis', /must be one of: contractual, non-contractual/],
      [{ basis: 'non-contractual', exclusive: true }, 'exclusive', /cannot be exclusive/],
      [{ exclusive: 'yes' }, 'exclusive', /true or false/],
      [{ societyId: 'not-a-uuid' }, 'societyId', /UUID/],
      [{ societyId: '00000000-0000-4000-8000-000000000000' }, 'societyId', /no society with id/],
      [{ colour: 'blue' }, 'colour', /should not exist/],
    ];
    for (const [override, field, message] of cases) {
      const res = await holderA.post(url, mandateBody(cast.societyA.id, { territories: ['SE'], ...override }));
      expect({ override, status: res.status }).toEqual({ override, status: 400 });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const problem = res.body.errors.find((e: { field: string }) => e.field === field);
      expect({ override, problem }).toEqual({ override, problem: { field, message: expect.stringMatching(message) } });
    }
    const badPath = await admin.post('/v1/rights-holders/123/mandates', mandateBody(cast.societyA.id));
    expect(badPath.status).toBe(400);
    expect(badPath.body.errors[0].field).toBe('id');
    expect(await countVersions()).toBe(before);
  });

  it('keeps each holder to its own mandates: another holder, a society or an unknown id gets 404 or 403', async () => {
    const m = await givenMandate(holderA, cast.holderA.id, cast.societyA.id, { category: 'reprography', territories: ['DE'] }, admin.as(cast.tokens.societyA));
    const before = await countVersions();
    // Another rights holder can neither create for A, read A's list, nor read the mandate.
    expect((await holderB.post(`/v1/rights-holders/${cast.holderA.id}/mandates`, mandateBody(cast.societyB.id, { category: 'other' }))).status).toBe(404);
    expect((await holderB.get(`/v1/rights-holders/${cast.holderA.id}/mandates`)).status).toBe(404);
    expect((await holderB.get(`/v1/mandates/${m.id}`)).status).toBe(404);
    expect((await holderB.get(`/v1/mandates/${m.id}/versions`)).status).toBe(404);
    // A society records mandates at itself only (issue 14: active at once), never at another; one that does not hold the mandate cannot see it.
    expect((await admin.as(cast.tokens.societyA).post(`/v1/rights-holders/${cast.holderA.id}/mandates`, mandateBody(cast.societyB.id, { category: 'other' }))).status).toBe(403);
    expect((await admin.as(cast.tokens.societyB).get(`/v1/mandates/${m.id}`)).status).toBe(404);
    expect((await admin.as(cast.tokens.societyA).get(`/v1/mandates/${m.id}`)).status).toBe(200);
    // An admin creating for an unknown holder: 404.
    expect((await admin.post(`/v1/rights-holders/00000000-0000-4000-8000-000000000000/mandates`, mandateBody(cast.societyA.id))).status).toBe(404);
    expect(await countVersions()).toBe(before);
    // The regulator reads everything.
    const regulator = admin.as(cast.tokens.regulator);
    expect((await regulator.get(`/v1/mandates/${m.id}`)).status).toBe(200);
    expect((await regulator.get(`/v1/rights-holders/${cast.holderA.id}/mandates`)).body.items.map((x: { id: string }) => x.id)).toContain(m.id);
    expect((await regulator.post(`/v1/rights-holders/${cast.holderA.id}/mandates`, mandateBody(cast.societyA.id))).status).toBe(403);
  });

  it('lists a holder\'s mandates across societies and a society\'s own, with cursor pages, each scoped', async () => {
    const holder = await givenRightsHolder(admin);
    const token = await tokenFor(admin, 'rights-holder', { rightsHolderId: holder.id });
    const me = admin.as(token);
    const ids: string[] = [];
    for (const [i, society] of [cast.societyA, cast.societyB, cast.societyA].entries()) {
      ids.push((await givenMandate(me, holder.id, society.id, { territories: [['FR', 'DE', 'SE'][i]], validFrom: `202${i}-01-01` }, admin)).id);
    }
    const first = await me.get(`/v1/rights-holders/${holder.id}/mandates?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const second = await me.get(`/v1/rights-holders/${holder.id}/mandates?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((m: { id: string }) => m.id).sort()).toEqual([...ids].sort());
    // Valid on a day: the one from 2022 is not yet valid in 2021.
    const at2021 = await me.get(`/v1/rights-holders/${holder.id}/mandates?at=2021-06-01`);
    expect(at2021.body.items.map((m: { id: string }) => m.id).sort()).toEqual([ids[0], ids[1]].sort());
    // A society lists the mandates it holds, and only those.
    const socA = await admin.as(cast.tokens.societyA).get(`/v1/societies/${cast.societyA.id}/mandates?limit=500`);
    expect(socA.status).toBe(200);
    expect(socA.body.items.every((m: { societyId: string }) => m.societyId === cast.societyA.id)).toBe(true);
    expect(socA.body.items.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([ids[0], ids[2]]));
    expect(socA.body.items.map((m: { id: string }) => m.id)).not.toContain(ids[1]);
    expect((await admin.as(cast.tokens.societyB).get(`/v1/societies/${cast.societyA.id}/mandates`)).status).toBe(404);
    expect((await me.get(`/v1/societies/${cast.societyA.id}/mandates`)).status).toBe(403);
    // A forged cursor is refused, for lists and for version histories.
    const forged = Buffer.from(JSON.stringify({ k: 'x' })).toString('base64url');
    expect((await me.get(`/v1/rights-holders/${holder.id}/mandates?cursor=${forged}`)).status).toBe(400);
    expect((await me.get(`/v1/mandates/${ids[0]}/versions?cursor=${forged}`)).status).toBe(400);
    // Two versions: the holder's request and the society's acceptance.
    expect((await me.get(`/v1/mandates/${ids[0]}/versions?limit=2`)).body.nextCursor).toBeNull();
    // Bad query input is named.
    const bad = await me.get(`/v1/rights-holders/${holder.id}/mandates?at=2021-13-01&asKnownAt=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['asKnownAt', 'at']);
  });

  it('lets a society read the rights holders that hold a mandate with it, and no others', async () => {
    const withMandate = await givenRightsHolder(admin);
    const without = await givenRightsHolder(admin);
    const society = await givenSociety(admin);
    const token = await tokenFor(admin, 'society', { societyId: society.id });
    const soc = admin.as(token);
    expect((await soc.get(`/v1/rights-holders/${withMandate.id}`)).status).toBe(404);
    await givenMandate(admin, withMandate.id, society.id, { basis: 'non-contractual', exclusive: false, category: 'private-copying' });
    const one = await soc.get(`/v1/rights-holders/${withMandate.id}`);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(withMandate.id);
    expect((await soc.get(`/v1/rights-holders/${without.id}`)).status).toBe(404);
    const list = await soc.get('/v1/rights-holders?limit=500');
    expect(list.body.items.map((h: { id: string }) => h.id)).toEqual([withMandate.id]);
    // A rights holder still sees only itself.
    expect((await holderA.get('/v1/rights-holders')).body.items.map((h: { id: string }) => h.id)).toEqual([cast.holderA.id]);
  });

  it('names bad path ids and query values on every read endpoint with a 400', async () => {
    const m = await givenMandate(holderA, cast.holderA.id, cast.societyA.id, { category: 'making-available', territories: ['IT'] }, admin);
    const checks: [string, string][] = [
      ['/v1/mandates/nope', 'id'],
      ['/v1/mandates/nope/versions', 'id'],
      [`/v1/mandates/${m.id}?asKnownAt=2025-01-01T25:00:00Z`, 'asKnownAt'],
      [`/v1/mandates/${m.id}/versions?limit=0`, 'limit'],
      ['/v1/rights-holders/nope/mandates', 'id'],
      [`/v1/societies/${cast.societyA.id}/mandates?at=soon`, 'at'],
      ['/v1/societies/nope/mandates', 'id'],
      ['/v1/societies/nope/mandate-policy', 'id'],
      ['/v1/societies/nope/non-contractual', 'id'],
      [`/v1/who-manages?rightsHolderId=nope&category=performing&workType=musical&territory=FR`, 'rightsHolderId'],
    ];
    for (const [url, field] of checks) {
      const res = await admin.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect({ url, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({ url, fields: expect.arrayContaining([field]) });
    }
    const optOut = await holderA.post(`/v1/mandates/${m.id}/opt-out`, { territories: ['WORLD', 'IT'] });
    expect(optOut.status).toBe(400);
    expect(optOut.body.errors[0].field).toBe('territories');
  });
});
