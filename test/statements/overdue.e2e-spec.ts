import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { commit, distribution } from '../ledger/support.js';
import { givenRightsHolder, givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** Issue 14 item 6: each unpaid line's Art. 13 deadline and days overdue, per society and in total. */
describe('statements: overdue money (Art. 13(1))', () => {
  let t: TestApp;
  let admin: Http;
  let holder: { id: string; ipi: string };
  let asHolder: Http;
  let society: { id: string };
  let other: { id: string };
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4)) - 2;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    holder = await givenRightsHolder(admin);
    asHolder = admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: holder.id }));
    // A society whose financial year ends on 30 June, and one whose year ends on 31 December.
    society = await givenSociety(admin, { fyEndMonth: 6, fyEndDay: 30 });
    other = await givenSociety(admin);
    const q1 = { use_from: `${year}-01-01`, use_to: `${year}-03-31`, rights_holder_ipi: holder.ipi };
    await commit(admin, society.id, 'distribution-lines', `${year}Q1`, [
      distribution({ ...q1, line_id: 'PAID', paid_on: `${year}-03-30` }),
      distribution({ ...q1, line_id: 'LATE', status: 'unpaid', paid_on: '', gross: '120.00', management_fee: '20.00', other_deductions: '0.00', net: '100.00' }),
    ]);
    await commit(admin, other.id, 'distribution-lines', `${year}Q4`, [
      distribution({ rights_holder_ipi: holder.ipi, line_id: 'OPEN', use_from: `${year}-10-01`, use_to: `${year}-12-31`, status: 'unpaid', paid_on: '', gross: '60.00', management_fee: '10.00', other_deductions: '0.00', net: '50.00' }),
    ]);
  });
  afterAll(async () => t?.close());

  it('gives each unpaid line its deadline and days overdue, null when paid', async () => {
    const res = await asHolder.get(`/v1/rights-holders/${holder.id}/statement/lines?year=${year}&currency=EUR`);
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.items.map((l: { lineId: string }) => [l.lineId, l]));
    // Use ended in the society's FY ending 30 June: the deadline is nine months later, 30 March next year (as the audit's deadline rules count months).
    expect(byId.LATE).toMatchObject({ deadline: `${year + 1}-03-30`, overdueDays: dayNumber(today) - dayNumber(`${year + 1}-03-30`) });
    expect(byId.PAID).toMatchObject({ deadline: `${year + 1}-03-30`, overdueDays: null });
    expect(byId.OPEN).toMatchObject({ deadline: `${year + 1}-09-30`, overdueDays: dayNumber(today) - dayNumber(`${year + 1}-09-30`) });
  });

  it("sums what is overdue per society and in total, and highlights it in the PDF", async () => {
    const res = await asHolder.get(`/v1/rights-holders/${holder.id}/statement?year=${year}&currency=EUR`);
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.societies.map((s: { societyId: string }) => [s.societyId, s]));
    expect(byId[society.id].overdue).toEqual({ amount: '100.00', lines: 1, oldestDeadline: `${year + 1}-03-30`, maxOverdueDays: dayNumber(today) - dayNumber(`${year + 1}-03-30`) });
    expect(byId[other.id].overdue).toMatchObject({ amount: '50.00', lines: 1 });
    expect(res.body).toMatchObject({ asOf: today, overdue: { amount: '150.00', lines: 2, oldestDeadline: `${year + 1}-03-30` } });
    const pdf = await asHolder.get(`/v1/rights-holders/${holder.id}/statement?year=${year}&currency=EUR&format=pdf`);
    expect(pdf.status).toBe(200);
  });
});
