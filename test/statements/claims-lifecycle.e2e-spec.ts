import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Clock } from '../../libs/config/src/index.js';
import { type ClaimUpdated, ClaimUpdates } from '../../libs/statements/src/index.js';
import { auditAndWait, findingOf } from '../audit/support.js';
import { commit, csv, distribution, income } from '../ledger/support.js';
import { Http } from '../support/http.js';
import { submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { givenStatementWorld, type StatementWorld, WORK_OF_A, WORK_OF_B } from './support.js';

/**
 * Claims to payment (issue 17 item 1; CONTRACT.md "Workflows"): the holder claims an
 * unidentified line, the society whose line it is accepts it, refuses it with a reason,
 * or records the line of a later package that paid it; each change is an event of the
 * claim's append-only history, timed by the ledger's clock, and published as
 * claim.updated. Every wrong answer is a 4xx that changes nothing.
 *
 * Society A's packages in its log: 2025Q1 (the statement world's, with the unidentified
 * lines U-1 net 63 RUB, U-2 net 36 RUB on holder A's work, U-3 net 9 RUB), 2024Q4, then the
 * paying 2025Q2 package below.
 */
describe('claims to payment', () => {
  let t: TestApp;
  let w: StatementWorld;
  let admin: Http;
  let holderA: Http;
  let holderB: Http;
  let societyA: Http;
  let societyB: Http;
  let paying: { id: string };
  const updates: ClaimUpdated[] = [];
  const use = { use_from: '2025-01-01', use_to: '2025-03-31', currency: 'RUB', rights_holder_name: 'Paid on' };
  const clock = (moment: string | null) => t.app.get(Clock).set(moment);
  const claimOf = async (id: string) => (await admin.get(`/v1/claims/${id}`)).body;
  /** A moment of the ledger's clock set to `minute` (it runs on from there while the request is served). */
  const around = (minute: string) => expect.stringMatching(new RegExp(`^${minute}:00\\.\\d{3}Z$`));
  const events = async (): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM claim_events`))[0].n;

  beforeAll(async () => {
    t = await bootTestApp();
    t.app.get(ClaimUpdates).subscribe((u) => {
      updates.push(u);
    });
    w = await givenStatementWorld(t);
    admin = new Http(t.baseUrl, t.adminToken);
    holderA = admin.as(w.tokens.holderA);
    holderB = admin.as(w.tokens.holderB);
    societyA = admin.as(w.tokens.societyA);
    societyB = admin.as(w.tokens.societyB);
    const a = { rights_holder_ipi: w.holderA.ipi, work_iswc: '', status: 'paid', paid_on: '2025-06-10', ...use };
    paying = await commit(societyA, w.societyA.id, 'distribution-lines', '2025Q2', [
      distribution({ ...a, line_id: 'P-1', gross: '63.00', management_fee: '0.00', other_deductions: '0.00', net: '63.00' }),
      distribution({ ...a, line_id: 'P-2', work_iswc: WORK_OF_A, gross: '36.00', management_fee: '0.00', other_deductions: '0.00', net: '36.00' }),
      distribution({ ...a, line_id: 'P-B', rights_holder_ipi: w.holderB.ipi, gross: '63.00', management_fee: '0.00', other_deductions: '0.00', net: '63.00' }),
      distribution({ ...a, line_id: 'P-UNPAID', status: 'unpaid', paid_on: '', gross: '63.00', management_fee: '0.00', other_deductions: '0.00', net: '63.00' }),
      distribution({ ...a, line_id: 'P-NET', gross: '62.99', management_fee: '0.00', other_deductions: '0.00', net: '62.99' }),
      distribution({ ...a, line_id: 'P-CUR', currency: 'EUR', gross: '63.00', management_fee: '0.00', other_deductions: '0.00', net: '63.00' }),
      distribution({ ...a, line_id: 'P-USE', use_from: '2025-04-01', use_to: '2025-06-30', category: 'mechanical', gross: '63.00', management_fee: '0.00', other_deductions: '0.00', net: '63.00' }),
      distribution({ ...a, line_id: 'P-WORK', work_iswc: WORK_OF_B, gross: '36.00', management_fee: '0.00', other_deductions: '0.00', net: '36.00' }),
      distribution({ ...a, line_id: 'P-9', gross: '9.00', management_fee: '0.00', other_deductions: '0.00', net: '9.00' }),
    ]);
  });
  afterAll(async () => {
    clock(null);
    await t?.close();
  });

  describe('the lifecycle, from both sides', () => {
    let claimId: string;

    it('the holder claims a line: open, its history begun at the clock, claim.updated published', async () => {
      clock('2025-04-01T09:00:00Z');
      const made = await holderA.post(`/v1/rights-holders/${w.holderA.id}/claims`, { submissionId: w.submissions.a2025.id, lineId: 'U-1', note: 'My song, my name' });
      clock(null);
      expect(made.status).toBe(201);
      claimId = made.body.id;
      expect(made.body).toMatchObject({ status: 'open', claimedAt: around('2025-04-01T09:00'), answeredAt: null, reason: null, payment: null, note: 'My song, my name' });
      expect(made.body.history).toEqual([
        { seq: 1, status: 'open', previousStatus: null, at: around('2025-04-01T09:00'), recordedBy: expect.stringMatching(/^rights-holder: /), reason: null, payment: null },
      ]);
      expect(updates.at(-1)).toEqual({
        event: 'claim.updated', at: around('2025-04-01T09:00'),
        data: expect.objectContaining({ claimId, societyId: w.societyA.id, rightsHolderId: w.holderA.id, lineId: 'U-1', status: 'open', previousStatus: null }),
      });
      // Both sides read it: the holder among its claims, the society among the claims on its lines.
      expect((await holderA.get(`/v1/claims/${claimId}`)).body.status).toBe('open');
      expect((await societyA.get(`/v1/societies/${w.societyA.id}/claims?status=open`)).body.items.map((c: { id: string }) => c.id)).toContain(claimId);
    });

    it('the society accepts it; the holder sees it accepted', async () => {
      clock('2025-04-20T10:00:00Z');
      const res = await societyA.post(`/v1/claims/${claimId}/acceptance`, { note: 'Cue sheet checked' });
      clock(null);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'accepted', answeredAt: around('2025-04-20T10:00'), reason: null, payment: null });
      expect(res.body.history.map((e: { status: string; previousStatus: string | null; reason: string | null }) => [e.status, e.previousStatus, e.reason])).toEqual([
        ['open', null, null],
        ['accepted', 'open', 'Cue sheet checked'],
      ]);
      expect(res.body.history[1].recordedBy).toMatch(/^society: /);
      const mine = (await holderA.get(`/v1/rights-holders/${w.holderA.id}/claims`)).body.items.find((c: { id: string }) => c.id === claimId);
      expect(mine).toMatchObject({ status: 'accepted', answeredAt: around('2025-04-20T10:00') });
      const unclaimed = (await holderA.get(`/v1/rights-holders/${w.holderA.id}/unclaimed`)).body.items.find((i: { lineId: string }) => i.lineId === 'U-1');
      expect(unclaimed.claim).toMatchObject({ id: claimId, status: 'accepted' });
      expect(updates.at(-1)!.data).toMatchObject({ claimId, status: 'accepted', previousStatus: 'open', reason: 'Cue sheet checked' });
    });

    it('the society records the line of its later package that paid it; the holder sees where', async () => {
      clock('2025-06-15T08:00:00Z');
      const res = await societyA.post(`/v1/claims/${claimId}/payment`, { submissionId: paying.id, lineId: 'P-1' });
      clock(null);
      expect(res.status).toBe(201);
      const payment = { submissionId: paying.id, period: '2025Q2', lineNo: 2, lineId: 'P-1', paidOn: '2025-06-10', currency: 'RUB', net: '63' };
      expect(res.body).toMatchObject({ status: 'paid', answeredAt: around('2025-06-15T08:00'), payment });
      expect(res.body.history.map((e: { status: string }) => e.status)).toEqual(['open', 'accepted', 'paid']);
      expect(res.body.history[2]).toMatchObject({ previousStatus: 'accepted', payment });
      expect(await claimOf(claimId)).toEqual(res.body);
      expect((await holderA.get(`/v1/claims/${claimId}`)).body).toEqual(res.body);
      expect(updates.filter((u) => u.data.claimId === claimId).map((u) => u.data.status)).toEqual(['open', 'accepted', 'paid']);
      expect(updates.at(-1)!.data.payment).toEqual(payment);
    });

    it('a paid claim is final: no further answer (409), nothing recorded', async () => {
      const before = [await claimOf(claimId), await events()];
      for (const [path, body] of [
        ['acceptance', {}],
        ['refusal', { reason: 'Changed our mind' }],
        ['payment', { submissionId: paying.id, lineId: 'P-9' }],
      ] as const) {
        const res = await societyA.post(`/v1/claims/${claimId}/${path}`, body);
        expect({ path, status: res.status, claimStatus: res.body.claimStatus }).toEqual({ path, status: 409, claimStatus: 'paid' });
        expect(res.body.detail).toMatch(/is paid: that answer is final/);
      }
      expect([await claimOf(claimId), await events()]).toEqual(before);
    });
  });

  it('an open claim may be paid at once, by a line on the same work', async () => {
    const made = await holderA.post(`/v1/rights-holders/${w.holderA.id}/claims`, { submissionId: w.submissions.a2025.id, lineId: 'U-2' });
    expect(made.status).toBe(201);
    const wrongWork = await societyA.post(`/v1/claims/${made.body.id}/payment`, { submissionId: paying.id, lineId: 'P-WORK' });
    expect(wrongWork.status).toBe(422);
    expect(wrongWork.body.errors).toEqual([{ field: 'lineId', message: `line P-WORK is for work ${WORK_OF_B.replace(/[^T0-9]/g, '')}, the claimed line for ${WORK_OF_A.replace(/[^T0-9]/g, '')}` }]);
    const res = await admin.post(`/v1/claims/${made.body.id}/payment`, { submissionId: paying.id, lineId: '#3' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'paid', payment: { lineId: 'P-2', lineNo: 3, net: '36' } });
    expect(res.body.history.map((e: { status: string; previousStatus: string | null }) => [e.previousStatus, e.status])).toEqual([
      [null, 'open'],
      ['open', 'paid'],
    ]);
    expect(res.body.history[1].recordedBy).toMatch(/^admin: /);
  });

  describe('a refusal', () => {
    let claimId: string;
    beforeAll(async () => {
      clock('2025-05-01T12:00:00Z');
      claimId = (await holderA.post(`/v1/rights-holders/${w.holderA.id}/claims`, { submissionId: w.submissions.a2025.id, lineId: 'U-3' })).body.id;
      clock(null);
    });

    it('states its reason: without one (missing, empty, blank, too long) it is a 400 naming reason, and nothing changes', async () => {
      const before = [await claimOf(claimId), await events()];
      for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 7 }, { reason: 'x'.repeat(2001) }]) {
        const res = await societyA.post(`/v1/claims/${claimId}/refusal`, body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual(['reason']);
      }
      expect([await claimOf(claimId), await events()]).toEqual(before);
    });

    it('records the reason, which the holder reads; a refused claim is final', async () => {
      clock('2025-08-01T12:00:00Z');
      const res = await societyA.post(`/v1/claims/${claimId}/refusal`, { reason: '  The cue sheet credits another author  ' });
      clock(null);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'refused', reason: 'The cue sheet credits another author', answeredAt: around('2025-08-01T12:00'), payment: null });
      expect((await holderA.get(`/v1/claims/${claimId}`)).body.reason).toBe('The cue sheet credits another author');
      expect(updates.at(-1)!.data).toMatchObject({ claimId, status: 'refused', reason: 'The cue sheet credits another author' });
      const before = [await claimOf(claimId), await events()];
      expect((await societyA.post(`/v1/claims/${claimId}/acceptance`, {})).status).toBe(409);
      expect((await societyA.post(`/v1/claims/${claimId}/payment`, { submissionId: paying.id, lineId: 'P-9' })).status).toBe(409);
      // The holder cannot claim the same line again (one claim per holder and line).
      expect((await holderA.post(`/v1/rights-holders/${w.holderA.id}/claims`, { submissionId: w.submissions.a2025.id, lineId: 'U-3' })).status).toBe(409);
      expect([await claimOf(claimId), await events()]).toEqual(before);
    });
  });

  describe('bad answers change nothing', () => {
    let claimId: string;
    let secondLine: string;
    let otherHolders: string;
    let fits: { id: string };
    let snapshot: unknown[];
    const orphanUse = { ...use, use_from: '2024-07-01', use_to: '2024-09-30', work_iswc: '' };
    const held = { gross: '63.00', management_fee: '0.00', other_deductions: '0.00', net: '63.00' };
    const state = async () => [await claimOf(claimId), await claimOf(secondLine), await claimOf(otherHolders), await events()];

    // Two unidentified lines of the same money (2024Q3): holder A claims both, holder B the first too; a later package (2025Q4) holds lines that almost pay them.
    beforeAll(async () => {
      const orphans = await commit(societyA, w.societyA.id, 'distribution-lines', '2024Q3', [
        distribution({ ...orphanUse, line_id: 'O-1', rights_holder_ipi: '', status: 'unidentified', paid_on: '', gross: '70.00', management_fee: '7.00', other_deductions: '0.00', net: '63.00' }),
        distribution({ ...orphanUse, line_id: 'O-2', rights_holder_ipi: '', status: 'unidentified', paid_on: '', gross: '70.00', management_fee: '7.00', other_deductions: '0.00', net: '63.00' }),
      ]);
      claimId = (await holderA.post(`/v1/rights-holders/${w.holderA.id}/claims`, { submissionId: orphans.id, lineId: 'O-1' })).body.id;
      secondLine = (await holderA.post(`/v1/rights-holders/${w.holderA.id}/claims`, { submissionId: orphans.id, lineId: 'O-2' })).body.id;
      otherHolders = (await holderB.post(`/v1/rights-holders/${w.holderB.id}/claims`, { submissionId: orphans.id, lineId: 'O-1' })).body.id;
      const a = { ...orphanUse, rights_holder_ipi: w.holderA.ipi, paid_on: '2025-10-02', ...held };
      fits = await commit(societyA, w.societyA.id, 'distribution-lines', '2025Q4', [
        distribution({ ...a, line_id: 'Q-OK' }),
        distribution({ ...a, line_id: 'Q-B', rights_holder_ipi: w.holderB.ipi }),
        distribution({ ...a, line_id: 'Q-UNPAID', status: 'unpaid', paid_on: '' }),
        distribution({ ...a, line_id: 'Q-UNID', rights_holder_ipi: '', status: 'unidentified', paid_on: '' }),
        distribution({ ...a, line_id: 'Q-NET', gross: '62.99', net: '62.99' }),
        distribution({ ...a, line_id: 'Q-CUR', currency: 'EUR' }),
        distribution({ ...a, line_id: 'Q-USE', category: 'mechanical', use_from: '2024-10-01', use_to: '2024-12-31' }),
      ]);
      expect([claimId, secondLine, otherHolders].every((id) => typeof id === 'string')).toBe(true);
    });
    beforeEach(async () => {
      snapshot = await state();
    });
    afterEach(async () => {
      expect(await state()).toEqual(snapshot);
    });

    it("another society's credential: 404; a regulator or the holder: 403; no token: 401; an unknown id: 404, a malformed one: 400", async () => {
      for (const path of ['acceptance', 'refusal', 'payment']) {
        const body = path === 'refusal' ? { reason: 'no' } : path === 'payment' ? { submissionId: fits.id, lineId: 'Q-OK' } : {};
        expect({ path, status: (await societyB.post(`/v1/claims/${claimId}/${path}`, body)).status }).toEqual({ path, status: 404 });
        expect({ path, status: (await admin.as(w.tokens.regulator).post(`/v1/claims/${claimId}/${path}`, body)).status }).toEqual({ path, status: 403 });
        expect({ path, status: (await holderA.post(`/v1/claims/${claimId}/${path}`, body)).status }).toEqual({ path, status: 403 });
        expect({ path, status: (await admin.as(undefined).post(`/v1/claims/${claimId}/${path}`, body)).status }).toEqual({ path, status: 401 });
        expect({ path, status: (await societyA.post(`/v1/claims/00000000-0000-4000-8000-000000000000/${path}`, body)).status }).toEqual({ path, status: 404 });
        const malformed = await societyA.post(`/v1/claims/not-a-uuid/${path}`, body);
        expect({ path, status: malformed.status, field: malformed.body.errors?.[0]?.field }).toEqual({ path, status: 400, field: 'id' });
      }
      // Reading one: another society and another holder get 404, a regulator reads it.
      expect((await societyB.get(`/v1/claims/${claimId}`)).status).toBe(404);
      expect((await holderB.get(`/v1/claims/${claimId}`)).status).toBe(404);
      expect((await admin.as(w.tokens.regulator).get(`/v1/claims/${claimId}`)).status).toBe(200);
    });

    it('a body without its fields, or with unknown ones: 400 naming each', async () => {
      const empty = await societyA.post(`/v1/claims/${claimId}/payment`, {});
      expect(empty.status).toBe(400);
      expect([...new Set(empty.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['lineId', 'submissionId']);
      const extra = await societyA.post(`/v1/claims/${claimId}/payment`, { submissionId: fits.id, lineId: 'Q-OK', amount: '63' });
      expect(extra.status).toBe(400);
      expect(extra.body.errors.map((e: { field: string }) => e.field)).toEqual(['amount']);
      const badId = await societyA.post(`/v1/claims/${claimId}/payment`, { submissionId: 'Q4', lineId: 'Q-OK' });
      expect(badId.body.errors.map((e: { field: string }) => e.field)).toEqual(['submissionId']);
      const note = await societyA.post(`/v1/claims/${claimId}/acceptance`, { note: 5 });
      expect({ status: note.status, fields: [...new Set(note.body.errors.map((e: { field: string }) => e.field))] }).toEqual({ status: 400, fields: ['note'] });
    });

    it('a paying package that is not a later committed distribution-lines package of the same society: 422 naming submissionId', async () => {
      const rejected = await submitAndWait(societyA, w.societyA.id, 'distribution-lines', '2025Q3', csv([distribution({ line_id: 'R-1', net: '1.00' })]));
      expect(rejected.final.status).toBe('rejected');
      const first = await commit(societyA, w.societyA.id, 'distribution-lines', '2025Q3', [distribution({ ...orphanUse, ...held, line_id: 'S-1', rights_holder_ipi: w.holderA.ipi, paid_on: '2025-08-01' })]);
      await commit(societyA, w.societyA.id, 'distribution-lines', '2025Q3', [distribution({ ...orphanUse, ...held, line_id: 'S-1', rights_holder_ipi: w.holderA.ipi, paid_on: '2025-08-02' })]);
      expect((await admin.get(`/v1/submissions/${first.id}`)).body.status).toBe('superseded');
      const incomes = await commit(societyA, w.societyA.id, 'income', '2025Q2', [income({ currency: 'RUB', period_from: '2025-04-01', period_to: '2025-06-30', received_on: '2025-05-15' })]);
      const ofB = await commit(societyB, w.societyB.id, 'distribution-lines', '2025Q2', [distribution({ ...orphanUse, ...held, line_id: 'B-1', rights_holder_ipi: w.holderA.ipi, paid_on: '2025-06-01' })]);
      const cases: [string, string, RegExp][] = [
        [ofB.id, 'B-1', /^is no package of the society whose line is claimed$/],
        ['00000000-0000-4000-8000-000000000000', 'B-1', /^is no package of the society whose line is claimed$/],
        [incomes.id, 'INC-1', /^is a package of type income: only a distribution-lines package pays a claim$/],
        [rejected.final.id, 'R-1', /^is rejected: only a committed package that no correction superseded pays a claim$/],
        [first.id, 'S-1', /^is superseded: only a committed package that no correction superseded pays a claim$/],
        [w.submissions.a2025.id, 'L-1', /^must be a package the society committed after the claimed line's \(2024Q3, entry 3 of its log\); this one \(2025Q1\) is entry 0$/],
      ];
      for (const [submissionId, lineId, message] of cases) {
        const res = await societyA.post(`/v1/claims/${claimId}/payment`, { submissionId, lineId });
        expect({ lineId, status: res.status, errors: res.body.errors }).toEqual({ lineId, status: 422, errors: [{ field: 'submissionId', message: expect.stringMatching(message) }] });
      }
    });

    it('a paying line that is not the claimed money paid to the claimant: 422 naming lineId and each difference', async () => {
      const cases: [string, string[]][] = [
        ['Q-404', [`no line Q-404 in package ${fits.id} (2025Q4)`]],
        ['Q-B', ['line Q-B pays another rights holder, not the claimant']],
        ['Q-UNPAID', ['line Q-UNPAID is unpaid, not paid']],
        ['Q-UNID', ['line Q-UNID names no rights holder (it is unidentified)', 'line Q-UNID is unidentified, not paid']],
        ['Q-NET', ["line Q-NET pays a net of 62.99, the claimed line's net is 63"]],
        ['Q-CUR', ['line Q-CUR is in EUR, the claimed line in RUB']],
        ['Q-USE', ['line Q-USE is for mechanical rights, the claimed line for performing', 'line Q-USE is for uses from 2024-10-01 to 2024-12-31, the claimed line from 2024-07-01 to 2024-09-30']],
      ];
      for (const [lineId, messages] of cases) {
        const res = await societyA.post(`/v1/claims/${claimId}/payment`, { submissionId: fits.id, lineId });
        expect({ lineId, status: res.status, errors: res.body.errors }).toEqual({ lineId, status: 422, errors: messages.map((message) => ({ field: 'lineId', message })) });
      }
    });

    it("an answer the claim's status does not allow: 409 naming the status; a line already another holder's or already paying a claim: 409 naming that claim", async () => {
      expect((await societyA.post(`/v1/claims/${claimId}/acceptance`, {})).status).toBe(201);
      snapshot = await state();
      const again = await societyA.post(`/v1/claims/${claimId}/acceptance`, {});
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ claimStatus: 'accepted', detail: expect.stringMatching(/is accepted: it may only become paid, not accepted/) });
      expect((await societyA.post(`/v1/claims/${claimId}/refusal`, { reason: 'second thoughts' })).status).toBe(409);
      // Holder B's claim on the same line: neither accepted nor paid once holder A's is accepted.
      for (const [path, body] of [['acceptance', {}], ['payment', { submissionId: fits.id, lineId: 'Q-B' }]] as const) {
        const res = await societyA.post(`/v1/claims/${otherHolders}/${path}`, body);
        expect({ path, status: res.status, other: res.body.otherClaimId, otherStatus: res.body.otherClaimStatus }).toEqual({ path, status: 409, other: claimId, otherStatus: 'accepted' });
      }
      // Q-OK pays holder A's claim on O-1, and then no other claim (O-2's, the same money).
      expect((await societyA.post(`/v1/claims/${claimId}/payment`, { submissionId: fits.id, lineId: 'Q-OK' })).status).toBe(201);
      snapshot = await state();
      const twice = await societyA.post(`/v1/claims/${secondLine}/payment`, { submissionId: fits.id, lineId: 'Q-OK' });
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ paidClaimId: claimId, detail: expect.stringMatching(/one line pays one claim/) });
      // An answer timed before the claim's last change (the clock moved back) is refused too.
      clock('2020-01-01T00:00:00Z');
      const early = await societyA.post(`/v1/claims/${secondLine}/refusal`, { reason: 'too early' });
      clock(null);
      expect(early.status).toBe(409);
      expect(early.body.detail).toMatch(/before the claim's last change/);
    });

    it('the database keeps the history append-only and each claim at its latest event', async () => {
      for (const sql of [
        [`UPDATE claim_events SET reason = 'rewritten' WHERE claim_id = $1`, [claimId]],
        [`DELETE FROM claim_events WHERE claim_id = $1`, [claimId]],
        [`UPDATE claims SET status = 'refused' WHERE id = $1`, [secondLine]],
        [`UPDATE claims SET note = 'rewritten' WHERE id = $1`, [secondLine]],
        [`DELETE FROM claims WHERE id = $1`, [secondLine]],
        [`TRUNCATE claim_events`, []],
      ] as const) {
        await expect(t.dataSource.query(sql[0], [...sql[1]])).rejects.toThrow(/is refused|changes only its status|is not its latest event/);
      }
      const [line] = await t.dataSource.query(`SELECT society_id, submission_id, line_no, line_id FROM claims WHERE id = $1`, [secondLine]);
      await expect(
        t.dataSource.query(`INSERT INTO claims (society_id, rights_holder_id, submission_id, line_no, line_id, recorded_by) VALUES ($1, $2, $3, $4, $5, 'sql')`, [
          line.society_id, w.holderB.id, line.submission_id, line.line_no, line.line_id,
        ]),
      ).rejects.toThrow(/recorded without its first event/);
    });
  });

  it('audits the answers of the year against the policy deadline (payout.claims-answered), the days a jurisdiction parameter', async () => {
    // FY 2025: U-1 claimed on 2025-04-01 and accepted on 04-20 (in time); U-3 claimed on 2025-05-01 and refused on 08-01, 92 days later.
    const late = await auditAndWait(admin, { societyId: w.societyA.id, financialYear: 2025, rules: ['payout.claims-answered'] });
    const finding = findingOf(late, 'payout.claims-answered');
    expect(finding).toMatchObject({ passed: false, parameters: { answerDays: 60 } });
    expect(finding.evidence).toMatchObject({ claims: 2, byStatus: { open: 0, accepted: 0, refused: 1, paid: 1 }, unanswered: [], pending: 0 });
    expect(finding.evidence.answeredLate).toEqual([expect.objectContaining({ lineId: 'U-3', claimedOn: '2025-05-01', answerDueBy: '2025-06-30', answeredOn: '2025-08-01', answer: 'refused' })]);
    expect(finding.details).toMatch(/2 claims in FY 2025: 0 still unanswered more than 60 days later on \d{4}-\d\d-\d\d, 1 answered late/);
    const set = await admin.request('PUT', '/v1/audit-rules/payout.claims-answered/parameters/FR', { params: { answerDays: 100 } });
    expect(set.status).toBe(200);
    const lenient = findingOf(await auditAndWait(admin, { societyId: w.societyA.id, financialYear: 2025, rules: ['payout.claims-answered'] }), 'payout.claims-answered');
    expect(lenient).toMatchObject({ passed: true, parameters: { answerDays: 100 }, evidence: { claims: 2, answeredLate: [] } });
  });
});
