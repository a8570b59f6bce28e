import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenRightsHolder, givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { submitAndWait } from '../support/submissions.js';
import { mandateBody, put } from './factories.js';

/** Issue 14 item 3: two-sided mandates and notices that count from their receipt. */
describe('mandates: requests the society answers, managed categories, notices from receipt', () => {
  let t: TestApp;
  let admin: Http;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
  });
  afterAll(async () => t?.close());

  const today = () => new Date().toISOString().slice(0, 10);

  async function cast(societyOverrides: Record<string, unknown> = {}) {
    const society = await givenSociety(admin, societyOverrides);
    const holder = await givenRightsHolder(admin);
    return {
      society,
      holder,
      asHolder: admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: holder.id })),
      asSociety: admin.as(await tokenFor(admin, 'society', { societyId: society.id })),
    };
  }

  it("a holder's mandate is a request until the society accepts it; it manages nothing meanwhile (Art. 5(2))", async () => {
    const { society, holder, asHolder, asSociety } = await cast();
    const req = await asHolder.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(society.id, { validFrom: '2020-01-01', territories: ['DE'] }));
    expect(req.status).toBe(201);
    expect(req.body).toMatchObject({ status: 'requested', version: 1, change: 'created' });
    expect(req.body.changeDetail.answerDueBy).toBeDefined();
    const who = `/v1/who-manages?rightsHolderId=${holder.id}&category=performing&workType=musical&territory=DE`;
    expect((await asHolder.get(who)).body.societies).toEqual([]);
    const pending = await asSociety.get(`/v1/societies/${society.id}/mandates?status=requested`);
    expect(pending.body.items.map((m: { id: string }) => m.id)).toEqual([req.body.id]);

    // The holder cannot answer its own request; the society can, once.
    expect((await asHolder.post(`/v1/mandates/${req.body.id}/acceptance`, {})).status).toBe(403);
    expect((await asSociety.post(`/v1/mandates/${req.body.id}/acceptance`, { effectiveFrom: '2019-12-31' })).status).toBe(400);
    const accepted = await asSociety.post(`/v1/mandates/${req.body.id}/acceptance`, {});
    expect(accepted.status).toBe(201);
    // A back-dated request starts no earlier than the day the society heard of it.
    expect(accepted.body).toMatchObject({ status: 'active', version: 2, change: 'accepted', validFrom: today() });
    expect((await asHolder.get(who)).body.societies.map((s: { mandateId: string }) => s.mandateId)).toEqual([req.body.id]);
    expect((await asSociety.post(`/v1/mandates/${req.body.id}/refusal`, { reason: 'too late' })).status).toBe(409);
  });

  it('the society refuses with its reason; the refused mandate never applies; an empty reason is a 400 leaving nothing behind', async () => {
    const { society, holder, asHolder, asSociety } = await cast();
    const req = (await asHolder.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(society.id))).body;
    const versions = async () => (await admin.get(`/v1/mandates/${req.id}/versions`)).body.items.length;
    expect((await asSociety.post(`/v1/mandates/${req.id}/refusal`, { reason: '' })).status).toBe(400);
    expect((await asSociety.post(`/v1/mandates/${req.id}/refusal`, {})).status).toBe(400);
    expect(await versions()).toBe(1);
    const refused = await asSociety.post(`/v1/mandates/${req.id}/refusal`, { reason: 'Membership is open to residents of the EU only (statutes §4)' });
    expect(refused.status).toBe(201);
    expect(refused.body).toMatchObject({ status: 'refused', change: 'refused', changeDetail: { reason: 'Membership is open to residents of the EU only (statutes §4)' } });
    expect(refused.body.validTo < refused.body.validFrom).toBe(true);
    // Refused: it neither manages nor blocks another exclusive mandate elsewhere.
    const other = await givenSociety(admin);
    expect((await admin.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(other.id))).body.status).toBe('active');
    expect((await asHolder.post(`/v1/mandates/${req.id}/termination`, {})).status).toBe(409);
  });

  it("created by an admin or by the society itself: active at once; a society only at itself", async () => {
    const { society, holder, asSociety } = await cast();
    const own = await asSociety.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(society.id, { category: 'mechanical' }));
    expect(own.status).toBe(201);
    expect(own.body.status).toBe('active');
    const other = await givenSociety(admin);
    expect((await asSociety.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(other.id, { category: 'mechanical' }))).status).toBe(403);
  });

  it("a mandate outside the society's managed categories is a 422 naming them, for the holder, the society and a package alike", async () => {
    const { society, holder, asHolder, asSociety } = await cast();
    const set = await put(asSociety, `/v1/societies/${society.id}/mandate-policy`, { noticeMonths: 3, terminateAtFinancialYearEnd: false, managedCategories: ['performing', 'mechanical'], responseDays: 20 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ managedCategories: ['performing', 'mechanical'], responseDays: 20 });
    // The holder reads the policy it chooses by.
    expect((await asHolder.get(`/v1/societies/${society.id}/mandate-policy`)).body).toMatchObject({ managedCategories: ['performing', 'mechanical'], responseDays: 20 });
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM mandates WHERE society_id = $1`, [society.id]))[0].n;
    for (const http of [asHolder, asSociety, admin]) {
      const res = await http.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(society.id, { category: 'reprography' }));
      expect(res.status).toBe(422);
      expect(res.body.detail).toContain('performing, mechanical');
      expect(res.body.managedCategories).toEqual(['performing', 'mechanical']);
    }
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM mandates WHERE society_id = $1`, [society.id]))[0].n).toBe(before);
    expect((await asHolder.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(society.id))).body.status).toBe('requested');
    expect((await put(asSociety, `/v1/societies/${society.id}/mandate-policy`, { noticeMonths: 3, terminateAtFinancialYearEnd: false, managedCategories: ['nonsense'] })).status).toBe(400);
  });

  it("a back-dated notice is refused from the holder, and accepted from the society that received it earlier, with evidence", async () => {
    const { society, holder, asHolder, asSociety } = await cast();
    const m = (await asSociety.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(society.id, { validFrom: '2020-01-01' }))).body;
    const versions = async () => (await admin.get(`/v1/mandates/${m.id}/versions`)).body.items.length;
    const fromHolder = await asHolder.post(`/v1/mandates/${m.id}/termination`, { requestedOn: '2025-01-10' });
    expect(fromHolder.status).toBe(400);
    expect(fromHolder.body.errors).toEqual([expect.objectContaining({ field: 'requestedOn' })]);
    expect((await asHolder.post(`/v1/mandates/${m.id}/termination`, { receivedOn: '2025-01-10', evidence: 'my letter' })).status).toBe(400);
    const noEvidence = await asSociety.post(`/v1/mandates/${m.id}/termination`, { receivedOn: '2025-01-10' });
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.errors).toEqual([expect.objectContaining({ field: 'evidence' })]);
    expect(await versions()).toBe(1);
    const recorded = await asSociety.post(`/v1/mandates/${m.id}/termination`, { receivedOn: '2025-01-10', evidence: 'Registered letter RR123456789FR received 2025-01-10' });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ requestedOn: '2025-01-10', receivedOn: '2025-01-10', evidence: 'Registered letter RR123456789FR received 2025-01-10' });
    expect(recorded.body.mandate.changeDetail).toMatchObject({ receivedOn: '2025-01-10', evidence: 'Registered letter RR123456789FR received 2025-01-10' });
  });

  it("a holder's notice today counts from today; an opt-out in a Russian society follows Art. 1244(3) as a parameter, saying its text was not confirmed", async () => {
    const { society, holder, asHolder } = await cast({ country: 'RU', currency: 'RUB' });
    const nc = (await admin.post(`/v1/rights-holders/${holder.id}/mandates`, mandateBody(society.id, { basis: 'non-contractual', exclusive: false, validFrom: '2020-01-01' }))).body;
    const res = await asHolder.post(`/v1/mandates/${nc.id}/opt-out`, {});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ requestedOn: today(), receivedOn: today(), noticeMonths: 3, alignedToFinancialYearEnd: false });
    expect(res.body.optOutPolicy).toMatchObject({ jurisdiction: 'RU', source: 'Civil Code of the Russian Federation Part IV Art. 1244(3)', confirmed: false });
  });

  it("a mandates package line outside the society's managed categories is refused, naming its line and column", async () => {
    const { society, holder, asSociety } = await cast();
    await put(asSociety, `/v1/societies/${society.id}/mandate-policy`, { noticeMonths: 3, terminateAtFinancialYearEnd: false, managedCategories: ['performing'] });
    const csv = [
      'mandate_id,rights_holder_ipi,category,work_type,territory,valid_from,valid_to,basis,exclusive',
      `M-1,${holder.ipi},performing,musical,FR,2024-01-01,,contractual,false`,
      `M-2,${holder.ipi},mechanical,musical,FR,2024-01-01,,contractual,false`,
    ].join('\n') + '\n';
    const { final } = await submitAndWait(asSociety, society.id, 'mandates', '2025Q1', csv);
    expect(final.status).toBe('rejected');
    expect(final.errors).toEqual([expect.objectContaining({ line: 3, column: 'category', message: expect.stringContaining('it manages performing') })]);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM mandates WHERE society_id = $1`, [society.id]))[0].n).toBe(0);
  });
});
