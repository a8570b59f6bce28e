import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { givenStatementWorld, type StatementWorld } from './support.js';

const csv = { 'content-type': 'text/csv' };

describe('exchange rates and unclaimed money', () => {
  let t: TestApp;
  let w: StatementWorld;
  let admin: Http;
  let regulator: Http;
  const allRates = async () => (await admin.get('/v1/exchange-rates?limit=500')).body.items as { currency: string; rateDate: string; rateToEur: string }[];

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    w = await givenStatementWorld(t);
    regulator = admin.as(w.tokens.regulator);
  });
  afterAll(async () => t?.close());

  describe('rates', () => {
    it('records who uploaded them and serves the rate in effect on a day', async () => {
      const onDay = await admin.as(w.tokens.holderA).get('/v1/exchange-rates?date=2025-02-15');
      expect(onDay.status).toBe(200);
      expect(onDay.body.date).toBe('2025-02-15');
      expect(onDay.body.items.map((r: { currency: string; rateDate: string; rateToEur: string }) => [r.currency, r.rateDate, r.rateToEur])).toEqual([
        ['RUB', '2025-01-01', '0.01'],
        ['SEK', '2025-01-01', '0.09'],
      ]);
      expect(onDay.body.items[0].uploadedBy).toMatch(/^regulator: /);
      const rub = await admin.get('/v1/exchange-rates?date=2025-12-31&currency=RUB');
      expect(rub.body.items).toEqual([expect.objectContaining({ currency: 'RUB', rateDate: '2025-03-01', rateToEur: '0.0105' })]);
      expect((await admin.get('/v1/exchange-rates?date=2020-01-01')).body.items).toEqual([]);
    });

    it('refuses a bad table with every problem by line and column, and stores nothing', async () => {
      const before = await allRates();
      const res = await regulator.post(
        '/v1/exchange-rates',
        ['date,currency,rate_to_eur', '2025-06-01,NOK,0.085', '2025-13-01,NOK,0.085', '2025-06-01,XYZ,0.01', '2025-06-01,DKK,-0.13', '2025-06-01,CHF,abc'].join('\n'),
        csv,
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
        [3, 'date'],
        [4, 'currency'],
        [5, 'rate_to_eur'],
        [6, 'rate_to_eur'],
      ]);
      expect(res.body.detail).toMatch(/nothing was stored/);
      expect(await allRates()).toEqual(before);
      const header = await regulator.post('/v1/exchange-rates', 'day,currency,rate\n', csv);
      expect(header.status).toBe(400);
      expect(header.body.errors.every((e: { line: number }) => e.line === 1)).toBe(true);
    });

    it('never changes a recorded rate: the same again is a no-op, another value a 409 that stores nothing', async () => {
      const same = await regulator.post('/v1/exchange-rates', 'date,currency,rate_to_eur\n2025-01-01,RUB,0.010000\n2025-07-01,NOK,0.084\n', csv);
      expect(same.status).toBe(201);
      expect(same.body).toEqual({ stored: 1, unchanged: 1, currencies: ['NOK', 'RUB'], from: '2025-01-01', to: '2025-07-01' });
      const before = await allRates();
      const changed = await admin.post('/v1/exchange-rates', 'date,currency,rate_to_eur\n2025-08-01,NOK,0.083\n2025-03-01,RUB,0.0106\n', csv);
      expect(changed.status).toBe(409);
      expect(changed.body.errors).toEqual([{ line: 3, column: 'rate_to_eur', message: 'RUB on 2025-03-01 is recorded as 0.0105; a recorded rate is never changed' }]);
      expect(await allRates()).toEqual(before);
    });

    it('wants text/csv', async () => {
      const res = await regulator.post('/v1/exchange-rates', { date: '2025-01-01', currency: 'NOK', rate_to_eur: '0.1' });
      expect(res.status).toBe(415);
    });

    it('refuses bad queries with 400 naming the field', async () => {
      expect((await admin.get('/v1/exchange-rates?date=2025-02-30')).body.errors[0].field).toBe('date');
      expect((await admin.get('/v1/exchange-rates?currency=RUR')).body.errors[0].field).toBe('currency');
    });
  });

  describe('unclaimed money and claims', () => {
    it("lists unidentified lines in the holder's name (written differently) or on its works, not others", async () => {
      const res = await admin.as(w.tokens.holderA).get(`/v1/rights-holders/${w.holderA.id}/unclaimed`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { lineId: string; matchedBy: string[]; nameOnLine: string }) => [i.lineId, i.matchedBy, i.nameOnLine])).toEqual([
        ['U-1', ['name'], w.aVariant],
        ['U-2', ['work'], 'Unknown (cue sheet 4)'],
      ]);
      expect(res.body.items[0]).toMatchObject({ societyId: w.societyA.id, currency: 'RUB', gross: '70', net: '63', claim: null });
      expect((await admin.as(w.tokens.holderA).get(`/v1/rights-holders/${w.holderA.id}/unclaimed?year=2024`)).body.items).toEqual([]);
      const paged = await admin.as(w.tokens.holderA).get(`/v1/rights-holders/${w.holderA.id}/unclaimed?limit=1`);
      const next = await admin.as(w.tokens.holderA).get(`/v1/rights-holders/${w.holderA.id}/unclaimed?limit=1&cursor=${paged.body.nextCursor}`);
      expect([...paged.body.items, ...next.body.items].map((i: { lineId: string }) => i.lineId)).toEqual(['U-1', 'U-2']);
      expect(next.body.nextCursor).toBeNull();
      expect((await admin.as(w.tokens.holderA).get(`/v1/rights-holders/${w.holderA.id}/unclaimed?year=20x5`)).body.errors[0].field).toBe('year');
    });

    it('records a claim for the society to act on; the same claim again is 409', async () => {
      const holderA = admin.as(w.tokens.holderA);
      const res = await holderA.post(`/v1/rights-holders/${w.holderA.id}/claims`, { submissionId: w.submissions.a2025.id, lineId: 'U-2', note: 'My work, T-034.524.680-1' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        societyId: w.societyA.id, rightsHolderId: w.holderA.id, submissionId: w.submissions.a2025.id, lineId: 'U-2', status: 'open', note: 'My work, T-034.524.680-1',
        line: { nameOnLine: 'Unknown (cue sheet 4)', workIswc: 'T0345246801', currency: 'RUB', gross: '40' },
      });
      const again = await holderA.post(`/v1/rights-holders/${w.holderA.id}/claims`, { submissionId: w.submissions.a2025.id, lineId: 'U-2' });
      expect(again.status).toBe(409);
      const listed = (await holderA.get(`/v1/rights-holders/${w.holderA.id}/unclaimed`)).body.items.find((i: { lineId: string }) => i.lineId === 'U-2');
      expect(listed.claim).toMatchObject({ id: res.body.id, status: 'open' });
      const society = await admin.as(w.tokens.societyA).get(`/v1/societies/${w.societyA.id}/claims?status=open`);
      expect(society.body.items.map((c: { id: string; rightsHolderName: string }) => [c.id, c.rightsHolderName])).toEqual([[res.body.id, w.holderA.name]]);
      expect((await admin.as(w.tokens.societyA).get(`/v1/societies/${w.societyA.id}/claims?status=accepted`)).body.items).toEqual([]);
      expect((await holderA.get(`/v1/rights-holders/${w.holderA.id}/claims`)).body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
      // A line by its number in the file works too (the header is line 1: #6 is U-2, #5 is U-1).
      expect((await holderA.post(`/v1/rights-holders/${w.holderA.id}/claims`, { submissionId: w.submissions.a2025.id, lineId: '#6' })).status).toBe(409);
      const byNumber = await holderA.post(`/v1/rights-holders/${w.holderA.id}/claims`, { submissionId: w.submissions.a2025.id, lineId: '#5' });
      expect(byNumber.status).toBe(201);
      expect(byNumber.body.lineId).toBe('U-1');
    });

    it('answers 404 for a line that is not unidentified or not there, 400 for a bad body, and stores nothing', async () => {
      const holderA = admin.as(w.tokens.holderA);
      const count = async () => (await admin.get(`/v1/societies/${w.societyA.id}/claims`)).body.items.length;
      const before = await count();
      for (const body of [
        { submissionId: w.submissions.a2025.id, lineId: 'L-1' },
        { submissionId: w.submissions.a2025.id, lineId: 'NOPE' },
        { submissionId: '00000000-0000-4000-8000-000000000000', lineId: 'U-1' },
      ]) {
        const res = await holderA.post(`/v1/rights-holders/${w.holderA.id}/claims`, body);
        expect({ body, status: res.status }).toEqual({ body, status: 404 });
      }
      const bad = await holderA.post(`/v1/rights-holders/${w.holderA.id}/claims`, { submissionId: 'x', lineId: '', extra: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'lineId', 'submissionId']);
      expect(await count()).toBe(before);
    });

    it('lets an admin claim for a holder, but not a regulator or a society', async () => {
      const body = { submissionId: w.submissions.a2025.id, lineId: 'U-3' };
      expect((await regulator.post(`/v1/rights-holders/${w.holderB.id}/claims`, body)).status).toBe(403);
      expect((await admin.as(w.tokens.societyA).post(`/v1/rights-holders/${w.holderB.id}/claims`, body)).status).toBe(403);
      const res = await admin.post(`/v1/rights-holders/${w.holderB.id}/claims`, body);
      expect(res.status).toBe(201);
      expect(res.body.recordedBy).toBe('admin: ADMIN_TOKEN');
    });
  });
});
