import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenRightsHolder, givenSociety, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { givenMandate, put } from './factories.js';

/** Back-dated notices are recorded by an admin as received then, with evidence: a holder's own notice counts from today. */
const EVIDENCE = 'Registered letter, received on the day given';

describe('mandates: termination, withdrawal, opt-out, notice policy, history', () => {
  let t: TestApp;
  let admin: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
  });
  afterAll(async () => t?.close());

  /** A fresh holder with its own token, so each test has a clean slate. */
  async function holderWithToken() {
    const holder = await givenRightsHolder(admin);
    return { holder, http: admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: holder.id })) };
  }

  const countVersions = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM mandate_versions`))[0].n as number;

  it('ends a whole mandate at the financial-year end after six months by default (Art. 5(4)), keeping uses before it paid for', async () => {
    const society = await givenSociety(admin, { fyEndMonth: 6, fyEndDay: 30 });
    const { holder, http } = await holderWithToken();
    const m = await givenMandate(admin, holder.id, society.id, { validFrom: '2020-01-01' });
    const policy = await admin.get(`/v1/societies/${society.id}/mandate-policy`);
    expect(policy.body).toMatchObject({ noticeMonths: 6, terminateAtFinancialYearEnd: true, fyEndMonth: 6, fyEndDay: 30, version: null });
    const res = await admin.post(`/v1/mandates/${m.id}/termination`, { requestedOn: '2025-03-10', evidence: EVIDENCE });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      mandateId: m.id,
      kind: 'whole',
      change: 'terminated',
      requestedOn: '2025-03-10',
      noticeMonths: 6,
      noticeExpiresOn: '2025-09-10',
      effectiveOn: '2026-06-30',
      alignedToFinancialYearEnd: true,
      financialYearEnd: { month: 6, day: 30 },
      paymentsStayDueForUsesThrough: '2026-06-30',
      mandate: { id: m.id, validFrom: '2020-01-01', validTo: '2026-06-30', version: 2, change: 'terminated' },
      remainder: null,
    });
    // The mandate still applies up to and including the effective date.
    const q = `/v1/who-manages?rightsHolderId=${holder.id}&category=performing&workType=musical&territory=FR`;
    expect((await http.get(`${q}&at=2026-06-30`)).body.societies).toEqual([
      { societyId: society.id, mandateId: m.id, basis: 'contractual', exclusive: true, validFrom: '2020-01-01', validTo: '2026-06-30' },
    ]);
    expect((await http.get(`${q}&at=2026-07-01`)).body.societies).toEqual([]);
    // Ending it again later changes nothing: 409.
    expect((await admin.post(`/v1/mandates/${m.id}/termination`, { requestedOn: '2025-04-01', evidence: EVIDENCE })).status).toBe(409);
  });

  it("follows the society's own policy: notice in months, with or without its financial-year end (29 February: 28 in common years)", async () => {
    const society = await givenSociety(admin, { fyEndMonth: 2, fyEndDay: 29 });
    const own = admin.as(await tokenFor(admin, 'society', { societyId: society.id }));
    const set = await put(own, `/v1/societies/${society.id}/mandate-policy`, { noticeMonths: 3, terminateAtFinancialYearEnd: false });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ societyId: society.id, noticeMonths: 3, terminateAtFinancialYearEnd: false, version: 1, recordedBy: expect.stringContaining('society') });
    const { holder } = await holderWithToken();
    const a = await givenMandate(admin, holder.id, society.id, { territories: ['FR'] });
    expect((await admin.post(`/v1/mandates/${a.id}/termination`, { requestedOn: '2025-11-30', evidence: EVIDENCE })).body).toMatchObject({ effectiveOn: '2026-02-28', alignedToFinancialYearEnd: false });
    expect((await put(admin, `/v1/societies/${society.id}/mandate-policy`, { noticeMonths: 1, terminateAtFinancialYearEnd: true })).body.version).toBe(2);
    const b = await givenMandate(admin, holder.id, society.id, { territories: ['DE'] });
    expect((await admin.post(`/v1/mandates/${b.id}/termination`, { requestedOn: '2025-01-15', evidence: EVIDENCE })).body).toMatchObject({ noticeExpiresOn: '2025-02-15', effectiveOn: '2025-02-28', alignedToFinancialYearEnd: true });
    const c = await givenMandate(admin, holder.id, society.id, { territories: ['SE'] });
    expect((await admin.post(`/v1/mandates/${c.id}/termination`, { requestedOn: '2023-06-01', evidence: EVIDENCE })).body).toMatchObject({ effectiveOn: '2024-02-29' });
  });

  it('refuses a notice policy the Directive does not allow, and another society setting it', async () => {
    const url = `/v1/societies/${cast.societyA.id}/mandate-policy`;
    const before = (await admin.get(url)).body;
    const over = await put(admin, url, { noticeMonths: 7, terminateAtFinancialYearEnd: true });
    expect(over.status).toBe(400);
    expect(over.body.errors).toEqual([{ field: 'noticeMonths', message: expect.stringContaining('must not exceed 6') }]);
    const bad = await put(admin, url, { noticeMonths: -1, terminateAtFinancialYearEnd: 'yes' });
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['noticeMonths', 'terminateAtFinancialYearEnd']);
    expect((await put(admin.as(cast.tokens.societyB), url, { noticeMonths: 0, terminateAtFinancialYearEnd: false })).status).toBe(404);
    expect((await admin.as(cast.tokens.societyB).get(url)).status).toBe(404);
    expect((await put(admin.as(cast.tokens.regulator), url, { noticeMonths: 0, terminateAtFinancialYearEnd: false })).status).toBe(403);
    expect((await put(admin.as(cast.tokens.holderA), url, { noticeMonths: 0, terminateAtFinancialYearEnd: false })).status).toBe(403);
    expect((await put(admin, `/v1/societies/00000000-0000-4000-8000-000000000000/mandate-policy`, { noticeMonths: 1, terminateAtFinancialYearEnd: false })).status).toBe(404);
    expect((await admin.get(url)).body).toEqual(before);
  });

  it('splits the mandate on a partial withdrawal of territories: the rest continues as a new mandate', async () => {
    const society = await givenSociety(admin, { fyEndMonth: 12, fyEndDay: 31 });
    await put(admin, `/v1/societies/${society.id}/mandate-policy`, { noticeMonths: 2, terminateAtFinancialYearEnd: false });
    const { holder, http } = await holderWithToken();
    const m = await givenMandate(admin, holder.id, society.id, { territories: ['WORLD'], excludedTerritories: ['RU'], validFrom: '2021-01-01' });
    const res = await admin.post(`/v1/mandates/${m.id}/termination`, { requestedOn: '2025-03-31', evidence: EVIDENCE, territories: ['SE', 'NO', 'RU'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'partial',
      change: 'withdrawn',
      effectiveOn: '2025-05-31',
      withdrawn: { category: 'performing', workType: 'musical', territories: ['NO', 'SE'], excludedTerritories: [] },
      mandate: { id: m.id, territories: ['WORLD'], excludedTerritories: ['RU'], validTo: '2025-05-31', change: 'withdrawn' },
      remainder: { splitFrom: m.id, territories: ['WORLD'], excludedTerritories: ['NO', 'RU', 'SE'], validFrom: '2025-06-01', validTo: null, change: 'split-off', exclusive: true, basis: 'contractual' },
    });
    const remainder = res.body.remainder.id;
    const who = (territory: string, at: string) =>
      http.get(`/v1/who-manages?rightsHolderId=${holder.id}&category=performing&workType=musical&territory=${territory}&at=${at}`).then((r) => r.body.societies.map((s: { mandateId: string }) => s.mandateId));
    expect(await who('SE', '2025-05-31')).toEqual([m.id]);
    expect(await who('SE', '2025-06-01')).toEqual([]);
    expect(await who('FR', '2025-06-01')).toEqual([remainder]);
    expect(await who('RU', '2025-06-01')).toEqual([]);
    // A category or work type the mandate does not cover is nothing to withdraw: 422 naming the field.
    const other = await admin.post(`/v1/mandates/${remainder}/termination`, { requestedOn: '2025-07-01', evidence: EVIDENCE, categories: ['mechanical'] });
    expect(other.status).toBe(422);
    expect(other.body.errors[0].field).toBe('categories');
    expect((await admin.post(`/v1/mandates/${remainder}/termination`, { requestedOn: '2025-07-01', evidence: EVIDENCE, territories: ['RU'] })).status).toBe(422);
    // Naming the mandate's own category and work type ends it whole.
    expect((await admin.post(`/v1/mandates/${remainder}/termination`, { requestedOn: '2025-07-01', evidence: EVIDENCE, categories: ['performing'], workTypes: ['musical'] })).body.kind).toBe('whole');
  });

  it('answers "who manages" and "what did the ledger say then" from the history, which keeps every version', async () => {
    const society = await givenSociety(admin);
    await put(admin, `/v1/societies/${society.id}/mandate-policy`, { noticeMonths: 0, terminateAtFinancialYearEnd: false });
    const { holder, http } = await holderWithToken();
    const m = await givenMandate(admin, holder.id, society.id, { validFrom: '2020-01-01' });
    const knownBefore = m.recordedAt as string;
    await new Promise((r) => setTimeout(r, 5));
    await admin.post(`/v1/mandates/${m.id}/termination`, { requestedOn: '2024-06-30', evidence: EVIDENCE });
    const q = `/v1/who-manages?rightsHolderId=${holder.id}&category=performing&workType=musical&territory=FR&at=2025-01-01`;
    expect((await http.get(q)).body.societies).toEqual([]);
    const then = await http.get(`${q}&asKnownAt=${knownBefore}`);
    expect(then.body).toMatchObject({ asKnownAt: knownBefore, societies: [{ mandateId: m.id, societyId: society.id }] });
    // Before the mandate was recorded, the ledger knew of none.
    const earlier = new Date(Date.parse(knownBefore) - 1).toISOString();
    expect((await http.get(`${q}&asKnownAt=${earlier}`)).body.societies).toEqual([]);
    expect((await http.get(`/v1/rights-holders/${holder.id}/mandates?asKnownAt=${earlier}`)).body.items).toEqual([]);
    expect((await http.get(`/v1/mandates/${m.id}?asKnownAt=${knownBefore}`)).body).toMatchObject({ version: 1, validTo: null });
    expect((await http.get(`/v1/mandates/${m.id}?asKnownAt=${earlier}`)).status).toBe(404);
    // A date as asKnownAt means the end of that day.
    expect((await http.get(`/v1/rights-holders/${holder.id}/mandates?asKnownAt=2000-01-01`)).body.items).toEqual([]);
    const versions = await http.get(`/v1/mandates/${m.id}/versions`);
    expect(versions.body.items.map((v: { version: number; change: string; validTo: string | null }) => [v.version, v.change, v.validTo])).toEqual([
      [1, 'created', null],
      [2, 'terminated', '2024-06-30'],
    ]);
    const page1 = await http.get(`/v1/mandates/${m.id}/versions?limit=1`);
    const page2 = await http.get(`/v1/mandates/${m.id}/versions?limit=1&cursor=${page1.body.nextCursor}`);
    expect([page1.body.items[0].version, page2.body.items[0].version, page2.body.nextCursor]).toEqual([1, 2, null]);
    expect(versions.body.items[1].changeDetail).toMatchObject({ requestedOn: '2024-06-30', noticeMonths: 0, effectiveOn: '2024-06-30', previousValidTo: null });
  });

  it('lets a holder opt out of non-contractual management, which ends it like a termination', async () => {
    const society = await givenSociety(admin, { fyEndMonth: 12, fyEndDay: 31 });
    const { holder } = await holderWithToken();
    const nc = await givenMandate(admin, holder.id, society.id, { basis: 'non-contractual', exclusive: false, category: 'private-copying', workType: 'audiovisual' });
    expect(nc.consent).toBeNull();
    const wrong = await admin.post(`/v1/mandates/${nc.id}/termination`, { requestedOn: '2025-05-01', evidence: EVIDENCE });
    expect(wrong.status).toBe(422);
    expect(wrong.body.detail).toContain('opt-out');
    const res = await admin.post(`/v1/mandates/${nc.id}/opt-out`, { requestedOn: '2025-05-01', evidence: EVIDENCE });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ change: 'opted-out', kind: 'whole', effectiveOn: '2025-12-31', mandate: { validTo: '2025-12-31', change: 'opted-out' } });
    const contractual = await givenMandate(admin, holder.id, society.id, {});
    expect((await admin.post(`/v1/mandates/${contractual.id}/opt-out`, { requestedOn: '2025-05-01', evidence: EVIDENCE })).status).toBe(422);
  });

  it('refuses bad or foreign termination requests with a clear 4xx, recording nothing', async () => {
    const { holder, http } = await holderWithToken();
    const m = await givenMandate(admin, holder.id, cast.societyA.id, { category: 'communication' });
    const before = await countVersions();
    const url = `/v1/mandates/${m.id}/termination`;
    const future = await http.post(url, { requestedOn: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0]).toEqual({ field: 'requestedOn', message: expect.stringContaining('must not be after today') });
    const cases: [Record<string, unknown>, string][] = [
      [{ requestedOn: '2025-02-30' }, 'requestedOn'],
      [{ categories: ['singing'] }, 'categories'],
      [{ categories: [] }, 'categories'],
      [{ workTypes: ['poem'] }, 'workTypes'],
      [{ territories: ['FR', 'FR'] }, 'territories[1]'],
      [{ territories: ['WORLD', 'FR'] }, 'territories'],
      [{ territories: ['FR'], excludedTerritories: ['DE'] }, 'excludedTerritories'],
      [{ reason: 'bored' }, 'reason'],
    ];
    for (const [body, field] of cases) {
      const res = await http.post(url, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // Someone else's mandate, or none: 404; a society or regulator may not end it: 403.
    expect((await admin.as(cast.tokens.holderB).post(url, {})).status).toBe(404);
    expect((await admin.as(cast.tokens.holderB).post(`/v1/mandates/${m.id}/opt-out`, {})).status).toBe(404);
    // A society records notices for its own mandates only (another society's: invisible).
    expect((await admin.as(cast.tokens.societyB).post(url, {})).status).toBe(404);
    expect((await admin.as(cast.tokens.regulator).post(url, {})).status).toBe(403);
    expect((await http.post('/v1/mandates/00000000-0000-4000-8000-000000000000/termination', {})).status).toBe(404);
    expect((await http.post('/v1/mandates/nope/termination', {})).status).toBe(400);
    expect(await countVersions()).toBe(before);
  });

  it('scopes who-manages: a holder asks about itself, a society sees only its own mandates, bad queries are named', async () => {
    const { holder, http } = await holderWithToken();
    await givenMandate(admin, holder.id, cast.societyA.id, { territories: ['FR'], validFrom: '2020-01-01' });
    await givenMandate(admin, holder.id, cast.societyB.id, { territories: ['FR'], basis: 'non-contractual', exclusive: false, validFrom: '2020-01-01' });
    const q = `/v1/who-manages?rightsHolderId=${holder.id}&category=performing&workType=musical&territory=FR&at=2024-01-01`;
    const all = await admin.as(cast.tokens.regulator).get(q);
    expect(all.body.societies.map((s: { societyId: string; basis: string }) => [s.societyId, s.basis]).sort()).toEqual(
      [
        [cast.societyA.id, 'contractual'],
        [cast.societyB.id, 'non-contractual'],
      ].sort(),
    );
    expect((await http.get(q)).body.societies).toHaveLength(2);
    const socB = await admin.as(cast.tokens.societyB).get(q);
    expect(socB.status).toBe(200);
    expect(socB.body.societies.map((s: { societyId: string }) => s.societyId)).toEqual([cast.societyB.id]);
    expect((await admin.as(cast.tokens.holderB).get(q)).status).toBe(404);
    // A society asking about a holder it holds no mandate of: 404.
    const stranger = await givenSociety(admin);
    expect((await admin.as(await tokenFor(admin, 'society', { societyId: stranger.id })).get(q)).status).toBe(404);
    const bad = await http.get(`/v1/who-manages?rightsHolderId=${holder.id}&category=singing&workType=musical&territory=WORLD&at=2024-02-30`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['at', 'category', 'territory']);
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'territory').message).toContain('WORLD is not one');
    expect((await http.get('/v1/who-manages?category=performing')).status).toBe(400);
  });
});
