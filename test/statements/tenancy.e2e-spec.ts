import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { givenStatementWorld, type StatementWorld } from './support.js';

/**
 * A holder never sees another holder's lines (JSON, CSV, PDF, the line listing, proofs,
 * unclaimed money, claims); a society sees a holder's statement only when the holder is
 * its member (a mandate or lines there), and then only its own part.
 */
describe('statements: who sees what', () => {
  let t: TestApp;
  let w: StatementWorld;
  let admin: Http;
  const as = (token: string) => admin.as(token);
  const societyIdsOf = (body: { societies: { societyId: string }[] }) => body.societies.map((s) => s.societyId).sort();

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    w = await givenStatementWorld(t);
  });
  afterAll(async () => t?.close());

  it("refuses holder B everything of holder A's with 404 (JSON, CSV, PDF, lines, unclaimed, claims)", async () => {
    const holderB = as(w.tokens.holderB);
    const base = `/v1/rights-holders/${w.holderA.id}`;
    for (const path of [
      `${base}/statement?year=2025`,
      `${base}/statement?year=2025&format=csv`,
      `${base}/statement?year=2025&format=pdf`,
      `${base}/statement/lines?year=2025`,
      `${base}/unclaimed`,
      `${base}/claims`,
    ]) {
      const res = await holderB.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.text).not.toContain('L-1');
    }
    const claim = await holderB.post(`${base}/claims`, { submissionId: w.submissions.a2025.id, lineId: 'U-1' });
    expect(claim.status).toBe(404);
  });

  it("shows holder B only its own lines, in every format, and refuses it holder A's proofs", async () => {
    const holderB = as(w.tokens.holderB);
    const json = await holderB.get(`/v1/rights-holders/${w.holderB.id}/statement?year=2025&currency=RUB`);
    expect(json.status).toBe(200);
    expect(societyIdsOf(json.body)).toEqual([w.societyA.id]);
    expect(json.body.totals).toMatchObject({ revenueAttributed: '999.00', lines: 1 });
    const lines = await holderB.get(`/v1/rights-holders/${w.holderB.id}/statement/lines?year=2025&currency=RUB`);
    expect(lines.body.items.map((i: { lineId: string }) => i.lineId)).toEqual(['L-3']);
    const csv = await holderB.get(`/v1/rights-holders/${w.holderB.id}/statement?year=2025&currency=RUB&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain(w.societyB.id);
    expect(csv.text).not.toContain('1333.33');
    expect(csv.text.trim().split('\r\n')).toHaveLength(2);
    const pdf = await holderB.get(`/v1/rights-holders/${w.holderB.id}/statement?year=2025&format=pdf`);
    expect(pdf.status).toBe(200);

    // Holder A's lines, by their proof URL from A's own listing: 404 for B.
    const aLines = (await as(w.tokens.holderA).get(`/v1/rights-holders/${w.holderA.id}/statement/lines?year=2025`)).body.items;
    expect(aLines.length).toBe(3);
    for (const line of aLines) {
      expect((await as(w.tokens.holderA).get(line.proof)).status).toBe(200);
      expect((await holderB.get(line.proof)).status).toBe(404);
    }
    // and B's unclaimed money holds nothing of A's (A's name and works do not match B).
    const unclaimedB = await holderB.get(`/v1/rights-holders/${w.holderB.id}/unclaimed`);
    expect(unclaimedB.status).toBe(200);
    expect(unclaimedB.body.items).toEqual([]);
  });

  it("gives a society only its own part, and only for its members (a mandate or lines there)", async () => {
    // Society A: holder A has lines (and a mandate) there.
    const a = await as(w.tokens.societyA).get(`/v1/rights-holders/${w.holderA.id}/statement?year=2025`);
    expect(a.status).toBe(200);
    expect(societyIdsOf(a.body)).toEqual([w.societyA.id]);
    expect(a.body.totals.revenueAttributed).toBe('13.83');
    expect(a.body.societies[0].mandates).toHaveLength(1);
    // Society B: holder A has lines there but no mandate: B's part, no mandates.
    const b = await as(w.tokens.societyB).get(`/v1/rights-holders/${w.holderA.id}/statement?year=2025&format=csv`);
    expect(b.status).toBe(200);
    expect(b.text).toContain(w.societyB.id);
    expect(b.text).not.toContain(w.societyA.id);
    const bJson = await as(w.tokens.societyB).get(`/v1/rights-holders/${w.holderA.id}/statement?year=2025`);
    expect(bJson.body.societies[0]).toMatchObject({ societyId: w.societyB.id, mandates: [] });
    const bLines = await as(w.tokens.societyB).get(`/v1/rights-holders/${w.holderA.id}/statement/lines?year=2025&societyId=${w.societyA.id}`);
    expect(bLines.status).toBe(200);
    expect(bLines.body.items).toEqual([]);
    // Society C: a mandate only.
    const c = await as(w.tokens.societyC).get(`/v1/rights-holders/${w.holderA.id}/statement?year=2025`);
    expect(c.status).toBe(200);
    expect(c.body.societies).toEqual([expect.objectContaining({ societyId: w.societyC.id, lines: 0, mandates: [expect.objectContaining({ category: 'mechanical' })] })]);
    // Holder B is no member of society B or C: 404, whatever the format.
    for (const [token, format] of [[w.tokens.societyB, 'json'], [w.tokens.societyC, 'pdf'], [w.tokens.societyB, 'csv']]) {
      expect((await as(token).get(`/v1/rights-holders/${w.holderB.id}/statement?year=2025&format=${format}`)).status).toBe(404);
    }
    expect((await as(w.tokens.societyB).get(`/v1/rights-holders/${w.holderB.id}/unclaimed`)).status).toBe(404);
  });

  it('lets regulators and admins read every society’s part', async () => {
    for (const token of [w.tokens.regulator, w.tokens.admin]) {
      const res = await as(token).get(`/v1/rights-holders/${w.holderA.id}/statement?year=2025`);
      expect(res.status).toBe(200);
      expect(societyIdsOf(res.body)).toEqual([w.societyA.id, w.societyB.id, w.societyC.id].sort());
    }
    expect((await as(w.tokens.regulator).get(`/v1/rights-holders/00000000-0000-4000-8000-000000000000/statement?year=2025`)).status).toBe(404);
  });

  it("shows a society's unclaimed lines and claims only to that society", async () => {
    const claim = await as(w.tokens.holderA).post(`/v1/rights-holders/${w.holderA.id}/claims`, { submissionId: w.submissions.a2025.id, lineId: 'U-1' });
    expect(claim.status).toBe(201);
    const mine = await as(w.tokens.societyA).get(`/v1/societies/${w.societyA.id}/claims`);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([claim.body.id]);
    expect((await as(w.tokens.societyB).get(`/v1/societies/${w.societyA.id}/claims`)).status).toBe(404);
    expect((await as(w.tokens.societyB).get(`/v1/societies/${w.societyB.id}/claims`)).body.items).toEqual([]);
    // Society B sees holder A (a member through lines) but none of A's claims at society A.
    expect((await as(w.tokens.societyB).get(`/v1/rights-holders/${w.holderA.id}/claims`)).body.items).toEqual([]);
    expect((await as(w.tokens.societyB).get(`/v1/rights-holders/${w.holderA.id}/unclaimed`)).body.items).toEqual([]);
  });
});
