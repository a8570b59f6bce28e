import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenRightsHolder, givenSociety, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

describe('registry', () => {
  let t: TestApp;
  let admin: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
  });
  afterAll(async () => t?.close());

  it('registers a society and reads it back', async () => {
    const s = await givenSociety(admin, { name: 'Société des auteurs', country: 'FR', currency: 'EUR', fyEndMonth: 6, fyEndDay: 30 });
    const res = await admin.get(`/v1/societies/${s.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: s.id, name: 'Société des auteurs', fyEndMonth: 6, fyEndDay: 30, currency: 'EUR' });
  });

  it('refuses a second society with the same CISAC code with 409', async () => {
    const s = await givenSociety(admin);
    const res = await admin.post('/v1/societies', { name: 'Dup', cisacCode: s.cisacCode, country: 'DE', currency: 'EUR', fyEndMonth: 12, fyEndDay: 31 });
    expect(res.status).toBe(409);
    expect(res.body.existingId).toBe(s.id);
  });

  it('names every bad field of a society, refuses unknown fields and stores nothing', async () => {
    const before = (await admin.get('/v1/societies?limit=500')).body.items.length;
    const res = await admin.post('/v1/societies', { name: '', cisacCode: '12', country: 'XX', currency: 'EURO', fyEndMonth: 13, fyEndDay: 0, extra: true });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['cisacCode', 'country', 'currency', 'extra', 'fyEndDay', 'fyEndMonth', 'name']));
    const feb = await admin.post('/v1/societies', { name: 'Feb', cisacCode: '998', country: 'DE', currency: 'EUR', fyEndMonth: 2, fyEndDay: 30 });
    expect(feb.status).toBe(400);
    expect(feb.body.errors).toEqual([{ field: 'fyEndDay', message: 'month 2 has no day 30' }]);
    expect((await admin.get('/v1/societies?limit=500')).body.items.length).toBe(before);
  });

  it('validates IPI check digits, ISNI and kind for rights holders', async () => {
    const res = await admin.post('/v1/rights-holders', { name: 'X', ipi: '00052210041', kind: 'singer', country: 'FR', isni: '0000000121032684' });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['ipi', 'isni', 'kind']);
    const ok = await admin.post('/v1/rights-holders', { name: 'Valid', ipi: '00052210040', kind: 'author', country: 'FR', isni: '0000 0001 2103 2683' });
    expect(ok.status).toBe(201);
    expect(ok.body.isni).toBe('0000000121032683');
    const dup = await admin.post('/v1/rights-holders', { name: 'Again', ipi: '00052210040', kind: 'author', country: 'FR' });
    expect(dup.status).toBe(409);
  });

  it('keeps accreditation history and refuses an inverted period', async () => {
    const s = cast.societyA;
    expect((await admin.post(`/v1/societies/${s.id}/accreditations`, { authority: 'Ministry', scope: 'performing', validFrom: '2008-08-15', validTo: '2018-08-14' })).status).toBe(201);
    expect((await admin.post(`/v1/societies/${s.id}/accreditations`, { authority: 'Ministry', scope: 'performing; reappointment', validFrom: '2018-08-15', validTo: '2028-08-14' })).status).toBe(201);
    const bad = await admin.post(`/v1/societies/${s.id}/accreditations`, { authority: 'M', scope: 's', validFrom: '2020-01-01', validTo: '2019-12-31' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('validTo');
    const notDate = await admin.post(`/v1/societies/${s.id}/accreditations`, { authority: 'M', scope: 's', validFrom: '2020-02-30', validTo: '2029-12-31' });
    expect(notDate.status).toBe(400);
    expect(notDate.body.errors[0]).toEqual({ field: 'validFrom', message: '2020-02-30 is not a calendar date' });
    const list = await admin.as(cast.tokens.societyA).get(`/v1/societies/${s.id}/accreditations`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { validFrom: string }) => a.validFrom).sort()).toEqual(['2008-08-15', '2018-08-15']);
  });

  it('lets a society record its board and see seats held on a date', async () => {
    const http = admin.as(cast.tokens.societyA);
    const id = cast.societyA.id;
    expect((await http.post(`/v1/societies/${id}/board-members`, { memberId: 'B1', name: 'A', constituency: 'authors', seatFrom: '2020-01-01', seatTo: '2023-12-31' })).status).toBe(201);
    expect((await http.post(`/v1/societies/${id}/board-members`, { memberId: 'B2', name: 'P', constituency: 'publishers', seatFrom: '2024-01-01' })).status).toBe(201);
    const at = await http.get(`/v1/societies/${id}/board-members?at=2024-06-30`);
    expect(at.body.items.map((m: { memberId: string }) => m.memberId)).toEqual(['B2']);
    const bad = await http.post(`/v1/societies/${id}/board-members`, { memberId: 'B3', name: 'X', constituency: 'kings', seatFrom: '2024-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('constituency');
  });

  it('pages lists with an opaque cursor and refuses a forged one', async () => {
    for (let i = 0; i < 3; i++) await givenRightsHolder(admin);
    const first = await admin.get('/v1/rights-holders?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await admin.get(`/v1/rights-holders?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.items[0].id > first.body.items[1].id).toBe(true);
    expect((await admin.get('/v1/rights-holders?cursor=garbage')).status).toBe(400);
    expect((await admin.get('/v1/rights-holders?limit=0')).status).toBe(400);
  });

  it('scopes lists to the tenant: a society sees itself, a holder sees itself', async () => {
    const soc = await admin.as(cast.tokens.societyA).get('/v1/societies');
    expect(soc.body.items.map((s: { id: string }) => s.id)).toEqual([cast.societyA.id]);
    const holders = await admin.as(cast.tokens.holderA).get('/v1/rights-holders');
    expect(holders.body.items.map((h: { id: string }) => h.id)).toEqual([cast.holderA.id]);
    expect((await admin.as(cast.tokens.holderB).get(`/v1/rights-holders/${cast.holderA.id}`)).status).toBe(404);
    expect((await admin.as(cast.tokens.societyB).get(`/v1/societies/${cast.societyA.id}`)).status).toBe(404);
  });

  it('issues tokens bound to exactly one tenant', async () => {
    const missing = await admin.post('/v1/tokens', { role: 'society', label: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('societyId');
    const wrong = await admin.post('/v1/tokens', { role: 'regulator', label: 'x', societyId: cast.societyA.id });
    expect(wrong.status).toBe(400);
    const unknown = await admin.post('/v1/tokens', { role: 'society', label: 'x', societyId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    const token = await tokenFor(admin, 'regulator');
    expect(token).toMatch(/^clt_[A-Za-z0-9_-]{43}$/);
    const stored = await t.dataSource.query(`SELECT count(*)::int AS n FROM api_tokens WHERE position($1 in encode(token_hash, 'escape')) > 0`, [token]);
    expect(stored[0].n).toBe(0);
  });
});
